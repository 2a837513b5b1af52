"""One transaction of the SQLite store, as the op handlers see it.

Every handler is a plain function ``handler(tx, op) -> result`` registered in
its module's ``HANDLERS`` table; :class:`Tx` gives it the connection the batch
runs on, the store (for its search cache and settings) and the few helpers
several handlers share (appending an event, running a nested op).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...models import Event
from .rows import ts

if TYPE_CHECKING:
    from .store import SqliteStore

__all__ = ["Handler", "Handlers", "Tx"]


class Tx:
    """The connection and helpers of one batch (read or write)."""

    __slots__ = ("after", "conn", "erased", "erased_scopes", "store", "write")

    def __init__(self, store: SqliteStore, conn: sqlite3.Connection, *, write: bool) -> None:
        self.store = store
        self.conn = conn
        self.write = write
        #: Set by erasure handlers: the batch removed personal data, so caches must purge.
        self.erased = False
        #: Scopes that lost rows to an erasure (their block files are deleted).
        self.erased_scopes: set[str] = set()
        #: Run with the connection once the transaction has committed (e.g. saving a block).
        self.after: list[Callable[[sqlite3.Connection], None]] = []

    def run(self, op: Any) -> Any:
        """Run one op inside this transaction (handlers use it for nested ops)."""
        return self.store.handler(op)(self, op)

    def event(self, e: Event) -> None:
        """Append a history event."""
        self.conn.execute(
            "INSERT INTO events (id, at, action, actor, scope, memory_id, before, after, "
            "before_hash, after_hash, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.id, ts(e.at), e.action, e.actor, e.scope, e.memory_id, e.before, e.after,
                e.before_hash, e.after_hash,
                json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
            ),
        )  # fmt: skip

    def changed(self, rowid: int | None, what: str) -> None:
        """Note a change the triggers cannot see (keyword context rewritten, an erasure)."""
        self.conn.execute("INSERT INTO changes (memory, what) VALUES (?, ?)", (rowid, what))


Handler = Callable[[Tx, Any], Any]
Handlers = dict[type, Handler]
