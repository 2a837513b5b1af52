"""Search in the SQLite store: keyword and dense candidates from in-memory blocks.

The database holds the truth (records, the FTS5 keyword index, vectors);
searching a scope uses per-scope blocks cached in memory (:class:`SearchCache`):

* dense: :class:`memstack.index.vector.VectorIndex`, one per embedder;
* keyword: :class:`memstack.index.postings.KeywordIndex`: BM25 with FTS5's
  formula, but with the statistics of the searched tenant (rows and tokens
  from ``keyword_stats``, document frequencies counted by FTS5 inside the
  tenant's scope terms; see :mod:`memstack.store.sqlite.stats`), so that no
  tenant's data moves another tenant's scores.

FTS5 ranks every matching row before it can sort, which costs tens of
milliseconds for common words in a 100k-memory scope; the blocks rank the same
rows in about a millisecond. Queries over descendants load the blocks of every
visible scope, as dense search does.

**Keeping blocks current across threads and processes.** Writes never touch
the blocks. Triggers note each changed memory row in the ``changes`` table
(migration 0004), whatever process or thread wrote it; before a search, the
cache reads the changes since the last sequence number it applied and patches
only those rows (closed in place, or removed and re-added). So a reader keeps
its blocks while other processes write, and sees every acknowledged write at
once. A log pruned past the cache's position, or thousands of pending
changes, drop the blocks instead. An erasure also writes an ``erase`` entry:
every process then drops the blocks that held erased rows (a removed row's
terms stay in its block until compaction) and clears the stemmer cache, at
its next call to the store.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ...index import keyword
from ...index.keyword import scope_query
from ...index.postings import KeywordIndex, Stats
from ...index.vector import VectorIndex
from ...models import Candidates, Filter, Record, SearchOp, Stub
from .rows import COLS, chunks, dt, record_of, ts, where
from .scopeblocks import load_keyword, load_vectors, term_rows, vector_rows
from .stats import tenant
from .tx import Handlers, Tx

__all__ = ["HANDLERS", "SearchCache", "search"]

Ranked = list[tuple[int, float]]  # (rowid, score), best first


class SearchCache:
    """The in-memory search blocks of one store object, kept in step through the change log.

    Shared by every thread using the store; :attr:`lock` guards the blocks,
    and :meth:`sync` must run, with the lock held, inside the read (or write)
    transaction the search then uses, so blocks and SQL see the same data.
    """

    #: More pending changes than this: dropping the blocks is cheaper than patching them.
    MAX_PATCH = 5_000

    def __init__(self, *, exact_limit: int | None, cache_rows: int | None) -> None:
        self.exact_limit = exact_limit
        self.cache_rows = cache_rows
        self.lock = threading.RLock()
        self.vindex: dict[str, VectorIndex] = {}
        self.kindex = KeywordIndex()
        self.seq: int | None = None
        #: Document frequencies by (tenant, term, with context), counted inside the tenant.
        self.df: dict[tuple[str, str, bool], int] = {}
        #: (rows, average length) by tenant, from ``keyword_stats``.
        self.totals: dict[str, tuple[int, float]] = {}
        #: Up to two tenants holding keyword rows (None: not read since the last change).
        self.tenants: list[str] | None = None
        #: What fusion needs of a candidate row (id, valid_from, importance), by rowid:
        #: fetching them is a third of a search's store time at 100k memories. A changed
        #: row's entry goes at the next sync; every entry goes with the blocks.
        self.stubs: dict[int, Stub] = {}
        #: The scopes under a prefix (``DISTINCT scope … GLOB``: half a second over a
        #: million rows), until the next change.
        self.below: dict[str, list[str]] = {}

    def clear(self) -> None:
        """Drop every block and statistic (they reload on the next search)."""
        with self.lock:
            self.vindex.clear()
            self.kindex.drop()
            self.df.clear()
            self.totals.clear()
            self.tenants = None
            self.stubs.clear()
            self.below.clear()

    def _indexes(self) -> list[VectorIndex | KeywordIndex]:
        return [*self.vindex.values(), self.kindex]

    def sync(self, tx: Tx) -> None:
        """Apply the rows changed since the last seen change (by any process) to the blocks."""
        conn = tx.conn
        latest = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").fetchone()
        top = int(latest[0]) if latest else 0
        if self.seq is not None and top < self.seq and not tx.write:
            # This read transaction started before a commit the blocks already hold:
            # take a fresh snapshot so that rows loaded now are not older than the blocks.
            conn.execute("COMMIT")
            conn.execute("BEGIN")
            latest = conn.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = 'changes'"
            ).fetchone()
            top = int(latest[0]) if latest else 0
        if self.seq is None or top == self.seq:
            self.seq = top if self.seq is None else self.seq
            return
        since, self.seq = self.seq, top
        self.below.clear()
        self.totals.clear()
        self.tenants = None
        oldest = conn.execute("SELECT min(seq) FROM changes").fetchone()[0]
        if top - since > self.MAX_PATCH or oldest is None or oldest > since + 1:
            self._drop_all(erased=True)
            return
        rows = conn.execute(
            "SELECT memory, what FROM changes WHERE seq > ? ORDER BY seq", (since,)
        ).fetchall()
        whats: dict[int, set[str]] = {}
        erased = False
        for memory, what in rows:
            if what == "erase":
                erased = True
            elif memory is not None:
                whats.setdefault(int(memory), set()).add(what)
        if erased:
            keyword.clear_caches()
        self._patch(conn, whats, erased)

    def _drop_all(self, *, erased: bool) -> None:
        self.stubs.clear()
        self.below.clear()
        self.vindex.clear()
        self.kindex.drop()
        self.df.clear()
        if erased:
            keyword.clear_caches()

    def _patch(self, conn: sqlite3.Connection, whats: dict[int, set[str]], erased: bool) -> None:
        """Bring each changed row up to date: closed in place, or removed and re-added."""
        if erased or any("delete" in w for w in whats.values()):
            self.df.clear()
        if erased:
            self.stubs.clear()
        for key in whats:
            self.stubs.pop(key, None)
        # An erasure may also rewrite the keyword context of surviving rows: redo them all.
        closes = [] if erased else [k for k, w in whats.items() if w == {"update"}]
        for key, valid_to, superseded in _closed(conn, closes):
            for index in self._indexes():
                index.close(key, valid_to, superseded)
        redo = [k for k, w in whats.items() if erased or w != {"update"}]
        if not redo:
            return
        indexes = self._indexes()
        if erased:
            # Erased text must not stay in a block (a removed row keeps its terms
            # until compaction): drop the blocks that held any erased row.
            scopes = {s for index in indexes for k in redo if (s := index.scope_of(k))}
            for index in indexes:
                index.drop(sorted(scopes))
        for index in indexes:
            index.remove(redo)
        for scope, term_row in term_rows(conn, "m.rowid IN ({})", redo):
            self.kindex.add(scope, term_row)
            if "put" in whats[term_row.key]:  # a new keyword row: count its terms
                owner = tenant(scope)
                own = set(term_row.terms.split())
                for term in own | set(term_row.context.split()):
                    for ctx in (False, True):
                        if (owner, term, ctx) in self.df and (ctx or term in own):
                            self.df[(owner, term, ctx)] += 1
        for name, index in self.vindex.items():
            for scope, vrow in vector_rows(conn, name, "m.rowid IN ({})", redo):
                index.add(scope, vrow)


# -- search -------------------------------------------------------------------------


def search(tx: Tx, op: SearchOp) -> Candidates:
    """Keyword and dense candidates for ``op`` (the handler of :class:`SearchOp`)."""
    cache = tx.store.cache
    allow = _allowed(tx.conn, op.filter)
    with cache.lock:
        cache.sync(tx)
        keyword_hits = _keyword(tx, cache, op, allow)
        rows, df = (
            cache.kindex.shares(_visible_scopes(tx.conn, cache, op.filter), op.query.split())
            if op.query
            else (0, {})
        )
        dense = _dense(tx, cache, op, allow)
        rowids = [k for k, _ in keyword_hits] + [k for k, _ in dense]
        # Under the lock: the remembered stubs are of the snapshot the blocks are at.
        records = _stubs(tx.conn, cache, rowids) if op.stubs else _records(tx.conn, rowids)
    kw = [(records[k], s) for k, s in keyword_hits if k in records]
    # Equal scores are ordered by id, as the FTS5 query orders them.
    kw.sort(key=lambda rs: (-rs[1], rs[0].id))
    dn = [(records[k], s) for k, s in dense if k in records]
    return Candidates(kw[: op.limit], dn, rows, df)


def _allowed(conn: sqlite3.Connection, flt: Filter) -> npt.NDArray[np.int64] | None:
    """Rows passing a metadata filter (the blocks hold no metadata): the store answers it
    in SQL before ranking, so a search still returns ``limit`` matching hits."""
    if not flt.metadata:
        return None
    sql, params = where(flt)
    rows = conn.execute(f"SELECT m.rowid FROM memories m WHERE {sql}", params).fetchall()
    return np.fromiter((r[0] for r in rows), np.int64, len(rows))


#: Most stubs a store object remembers (about 200 bytes each); past it they start over.
STUBS_MAX = 100_000


def _stubs(
    conn: sqlite3.Connection, cache: SearchCache, rowids: Sequence[int]
) -> dict[int, Record | Stub]:
    known = cache.stubs
    out: dict[int, Record | Stub] = {}
    missing = []
    for rowid in dict.fromkeys(rowids):
        stub = known.get(rowid)
        if stub is None:
            missing.append(rowid)
        else:
            out[rowid] = stub
    if len(known) + len(missing) > STUBS_MAX:
        known.clear()
    for chunk in chunks(missing, 500):
        for rowid, rid, valid_from, importance in conn.execute(
            "SELECT rowid, id, valid_from, importance FROM memories "
            f"WHERE rowid IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[rowid] = known[rowid] = Stub(rid, dt(valid_from), importance)  # type: ignore[arg-type]
    return out


def _records(conn: sqlite3.Connection, rowids: Sequence[int]) -> dict[int, Record | Stub]:
    out: dict[int, Record | Stub] = {}
    for chunk in chunks(list(dict.fromkeys(rowids)), 500):
        for row in conn.execute(
            f"SELECT {COLS} FROM memories m WHERE m.rowid IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[row[0]] = record_of(row)
    return out


def _visible_scopes(conn: sqlite3.Connection, cache: SearchCache, flt: Filter) -> list[str]:
    """The searched scopes that exist; call with the cache synced and its lock held."""
    scopes = set(flt.scopes)
    for prefix in flt.prefixes:
        below = cache.below.get(prefix)
        if below is None:
            below = cache.below[prefix] = [
                s for (s,) in conn.execute(
                    "SELECT DISTINCT scope FROM memories WHERE scope GLOB ?", (prefix + "/*",)
                )
            ]  # fmt: skip
        scopes.update(below)
    return sorted(scopes)


# -- keyword --------------------------------------------------------------------------


def _keyword(
    tx: Tx, cache: SearchCache, op: SearchOp, allow: npt.NDArray[np.int64] | None
) -> Ranked:
    conn = tx.conn
    if not op.query or (allow is not None and not len(allow)):
        return []
    terms = op.query.split()
    flt = op.filter
    scopes = _visible_scopes(conn, cache, flt)
    if not scopes:
        return []
    stats = _keyword_stats(conn, cache, tenant(scopes[0]), terms, bool(op.context_weight))
    keep, room = frozenset(scopes), True
    for scope in scopes:
        if not cache.kindex.loaded(scope):
            load_keyword(tx, scope)
            room = room and cache.kindex.evict(cache.cache_rows, keep=keep)
    return cache.kindex.search(
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
        allow=allow,
    )


def _keyword_stats(
    conn: sqlite3.Connection,
    cache: SearchCache,
    owner: str,
    terms: Sequence[str],
    with_context: bool,
) -> Stats:
    """BM25 statistics of one tenant: its rows, their average length, and each term's df."""
    totals = cache.totals.get(owner)
    if totals is None:
        row = conn.execute(
            "SELECT rows, length FROM keyword_stats WHERE tenant = ?", (owner,)
        ).fetchone()
        rows, tokens = (int(row[0]), int(row[1])) if row else (0, 0)
        totals = cache.totals[owner] = (rows, tokens / rows if rows else 0.0)
    columns = "{terms context}" if with_context else "terms"
    # In a store holding one tenant, every keyword row is the tenant's: counting the
    # term alone gives the same number without intersecting it with a scope term that
    # every row carries (a third of the cost at 100k rows).
    if cache.tenants is None:
        cache.tenants = [t for (t,) in conn.execute("SELECT tenant FROM keyword_stats LIMIT 2")]
    only = cache.tenants == [owner]
    inside = " OR ".join(scope_query([owner], [owner]))
    df: dict[str, int] = {}
    for term in terms:
        key = (owner, term, with_context)
        if key not in cache.df:
            match = f'{columns} : "{term}"' + ("" if only else f" AND scopes : ({inside})")
            cache.df[key] = conn.execute(
                "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH ?", (match,)
            ).fetchone()[0]
        df[term] = cache.df[key]
    return Stats(totals[0], totals[1], df)


# -- dense ----------------------------------------------------------------------------


def _dense(tx: Tx, cache: SearchCache, op: SearchOp, allow: npt.NDArray[np.int64] | None) -> Ranked:
    conn = tx.conn
    if op.vector is None or not op.embedder or (allow is not None and not len(allow)):
        return []
    q = np.asarray(op.vector, np.float32)
    index = cache.vindex.get(op.embedder)
    if index is None or index.dim != len(q):
        index = cache.vindex[op.embedder] = VectorIndex(len(q), exact_limit=cache.exact_limit)
    flt = op.filter
    scopes = _visible_scopes(conn, cache, flt)
    keep, room = frozenset(scopes), True
    for scope in scopes:
        if not index.loaded(scope):
            load_vectors(tx, index, op.embedder, scope)
            room = room and index.evict(cache.cache_rows, keep=keep)
    return index.search(
        scopes,
        q,
        op.limit,
        now=flt.now.timestamp(),
        kinds=flt.kinds,
        topic=flt.topic,
        as_of=ts(flt.as_of),
        include_superseded=flt.include_superseded,
        allow=allow,
    )


def _closed(conn: sqlite3.Connection, keys: Sequence[int]) -> list[tuple[int, float, bool]]:
    """``(rowid, valid_to, superseded)`` of rows whose validity may have changed."""
    out: list[tuple[int, float, bool]] = []
    for chunk in chunks(list(keys), 500):
        for rowid, valid_to, superseded in conn.execute(
            "SELECT rowid, valid_to, superseded_by IS NOT NULL FROM memories "
            f"WHERE rowid IN ({','.join('?' * len(chunk))}) AND valid_to IS NOT NULL",
            chunk,
        ):
            out.append((int(rowid), float(valid_to), bool(superseded)))
    return out


HANDLERS: Handlers = {SearchOp: search}
