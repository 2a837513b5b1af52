"""Fuse keyword and dense candidate lists into one explainable ranking.

Reciprocal rank fusion (RRF) adds ``weight / (k + rank)`` from each list. It
needs no score calibration between BM25 and cosine, which live on different
scales. The lists are not equally good: a small sentence model is weaker than
BM25 at matching questions to conversation turns, so each list has its own
weight (tuned by ``bench/locomo_recall.py`` on its tuning split).

After fusion a light re-weight favours recent and important memories. It is
multiplicative and small, so it breaks near-ties rather than overturning the
retrievers. Everything here is pure: the clock comes in as ``now``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..models import Hit, Record, ScoreParts

__all__ = ["FusionWeights", "fuse"]


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """Knobs of the fusion.

    Attributes:
        keyword: weight of the keyword (BM25) list.
        dense: weight of the dense (cosine) list.
        k: RRF constant; larger flattens the contribution of top ranks.
        recency: strength of the recency boost (0 disables it).
        half_life_days: age at which the recency boost halves.
        importance: strength of the importance boost (0 disables it).
        context_weight: BM25 weight of context terms (e.g. neighbouring turns).
        session: share of the best fused score in the same conversation session
            added to each episode of that session (0 disables it).
    """

    keyword: float = 1.0
    dense: float = 1.0
    k: float = 60.0
    recency: float = 0.05
    half_life_days: float = 30.0
    importance: float = 0.05
    context_weight: float = 0.3
    session: float = 0.0


def fuse(
    keyword: Sequence[tuple[Record, float]],
    dense: Sequence[tuple[Record, float]],
    *,
    now: datetime,
    limit: int,
    weights: FusionWeights = FusionWeights(),
) -> list[Hit]:
    """Combine two ranked candidate lists into hits with score parts.

    Args:
        keyword: ``(record, bm25)`` best first.
        dense: ``(record, cosine)`` best first.
        now: reference time for recency (pass ``as_of`` when looking at the past).
        limit: number of hits to return.
        weights: fusion knobs.

    Returns:
        Hits, best first; ties broken by record id for a stable order.

    Example:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2024, 1, 1, tzinfo=timezone.utc)
        >>> a = Record(id="a", scope="s", kind="fact", text="x", recorded_at=t, valid_from=t)
        >>> b = Record(id="b", scope="s", kind="fact", text="y", recorded_at=t, valid_from=t)
        >>> [h.memory.id for h in fuse([(a, 2.0)], [(b, 0.9), (a, 0.5)], now=t, limit=2)]
        ['a', 'b']
    """
    records: dict[str, Record] = {}
    kw: dict[str, tuple[int, float]] = {}
    dn: dict[str, tuple[int, float]] = {}
    for rank, (rec, score) in enumerate(keyword, 1):
        records.setdefault(rec.id, rec)
        kw.setdefault(rec.id, (rank, score))
    for rank, (rec, score) in enumerate(dense, 1):
        records.setdefault(rec.id, rec)
        dn.setdefault(rec.id, (rank, score))

    hits: list[Hit] = []
    for rid, rec in records.items():
        fused = 0.0
        if rid in kw:
            fused += weights.keyword / (weights.k + kw[rid][0])
        if rid in dn:
            fused += weights.dense / (weights.k + dn[rid][0])
        age_days = max(0.0, (now - rec.valid_from).total_seconds() / 86400.0)
        recency = math.pow(0.5, age_days / weights.half_life_days) if weights.half_life_days else 0.0
        boost = 1.0 + weights.recency * recency + weights.importance * (rec.importance - 0.5)
        parts = ScoreParts(
            keyword_rank=kw[rid][0] if rid in kw else None,
            keyword_score=kw[rid][1] if rid in kw else None,
            dense_rank=dn[rid][0] if rid in dn else None,
            dense_score=dn[rid][1] if rid in dn else None,
            fused=fused,
            recency=recency,
            importance=rec.importance,
        )
        hits.append(Hit(memory=rec, score=fused * boost, parts=parts))
    if weights.session:
        hits = _session_boost(hits, weights.session)
    hits.sort(key=lambda h: (-h.score, h.memory.id))
    return hits[:limit]


def _session_key(rec: Record) -> tuple[str, str, str] | None:
    src = rec.source
    if rec.kind != "episode" or src.session is None:
        return None
    return (rec.scope, src.conversation or "", src.session)


def _session_boost(hits: list[Hit], share: float) -> list[Hit]:
    """Lift episodes whose session holds a strong hit: evidence clusters in sessions."""
    best: dict[tuple[str, str, str], float] = {}
    for h in hits:
        key = _session_key(h.memory)
        if key is not None:
            best[key] = max(best.get(key, 0.0), h.score)
    out = []
    for h in hits:
        key = _session_key(h.memory)
        bonus = share * best[key] if key is not None else 0.0
        out.append(Hit(memory=h.memory, score=h.score + bonus, parts=h.parts))
    return out
