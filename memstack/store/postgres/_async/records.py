"""Memory records in the PostgreSQL store: put, supersede, delete, reads and vectors.

Each function handles one op of :mod:`memstack.models.contract` inside the
batch's transaction (READ COMMITTED). Write preconditions lock the row they
check (``SELECT … FOR UPDATE``), so a concurrent writer on any replica waits
for this transaction and then sees its result: of two updates of one version,
the second finds it superseded and fails with ``Conflict``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from ....errors import Conflict, NotFound, UsageError
from ....index.keyword import analyze
from ....models import (
    CountOp,
    DeleteOp,
    Event,
    EventOp,
    GetManyOp,
    GetOp,
    HistoryOp,
    ListOp,
    PutOp,
    Record,
    ScopesOp,
    SupersedeOp,
    VectorLookupOp,
    VectorPurgeOp,
    VectorPutOp,
    VectorsOp,
    VectorStats,
)
from ...sqlite.rows import stored_metadata
from ..rows import COLS, ECOLS, event_row, record_of, tree, ts, where
from .postings import index_rows, unindex_rows
from .tx import AsyncTx, Bulk, Handlers

__all__ = ["BULK", "HANDLERS", "delete_rows", "put_many", "vector_param"]


def vector_param(vec: Any) -> str:
    """A vector as pgvector's text form.

    Nine significant digits give back every float32 exactly (pgvector parses with
    ``strtof``), and one ``%``-format per vector is several times faster than a
    ``repr`` per value: a batch of a thousand 384-d vectors is formatted in tens of
    milliseconds.
    """
    arr = np.asarray(vec, np.float32).ravel()
    return _vector_format(len(arr)) % tuple(arr.tolist())


@lru_cache(maxsize=8)
def _vector_format(dim: int) -> str:
    return "[" + ",".join(["%.9g"] * dim) + "]"


async def _get(tx: AsyncTx, op: GetOp) -> Record | None:
    row = await tx.one(f"SELECT {COLS} FROM memories m WHERE m.id = %s", (op.id,))
    return None if row is None else record_of(row)


async def _get_many(tx: AsyncTx, op: GetManyOp) -> dict[str, Record]:
    rows = await tx.all(f"SELECT {COLS} FROM memories m WHERE m.id = ANY(%s)", (list(op.ids),))
    return {r[1]: record_of(r) for r in rows}


async def _list(tx: AsyncTx, op: ListOp) -> list[Record]:
    sql, params = where(op.filter)
    page = f" LIMIT {int(op.limit)} OFFSET {int(op.offset)}" if op.limit is not None else ""
    rows = await tx.all(
        f"SELECT {COLS} FROM memories m WHERE {sql} ORDER BY m.recorded_at, m.id{page}", params
    )
    return [record_of(r) for r in rows]


async def _count(tx: AsyncTx, op: CountOp) -> int:
    sql, params = where(op.filter)
    return int((await tx.one(f"SELECT count(*) FROM memories m WHERE {sql}", params))[0])


async def _history(tx: AsyncTx, op: HistoryOp) -> list[Event]:
    rows = await tx.all(f"SELECT {ECOLS} FROM events WHERE memory_id = ANY(%s)", (list(op.ids),))
    return sorted((event_row(r) for r in rows), key=lambda e: (e.at, e.id))


async def _scopes(tx: AsyncTx, op: ScopesOp) -> dict[str, int]:
    sql = "SELECT scope, count(*) FROM memories WHERE superseded_by IS NULL"
    args: list[Any] = []
    if op.now is not None:
        sql += " AND (expires_at IS NULL OR expires_at > %s)"
        args.append(op.now.timestamp())
    if op.prefix is not None:
        tsql, targs = tree("scope", op.prefix)
        sql += f" AND {tsql}"
        args += targs
    return {s: int(n) for s, n in await tx.all(sql + " GROUP BY scope ORDER BY scope", args)}


async def _put(tx: AsyncTx, op: PutOp) -> Record:
    return (await put_many(tx, [op]))[0]


_MEMORY_COLS = (
    "id, scope, kind, text, topic, pinned, importance, source, valid_from, valid_to, "
    "recorded_at, superseded_by, expires_at, content_hash, metadata"
)
_MEMORY_TYPES = (
    "text", "text", "text", "text", "text", "bool", "float8", "text", "float8", "float8",
    "float8", "text", "float8", "text", "text",
)  # fmt: skip
_INSERT_MEMORIES = (
    f"INSERT INTO memories ({_MEMORY_COLS}) "
    f"SELECT {_MEMORY_COLS.replace('metadata', 'metadata::jsonb')} FROM unnest("
    + ", ".join(f"%s::{t}[]" for t in _MEMORY_TYPES)
    + f") WITH ORDINALITY AS u({_MEMORY_COLS}, n) ORDER BY n "
    "ON CONFLICT (id) DO NOTHING RETURNING id, rowid"
)


def _memory_row(r: Record) -> tuple[Any, ...]:
    return (
        r.id, r.scope, r.kind, r.text, r.topic, bool(r.pinned), float(r.importance),
        json.dumps(r.source.to_dict(), ensure_ascii=False, sort_keys=True),
        ts(r.valid_from), ts(r.valid_to), ts(r.recorded_at), r.superseded_by,
        ts(r.expires_at), r.content_hash, stored_metadata(r.metadata),
    )  # fmt: skip


async def put_many(tx: AsyncTx, ops: Sequence[PutOp]) -> list[Record]:
    """Insert the records of consecutive :class:`PutOp` s with one statement per table.

    The same result as running them one by one in this transaction: the records
    go in first (``ON CONFLICT (id) DO NOTHING``, which waits for any other
    transaction inserting the same id), then each op whose id was taken is checked
    in order (a plain put fails, an idempotent one must be a retry of the same
    content); then the keyword rows, vectors and events of the new records.
    """
    rows = [_memory_row(op.record) for op in ops]
    inserted = dict(await tx.all(_INSERT_MEMORIES, [list(col) for col in zip(*rows, strict=True)]))
    new: list[tuple[int, PutOp]] = []
    taken: list[int] = []
    for i, op in enumerate(ops):
        rowid = inserted.pop(op.record.id, None)  # a repeated id: only its first op inserted
        if rowid is None:
            taken.append(i)
        else:
            new.append((int(rowid), op))
    out = [op.record for op in ops]
    if taken:
        ids = list({ops[i].record.id for i in taken})
        stored = {
            r[1]: record_of(r)
            for r in await tx.all(f"SELECT {COLS} FROM memories m WHERE m.id = ANY(%s)", (ids,))
        }
        for i in taken:
            r = ops[i].record
            if not ops[i].idempotent:
                raise UsageError(f"A memory with id {r.id!r} already exists.")
            out[i] = _retried(stored[r.id], r)
    vectors = []
    for rowid, op in new:
        if op.vector is not None and op.embedder:
            arr = np.asarray(op.vector, np.float32)
            vectors.append((rowid, op.embedder, len(arr), vector_param(arr)))
    await tx.insert("vectors", "memory, embedder, dim, vec", vectors)
    await tx.events([op.event for _, op in new])
    # Last: the keyword statistics rows are the ones concurrent writers share, so
    # this transaction holds their locks for as short a time as it can.
    await index_rows(
        tx,
        [
            (
                rowid, op.record.scope,
                op.keywords if op.keywords is not None else analyze(op.record.text),
                op.context or "",
            )
            for rowid, op in new
        ],
    )  # fmt: skip
    return out


def _retried(stored: Record, wanted: Record) -> Record:
    """An idempotent put found its id taken: the same write retried, or a clash."""
    same = (stored.scope, stored.kind, stored.content_hash) == (
        wanted.scope, wanted.kind, wanted.content_hash,
    )  # fmt: skip
    if not same:
        raise Conflict(
            f"The idempotency key of this write was already used for memory {stored.id} "
            "with other content.",
            hint="Use a new idempotency key for a different write.",
        )
    return stored


async def _supersede(tx: AsyncTx, op: SupersedeOp) -> None:
    row = await tx.one(f"SELECT {COLS} FROM memories m WHERE m.id = %s FOR UPDATE", (op.id,))
    if row is None:
        raise NotFound(f"No memory with id {op.id!r}.")
    refusal = op.refusal(record_of(row))
    if refusal is not None:
        raise Conflict(refusal)
    await tx.execute(
        "UPDATE memories SET valid_to = %s, superseded_by = %s WHERE rowid = %s",
        (ts(op.valid_to), op.superseded_by, row[0]),
    )


async def _delete(tx: AsyncTx, op: DeleteOp) -> None:
    row = await tx.one(f"SELECT {COLS} FROM memories m WHERE m.id = %s FOR UPDATE", (op.id,))
    if row is None:
        raise NotFound(f"No memory with id {op.id!r}.")
    refusal = op.refusal(record_of(row))
    if refusal is not None:
        raise Conflict(refusal)
    await delete_rows(tx, [int(row[0])])
    await tx.event(op.event)


async def delete_rows(tx: AsyncTx, rowids: list[int]) -> tuple[int, int, int]:
    """Remove records by rowid with their keyword rows and vectors (no events).

    Returns ``(records, keyword rows, vectors)`` deleted.
    """
    keyword_rows = await unindex_rows(tx, "m.rowid = ANY(%s)", (rowids,))
    vectors = await tx.count("DELETE FROM vectors WHERE memory = ANY(%s)", (rowids,))
    records = await tx.count("DELETE FROM memories WHERE rowid = ANY(%s)", (rowids,))
    return records, keyword_rows, vectors


async def _event(tx: AsyncTx, op: EventOp) -> None:
    await tx.event(op.event)


async def _vectors(tx: AsyncTx, op: VectorsOp) -> VectorStats:
    by = {
        e: int(n)
        for e, n in await tx.all("SELECT embedder, count(*) FROM vectors GROUP BY embedder")
    }
    missing_sql = (
        "FROM memories m WHERE NOT EXISTS "
        "(SELECT 1 FROM vectors v WHERE v.memory = m.rowid AND v.embedder = %s)"
    )
    missing = int((await tx.one(f"SELECT count(*) {missing_sql}", (op.embedder,)))[0])
    rows = await tx.all(
        f"SELECT {COLS} {missing_sql} ORDER BY m.rowid LIMIT %s", (op.embedder, op.limit)
    )
    return VectorStats(by, missing, [record_of(r) for r in rows])


async def _vector_lookup(tx: AsyncTx, op: VectorLookupOp) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    rows = await tx.all(
        "SELECT m.content_hash, v.vec::text FROM memories m JOIN vectors v "
        "ON v.memory = m.rowid AND v.embedder = %s "
        "WHERE m.kind != 'episode' AND m.content_hash = ANY(%s) ORDER BY m.rowid",
        (op.embedder, list(dict.fromkeys(op.hashes))),
    )
    for h, text in rows:
        out.setdefault(h, parse_vector(text))
    return out


def parse_vector(text: str) -> np.ndarray:
    """pgvector's text form as a float32 array."""
    return np.array(text.strip("[]").split(","), dtype=np.float32)


async def _vector_put(tx: AsyncTx, op: VectorPutOp) -> None:
    for rid, vec in zip(op.ids, op.vectors, strict=True):
        arr = np.asarray(vec, np.float32)
        cur = await tx.execute(
            "INSERT INTO vectors (memory, embedder, dim, vec) "
            "SELECT rowid, %s, %s, %s::vector FROM memories WHERE id = %s "
            "ON CONFLICT (memory, embedder) DO UPDATE SET dim = excluded.dim, vec = excluded.vec",
            (op.embedder, len(arr), vector_param(arr), rid),
        )
        if cur.rowcount == 0:
            raise NotFound(f"No memory with id {rid!r}.")


async def _vector_purge(tx: AsyncTx, op: VectorPurgeOp) -> None:
    await tx.execute("DELETE FROM vectors WHERE embedder != %s", (op.keep,))


HANDLERS: Handlers = {
    GetOp: _get,
    GetManyOp: _get_many,
    ListOp: _list,
    CountOp: _count,
    HistoryOp: _history,
    ScopesOp: _scopes,
    PutOp: _put,
    SupersedeOp: _supersede,
    DeleteOp: _delete,
    EventOp: _event,
    VectorsOp: _vectors,
    VectorLookupOp: _vector_lookup,
    VectorPutOp: _vector_put,
    VectorPurgeOp: _vector_purge,
}

#: Ops a batch runs together when several come in a row (``handler(tx, ops) -> results``).
BULK: dict[type, Bulk] = {PutOp: put_many}
