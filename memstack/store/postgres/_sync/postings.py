# Generated from memstack/store/postgres/_async/postings.py by scripts/unasync.py: do not edit.
"""The keyword index of the PostgreSQL store: postings and per-scope BM25 statistics.

PostgreSQL's full-text search ranks with ``ts_rank``, which is not BM25, and
its parser is not memstack's analysis (Snowball stems, stop words, CJK
bigrams, neighbouring-turn context). So text is analysed in Python
(:func:`memstack.index.keyword.analyze`), the analysed terms are stored
(``keywords``), each distinct term gets a posting row with its counts in the
memory's own terms and in its context, and the collection statistics FTS5
keeps are kept in tables: per scope (``kw_stats``, ``kw_df``) and per tenant
(``kw_tenant``, ``kw_tenant_df``, migration 0006).

BM25 ranks with the statistics of the searched tenant (the first scope segment
and everything below it), as the SQLite store ranks: no tenant's data moves
another tenant's scores, and a memory scores exactly as it does on SQLite. A
search reads them from the tenant tables, which hold the per-scope rows summed
into 16 stripes by a hash of the scope: at most 16 rows per query term however
many scopes the tenant has, while two writers to different scopes of one tenant
queue on the same statistics row only when their scopes share a stripe. The
per-scope rows give the searched scopes' own shares (``Candidates.scope_df``).

All statistics change in the write transaction, in one statement per table and
a fixed order (``kw_stats`` by scope, ``kw_df`` by scope and term, then the
tenant tables by tenant, stripe and term), so two transactions cannot deadlock
on them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ....index.keyword import SCOPE_TERMS
from .tx import Tx

__all__ = ["idf", "index_rows", "unindex_rows"]


def index_rows(tx: Tx, rows: Sequence[tuple[int, str, str, str]]) -> None:
    """Index ``(rowid, scope, terms, context)`` rows: keyword row, postings, statistics."""
    if not rows:
        return
    keywords: list[tuple[Any, ...]] = []
    postings: list[tuple[Any, ...]] = []
    scope_add: dict[str, list[int]] = {}
    df: Counter[tuple[str, str, bool]] = Counter()
    for rowid, scope, terms, context in rows:
        own, ctx = Counter(terms.split()), Counter(context.split())
        length = sum(own.values()) + sum(ctx.values()) + SCOPE_TERMS
        keywords.append((rowid, terms, context, length))
        for term in own.keys() | ctx.keys():
            postings.append((scope, term, rowid, own[term], ctx[term], length))
            df[(scope, term, term in own)] += 1
        acc = scope_add.setdefault(scope, [0, 0])
        acc[0] += 1
        acc[1] += length
    tx.insert("keywords", "memory, terms, context, len", keywords)
    tx.insert("postings", "scope, term, memory, own, ctx, len", postings)
    _bump(tx, scope_add, df, sign=1)  # last: the shared rows, locked until commit


def unindex_rows(tx: Tx, where: str, params: Sequence[Any]) -> int:
    """Remove the keyword rows of memories matching ``where`` (on ``memories m``).

    Returns the number of keyword rows removed.
    """
    found = tx.all(
        "SELECT m.rowid, m.scope, k.terms, k.context, k.len FROM memories m "
        f"JOIN keywords k ON k.memory = m.rowid WHERE {where}",
        params,
    )
    if not found:
        return 0
    scope_sub: dict[str, list[int]] = {}
    df: Counter[tuple[str, str, bool]] = Counter()
    for _, scope, terms, context, length in found:
        own = set(terms.split())
        for term in own | set(context.split()):
            df[(scope, term, term in own)] += 1
        acc = scope_sub.setdefault(scope, [0, 0])
        acc[0] += 1
        acc[1] += length
    _bump(tx, scope_sub, df, sign=-1)
    ids = [r[0] for r in found]
    tx.execute("DELETE FROM postings WHERE memory = ANY(%s)", (ids,))
    tx.execute("DELETE FROM keywords WHERE memory = ANY(%s)", (ids,))
    return len(ids)


def _bump(
    tx: Tx,
    scopes: dict[str, list[int]],
    df: Counter[tuple[str, str, bool]],
    *,
    sign: int,
) -> None:
    """Add (or subtract) row counts, lengths and document frequencies, in lock order.

    One statement per table, whatever the number of scopes and terms: the rows
    come sorted in arrays, and an upsert takes their locks in that order.
    """
    ordered = sorted(scopes.items())
    tx.execute(
        "INSERT INTO kw_stats (scope, rows, length) "
        "SELECT * FROM unnest(%s::text[], %s::bigint[], %s::bigint[]) "
        "ON CONFLICT (scope) DO UPDATE SET rows = kw_stats.rows + excluded.rows, "
        "length = kw_stats.length + excluded.length",
        (
            [s for s, _ in ordered],
            [sign * n for _, (n, _) in ordered],
            [sign * length for _, (_, length) in ordered],
        ),
    )
    merged: dict[tuple[str, str], list[int]] = {}
    for (scope, term, in_own), n in df.items():
        acc = merged.setdefault((scope, term), [0, 0])
        acc[1] += n
        if in_own:
            acc[0] += n
    keys = sorted(merged)
    if keys:
        tx.execute(
            "INSERT INTO kw_df (scope, term, own, anywhere) "
            "SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[], %s::bigint[]) "
            "ON CONFLICT (scope, term) DO UPDATE SET own = kw_df.own + excluded.own, "
            "anywhere = kw_df.anywhere + excluded.anywhere",
            (
                [s for s, _ in keys],
                [t for _, t in keys],
                [sign * merged[k][0] for k in keys],
                [sign * merged[k][1] for k in keys],
            ),
        )
    _bump_tenants(tx, ordered, keys, merged, sign)
    if sign < 0:
        tx.execute(
            "DELETE FROM kw_df WHERE scope = ANY(%s) AND anywhere <= 0", (sorted(scopes),)
        )
        tenants = sorted({s.split("/", 1)[0] for s in scopes})
        # A term no memory of the tenant holds any more leaves its stripe rows (an
        # erased memory's words must not stay behind as statistics).
        tx.execute(
            "DELETE FROM kw_tenant_df WHERE tenant = ANY(%s) AND term = ANY(%s) AND anywhere <= 0",
            (tenants, sorted({t for _, t in keys})),
        )


def _bump_tenants(
    tx: Tx,
    scopes: list[tuple[str, list[int]]],
    keys: list[tuple[str, str]],
    merged: dict[tuple[str, str], list[int]],
    sign: int,
) -> None:
    """The same changes summed per tenant stripe (``kw_stripe(scope)``, migration 0006)."""
    tx.execute(
        "INSERT INTO kw_tenant (tenant, stripe, rows, length) "
        "SELECT split_part(s, '/', 1), kw_stripe(s), sum(n), sum(l) "
        "FROM unnest(%s::text[], %s::bigint[], %s::bigint[]) AS u(s, n, l) "
        "GROUP BY 1, 2 ORDER BY 1, 2 "
        "ON CONFLICT (tenant, stripe) DO UPDATE SET rows = kw_tenant.rows + excluded.rows, "
        "length = kw_tenant.length + excluded.length",
        (
            [s for s, _ in scopes],
            [sign * n for _, (n, _) in scopes],
            [sign * length for _, (_, length) in scopes],
        ),
    )
    if not keys:
        return
    tx.execute(
        "INSERT INTO kw_tenant_df (tenant, term, stripe, own, anywhere) "
        "SELECT split_part(s, '/', 1), t, kw_stripe(s), sum(o), sum(a) "
        "FROM unnest(%s::text[], %s::text[], %s::bigint[], %s::bigint[]) AS u(s, t, o, a) "
        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 "
        "ON CONFLICT (tenant, term, stripe) DO UPDATE SET own = kw_tenant_df.own + excluded.own, "
        "anywhere = kw_tenant_df.anywhere + excluded.anywhere",
        (
            [s for s, _ in keys],
            [t for _, t in keys],
            [sign * merged[k][0] for k in keys],
            [sign * merged[k][1] for k in keys],
        ),
    )


def idf(rows: int, df: int) -> float:
    """FTS5's inverse document frequency, floored at 1e-6."""
    return max(math.log((rows - df + 0.5) / (df + 0.5)), 1e-6)
