"""Search plans: keyword and dense candidates, fused, with the time prior (index/temporal.py).

:meth:`Planner.search` is the entry point; the plan lives here so the planner
keeps to building writes and reads of single records.
"""

from __future__ import annotations

import builtins
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..index import keyword, temporal
from ..index.hybrid import FusionWeights, fuse
from ..models import Candidates, Filter, GetManyOp, Hit, Record, SearchOp
from .anchors import anchor_window
from .requests import Batch, Embed, Plan
from .validate import SEARCH_MODES, check_unicode

if TYPE_CHECKING:
    from .planner import Planner

__all__ = ["MAX_LIMIT", "POOL", "search"]

#: Largest ``limit`` a search accepts.
MAX_LIMIT = 1000
#: Fused candidate pool per retriever; fixed so a search's top k never depends on ``limit``.
POOL = 100


def search(
    planner: Planner,
    flt: Filter,
    query: str,
    *,
    limit: int = 10,
    mode: str = "hybrid",
    candidates: int | None = None,
) -> Plan[builtins.list[Hit]]:
    """Hybrid retrieval: keyword and dense candidate lists fused (see index/hybrid.py)."""
    if not isinstance(query, str) or not query.strip():
        raise UsageError("A search query must be a non-empty string.")
    check_unicode(query, "The search query")
    if not isinstance(limit, int) or limit < 1 or limit > MAX_LIMIT:
        raise UsageError(f"limit must be an integer from 1 to {MAX_LIMIT}, got {limit!r}.")
    if mode not in SEARCH_MODES:
        modes = ", ".join(SEARCH_MODES)
        raise UsageError(f"Unknown search mode {mode!r}; use one of: {modes}.")
    terms = keyword.query_terms(query)
    query_terms = " ".join(terms) or None
    w = planner.weights
    pool0 = candidates or POOL
    vec = None
    first: Candidates | None = None
    if mode != "keyword":
        yield from planner.check_vectors()
        dense_query = query
        if query_terms and w.common_share <= 1.0:
            # Keyword candidates first: they come with the scope's term counts.
            first = (yield Batch([_search_op(planner, flt, query_terms, None, pool0)]))[0]
            dense_query = keyword.drop_terms(query, _common(w, first))
        vec = (yield Embed([dense_query], "query", None))[0]
    if mode == "dense":
        query_terms = None
    # The candidate pool does not depend on ``limit``, so the top k of a search are
    # the same whatever larger limit is asked: up to POOL hits come from one fixed
    # pool; beyond it, the further hits come from the largest pool (MAX_LIMIT).
    # "last May", "in 2023", "上周": a soft prior for memories from then (index/temporal.py).
    window = temporal.parse(query, flt.as_of or flt.now) if planner.time_prior else None
    if window is None and planner.time_prior:  # "before I moved": dated by an event it names
        window = yield from anchor_window(planner, flt, query, dense=mode != "keyword")
    hits: list[Hit] = []
    for pool in (pool0, MAX_LIMIT):
        if first is not None and pool == pool0:
            dense = (yield Batch([_search_op(planner, flt, None, vec, pool)]))[0].dense
            cands = Candidates(first.keyword if query_terms else [], dense)
        else:
            cands = (yield Batch([_search_op(planner, flt, query_terms, vec, pool)]))[0]
        fused = fuse(
            cands.keyword,
            cands.dense,
            now=flt.as_of or flt.now,
            limit=pool if window else min(limit, pool),
            weights=w,
        )
        if window is not None:  # re-rank the whole pool, then cut
            fused = temporal.prefer(
                fused, window, limit=min(limit, pool), strength=planner.time_prior
            )
        seen = {h.memory.id for h in hits}
        hits += [h for h in fused if h.memory.id not in seen][: limit - len(hits)]
        if len(hits) >= limit or len(fused) < pool:
            break  # enough, or the scope holds no further candidates
    stubs = tuple(h.memory.id for h in hits if not isinstance(h.memory, Record))
    if not stubs:
        return hits
    # Full records only for the hits returned; one deleted in between is left out.
    records = (yield Batch([GetManyOp(stubs)]))[0]
    return [
        h if isinstance(h.memory, Record) else replace(h, memory=records[h.memory.id])
        for h in hits
        if isinstance(h.memory, Record) or h.memory.id in records
    ]

def _search_op(planner: Planner, flt: Filter, terms: str | None, vec: Any, pool: int) -> SearchOp:
    return SearchOp(
        flt, terms, vec, planner.embedder_id, pool, planner.weights.context_weight, stubs=True
    )

def _common(weights: FusionWeights, cands: Candidates) -> set[str]:
    """Query terms nearly every memory of the searched scopes holds.

    BM25 already gives such a term almost no weight (its IDF is near zero), but a
    dense query vector cannot: in a conversation the speakers' names are in (or
    beside) every turn, yet "What did Caroline paint?" embeds close to the turns
    that *mention* Caroline ("Thanks, Caroline!") rather than those she said.
    Leaving such words out of the dense query lets it match on what is asked.
    """
    w = weights
    if cands.scope_rows < w.common_rows:
        return set()
    bar = w.common_share * cands.scope_rows
    return {t for t, n in cands.scope_df.items() if n >= bar}
