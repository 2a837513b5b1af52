"""The embedded default: records, keyword index, vectors and history in one SQLite file.

Why one file and one transaction: a memory is only useful if its text, its
keyword row, its vector and its history event agree. Every :meth:`batch` runs in
a single ``BEGIN IMMEDIATE … COMMIT``; a failure rolls all of it back.

Keyword search uses FTS5 over terms analysed in Python (see
:mod:`memstack.index.keyword`); a second FTS column holds scope terms so that a
query over descendants is an index intersection, not a scan. Searching a scope
and its ancestors ranks from in-memory blocks instead, one per scope, for both
keyword postings and vectors (:mod:`memstack.store.sqlite_search`); they load on
the first query that needs them and are kept in step with every write made
through this store.

The database runs in WAL mode with ``secure_delete`` on, so deleted content is
overwritten rather than left in free pages. Schema changes happen only in
:meth:`setup` (``memstack migrate``), never in the constructor.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import NotFound, StoreError, UsageError
from ..index.keyword import analyze, scope_terms
from ..index.postings import TermRow
from ..index.vector import Row, decode
from ..models import (
    Candidates,
    CountOp,
    DeleteOp,
    Event,
    EventOp,
    GetManyOp,
    GetOp,
    HistoryOp,
    ListOp,
    Op,
    PutOp,
    Record,
    ScopesOp,
    SearchOp,
    SupersedeOp,
    VectorLookupOp,
    VectorPurgeOp,
    VectorPutOp,
    VectorsOp,
    VectorStats,
)
from . import migrations
from .base import Store
from .sqlite_extract import SqliteExtractOps
from .sqlite_privacy import SqlitePrivacyOps
from .sqlite_review import SqliteReviewOps
from .sqlite_rows import COLS, chunks, event_row, record_of, ts, where
from .sqlite_search import SqliteSearchOps

__all__ = ["SqliteStore"]

# Anything not known to be a read takes the write lock (BEGIN IMMEDIATE).
_READS = (
    GetOp, GetManyOp, ListOp, CountOp, SearchOp, HistoryOp, ScopesOp, VectorsOp, VectorLookupOp
)  # fmt: skip


class SqliteStore(SqliteSearchOps, SqliteReviewOps, SqlitePrivacyOps, SqliteExtractOps, Store):
    """One SQLite file holding everything (see module docstring).

    Args:
        path: the database file; ``":memory:"`` for a throwaway database.
        exact_limit: scopes with more vectors than this use the sign-bit
            pre-ranking before the exact rescoring (``None``: always exact).
        cache_rows: rows each in-memory search index may hold before the least
            recently searched scopes are dropped (``None``: no limit).
    """

    name = "sqlite"

    def __init__(
        self,
        path: str | Path,
        *,
        exact_limit: int | None = 10_000,
        cache_rows: int | None = 500_000,
    ) -> None:
        self.path = str(path) if str(path) else ":memory:"
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.exact_limit = exact_limit
        self.cache_rows = cache_rows
        self._lock = threading.RLock()
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA busy_timeout = 5000")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA secure_delete = ON")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot open the database {self.path}: {exc}.") from exc
        self._init_search()
        self._schema_ok = False

    # -- schema ---------------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for services that need SQLite-specific maintenance."""
        return self._conn

    def schema_version(self) -> int:
        """The highest applied migration (0 for a blank database)."""
        with self._lock:
            has = self._conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'"
            ).fetchone()
            if not has:
                return 0
            row = self._conn.execute("SELECT max(version) FROM _migrations").fetchone()
            return int(row[0] or 0)

    def setup(self) -> None:
        """Apply pending migrations, each in its own transaction with its bookkeeping row."""
        with self._lock:
            conn = self._conn
            conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)"
            )
            current = self.schema_version()
            for mig in migrations.load("sqlite"):
                if mig.version <= current:
                    continue
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    for stmt in migrations.split_statements(mig.sql):
                        conn.execute(stmt)
                    conn.execute(
                        "INSERT INTO _migrations VALUES (?, ?, ?)",
                        (mig.version, mig.name, time.time()),
                    )
                    conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    conn.execute("ROLLBACK")
                    raise StoreError(
                        f"Migration {mig.version:04d}_{mig.name} failed: {exc}."
                    ) from exc
            self._schema_ok = True

    def _check_schema(self) -> None:
        if self._schema_ok:
            return
        latest = max(m.version for m in migrations.load("sqlite"))
        have = self.schema_version()
        if have < latest:
            raise StoreError(
                f"The database {self.path} is at schema version {have}; memstack needs {latest}.",
                hint="Run 'memstack migrate' (or Memory(..., migrate=True)).",
            )
        self._schema_ok = True

    def close(self) -> None:
        with self._lock:
            self._vindex.clear()
            self._kindex.drop()
            self._conn.close()

    def info(self) -> dict[str, Any]:
        size = Path(self.path).stat().st_size if self.path != ":memory:" else 0
        return {
            "backend": self.name,
            "path": self.path,
            "schema_version": self.schema_version(),
            "sqlite_version": sqlite3.sqlite_version,
            "bytes": size,
        }

    # -- batch ----------------------------------------------------------------------

    def batch(self, ops: Sequence[Op]) -> list[Any]:
        with self._lock:
            self._check_schema()
            touched: set[str] = set()
            writes = any(not isinstance(op, _READS) for op in ops)
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE" if writes else "BEGIN")
                self._check_external()
                results = [self._one(op, touched) for op in ops]
                conn.execute("COMMIT")
                if writes:
                    self._written()
                return results
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                # Cached blocks may have seen the rolled-back writes: reload them.
                self._written(touched, failed=True)
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"SQLite error in {self.path}: {exc}.") from exc
                raise

    def _one(self, op: Op, touched: set[str]) -> Any:
        c = self._conn
        match op:
            case GetOp(id=rid):
                row = c.execute(f"SELECT {COLS} FROM memories m WHERE m.id = ?", (rid,)).fetchone()
                return None if row is None else record_of(row)
            case GetManyOp(ids=ids):
                found: dict[str, Record] = {}
                for chunk in chunks(list(ids), 500):
                    marks = ",".join("?" * len(chunk))
                    sql = f"SELECT {COLS} FROM memories m WHERE m.id IN ({marks})"
                    for row in c.execute(sql, chunk):
                        found[row[1]] = record_of(row)
                return found
            case ListOp(filter=flt, limit=limit, offset=offset):
                sql, params = where(flt)
                page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
                rows = c.execute(
                    f"SELECT {COLS} FROM memories m WHERE {sql} ORDER BY m.recorded_at, m.id{page}",
                    params,
                ).fetchall()
                return [record_of(r) for r in rows]
            case CountOp(filter=flt):
                sql, params = where(flt)
                row = c.execute(f"SELECT count(*) FROM memories m WHERE {sql}", params).fetchone()
                return row[0]
            case SearchOp():
                return Candidates(*self._search(op))
            case HistoryOp(ids=ids):
                return self._history(ids)
            case ScopesOp(prefix=prefix, now=now):
                sql = "SELECT scope, count(*) FROM memories WHERE superseded_by IS NULL"
                args: list[Any] = []
                if now is not None:
                    sql += " AND (expires_at IS NULL OR expires_at > ?)"
                    args.append(now.timestamp())
                if prefix is not None:
                    sql += " AND (scope = ? OR scope GLOB ?)"
                    args += [prefix, prefix + "/*"]
                return dict(c.execute(sql + " GROUP BY scope ORDER BY scope", args).fetchall())
            case PutOp():
                self._put(op, touched)
                return None
            case SupersedeOp(id=rid, valid_to=valid_to, superseded_by=by):
                row = c.execute("SELECT rowid, scope FROM memories WHERE id = ?", (rid,)).fetchone()
                if row is None:
                    raise NotFound(f"No memory with id {rid!r}.")
                c.execute(
                    "UPDATE memories SET valid_to = ?, superseded_by = ? WHERE rowid = ?",
                    (ts(valid_to), by, row[0]),
                )
                touched.add(row[1])
                for index in self._indexes():
                    index.close(row[0], valid_to.timestamp(), by is not None)
                return None
            case DeleteOp(id=rid, event=event):
                row = c.execute("SELECT rowid, scope FROM memories WHERE id = ?", (rid,)).fetchone()
                if row is None:
                    raise NotFound(f"No memory with id {rid!r}.")
                self.delete_rows([row[0]])
                touched.add(row[1])
                self._event(event)
                return None
            case EventOp(event=event):
                self._event(event)
                return None
            case VectorsOp(embedder=emb, limit=limit):
                return self._vector_stats(emb, limit)
            case VectorLookupOp(hashes=hashes, embedder=emb):
                return self._lookup(hashes, emb)
            case VectorPutOp(ids=ids, embedder=emb, vectors=vectors):
                for rid, vec in zip(ids, vectors, strict=True):
                    arr = np.asarray(vec, "<f4")
                    cur = c.execute(
                        "INSERT OR REPLACE INTO vectors (memory, embedder, dim, vec) "
                        "SELECT rowid, ?, ?, ? FROM memories WHERE id = ?",
                        (emb, len(arr), arr.tobytes(), rid),
                    )
                    if cur.rowcount == 0:
                        raise NotFound(f"No memory with id {rid!r}.")
                self._vindex.pop(emb, None)
                return None
            case VectorPurgeOp(keep=keep):
                c.execute("DELETE FROM vectors WHERE embedder != ?", (keep,))
                for name in [n for n in self._vindex if n != keep]:
                    del self._vindex[name]
                return None
        # Ops added by services (review, privacy, ...) are handled by mixins: _op_<OpName>.
        handler = getattr(self, "_op_" + type(op).__name__, None)
        if handler is None:
            raise UsageError(f"Unsupported op {type(op).__name__} for the SQLite store.")
        return handler(op, touched)

    # -- writes ---------------------------------------------------------------------

    def _put(self, op: PutOp, touched: set[str]) -> None:
        r = op.record
        try:
            cur = self._conn.execute(
                "INSERT INTO memories (id, scope, kind, text, topic, pinned, importance, source, "
                "valid_from, valid_to, recorded_at, superseded_by, expires_at, content_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    r.id, r.scope, r.kind, r.text, r.topic, int(r.pinned), r.importance,
                    json.dumps(r.source.to_dict(), ensure_ascii=False, sort_keys=True),
                    ts(r.valid_from), ts(r.valid_to), ts(r.recorded_at), r.superseded_by,
                    ts(r.expires_at), r.content_hash,
                ),
            )  # fmt: skip
        except sqlite3.IntegrityError as exc:
            raise UsageError(f"A memory with id {r.id!r} already exists.") from exc
        rowid = cur.lastrowid
        assert rowid is not None
        terms = op.keywords if op.keywords is not None else analyze(r.text)
        self._conn.execute(
            "INSERT INTO memories_fts (rowid, terms, context, scopes) VALUES (?, ?, ?, ?)",
            (rowid, terms, op.context or "", scope_terms(r.scope)),
        )
        touched.add(r.scope)
        self._fts_changed(terms)
        self._fts_changed(op.context or "")
        self._kindex.add(r.scope, TermRow(*_meta(rowid, r), terms, op.context or ""))
        if op.vector is not None and op.embedder:
            vec = np.asarray(op.vector, "<f4")
            self._conn.execute(
                "INSERT INTO vectors (memory, embedder, dim, vec) VALUES (?, ?, ?, ?)",
                (rowid, op.embedder, len(vec), vec.tobytes()),
            )
            index = self._vindex.get(op.embedder)
            if index is not None:
                index.add(r.scope, _row(rowid, r, vec))
        self._event(op.event)

    def delete_rows(self, rowids: Sequence[int]) -> None:
        """Remove records by rowid with their keyword rows and vectors (no events).

        Runs inside the caller's transaction; used by delete and by erasure.
        """
        c = self._conn
        self._fts_changed()
        for chunk in chunks(list(rowids), 500):
            marks = ",".join("?" * len(chunk))
            c.execute(f"DELETE FROM memories_fts WHERE rowid IN ({marks})", chunk)
            c.execute(f"DELETE FROM vectors WHERE memory IN ({marks})", chunk)
            c.execute(f"DELETE FROM memories WHERE rowid IN ({marks})", chunk)
        for index in self._indexes():
            index.remove(rowids)

    def _event(self, e: Event) -> None:
        self._conn.execute(
            "INSERT INTO events (id, at, action, actor, scope, memory_id, before, after, "
            "before_hash, after_hash, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.id, ts(e.at), e.action, e.actor, e.scope, e.memory_id, e.before, e.after,
                e.before_hash, e.after_hash,
                json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
            ),
        )  # fmt: skip

    # -- reads ----------------------------------------------------------------------

    def _history(self, ids: Sequence[str]) -> list[Event]:
        out: list[Event] = []
        for chunk in chunks(list(ids), 500):
            rows = self._conn.execute(
                "SELECT id, at, action, actor, scope, memory_id, before, after, before_hash, "
                "after_hash, detail, seq FROM events "
                f"WHERE memory_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            out += [event_row(r) for r in rows]
        return sorted(out, key=lambda e: (e.at, e.id))

    def _vector_stats(self, embedder: str, limit: int) -> VectorStats:
        c = self._conn
        by = dict(c.execute("SELECT embedder, count(*) FROM vectors GROUP BY embedder").fetchall())
        # Each vector row names one existing memory (foreign key, primary key per embedder),
        # so the count of memories without one is a difference of counts: probing every
        # memory's vector row read the whole vectors table (seconds at 100k memories).
        total = c.execute("SELECT count(*) FROM memories").fetchone()[0]
        missing = total - by.get(embedder, 0)
        rows = []
        if limit and missing:
            rows = c.execute(
                f"SELECT {COLS} FROM memories m WHERE NOT EXISTS (SELECT 1 FROM vectors v "
                "WHERE v.memory = m.rowid AND v.embedder = ?) ORDER BY m.rowid LIMIT ?",
                (embedder, limit),
            ).fetchall()
        return VectorStats(by, missing, [record_of(r) for r in rows])

    def _lookup(self, hashes: Sequence[str], embedder: str) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for chunk in chunks(list(dict.fromkeys(hashes)), 500):
            for h, blob in self._conn.execute(
                "SELECT m.content_hash, v.vec FROM memories m JOIN vectors v "
                "ON v.memory = m.rowid AND v.embedder = ? "
                f"WHERE m.kind != 'episode' AND m.content_hash IN ({','.join('?' * len(chunk))})",
                [embedder, *chunk],
            ):
                out.setdefault(h, decode(blob))
        return out


def _meta(
    rowid: int, r: Record
) -> tuple[int, str, str | None, float, float | None, float | None, bool]:
    """The filter fields an index block keeps for a record."""
    return (
        rowid, r.kind, r.topic, r.valid_from.timestamp(), ts(r.valid_to), ts(r.expires_at),
        r.superseded_by is not None,
    )  # fmt: skip


def _row(rowid: int, r: Record, vec: np.ndarray) -> Row:
    return Row(*_meta(rowid, r), np.asarray(vec, np.float32))
