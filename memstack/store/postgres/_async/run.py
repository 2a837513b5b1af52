"""How the PostgreSQL store runs a batch: one transaction on a pooled connection.

The handler table of this door is assembled here from the modules of each
service, exactly as in the SQLite backend; a test checks it against the
contract. :func:`run_batch` is what ``PostgresStore`` calls for each batch
(see :mod:`memstack.store.postgres.store` for the reasoning).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import psycopg

from ....errors import StoreError, UsageError
from ....index import keyword
from ....models import Compaction, CompactOp, is_write
from ... import migrations
from . import extract, keys, privacy, records, review, search, switch
from .tx import AsyncTx, Bulk, Handler, Handlers

if TYPE_CHECKING:
    from ..store import PostgresStore

__all__ = ["BULK", "HANDLERS", "compact", "run_batch"]

#: Every op this backend handles (checked against the contract by a test).
HANDLERS: Handlers = {
    **records.HANDLERS,
    **search.HANDLERS,
    **review.HANDLERS,
    **extract.HANDLERS,
    **privacy.HANDLERS,
    **keys.HANDLERS,
    **switch.HANDLERS,
}

#: Handlers of several consecutive ops of one type at once (see :func:`_apply`).
BULK: dict[type, Bulk] = {**records.BULK}

#: Each batch's first message: its transaction (reads: one snapshot, read only) and
#: the erasure counter every replica watches.
_BEGIN = {
    True: "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE; "
    "SELECT value FROM store_state WHERE key = 'erasures'",
    False: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
    "SELECT value FROM store_state WHERE key = 'erasures'",
}
_RETRY_STATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected


def handler(op: Any) -> Handler:
    """The function that runs ``op`` (raises UsageError for a type outside the contract)."""
    found = HANDLERS.get(type(op))
    if found is None:
        raise UsageError(f"Unsupported op {type(op).__name__} for the PostgreSQL store.")
    return found


async def run_batch(store: PostgresStore, ops: Sequence[Any]) -> list[Any]:
    """Run ``ops`` in one transaction, retrying a serialization failure or deadlock."""
    if store.closed:
        raise StoreError("The PostgreSQL store is closed.")
    handlers = [handler(op) for op in ops]
    if ops and all(isinstance(op, CompactOp) for op in ops):
        return [await compact(store) for _ in ops]
    write = any(is_write(op) for op in ops)
    delay = 0.01
    deadline = time.monotonic() + 30.0
    while True:
        try:
            return await _run(store, ops, handlers, write=write)
        except psycopg.Error as exc:
            if exc.sqlstate in _RETRY_STATES and time.monotonic() < deadline:
                await asyncio.sleep(delay)
                delay = min(delay * 2, 0.5)
                continue
            raise StoreError(f"PostgreSQL error: {exc}.") from exc


async def _run(
    store: PostgresStore, ops: Sequence[Any], handlers: Sequence[Handler], *, write: bool
) -> list[Any]:
    pool = await store.apool()
    async with pool.connection() as conn:
        if not store.schema_ok:
            await _check_schema(store, conn)
        tx = AsyncTx(store, conn, HANDLERS, write=write)
        # The connection is in autocommit mode and the batch opens its transaction
        # itself, with the erasure counter's read in the same message: one round
        # trip where psycopg's own BEGIN and the read would take two.
        try:
            cur = await conn.execute(_BEGIN[write])
            cur.nextset()
            store.see_erasures(await cur.fetchone())
            results = await _apply(tx, ops, handlers)
            if tx.erased:
                await tx.execute("UPDATE store_state SET value = value + 1 WHERE key = 'erasures'")
            await conn.execute("COMMIT")
        except BaseException:
            # Also when the caller was interrupted (a cancelled task, Ctrl-C): psycopg
            # has cancelled the statement on the server, and the transaction must not
            # go back to the pool open.
            await _rollback(conn)
            raise
    if tx.erased:
        keyword.clear_caches()
    return results


async def _check_schema(store: PostgresStore, conn: psycopg.AsyncConnection[Any]) -> None:
    """On a store's first batch: the schema is current, and no erasure is owed."""
    latest = max(m.version for m in migrations.load("postgres"))
    have = await version(conn)
    if have < latest:
        raise StoreError(
            f"The database {store.redacted} is at schema version {have}; memstack needs {latest}.",
            hint="Run 'memstack migrate' (or Memory(..., migrate=True)).",
        )
    cur = await conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
    row = await cur.fetchone()
    store.pgvector = tuple(int(p) for p in (row[0] if row else "0").split(".") if p.isdigit())
    debt = await privacy.owed(conn)
    store.schema_ok = True
    if debt:  # an erasure's compaction did not finish (crash, locks): finish it now
        await compact(store)


async def _apply(tx: AsyncTx, ops: Sequence[Any], handlers: Sequence[Handler]) -> list[Any]:
    """Run ``ops`` in order; a run of ops with a bulk handler goes in one call.

    ``add_many`` sends a thousand puts in one batch: run one by one they cost a
    round trip per row per table, run together one statement per table.
    """
    results: list[Any] = []
    i = 0
    while i < len(ops):
        bulk = BULK.get(type(ops[i]))
        if bulk is None:
            results.append(await handlers[i](tx, ops[i]))
            i += 1
            continue
        j = i + 1
        while j < len(ops) and type(ops[j]) is type(ops[i]):
            j += 1
        results.extend(await bulk(tx, ops[i:j]))
        i = j
    return results


async def _rollback(conn: psycopg.AsyncConnection[Any]) -> None:
    """End a failed batch's transaction (its error is the one that propagates)."""
    if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
        return  # it never began, or COMMIT failed and ended it
    try:
        await conn.execute("ROLLBACK")
    except psycopg.Error:
        pass  # a broken connection: the pool discards it, and the server rolls back


async def version(conn: psycopg.AsyncConnection[Any]) -> int:
    """The highest applied migration (0 for a blank database)."""
    cur = await conn.execute("SELECT to_regclass('_migrations') IS NOT NULL")
    row = await cur.fetchone()
    if not row or not row[0]:
        return 0
    cur = await conn.execute("SELECT max(version) FROM _migrations")
    got = await cur.fetchone()
    return int(got[0] or 0) if got else 0


async def compact(store: PostgresStore) -> Compaction:
    """Make earlier deletions physical: rewrite the tables (VACUUM FULL), then CHECKPOINT.

    On a connection of its own, outside the pool: ``VACUUM`` cannot run in a
    transaction, and a rewrite should not hold a connection batches wait for.
    """
    async with await psycopg.AsyncConnection.connect(store.url, autocommit=True) as conn:
        return await privacy.compact(conn)
