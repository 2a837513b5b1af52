"""Keyword statistics per tenant, kept in step with every write of the keyword index.

BM25 needs the number of documents, their average length and each query
term's document frequency. FTS5 keeps these for the whole file, so one
tenant's memories would change another tenant's scores and reveal which words
it stores. memstack ranks with statistics of the searched tenant (the first
scope segment) instead: row and token counts in ``keyword_stats`` (migration
0006), adjusted here by every handler that adds, removes or rewrites keyword
rows, and document frequencies counted by FTS5 inside the tenant's scope terms.

A row's length counts its own terms, its context terms and the fixed number of
scope-filter terms, exactly as the search blocks count it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ...index.keyword import SCOPE_TERMS
from .tx import Tx

__all__ = ["adjust", "length", "removing", "tenant", "tenant_sql"]


def tenant(scope: str) -> str:
    """The tenant of a scope: its first segment."""
    return scope.split("/", 1)[0]


def tenant_sql(column: str) -> str:
    """SQL for the tenant of a scope column."""
    return f"substr({column}, 1, instr({column} || '/', '/') - 1)"


def length(terms: str, context: str) -> int:
    """Tokens BM25 counts for a keyword row."""
    return len(terms.split()) + len(context.split()) + SCOPE_TERMS


def adjust(tx: Tx, changes: Iterable[tuple[str, int, int]]) -> None:
    """Add ``(scope, rows, tokens)`` deltas (negative to remove) to the tenants' counts."""
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for scope, rows, tokens in changes:
        entry = total[tenant(scope)]
        entry[0] += rows
        entry[1] += tokens
    for name, (rows, tokens) in total.items():
        if not rows and not tokens:
            continue
        tx.conn.execute(
            "INSERT INTO keyword_stats (tenant, rows, length) VALUES (?, ?, ?) "
            "ON CONFLICT (tenant) DO UPDATE SET rows = rows + excluded.rows, "
            "length = length + excluded.length",
            (name, rows, tokens),
        )
        tx.conn.execute("DELETE FROM keyword_stats WHERE tenant = ? AND rows <= 0", (name,))


def removing(tx: Tx, rowids_sql: str, params: Iterable[object] = ()) -> None:
    """Subtract the keyword rows that ``rowids_sql`` (a subquery of rowids) selects.

    Call it before deleting them.
    """
    rows = tx.conn.execute(
        "SELECT m.scope, f.terms, f.context FROM memories m JOIN memories_fts f "
        f"ON f.rowid = m.rowid WHERE m.rowid IN {rowids_sql}",
        list(params),
    ).fetchall()
    adjust(tx, ((scope, -1, -length(t or "", c or "")) for scope, t, c in rows))
