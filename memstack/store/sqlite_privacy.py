"""Erasure, export and retention in the SQLite store.

Mixin for :class:`memstack.store.sqlite.SqliteStore`: each ``_op_<OpName>(self, op, touched)`` method
handles one op type from :mod:`memstack.models`; ``batch`` dispatches to it
inside the store's transaction.
"""

from __future__ import annotations


class SqlitePrivacyOps:
    """Privacy ops for the SQLite store."""
