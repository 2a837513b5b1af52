"""Row conversion and filter SQL of the PostgreSQL store.

Values are stored as in SQLite (times as epoch seconds, sources and findings
as JSON text), so the row converters of :mod:`memstack.store.sqlite.rows` are
shared; only the SQL differs: ``%s`` parameters, and descendants of a scope
are the range ``[scope + '/', scope + '0')`` on a ``COLLATE "C"`` column
(``'0'`` is the character after ``'/'``). A range has no wildcard at all,
so ``("foo",)`` never matches ``("foobar",)`` and ``_`` or ``%`` in a
segment are plain characters, and a btree index answers it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ...models import Filter, MetaFilter
from ..sqlite.rows import COLS, chunks, dt, event_row, load_metadata, record_of, ts

__all__ = [
    "COLS", "ECOLS", "chunks", "dt", "event_row", "index_name", "load_metadata", "meta_where",
    "record_of", "tree", "ts", "under", "where",
]  # fmt: skip

#: Event columns in the order :func:`event_row` reads them.
ECOLS = (
    "id, at, action, actor, scope, memory_id, before, after, before_hash, after_hash, detail::text"
)


def under(column: str, prefix: str) -> tuple[str, list[Any]]:
    """``column`` is strictly below ``prefix`` (a descendant scope)."""
    return f"({column} >= %s AND {column} < %s)", [prefix + "/", prefix + "0"]


def tree(column: str, scope: str, descendants: bool = True) -> tuple[str, list[Any]]:
    """``column`` is ``scope`` (or one of its descendants, segment-wise)."""
    if not descendants:
        return f"{column} = %s", [scope]
    sql, params = under(column, scope)
    return f"({column} = %s OR {sql})", [scope, *params]


def where(flt: Filter, alias: str = "m") -> tuple[str, list[Any]]:
    """SQL for a :class:`Filter` (same semantics as ``Filter.matches``)."""
    a = alias
    params: list[Any] = []
    scope_parts = []
    if flt.scopes:
        scope_parts.append(f"{a}.scope = ANY(%s)")
        params.append(list(flt.scopes))
    for prefix in flt.prefixes:
        sql, more = under(f"{a}.scope", prefix)
        scope_parts.append(sql)
        params += more
    clauses = ["(" + " OR ".join(scope_parts) + ")" if scope_parts else "FALSE"]
    if flt.kinds:
        clauses.append(f"{a}.kind = ANY(%s)")
        params.append(list(flt.kinds))
    if flt.topic is not None:
        clauses.append(f"{a}.topic = %s")
        params.append(flt.topic)
    if flt.metadata:
        more, more_params = meta_where(flt.metadata, a)
        clauses += more
        params += more_params
    now = flt.now.timestamp()
    clauses.append(f"({a}.expires_at IS NULL OR {a}.expires_at > %s)")
    params.append(now)
    if flt.as_of is not None:
        at = flt.as_of.timestamp()
        clauses.append(f"{a}.valid_from <= %s AND ({a}.valid_to IS NULL OR {a}.valid_to > %s)")
        params += [at, at]
    elif not flt.include_superseded:
        clauses.append(f"{a}.superseded_by IS NULL AND ({a}.valid_to IS NULL OR {a}.valid_to > %s)")
        params.append(now)
    return " AND ".join(clauses), params


def meta_where(flt: MetaFilter, alias: str = "m") -> tuple[list[str], list[Any]]:
    """Conditions for a metadata filter: ``jsonb`` equality (``1 = 1.0``, ``true <> 1``).

    The key is a bound parameter of ``->``, so any key is safe; the allowed values are
    one ``jsonb[]`` parameter. Semantics of ``models.metadata.meta_matches``.
    """
    clauses: list[str] = []
    params: list[Any] = []
    for key, allowed in flt:
        clauses.append(f"({alias}.metadata -> %s) = ANY(%s::jsonb[])")
        params += [key, [json.dumps(v) for v in allowed]]
    return clauses, params


def index_name(embedder: str, dim: int) -> str:
    """The name of the HNSW index of one embedder's vectors of one dimension."""
    digest = hashlib.blake2b(embedder.encode(), digest_size=6).hexdigest()
    return f"vectors_hnsw_{digest}_{int(dim)}"
