"""The window of a query dated by an event: "before I moved", "since the wedding", "我搬家之前".

:func:`memstack.index.temporal.anchor` reads the event's words from the query; this
plan looks them up among the memories the search may see (keyword and dense, fused
as any search is) and dates the event by the best match's ``valid_from`` (an episode's
turn time, a fact's event time). The search then applies the time prior with the
window before or after that time (:func:`memstack.index.temporal.anchored`).

The event is dated by the best fused match that shares a word with it (a nearest
vector alone always exists, even for an event memory never heard of); with none, the
search runs without a prior. One extra candidate search, and one query embedding in
dense or hybrid mode, only for queries with such an event. What memory says is the
only source: no calendar of the user's life is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import keyword, temporal
from ..index.hybrid import fuse
from ..models import Candidates, Filter, SearchOp
from .requests import Batch, Embed, Plan

if TYPE_CHECKING:
    from .planner import Planner

__all__ = ["POOL", "anchor_window"]

#: Candidates per retriever when looking the event up (the best one dates it).
POOL = 20


def anchor_window(
    planner: Planner, flt: Filter, query: str, *, dense: bool
) -> Plan[temporal.Window | None]:
    """The window before or after the event ``query`` names, or ``None``.

    Args:
        planner: the runtime context (embedder, fusion weights).
        flt: the search's filter: the event is looked up where the search looks.
        query: the search text.
        dense: also match the event's words by meaning (hybrid and dense searches).
    """
    event = temporal.anchor(query)
    if event is None:
        return None
    terms = " ".join(keyword.query_terms(event.phrase)) or None
    vec = (yield Embed([event.phrase], "query", None))[0] if dense else None
    if terms is None and vec is None:
        return None
    op = SearchOp(
        flt, terms, vec, planner.embedder_id, POOL, planner.weights.context_weight, stubs=True
    )
    found: Candidates = (yield Batch([op]))[0]
    ref = flt.as_of or flt.now
    fused = fuse(found.keyword, found.dense, now=ref, limit=POOL, weights=planner.weights)
    # The best that shares a word with the event: a nearest vector alone always exists,
    # even for an event memory never heard of, and would date the query at random.
    best = next((h for h in fused if h.parts.keyword_rank is not None), None)
    if best is None:
        return None
    return temporal.anchored(event, best.memory.valid_from, ref)
