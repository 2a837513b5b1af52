"""Record builders shared by the compile tests (plain functions, no fixtures needed)."""

from __future__ import annotations

from datetime import UTC, datetime

from memstack.models import Hit, Kind, Record, ScoreParts, Source

AT = datetime(2024, 5, 1, tzinfo=UTC)
SCOPE = "acme/alice"


def rec(
    id: str,
    kind: Kind = "fact",
    text: str = "x",
    *,
    scope: str = SCOPE,
    topic: str | None = None,
    pinned: bool = False,
    importance: float = 0.5,
    source: Source | None = None,
    valid_from: datetime = AT,
) -> Record:
    """A record with fixed times, so rendered output is byte-stable."""
    return Record(
        id=id,
        scope=scope,
        kind=kind,
        text=text,
        recorded_at=AT,
        valid_from=valid_from,
        topic=topic,
        pinned=pinned,
        importance=importance,
        source=source or Source(),
    )


def hit(record: Record, score: float) -> Hit:
    """A hit with neutral score parts."""
    parts = ScoreParts(
        keyword_rank=1,
        keyword_score=score,
        dense_rank=1,
        dense_score=score,
        fused=score,
        recency=0.5,
        importance=record.importance,
    )
    return Hit(memory=record, score=score, parts=parts)
