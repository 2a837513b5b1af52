"""Proposals and review: propose, proposals, approve, reject, policies."""

from __future__ import annotations


class ReviewAPI:
    """Mixin for :class:`memstack.core.Memory` (see :mod:`memstack.api`)."""
