"""Search in the PostgreSQL store: BM25 and dense candidates computed in SQL.

Nothing is cached in the process: every search reads the committed state of
the database, so any replica sees a write as soon as another acknowledged it,
and nothing of an erased memory survives in a replica's memory.

* **Keyword**: the query's analysed terms are joined with the posting rows
  of the searched scopes and ranked by BM25 in SQL (``k1=1.2, b=0.75``,
  FTS5's), with the tenant's collection statistics read from its 16 stripes
  (:mod:`.postings`), so scores equal SQLite's ``bm25()`` over the same rows and a
  search reads as many statistics rows with 10,000 scopes in its tenant as with one.
* **Dense**: pgvector. Scores are inner products of unit vectors (cosine), as
  :mod:`memstack.index.vector` computes them. Searched scopes holding fewer than
  ``exact_limit`` vectors are scanned exactly (an index scan over a whole table
  cannot filter a small scope cheaply); larger ones use the embedder's HNSW
  index (cosine) when it exists, with ``ef_search`` raised for the filter, and
  fall back to the exact scan if the index returns less than half the asked
  rows (pgvector 0.6 has no iterative scans, so the index walk finds about
  ``ef_search`` × the scope's share of the table; on 0.8 and later iterative
  scans are switched on and fill the list).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from psycopg import sql as psql

from ....models import Candidates, Filter, Record, SearchOp, Stub
from ..rows import COLS, dt, index_name, record_of, under, where
from . import postings
from .records import vector_param
from .tx import AsyncTx, Handlers

__all__ = ["HANDLERS", "hnsw_index", "search"]

#: How long a replica trusts what it found about an HNSW index (see hnsw_index).
INDEX_CHECK_SECONDS = 30.0

K1, B = 1.2, 0.75


async def search(tx: AsyncTx, op: SearchOp) -> Candidates:
    """Keyword and dense candidates for ``op`` (the handler of :class:`SearchOp`).

    Two statements with a keyword query (statistics, then ranking), one or two for
    the dense list: each ranking query returns the candidates' columns itself, so
    no further read fetches them.
    """
    cols, of = _columns(op)
    kw: list[tuple[Record | Stub, float]] = []
    rows, df = 0, {}
    if op.query:
        terms = list(dict.fromkeys(op.query.split()))
        stats = await _stats(tx, op, terms)
        rows, df = stats.scope_rows, stats.scope_df
        found = await _keyword(tx, op, terms, stats, cols)
        kw = [(of(r[1:]), float(r[0])) for r in found]
        kw.sort(key=lambda rs: (-rs[1], rs[0].id))  # ties by id in code point order
    dense = [(of(r[1:]), float(r[0])) for r in await _dense(tx, op, cols)]
    return Candidates(kw, dense, rows, df)


def _columns(op: SearchOp) -> tuple[str, Callable[[Sequence[Any]], Record | Stub]]:
    """The memory columns a ranking query returns, and their conversion."""
    if op.stubs:
        return "m.id, m.valid_from, m.importance", lambda r: Stub(r[0], dt(r[1]), r[2])  # type: ignore[arg-type]
    return COLS, lambda r: record_of(r)


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


class _Stats(NamedTuple):
    rows: int  # the tenant's keyword rows (BM25's N)
    avg: float  # their average length
    df: list[int]  # per query term: the tenant's rows holding it (own terms, or anywhere)
    scope_rows: int  # the searched scopes' rows
    scope_df: dict[str, int]  # per query term: the searched scopes' rows holding it anywhere


async def _stats(tx: AsyncTx, op: SearchOp, terms: list[str]) -> _Stats:
    """The tenant's BM25 statistics and the searched scopes' shares, in one statement.

    The tenant's come from its 16 stripes (:mod:`.postings`), whatever its number
    of scopes. A search of the whole tenant (its root with every descendant) reads
    its shares there too; any other reads the per-scope rows of the scopes searched.
    """
    flt = op.filter
    tenant = (flt.scopes or flt.prefixes or ("",))[0].split("/", 1)[0]
    col = "anywhere" if op.context_weight else "own"
    per_term = (
        "ARRAY(SELECT coalesce(sum(d.{col}), 0)::bigint "
        "FROM unnest(%s::text[]) WITH ORDINALITY AS q(term, n) "
        "LEFT JOIN {table} d ON d.term = q.term AND {cond} GROUP BY q.n ORDER BY q.n)"
    )
    tenant_sql = (
        "(SELECT coalesce(sum(rows), 0) FROM kw_tenant WHERE tenant = %s), "
        "(SELECT coalesce(sum(length), 0) FROM kw_tenant WHERE tenant = %s), "
        + per_term.format(col=col, table="kw_tenant_df", cond="d.tenant = %s")
        + ", "
        + per_term.format(col="anywhere", table="kw_tenant_df", cond="d.tenant = %s")
    )
    params: list[Any] = [tenant, tenant, terms, tenant, terms, tenant]
    whole = tenant in flt.prefixes and tenant in flt.scopes
    if not whole:
        scope_sql, scope_params = _scope_sql(flt, "scope")
        d_sql, d_params = _scope_sql(flt, "d.scope")
        tenant_sql += (
            f", (SELECT coalesce(sum(rows), 0) FROM kw_stats WHERE {scope_sql}), "
            + per_term.format(col="anywhere", table="kw_df", cond=d_sql)
        )
        params += [*scope_params, terms, *d_params]
    row = await tx.one("SELECT " + tenant_sql, params)
    rows, length, df = int(row[0]), int(row[1]), [int(v) for v in row[2]]
    scope_rows, scope_df = (rows, row[3]) if whole else (int(row[4]), row[5])
    return _Stats(
        rows, length / rows if rows else 0.0, df, scope_rows,
        {t: int(v) for t, v in zip(terms, scope_df, strict=True)},
    )  # fmt: skip


async def _keyword(
    tx: AsyncTx, op: SearchOp, terms: list[str], stats: _Stats, cols: str
) -> list[Any]:
    """``(score, *cols)`` of the best BM25 matches, best first (ties by id)."""
    if not stats.rows:
        return []
    idfs = [postings.idf(stats.rows, n) for n in stats.df]
    w = float(op.context_weight)
    flt = op.filter
    scope_sql, scope_params = _scope_sql(flt, "p.scope")
    sql, params = where(flt)
    # At weight 0 a context-only match would score 0 yet count as a candidate (FTS5
    # then searches the terms column only): leave those rows out.
    own_only = "" if w else " AND p.own > 0"
    tf = "(p.own + %s * p.ctx)"
    return await tx.all(
        "WITH hits AS MATERIALIZED ("
        f"SELECT p.memory, sum(q.idf * {tf} * %s / ({tf} + %s * (%s + %s * p.len / %s))) AS s "
        "FROM unnest(%s::text[], %s::float8[]) AS q(term, idf) "
        f"JOIN postings p ON p.term = q.term AND {scope_sql}{own_only} "
        f"JOIN memories m ON m.rowid = p.memory WHERE {sql} "
        "GROUP BY p.memory, m.id ORDER BY s DESC, m.id LIMIT %s) "
        f"SELECT hits.s, {cols} FROM hits JOIN memories m ON m.rowid = hits.memory "
        "ORDER BY hits.s DESC, m.id",
        [
            w, K1 + 1, w, K1, 1 - B, B, stats.avg or 1.0, terms, idfs,
            *scope_params, *params, op.limit,
        ],
    )  # fmt: skip


# -- dense ----------------------------------------------------------------------------


async def _dense(tx: AsyncTx, op: SearchOp, cols: str) -> list[Any]:
    """``(score, *cols)`` of the nearest vectors, best first."""
    if op.vector is None or not op.embedder:
        return []
    q = vector_param(op.vector)
    dim = len(op.vector)
    flt = op.filter
    sql, params = where(flt)
    limit = tx.store.exact_limit
    if limit is not None:
        # The index check is remembered by the store: no round trip on most searches.
        if await hnsw_index(tx, op.embedder, dim) is not None:
            size = await _scope_size(tx, flt)
            if size > limit:
                found = await _hnsw(tx, op, q, dim, sql, params, size, cols)
                # The nearest half of the pool, from the index, beat the whole pool
                # from an exact scan of a large scope: a hybrid search ranks by the
                # head of the list, and that scan costs a read of every vector.
                if len(found) >= max(1, op.limit // 2):
                    return found
    return await tx.all(
        f"SELECT -(v.vec <#> %s::vector) AS s, {cols} FROM vectors v "
        "JOIN memories m ON m.rowid = v.memory "
        f"WHERE v.embedder = %s AND v.dim = %s AND {sql} "
        "ORDER BY v.vec <#> %s::vector, m.rowid LIMIT %s",
        [q, op.embedder, dim, *params, q, op.limit],
    )


async def _scope_size(tx: AsyncTx, flt: Filter) -> int:
    """About how many memories the searched scopes hold (their keyword rows).

    Every memory has one keyword row, so this counts what a vector count would
    (superseded versions included) from the statistics tables, without counting
    a large scope's rows: it only chooses between the exact scan and the index.
    """
    tenant = (flt.scopes or flt.prefixes or ("",))[0].split("/", 1)[0]
    if tenant in flt.prefixes and tenant in flt.scopes:
        row = await tx.one(
            "SELECT coalesce(sum(rows), 0) FROM kw_tenant WHERE tenant = %s", (tenant,)
        )
    else:
        scope_sql, params = _scope_sql(flt, "scope")
        row = await tx.one(f"SELECT coalesce(sum(rows), 0) FROM kw_stats WHERE {scope_sql}", params)
    return int(row[0])


async def _hnsw(
    tx: AsyncTx,
    op: SearchOp,
    q: str,
    dim: int,
    sql: str,
    params: list[Any],
    in_scope: int,
    cols: str,
) -> list[Any]:
    """Approximate nearest neighbours through the embedder's HNSW index (cosine)."""
    total = await _vector_count(tx)
    # The index walks the whole table; the filter keeps in_scope/total of what it finds.
    ef = min(1000, max(40, op.limit * 2, int(op.limit * 2 * total / max(in_scope, 1))))
    settings = {"hnsw.ef_search": str(int(ef))}
    if tx.store.pgvector_version >= (0, 8):
        settings["hnsw.iterative_scan"] = "relaxed_order"
    # The index is partial (one embedder and dimension): the planner can only use
    # it when the query states that predicate with constants, not parameters. The
    # nearest ef rows of the whole table come first, then the filter: pgvector 0.6
    # cannot filter inside the index walk. This path runs only for scopes past
    # exact_limit, where the index pays off, so the planner is told not to scan,
    # nor to sort the rows of another index (a large ef makes that look cheaper).
    settings |= {"enable_seqscan": "off", "enable_sort": "off"}
    await tx.execute(
        "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(settings)),
        [v for kv in settings.items() for v in kv],
    )
    embedder = psql.Literal(op.embedder).as_string(tx.conn)
    d = int(dim)
    rows = await tx.all(
        "WITH near AS MATERIALIZED (SELECT v.memory, v.vec FROM vectors v "
        f"WHERE v.embedder = {embedder} AND v.dim = {d} "
        f"ORDER BY (v.vec::vector({d})) <=> %s::vector({d}) LIMIT %s) "
        f"SELECT -(near.vec <#> %s::vector) AS s, {cols} FROM near "
        f"JOIN memories m ON m.rowid = near.memory WHERE {sql} ORDER BY s DESC, m.rowid LIMIT %s",
        [q, ef, q, *params, op.limit],
    )
    rows.sort(key=lambda r: -r[0])
    return rows


async def hnsw_index(tx: AsyncTx, embedder: str, dim: int) -> str | None:
    """The name of the embedder's HNSW index if it exists and is valid.

    Remembered by the store for :data:`INDEX_CHECK_SECONDS`: whether an index
    exists is schema, not data (nothing stale or erased can come of it), and
    asking on every search of a large scope costs a round trip. An index built
    by another replica is used from its next check on; one built by this store
    object at once.
    """
    name = index_name(embedder, dim)
    now = time.monotonic()
    known = tx.store.index_checks.get(name)
    if known is not None and now - known[0] < INDEX_CHECK_SECONDS:
        return name if known[1] else None
    row = await tx.one(
        "SELECT i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
        "WHERE c.relname = %s",
        (name,),
    )
    valid = row is not None and bool(row[0])
    tx.store.index_checks[name] = (now, valid)
    return name if valid else None


async def _vector_count(tx: AsyncTx) -> int:
    """Vectors in the whole table (the planner's estimate is enough)."""
    row = await tx.one("SELECT reltuples FROM pg_class WHERE relname = 'vectors'")
    return max(1, int(row[0])) if row else 1


HANDLERS: Handlers = {SearchOp: search}
