"""Erasure, export and retention in the in-memory store.

Mixin for :class:`memstack.store.memory.InMemoryStore`: each ``_op_<OpName>(self, op, undo)`` method
handles one op type from :mod:`memstack.models`; ``batch`` dispatches to it
inside the store's transaction.
"""

from __future__ import annotations


class MemoryPrivacyOps:
    """Privacy ops for the in-memory store."""
