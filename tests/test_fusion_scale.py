"""Score fusion weighs the keyword and dense lists alike, whatever their score scales.

Each list is scaled by its own best score for the query, so an embedder whose
cosines crowd into a narrow band (or BM25 scores that grow with a long query)
does not tilt the balance between the two retrievers.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from memstack.index.hybrid import fuse
from memstack.models import Stub

T = datetime(2024, 1, 1, tzinfo=UTC)


def _stub(rid: str) -> Stub:
    return Stub(id=rid, valid_from=T, importance=0.5)


def _order(kw: list[tuple[str, float]], dn: list[tuple[str, float]]) -> list[str]:
    hits = fuse([(_stub(i), s) for i, s in kw], [(_stub(i), s) for i, s in dn], now=T, limit=10)
    return [h.memory.id for h in hits]


KW = [("a", 10.0), ("b", 6.0), ("c", 2.0)]
DN = [("b", 0.60), ("c", 0.45), ("a", 0.30)]


def test_the_dense_list_best_match_counts_as_much_as_the_keyword_lists() -> None:
    # "a" is keyword's best and dense's worst; "b" is dense's best and keyword's
    # 0.6. Relative to each list's best: a = 1 + 0.5, b = 0.6 + 1, so b leads.
    # Added unscaled, the cosines (a band of 0.3) would have left "a" first.
    assert _order(KW, DN)[:2] == ["b", "a"]


@pytest.mark.parametrize("cos_scale", [0.25, 0.5, 1.5])
@pytest.mark.parametrize("bm25_scale", [0.1, 1.0, 7.0])
def test_rescaling_either_list_leaves_the_ranking_unchanged(
    cos_scale: float, bm25_scale: float
) -> None:
    kw = [(i, s * bm25_scale) for i, s in KW]
    dn = [(i, s * cos_scale) for i, s in DN]
    assert _order(kw, dn) == _order(KW, DN)


def test_negative_cosines_keep_their_order() -> None:
    # A query unlike every memory: all cosines below zero; the least negative wins.
    assert _order([], [("x", -0.1), ("y", -0.2), ("z", -0.5)]) == ["x", "y", "z"]
