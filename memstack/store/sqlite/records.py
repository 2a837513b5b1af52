"""Memory records in the SQLite store: put, supersede, delete, reads and vectors.

Each function handles one op of :mod:`memstack.models.contract` inside the
batch's transaction. Writes check their preconditions here, in the write
transaction (which holds SQLite's write lock), so a concurrent writer in this
or another process cannot slip between the check and the write.

Writes do not touch the in-memory search blocks: triggers note every changed
row in the ``changes`` table and the search cache reads that log before it
searches (:mod:`memstack.store.sqlite.search`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

import numpy as np

from ...errors import Conflict, NotFound, UsageError
from ...index.keyword import analyze, scope_terms
from ...index.vector import decode
from ...models import (
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
from . import stats
from .rows import COLS, chunks, event_row, record_of, stored_metadata, ts, where
from .tx import Handlers, Tx

__all__ = ["HANDLERS", "delete_rows"]


def _get(tx: Tx, op: GetOp) -> Record | None:
    row = tx.conn.execute(f"SELECT {COLS} FROM memories m WHERE m.id = ?", (op.id,)).fetchone()
    return None if row is None else record_of(row)


def _get_many(tx: Tx, op: GetManyOp) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for chunk in chunks(list(op.ids), 500):
        marks = ",".join("?" * len(chunk))
        for row in tx.conn.execute(f"SELECT {COLS} FROM memories m WHERE m.id IN ({marks})", chunk):
            found[row[1]] = record_of(row)
    return found


def _list(tx: Tx, op: ListOp) -> list[Record]:
    sql, params = where(op.filter)
    page = f" LIMIT {int(op.limit)} OFFSET {int(op.offset)}" if op.limit is not None else ""
    rows = tx.conn.execute(
        f"SELECT {COLS} FROM memories m WHERE {sql} ORDER BY m.recorded_at, m.id{page}", params
    ).fetchall()
    return [record_of(r) for r in rows]


def _count(tx: Tx, op: CountOp) -> int:
    sql, params = where(op.filter)
    return int(
        tx.conn.execute(f"SELECT count(*) FROM memories m WHERE {sql}", params).fetchone()[0]
    )


def _history(tx: Tx, op: HistoryOp) -> list[Event]:
    out: list[Event] = []
    for chunk in chunks(list(op.ids), 500):
        marks = ",".join("?" * len(chunk))
        rows = tx.conn.execute(
            "SELECT id, at, action, actor, scope, memory_id, before, after, before_hash, "
            f"after_hash, detail, seq FROM events WHERE memory_id IN ({marks})",
            chunk,
        ).fetchall()
        out += [event_row(r) for r in rows]
    return sorted(out, key=lambda e: (e.at, e.id))


def _scopes(tx: Tx, op: ScopesOp) -> dict[str, int]:
    sql = "SELECT scope, count(*) FROM memories WHERE superseded_by IS NULL"
    args: list[Any] = []
    if op.now is not None:
        sql += " AND (expires_at IS NULL OR expires_at > ?)"
        args.append(op.now.timestamp())
    if op.prefix is not None:
        sql += " AND (scope = ? OR scope GLOB ?)"
        args += [op.prefix, op.prefix + "/*"]
    return dict(tx.conn.execute(sql + " GROUP BY scope ORDER BY scope", args).fetchall())


def _put(tx: Tx, op: PutOp) -> Record:
    r = op.record
    if op.idempotent:
        row = tx.conn.execute(f"SELECT {COLS} FROM memories m WHERE m.id = ?", (r.id,)).fetchone()
        if row is not None:
            return _retried(record_of(row), r)
    try:
        cur = tx.conn.execute(
            "INSERT INTO memories (id, scope, kind, text, topic, pinned, importance, source, "
            "valid_from, valid_to, recorded_at, superseded_by, expires_at, content_hash, "
            "metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                r.id, r.scope, r.kind, r.text, r.topic, int(r.pinned), r.importance,
                json.dumps(r.source.to_dict(), ensure_ascii=False, sort_keys=True),
                ts(r.valid_from), ts(r.valid_to), ts(r.recorded_at), r.superseded_by,
                ts(r.expires_at), r.content_hash, stored_metadata(r.metadata),
            ),
        )  # fmt: skip
    except sqlite3.IntegrityError as exc:
        raise UsageError(f"A memory with id {r.id!r} already exists.") from exc
    rowid = cur.lastrowid
    terms = op.keywords if op.keywords is not None else analyze(r.text)
    tx.conn.execute(
        "INSERT INTO memories_fts (rowid, terms, context, scopes) VALUES (?, ?, ?, ?)",
        (rowid, terms, op.context or "", scope_terms(r.scope)),
    )
    stats.adjust(tx, [(r.scope, 1, stats.length(terms, op.context or ""))])
    if op.vector is not None and op.embedder:
        vec = np.asarray(op.vector, "<f4")
        tx.conn.execute(
            "INSERT INTO vectors (memory, embedder, dim, vec) VALUES (?, ?, ?, ?)",
            (rowid, op.embedder, len(vec), vec.tobytes()),
        )
    tx.event(op.event)
    return r


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


def _supersede(tx: Tx, op: SupersedeOp) -> None:
    row = tx.conn.execute(f"SELECT {COLS} FROM memories m WHERE m.id = ?", (op.id,)).fetchone()
    if row is None:
        raise NotFound(f"No memory with id {op.id!r}.")
    refusal = op.refusal(record_of(row))
    if refusal is not None:
        raise Conflict(refusal)
    tx.conn.execute(
        "UPDATE memories SET valid_to = ?, superseded_by = ? WHERE rowid = ?",
        (ts(op.valid_to), op.superseded_by, row[0]),
    )


def _delete(tx: Tx, op: DeleteOp) -> None:
    row = tx.conn.execute(f"SELECT {COLS} FROM memories m WHERE m.id = ?", (op.id,)).fetchone()
    if row is None:
        raise NotFound(f"No memory with id {op.id!r}.")
    refusal = op.refusal(record_of(row))
    if refusal is not None:
        raise Conflict(refusal)
    delete_rows(tx, [row[0]])
    tx.event(op.event)


def delete_rows(tx: Tx, rowids: Sequence[int]) -> None:
    """Remove records by rowid with their keyword rows and vectors (no events)."""
    for chunk in chunks(list(rowids), 500):
        marks = ",".join("?" * len(chunk))
        stats.removing(tx, f"({marks})", chunk)
        tx.conn.execute(f"DELETE FROM memories_fts WHERE rowid IN ({marks})", chunk)
        tx.conn.execute(f"DELETE FROM vectors WHERE memory IN ({marks})", chunk)
        tx.conn.execute(f"DELETE FROM memories WHERE rowid IN ({marks})", chunk)


def _event(tx: Tx, op: EventOp) -> None:
    tx.event(op.event)


def _vectors(tx: Tx, op: VectorsOp) -> VectorStats:
    c = tx.conn
    by = dict(c.execute("SELECT embedder, count(*) FROM vectors GROUP BY embedder").fetchall())
    # Each vector row names one existing memory (foreign key, primary key per embedder),
    # so the count of memories without one is a difference of counts: probing every
    # memory's vector row read the whole vectors table (seconds at 100k memories).
    total = c.execute("SELECT count(*) FROM memories").fetchone()[0]
    missing = total - by.get(op.embedder, 0)
    rows = []
    if op.limit and missing:
        rows = c.execute(
            f"SELECT {COLS} FROM memories m WHERE NOT EXISTS (SELECT 1 FROM vectors v "
            "WHERE v.memory = m.rowid AND v.embedder = ?) ORDER BY m.rowid LIMIT ?",
            (op.embedder, op.limit),
        ).fetchall()
    return VectorStats(by, missing, [record_of(r) for r in rows])


def _vector_lookup(tx: Tx, op: VectorLookupOp) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for chunk in chunks(list(dict.fromkeys(op.hashes)), 500):
        for h, blob in tx.conn.execute(
            # "+v.embedder": find memories by hash, then their vectors; through the
            # embedder index SQLite read every vector of the store for each batch
            # written (ingest slowed with the store's size).
            "SELECT m.content_hash, v.vec FROM memories m JOIN vectors v "
            "ON v.memory = m.rowid AND +v.embedder = ? "
            f"WHERE m.kind != 'episode' AND m.content_hash IN ({','.join('?' * len(chunk))})",
            [op.embedder, *chunk],
        ):
            out.setdefault(h, decode(blob))
    return out


def _vector_put(tx: Tx, op: VectorPutOp) -> None:
    for rid, vec in zip(op.ids, op.vectors, strict=True):
        arr = np.asarray(vec, "<f4")
        cur = tx.conn.execute(
            "INSERT OR REPLACE INTO vectors (memory, embedder, dim, vec) "
            "SELECT rowid, ?, ?, ? FROM memories WHERE id = ?",
            (op.embedder, len(arr), arr.tobytes(), rid),
        )
        if cur.rowcount == 0:
            raise NotFound(f"No memory with id {rid!r}.")


def _vector_purge(tx: Tx, op: VectorPurgeOp) -> None:
    tx.conn.execute("DELETE FROM vectors WHERE embedder != ?", (op.keep,))


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
