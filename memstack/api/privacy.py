"""Privacy and lifecycle: forget, export, gc, audit."""

from __future__ import annotations


class PrivacyAPI:
    """Mixin for :class:`memstack.core.Memory` (see :mod:`memstack.api`)."""
