"""Row conversion and filter SQL shared by the SQLite store and its mixins."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from ...models import Event, Filter, MetaFilter, Record, Source, dump_metadata
from ...models.caches import erasable

__all__ = [
    "COLS", "chunks", "dt", "event_row", "load_metadata", "meta_where", "record_of",
    "stored_metadata", "tree", "ts", "where",
]  # fmt: skip

#: The memory columns :func:`record_of` reads, rowid first (alias ``m``).
COLS = (
    "m.rowid, m.id, m.scope, m.kind, m.text, m.topic, m.pinned, m.importance, m.source, "
    "m.valid_from, m.valid_to, m.recorded_at, m.superseded_by, m.expires_at, m.content_hash, "
    "m.metadata"
)


def ts(value: datetime | None) -> float | None:
    """A datetime as epoch seconds (None stays None)."""
    return None if value is None else value.timestamp()


def dt(value: float | None) -> datetime | None:
    """Epoch seconds as a UTC datetime (None stays None)."""
    return None if value is None else datetime.fromtimestamp(value, UTC)


@erasable
@lru_cache(maxsize=4096)
def _source(blob: str) -> Source:
    # Sources repeat (one per author or conversation) and are immutable: parse each once.
    return Source.from_dict(json.loads(blob))


def record_of(row: Sequence[Any]) -> Record:
    """A :class:`Record` from a row of :data:`COLS`."""
    return Record(
        id=row[1],
        scope=row[2],
        kind=row[3],
        text=row[4],
        topic=row[5],
        pinned=bool(row[6]),
        importance=row[7],
        source=_source(row[8]),
        valid_from=dt(row[9]),  # type: ignore[arg-type]
        valid_to=dt(row[10]),
        recorded_at=dt(row[11]),  # type: ignore[arg-type]
        superseded_by=row[12],
        expires_at=dt(row[13]),
        content_hash=row[14],
        metadata=load_metadata(row[15]),
    )


def load_metadata(value: str | dict[str, Any] | None) -> dict[str, Any]:
    """A stored metadata column as a fresh dict (SQLite: JSON text; PostgreSQL: jsonb, parsed)."""
    if value is None:
        return {}
    return json.loads(value) if isinstance(value, str) else dict(value)


def stored_metadata(value: dict[str, Any]) -> str | None:
    """The column value of a metadata object: compact key-sorted JSON, NULL when empty."""
    return dump_metadata(value) if value else None


def meta_where(flt: MetaFilter, alias: str = "m") -> tuple[list[str], list[Any]]:
    """SQLite conditions for a metadata filter (semantics of ``models.metadata.meta_matches``).

    ``json_each`` walks the top-level keys, so a key is a bound parameter, never part of
    a JSON path (keys may hold quotes and dots). ``type`` tells ``true`` from ``1``.
    """
    clauses: list[str] = []
    params: list[Any] = []
    for key, allowed in flt:
        alts: list[str] = []
        values: list[Any] = []
        for v in allowed:
            if v is None:
                alts.append("j.type = 'null'")
            elif isinstance(v, bool):
                alts.append("j.type = 'true'" if v else "j.type = 'false'")
            elif isinstance(v, str):
                alts.append("(j.type = 'text' AND j.atom = ?)")
                values.append(v)
            else:
                alts.append("(j.type IN ('integer', 'real') AND j.atom = ?)")
                values.append(v)
        # A cheap substring test first: the stored text is dump_metadata's (compact, no
        # ASCII escaping), so a matching row holds the key and, for a string, the value,
        # written exactly so. It skips parsing the JSON of most rows; json_each decides.
        quick = [f"instr({alias}.metadata, ?) > 0"]
        quick_params: list[Any] = [_dumped(key) + ":"]
        if all(isinstance(v, str) for v in allowed):
            each = [f"instr({alias}.metadata, ?) > 0" for _ in allowed]
            quick.append("(" + " OR ".join(each) + ")")
            quick_params += [_dumped(str(v)) for v in allowed]
        clauses.append(
            f"{' AND '.join(quick)} AND EXISTS (SELECT 1 FROM json_each({alias}.metadata) j "
            f"WHERE j.key = ? AND ({' OR '.join(alts)}))"
        )
        params += [*quick_params, key, *values]
    return clauses, params


def _dumped(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def tree(column: str, scope: str, descendants: bool = True) -> tuple[str, list[Any]]:
    """``column`` is ``scope`` (or one of its descendants, segment-wise)."""
    if not descendants:
        return f"{column} = ?", [scope]
    return f"({column} = ? OR {column} GLOB ?)", [scope, scope + "/*"]


def where(flt: Filter, alias: str = "m") -> tuple[str, list[Any]]:
    """SQL for a :class:`Filter` (same semantics as ``Filter.matches``).

    Descendants use ``GLOB 'prefix/*'``, not ``LIKE``: ``_`` is a LIKE wildcard
    and is allowed in scope segments, while no GLOB metacharacter is.
    """
    a = alias
    params: list[Any] = []
    scope_parts = []
    if flt.scopes:
        scope_parts.append(f"{a}.scope IN ({','.join('?' * len(flt.scopes))})")
        params += flt.scopes
    for prefix in flt.prefixes:
        scope_parts.append(f"{a}.scope GLOB ?")
        params.append(prefix + "/*")
    clauses = ["(" + " OR ".join(scope_parts) + ")" if scope_parts else "0"]
    if flt.kinds:
        clauses.append(f"{a}.kind IN ({','.join('?' * len(flt.kinds))})")
        params += flt.kinds
    if flt.topic is not None:
        clauses.append(f"{a}.topic = ?")
        params.append(flt.topic)
    if flt.metadata:
        more, more_params = meta_where(flt.metadata, a)
        clauses += more
        params += more_params
    now = flt.now.timestamp()
    clauses.append(f"({a}.expires_at IS NULL OR {a}.expires_at > ?)")
    params.append(now)
    if flt.as_of is not None:
        at = flt.as_of.timestamp()
        clauses.append(f"{a}.valid_from <= ? AND ({a}.valid_to IS NULL OR {a}.valid_to > ?)")
        params += [at, at]
    elif not flt.include_superseded:
        clauses.append(f"{a}.superseded_by IS NULL AND ({a}.valid_to IS NULL OR {a}.valid_to > ?)")
        params.append(now)
    return " AND ".join(clauses), params


def event_row(r: Sequence[Any]) -> Event:
    return Event(
        id=r[0],
        at=dt(r[1]),  # type: ignore[arg-type]
        action=r[2],
        actor=r[3],
        scope=r[4],
        memory_id=r[5],
        before=r[6],
        after=r[7],
        before_hash=r[8],
        after_hash=r[9],
        detail=json.loads(r[10]),
    )


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
