"""Prompts: compile, session, render, apply."""

from __future__ import annotations


class PromptAPI:
    """Mixin for :class:`memstack.core.Memory` (see :mod:`memstack.api`)."""
