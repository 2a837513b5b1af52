"""Fuse keyword and dense candidate lists into one explainable ranking.

Two fusion methods are implemented; ``bench/locomo_recall.py`` measures both.

* ``score`` (default): ``keyword × bm25 / max_bm25 + dense × cosine / max_cosine``.
  Each list is scaled by its own best score for the query, so both parts say
  how close a candidate comes to its list's best match, whatever the scale of
  the scores: BM25 grows with the query's length and rare words, and an
  embedder's cosines crowd into a band of its own (0.2-0.7 for MiniLM), which,
  added unscaled, gave the dense list about half the keyword list's say, and
  another embedder would have given it another share. A candidate missing
  from the dense list gets the lowest cosine of that list (it ranked below all
  of them), scaled alike. With a dense model weaker than BM25 this
  keeps BM25's strong top ranks while the cosine reorders near-ties and lifts
  paraphrases, which reciprocal rank fusion cannot do: it throws away how
  *much* better one candidate is than the next. On LoCoMo it beats keyword
  alone at R@5 and beyond (R@1 is within 0.01 of it), while RRF lost R@1 and
  R@5 (figures: docs/retrieval.md).
* ``rrf``: reciprocal rank fusion, ``weight / (k + rank)`` per list; needs no
  calibration at all and is the better choice when both retrievers are strong.

After fusion a light multiplicative re-weight favours recent and important
memories; it breaks near-ties rather than overturning the retrievers.
Everything here is pure: the clock comes in as ``now``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, cast

from ..models import Hit, Record, ScoreParts, Stub

__all__ = ["FusionWeights", "fuse"]


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """Knobs of retrieval and fusion.

    Attributes:
        keyword: weight of the keyword (BM25) list.
        dense: weight of the dense (cosine) list.
        method: ``score`` (weighted scores) or ``rrf`` (reciprocal ranks).
        k: RRF constant; larger flattens the contribution of top ranks.
        recency: strength of the recency boost (0 disables it).
        half_life_days: age at which the recency boost halves.
        importance: strength of the importance boost (0 disables it).
        context_weight: BM25 weight of context terms (e.g. neighbouring turns).
        common_share: query words held (in terms or context) by at least this share
            of the searched scopes' memories are left out of the dense query; above 1
            nothing is left out.
        common_rows: ... but only in scopes indexing at least this many memories.
    """

    keyword: float = 1.0
    dense: float = 1.0
    method: Literal["score", "rrf"] = "score"
    k: float = 60.0
    recency: float = 0.02
    half_life_days: float = 30.0
    importance: float = 0.02
    context_weight: float = 0.3
    common_share: float = 0.9
    common_rows: int = 20


def fuse(
    keyword: Sequence[tuple[Record | Stub, float]],
    dense: Sequence[tuple[Record | Stub, float]],
    *,
    now: datetime,
    limit: int,
    weights: FusionWeights = FusionWeights(),
) -> list[Hit]:
    """Combine two ranked candidate lists into hits with score parts.

    Args:
        keyword: ``(record, bm25)`` best first (records or :class:`Stub` values).
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
    records: dict[str, Record | Stub] = {}
    kw: dict[str, tuple[int, float]] = {}
    dn: dict[str, tuple[int, float]] = {}
    for rank, (rec, score) in enumerate(keyword, 1):
        records.setdefault(rec.id, rec)
        kw.setdefault(rec.id, (rank, score))
    for rank, (rec, score) in enumerate(dense, 1):
        records.setdefault(rec.id, rec)
        dn.setdefault(rec.id, (rank, score))
    top_bm25 = max((s for _, s in kw.values()), default=0.0) or 1.0
    top_cos = max((s for _, s in dn.values()), default=0.0)
    top_cos = top_cos if top_cos > 0 else 1.0  # all cosines negative: keep their order
    floor_cos = min((s for _, s in dn.values()), default=0.0)

    scored: list[tuple[float, str, float, float]] = []  # (score, id, fused, recency)
    for rid, rec in records.items():
        if weights.method == "rrf":
            fused = 0.0
            if rid in kw:
                fused += weights.keyword / (weights.k + kw[rid][0])
            if rid in dn:
                fused += weights.dense / (weights.k + dn[rid][0])
        else:
            fused = weights.keyword * (kw[rid][1] / top_bm25 if rid in kw else 0.0)
            if dn:
                fused += weights.dense * (dn[rid][1] if rid in dn else floor_cos) / top_cos
        age_days = max(0.0, (now - rec.valid_from).total_seconds() / 86400.0)
        half_life = weights.half_life_days
        recency = math.pow(0.5, age_days / half_life) if half_life else 0.0
        boost = 1.0 + weights.recency * recency + weights.importance * (rec.importance - 0.5)
        # A negative fused score (all cosines negative) must still rank by fused order.
        score = fused * boost if fused >= 0 else fused / boost
        scored.append((score, rid, fused, recency))
    scored.sort(key=lambda s: (-s[0], s[1]))
    hits: list[Hit] = []
    for score, rid, fused, recency in scored[:limit]:  # explain only what is returned
        rec = records[rid]
        parts = ScoreParts(
            keyword_rank=kw[rid][0] if rid in kw else None,
            keyword_score=kw[rid][1] if rid in kw else None,
            dense_rank=dn[rid][0] if rid in dn else None,
            dense_score=dn[rid][1] if rid in dn else None,
            fused=fused,
            recency=recency,
            importance=rec.importance,
        )
        # A Stub stands in for its record until the caller fetches the winners.
        hits.append(Hit(memory=cast(Record, rec), score=score, parts=parts))
    return hits
