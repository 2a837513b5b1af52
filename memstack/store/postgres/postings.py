"""The keyword index of the PostgreSQL store: postings and per-scope BM25 statistics.

PostgreSQL's full-text search ranks with ``ts_rank``, which is not BM25, and
its parser is not memstack's analysis (Snowball stems, stop words, CJK
bigrams, neighbouring-turn context). So text is analysed in Python
(:func:`memstack.index.keyword.analyze`), the analysed terms are stored
(``keywords``), each distinct term gets a posting row with its counts in the
memory's own terms and in its context, and the collection statistics FTS5
keeps are kept in tables (``kw_stats``, ``kw_df``) per scope.

Per scope, so that writers to different scopes never queue on one statistics
row; a search sums them over the searched tenant's scopes (the first scope
segment and everything below it), as the SQLite store ranks: no tenant's data
moves another tenant's scores, and a memory scores exactly as it does on SQLite.

Writers to one scope take the rows in a fixed order (the scope's ``kw_stats``
row first, then ``kw_df`` rows by term), so two transactions cannot deadlock.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ...index.keyword import SCOPE_TERMS
from .rows import tree
from .tx import Tx

__all__ = ["index_rows", "stats", "unindex_rows"]


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
    _bump(tx, scope_add, df, sign=1)
    with tx.conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO keywords (memory, terms, context, len) VALUES (%s, %s, %s, %s)", keywords
        )
        cur.executemany(
            "INSERT INTO postings (scope, term, memory, own, ctx, len) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            postings,
        )


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
    """Add (or subtract) row counts, lengths and document frequencies, in lock order."""
    with tx.conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO kw_stats (scope, rows, length) VALUES (%s, %s, %s) "
            "ON CONFLICT (scope) DO UPDATE SET rows = kw_stats.rows + excluded.rows, "
            "length = kw_stats.length + excluded.length",
            [(s, sign * n, sign * length) for s, (n, length) in sorted(scopes.items())],
        )
        merged: dict[tuple[str, str], list[int]] = {}
        for (scope, term, in_own), n in df.items():
            acc = merged.setdefault((scope, term), [0, 0])
            acc[1] += n
            if in_own:
                acc[0] += n
        cur.executemany(
            "INSERT INTO kw_df (scope, term, own, anywhere) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (scope, term) DO UPDATE SET own = kw_df.own + excluded.own, "
            "anywhere = kw_df.anywhere + excluded.anywhere",
            [(s, t, sign * o, sign * a) for (s, t), (o, a) in sorted(merged.items())],
        )
    if sign < 0:
        tx.execute("DELETE FROM kw_df WHERE scope = ANY(%s) AND anywhere <= 0", (sorted(scopes),))


def stats(
    tx: Tx, owner: str, terms: Iterable[str], with_context: bool
) -> tuple[int, float, dict[str, int]]:
    """``(rows, average length, document frequency per term)`` of one tenant's memories.

    The tenant is the first scope segment (``owner``): its scope and every scope
    below it. No other tenant's rows move its scores, as on SQLite.
    """
    inside, params = tree("scope", owner)
    rows, length = tx.one(
        f"SELECT coalesce(sum(rows), 0), coalesce(sum(length), 0) FROM kw_stats WHERE {inside}",
        params,
    )
    col = "anywhere" if with_context else "own"
    df = dict(
        tx.all(
            f"SELECT term, sum({col})::bigint FROM kw_df WHERE term = ANY(%s) AND {inside} "
            "GROUP BY term",
            [list(terms), *params],
        )
    )
    n = int(rows)
    return n, (float(length) / n if n else 0.0), {t: int(v) for t, v in df.items()}


def idf(rows: int, df: int) -> float:
    """FTS5's inverse document frequency, floored at 1e-6."""
    return max(math.log((rows - df + 0.5) / (df + 0.5)), 1e-6)
