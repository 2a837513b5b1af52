"""Search in the PostgreSQL store: BM25 and dense candidates computed in SQL.

Nothing is cached in the process: every search reads the committed state of
the database, so any replica sees a write as soon as another acknowledged it,
and nothing of an erased memory survives in a replica's memory.

* **Keyword**: the query's analysed terms are joined with the posting rows
  of the searched scopes and ranked by BM25 in SQL (``k1=1.2, b=0.75``,
  FTS5's), with the collection statistics summed from the per-scope tables
  (:mod:`.postings`), so scores equal SQLite's ``bm25()`` over the same rows.
* **Dense**: pgvector. Scores are inner products of unit vectors (cosine), as
  :mod:`memstack.index.vector` computes them. Searched scopes holding fewer than
  ``exact_limit`` vectors are scanned exactly (an index scan over a whole table
  cannot filter a small scope cheaply); larger ones use the embedder's HNSW
  index (cosine) when it exists, with ``ef_search`` raised for the filter, and
  fall back to the exact scan if the index returns too few rows
  (pgvector 0.6 has no iterative scans; on 0.8 and later they are switched on).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg import sql as psql

from ...models import Candidates, Filter, Record, SearchOp, Stub
from . import postings
from .records import vector_param
from .rows import COLS, dt, record_of, under, where
from .tx import Handlers, Tx

__all__ = ["HANDLERS", "search"]

Ranked = list[tuple[int, float]]  # (rowid, score), best first
K1, B = 1.2, 0.75


def search(tx: Tx, op: SearchOp) -> Candidates:
    """Keyword and dense candidates for ``op`` (the handler of :class:`SearchOp`)."""
    keyword_hits = _keyword(tx, op)
    rows, df = _shares(tx, op)
    dense = _dense(tx, op)
    rowids = [k for k, _ in keyword_hits] + [k for k, _ in dense]
    records = _stubs(tx, rowids) if op.stubs else _records(tx, rowids)
    kw = [(records[k], s) for k, s in keyword_hits if k in records]
    kw.sort(key=lambda rs: (-rs[1], rs[0].id))
    dn = [(records[k], s) for k, s in dense if k in records]
    return Candidates(kw[: op.limit], dn, rows, df)


def _stubs(tx: Tx, rowids: Sequence[int]) -> dict[int, Record | Stub]:
    rows = tx.all(
        "SELECT rowid, id, valid_from, importance FROM memories WHERE rowid = ANY(%s)",
        (list(set(rowids)),),
    )
    return {r: Stub(i, dt(v), imp) for r, i, v, imp in rows}  # type: ignore[arg-type]


def _records(tx: Tx, rowids: Sequence[int]) -> dict[int, Record | Stub]:
    rows = tx.all(f"SELECT {COLS} FROM memories m WHERE m.rowid = ANY(%s)", (list(set(rowids)),))
    return {r[0]: record_of(r) for r in rows}


def _scope_sql(flt: Filter, column: str) -> tuple[str, list[Any]]:
    """The filter's scope condition alone (lets the planner use ``(scope, …)`` indexes)."""
    parts, params = [], []
    if flt.scopes:
        parts.append(f"{column} = ANY(%s)")
        params.append(list(flt.scopes))
    for prefix in flt.prefixes:
        sql, more = under(column, prefix)
        parts.append(sql)
        params += more
    return ("(" + " OR ".join(parts) + ")" if parts else "FALSE"), params


# -- keyword --------------------------------------------------------------------------


def _keyword(tx: Tx, op: SearchOp) -> Ranked:
    if not op.query:
        return []
    terms = list(dict.fromkeys(op.query.split()))
    w = float(op.context_weight)
    flt = op.filter
    first = (flt.scopes or flt.prefixes or ("",))[0]
    rows, avg, df = postings.stats(tx, first.split("/", 1)[0], terms, bool(w))
    if not rows:
        return []
    idfs = [postings.idf(rows, df.get(t, 0)) for t in terms]
    scope_sql, scope_params = _scope_sql(flt, "p.scope")
    sql, params = where(flt)
    # At weight 0 a context-only match would score 0 yet count as a candidate (FTS5
    # then searches the terms column only): leave those rows out.
    own_only = "" if w else " AND p.own > 0"
    tf = "(p.own + %s * p.ctx)"
    found = tx.all(
        f"SELECT p.memory, sum(q.idf * {tf} * %s / ({tf} + %s * (%s + %s * p.len / %s))) AS s "
        "FROM unnest(%s::text[], %s::float8[]) AS q(term, idf) "
        f"JOIN postings p ON p.term = q.term AND {scope_sql}{own_only} "
        f"JOIN memories m ON m.rowid = p.memory WHERE {sql} "
        "GROUP BY p.memory, m.id ORDER BY s DESC, m.id LIMIT %s",
        [
            w, K1 + 1, w, K1, 1 - B, B, avg or 1.0, terms, idfs,
            *scope_params, *params, op.limit,
        ],
    )  # fmt: skip
    return [(int(r), float(s)) for r, s in found]


def _shares(tx: Tx, op: SearchOp) -> tuple[int, dict[str, int]]:
    """Rows of the searched scopes, and how many hold each query term (terms or context)."""
    if not op.query:
        return 0, {}
    terms = list(dict.fromkeys(op.query.split()))
    scope_sql, params = _scope_sql(op.filter, "scope")
    (rows,) = tx.one(f"SELECT coalesce(sum(rows), 0) FROM kw_stats WHERE {scope_sql}", params)
    found = tx.all(
        f"SELECT term, sum(anywhere)::bigint FROM kw_df WHERE term = ANY(%s) AND {scope_sql} "
        "GROUP BY term",
        [terms, *params],
    )
    df = dict.fromkeys(terms, 0)
    df.update({t: int(v) for t, v in found})
    return int(rows), df


# -- dense ----------------------------------------------------------------------------


def _dense(tx: Tx, op: SearchOp) -> Ranked:
    if op.vector is None or not op.embedder:
        return []
    q = vector_param(op.vector)
    dim = len(op.vector)
    flt = op.filter
    scope_sql, scope_params = _scope_sql(flt, "m.scope")
    sql, params = where(flt)
    limit = tx.store.exact_limit
    if limit is not None:
        hnsw = tx.store.hnsw_index(tx, op.embedder, dim)
        if hnsw is not None:
            n = tx.one(
                "SELECT count(*) FROM memories m JOIN vectors v ON v.memory = m.rowid "
                f"AND v.embedder = %s WHERE {scope_sql}",
                [op.embedder, *scope_params],
            )[0]
            if n > limit:
                found = _hnsw(tx, op, q, dim, sql, params, int(n))
                if len(found) >= op.limit:
                    return found
    rows = tx.all(
        "SELECT m.rowid, -(v.vec <#> %s::vector) AS s FROM vectors v "
        "JOIN memories m ON m.rowid = v.memory "
        f"WHERE v.embedder = %s AND v.dim = %s AND {sql} "
        "ORDER BY v.vec <#> %s::vector, m.rowid LIMIT %s",
        [q, op.embedder, dim, *params, q, op.limit],
    )
    return [(int(r), float(s)) for r, s in rows]


def _hnsw(
    tx: Tx, op: SearchOp, q: str, dim: int, sql: str, params: list[Any], in_scope: int
) -> Ranked:
    """Approximate nearest neighbours through the embedder's HNSW index (cosine)."""
    total = tx.store.vector_count(tx)
    # The index walks the whole table; the filter keeps in_scope/total of what it finds.
    ef = min(1000, max(40, op.limit * 2, int(op.limit * 2 * total / max(in_scope, 1))))
    tx.execute(f"SET LOCAL hnsw.ef_search = {int(ef)}")
    if tx.store.pgvector_version >= (0, 8):
        tx.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
    # The index is partial (one embedder and dimension): the planner can only use
    # it when the query states that predicate with constants, not parameters. The
    # nearest ef rows of the whole table come first, then the filter: pgvector 0.6
    # cannot filter inside the index walk. This path runs only for scopes past
    # exact_limit, where the index pays off, so the planner is told not to scan.
    tx.execute("SET LOCAL enable_seqscan = off")
    # Nor to sort the rows of another index (a large ef makes that look cheaper).
    tx.execute("SET LOCAL enable_sort = off")
    embedder = psql.Literal(op.embedder).as_string(tx.conn)
    d = int(dim)
    rows = tx.all(
        "WITH near AS MATERIALIZED (SELECT v.memory, v.vec FROM vectors v "
        f"WHERE v.embedder = {embedder} AND v.dim = {d} "
        f"ORDER BY (v.vec::vector({d})) <=> %s::vector({d}) LIMIT %s) "
        "SELECT m.rowid, -(near.vec <#> %s::vector) AS s FROM near "
        f"JOIN memories m ON m.rowid = near.memory WHERE {sql} ORDER BY s DESC, m.rowid LIMIT %s",
        [q, ef, q, *params, op.limit],
    )
    found = [(int(r), float(s)) for r, s in rows]
    found.sort(key=lambda rs: -rs[1])
    return found


HANDLERS: Handlers = {SearchOp: search}
