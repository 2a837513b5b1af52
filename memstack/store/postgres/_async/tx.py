"""One transaction of the PostgreSQL store, as the op handlers see it.

Every handler is a function ``handler(tx, op) -> result`` registered in its
module's ``HANDLERS`` table, as in the SQLite backend; :class:`AsyncTx` gives it
the connection the batch runs on and the helpers several handlers share.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import psycopg

from ....models import Event
from ..rows import ts

if TYPE_CHECKING:
    from ..store import PostgresStore

__all__ = ["AsyncTx", "Bulk", "Handler", "Handlers"]


class AsyncTx:
    """The connection and helpers of one batch (read or write)."""

    __slots__ = ("conn", "erased", "handlers", "store", "write")

    def __init__(
        self,
        store: PostgresStore,
        conn: psycopg.AsyncConnection[Any],
        handlers: Handlers,
        *,
        write: bool,
    ) -> None:
        self.store = store
        self.conn = conn
        self.handlers = handlers
        self.write = write
        #: Set by erasure handlers: the batch removed personal data.
        self.erased = False

    async def run(self, op: Any) -> Any:
        """Run one op inside this transaction (handlers use it for nested ops)."""
        return await self.handlers[type(op)](self, op)

    async def execute(
        self, sql: str, params: Sequence[Any] | None = None
    ) -> psycopg.AsyncCursor[Any]:
        """Run one statement on the batch's connection."""
        return await self.conn.execute(sql, params)

    async def all(self, sql: str, params: Sequence[Any] | None = None) -> list[Any]:
        cur = await self.execute(sql, params)
        return await cur.fetchall()

    async def one(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        cur = await self.execute(sql, params)
        return await cur.fetchone()

    async def count(self, sql: str, params: Sequence[Any] | None = None) -> int:
        """Run one statement and return the number of rows it changed."""
        cur = await self.execute(sql, params)
        return cur.rowcount

    async def insert(self, table: str, columns: str, rows: Sequence[Sequence[Any]]) -> None:
        """Append rows to ``table`` (no conflict handling), in order.

        A few rows go as one pipelined ``INSERT`` (one round trip); more as one
        ``COPY … FROM STDIN``, which the server loads several times faster than
        row-by-row statements: a batch of a thousand writes costs one statement
        per table instead of one per row.
        """
        if not rows:
            return
        if len(rows) <= _FEW:
            slots = ", ".join(["%s"] * (columns.count(",") + 1))
            async with self.conn.cursor() as cur:
                await cur.executemany(f"INSERT INTO {table} ({columns}) VALUES ({slots})", rows)
            return
        async with (
            self.conn.cursor() as cur,
            cur.copy(f"COPY {table} ({columns}) FROM STDIN") as cp,
        ):
            for row in rows:
                await cp.write_row(row)

    async def event(self, e: Event) -> None:
        """Append a history event."""
        await self.events([e])

    async def events(self, events: Iterable[Event]) -> None:
        """Append history events, in order."""
        await self.insert("events", _EVENT_COLS, [_event(e) for e in events])


#: Up to this many rows an insert is one pipelined statement; beyond, a COPY (two
#: round trips, but a much cheaper load per row).
_FEW = 8
_EVENT_COLS = (
    "id, at, action, actor, scope, memory_id, before, after, before_hash, after_hash, detail"
)


def _event(e: Event) -> tuple[Any, ...]:
    return (
        e.id, ts(e.at), e.action, e.actor, e.scope, e.memory_id, e.before, e.after,
        e.before_hash, e.after_hash, json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
    )  # fmt: skip


Handler = Callable[[AsyncTx, Any], Awaitable[Any]]
Handlers = dict[type, Handler]
#: A handler of several consecutive ops of one type: ``bulk(tx, ops) -> results``.
Bulk = Callable[[AsyncTx, Sequence[Any]], Awaitable[list[Any]]]
