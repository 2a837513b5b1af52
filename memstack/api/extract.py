"""Extraction: remember, extractions, background worker."""

from __future__ import annotations


class ExtractAPI:
    """Mixin for :class:`memstack.core.Memory` (see :mod:`memstack.api`)."""
