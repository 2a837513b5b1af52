"""Search in the SQLite store: keyword and dense candidates from in-memory blocks.

Mixin for :class:`memstack.store.sqlite.SqliteStore`. The database holds the
truth (records, the FTS5 keyword index, vectors); searching a scope uses
per-scope blocks cached in memory and kept in step with this store's writes:

* dense: :class:`memstack.index.vector.VectorIndex`, one per embedder;
* keyword: :class:`memstack.index.postings.KeywordIndex`, ranked with the
  collection statistics FTS5 itself keeps (row count and total length from the
  index's averages record, document frequencies by counting matches), so a
  memory scores exactly as FTS5's ``bm25()`` would score it.

FTS5 ranks every matching row before it can sort, which costs tens of
milliseconds for common words in a 100k-memory scope; the blocks rank the same
rows in about a millisecond. Queries over descendants (``include_descendants``)
still go to FTS5, which filters by scope terms without loading every
descendant scope.

Another process writing to the same file changes ``PRAGMA data_version``; the
store then drops every cached block before it reads.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..index.keyword import scope_query
from ..index.postings import KeywordIndex, Stats, TermRow
from ..index.vector import Row, VectorIndex, decode
from ..models import Filter, Record, SearchOp, Stub
from .sqlite_rows import COLS, chunks, dt, record_of, ts, where

__all__ = ["SqliteSearchOps"]

Ranked = list[tuple[int, float]]  # (rowid, score), best first


def _varints(blob: bytes) -> list[int]:
    """Decode a run of SQLite varints (big-endian, 7 bits a byte, 9th byte whole)."""
    out: list[int] = []
    i = 0
    while i < len(blob):
        value = 0
        for j in range(9):
            byte = blob[i]
            i += 1
            if j == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


class SqliteSearchOps:
    """Keyword and dense candidates for :class:`SearchOp` (see the module docstring)."""

    if TYPE_CHECKING:
        _conn: sqlite3.Connection
        _lock: threading.RLock
        exact_limit: int | None
        cache_rows: int | None

    _vindex: dict[str, VectorIndex]
    _kindex: KeywordIndex
    _data_version: int | None
    _df: dict[tuple[str, bool], int]
    _totals: tuple[int, float] | None
    _fts_dirty: set[str] | None

    def _init_search(self) -> None:
        self._vindex = {}
        self._kindex = KeywordIndex()
        self._data_version = None
        self._df = {}
        self._totals = None
        self._fts_dirty = set()

    # -- cache upkeep -----------------------------------------------------------------

    def _indexes(self) -> list[VectorIndex | KeywordIndex]:
        """Every cached index, for writes to keep in step."""
        return [*self._vindex.values(), self._kindex]

    def _fts_changed(self, terms: str | None = None) -> None:
        """Note a change to the keyword index: rows with these terms, or anything (None)."""
        if terms is None:
            self._fts_dirty = None
        elif self._fts_dirty is not None:
            self._fts_dirty.update(terms.split())

    def _written(self, scopes: Collection[str] | None = None, *, failed: bool = False) -> None:
        """Forget statistics a write changed; after a failed one, blocks may hold undone rows.

        Cached document frequencies survive writes that did not add their term, so an
        agent that remembers a turn and then searches does not recount every query term
        over the whole index.
        """
        dirty, self._fts_dirty = self._fts_dirty, set()
        if failed or dirty is None:
            self._df.clear()
        elif dirty:
            self._df = {k: v for k, v in self._df.items() if k[0] not in dirty}
        self._totals = None
        if failed:
            for index in self._indexes():
                index.drop(sorted(scopes) if scopes is not None else None)

    def _check_external(self) -> None:
        """Drop every cache if another connection has changed the database."""
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        if self._data_version is not None and version != self._data_version:
            self._vindex.clear()
            self._kindex.drop()
            self._fts_changed()
            self._written()
        self._data_version = version

    # -- search -----------------------------------------------------------------------

    def _search(
        self, op: SearchOp
    ) -> tuple[list[tuple[Record | Stub, float]], list[tuple[Record | Stub, float]]]:
        keyword = self._keyword(op)
        dense = self._dense(op)
        rowids = [k for k, _ in keyword] + [k for k, _ in dense]
        records = self._stubs(rowids) if op.stubs else self._records(rowids)
        kw = [(records[k], s) for k, s in keyword if k in records]
        # Equal scores are ordered by id, as the FTS5 query orders them.
        kw.sort(key=lambda rs: (-rs[1], rs[0].id))
        return kw[: op.limit], [(records[k], s) for k, s in dense if k in records]

    def _stubs(self, rowids: Sequence[int]) -> dict[int, Record | Stub]:
        out: dict[int, Record | Stub] = {}
        for chunk in chunks(list(dict.fromkeys(rowids)), 500):
            for rowid, rid, valid_from, importance in self._conn.execute(
                "SELECT rowid, id, valid_from, importance FROM memories "
                f"WHERE rowid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[rowid] = Stub(rid, dt(valid_from), importance)  # type: ignore[arg-type]
        return out

    def _records(self, rowids: Sequence[int]) -> dict[int, Record | Stub]:
        out: dict[int, Record | Stub] = {}
        for chunk in chunks(list(dict.fromkeys(rowids)), 500):
            for row in self._conn.execute(
                f"SELECT {COLS} FROM memories m WHERE m.rowid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[row[0]] = record_of(row)
        return out

    def _visible_scopes(self, flt: Filter) -> list[str]:
        scopes = set(flt.scopes)
        for prefix in flt.prefixes:
            scopes.update(
                s for (s,) in self._conn.execute(
                    "SELECT DISTINCT scope FROM memories WHERE scope GLOB ?", (prefix + "/*",)
                )
            )  # fmt: skip
        return sorted(scopes)

    # -- keyword ----------------------------------------------------------------------

    def _keyword(self, op: SearchOp) -> Ranked:
        if not op.query:
            return []
        terms = op.query.split()
        stats = None if op.filter.prefixes else self._keyword_stats(terms, bool(op.context_weight))
        if stats is None:
            return self._keyword_fts(op)
        flt = op.filter
        scopes = sorted(set(flt.scopes))
        for scope in scopes:
            if not self._kindex.loaded(scope):
                self._kindex.load(scope, self._term_rows(scope))
                self._kindex.evict(self.cache_rows, keep=scopes)
        return self._kindex.search(
            scopes,
            terms,
            stats,
            op.limit,
            now=flt.now.timestamp(),
            kinds=flt.kinds,
            topic=flt.topic,
            as_of=ts(flt.as_of),
            include_superseded=flt.include_superseded,
            context_weight=op.context_weight,
        )

    def _keyword_stats(self, terms: Sequence[str], with_context: bool) -> Stats | None:
        """FTS5's own collection statistics; None if its averages record is unreadable."""
        if self._totals is None:
            row = self._conn.execute("SELECT block FROM memories_fts_data WHERE id = 1").fetchone()
            if row is None:  # an empty index has no averages record yet
                return Stats(0, 0.0)
            values = _varints(row[0])
            if len(values) != 4 or values[0] < 0:
                return None
            self._totals = (values[0], sum(values[1:]) / values[0] if values[0] else 0.0)
        columns = "{terms context}" if with_context else "terms"
        df: dict[str, int] = {}
        for term in terms:
            key = (term, with_context)
            if key not in self._df:
                self._df[key] = self._conn.execute(
                    "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH ?",
                    (f'{columns} : "{term}"',),
                ).fetchone()[0]
            df[term] = self._df[key]
        return Stats(self._totals[0], self._totals[1], df)

    def _term_rows(self, scope: str) -> list[TermRow]:
        rows = self._conn.execute(
            "SELECT m.rowid, m.kind, m.topic, m.valid_from, m.valid_to, m.expires_at, "
            "m.superseded_by IS NOT NULL, f.terms, f.context FROM memories m "
            "JOIN memories_fts f ON f.rowid = m.rowid WHERE m.scope = ?",
            (scope,),
        ).fetchall()
        return [
            TermRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7] or "", r[8] or "")
            for r in rows
        ]

    def _keyword_fts(self, op: SearchOp) -> Ranked:
        """Rank inside FTS5, filtering by scope terms (used for descendant queries)."""
        assert op.query
        flt = op.filter
        terms = " OR ".join(f'"{t}"' for t in op.query.split())
        scopes = " OR ".join(scope_query(flt.scopes, flt.prefixes))
        if not terms or not scopes:
            return []
        # At weight 0 a context-only match would score 0 yet still count as a candidate.
        columns = "{terms context}" if op.context_weight else "terms"
        match = f"{columns} : ({terms}) AND scopes : ({scopes})"
        sql, params = where(flt)
        # Rank inside FTS first and join only the best rows; if the filter
        # (superseded, expired, kind...) drops too many, rank again without the cap.
        cap = op.limit * 4
        rows: list[Any] = self._conn.execute(
            "SELECT m.rowid, f.r FROM (SELECT rowid, bm25(memories_fts, 1.0, ?, 0.0) AS r "
            "FROM memories_fts WHERE memories_fts MATCH ? ORDER BY r LIMIT ?) f "
            f"JOIN memories m ON m.rowid = f.rowid WHERE {sql} ORDER BY f.r, m.id LIMIT ?",
            [op.context_weight, match, cap, *params, op.limit],
        ).fetchall()
        if len(rows) < op.limit:
            rows = self._conn.execute(
                "SELECT m.rowid, bm25(memories_fts, 1.0, ?, 0.0) AS r FROM memories_fts "
                "JOIN memories m ON m.rowid = memories_fts.rowid "
                f"WHERE memories_fts MATCH ? AND {sql} ORDER BY r, m.id LIMIT ?",
                [op.context_weight, match, *params, op.limit],
            ).fetchall()
        return [(int(rowid), -float(r)) for rowid, r in rows]

    # -- dense ------------------------------------------------------------------------

    def _dense(self, op: SearchOp) -> Ranked:
        if op.vector is None or not op.embedder:
            return []
        q = np.asarray(op.vector, np.float32)
        index = self._vindex.get(op.embedder)
        if index is None or index.dim != len(q):
            index = self._vindex[op.embedder] = VectorIndex(len(q), exact_limit=self.exact_limit)
        flt = op.filter
        scopes = self._visible_scopes(flt)
        for scope in scopes:
            if not index.loaded(scope):
                index.load(scope, self._vector_rows(scope, op.embedder))
                index.evict(self.cache_rows, keep=scopes)
        return index.search(
            scopes,
            q,
            op.limit,
            now=flt.now.timestamp(),
            kinds=flt.kinds,
            topic=flt.topic,
            as_of=ts(flt.as_of),
            include_superseded=flt.include_superseded,
        )

    def _vector_rows(self, scope: str, embedder: str) -> list[Row]:
        rows = self._conn.execute(
            "SELECT m.rowid, m.kind, m.topic, m.valid_from, m.valid_to, m.expires_at, "
            "m.superseded_by IS NOT NULL, v.vec FROM memories m "
            # "+v.embedder": look vectors up by memory, never scan the embedder index
            # (which reads every vector of the store to load one small scope).
            "JOIN vectors v ON v.memory = m.rowid AND +v.embedder = ? WHERE m.scope = ?",
            (embedder, scope),
        ).fetchall()
        return [Row(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), decode(r[7])) for r in rows]
