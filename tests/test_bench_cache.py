"""The recall bench's vector cache never hands one model's vectors to another.

``bench/locomo_recall.py --cache FILE`` keeps every vector it computed; comparing two
models (``--embedder-path``) with one cache file must still embed with each model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bench._recall_data import CachingEmbedder
from memstack.embed.fake import FakeEmbedder

TEXTS = ["Alice is vegetarian", "Jon plays tennis on Sundays"]


def test_cache_is_keyed_by_embedder_id(tmp_path: Path) -> None:
    cache = tmp_path / "vectors.npz"
    first = CachingEmbedder(FakeEmbedder(seed=1), cache)
    a = first.embed(TEXTS)
    first.save()

    second = CachingEmbedder(FakeEmbedder(seed=2), cache)  # another id, same file
    b = second.embed(TEXTS)

    np.testing.assert_allclose(b, FakeEmbedder(seed=2).embed(TEXTS), atol=1e-6)
    assert not np.allclose(a, b)
    again = CachingEmbedder(FakeEmbedder(seed=1), cache)  # the first model: served from file
    again.real = None  # type: ignore[assignment]  # a miss would now raise
    np.testing.assert_allclose(again.embed(TEXTS), a, atol=1e-6)
