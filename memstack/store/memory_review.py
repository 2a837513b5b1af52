"""Proposals, review events and extraction logs in the in-memory store.

Mixin for :class:`memstack.store.memory.InMemoryStore`: each ``_op_<OpName>(self, op, undo)`` method
handles one op type from :mod:`memstack.models`; ``batch`` dispatches to it
inside the store's transaction.
"""

from __future__ import annotations


class MemoryReviewOps:
    """Review-queue ops for the in-memory store."""
