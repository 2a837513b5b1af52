"""FakeEmbedder: deterministic, batch-independent, seeded, and a registered plugin."""

from __future__ import annotations

import numpy as np

from memstack import plugins
from memstack.embed.fake import FakeEmbedder

TEXTS = ["Alice is vegetarian", "What food does Alice eat?", "The server runs on port 8080", ""]


def test_same_text_same_vector_across_instances_and_batches() -> None:
    a = FakeEmbedder(32).embed(TEXTS)
    b = FakeEmbedder(32).embed(list(reversed(TEXTS)))[::-1]
    alone = np.stack([FakeEmbedder(32).embed([t])[0] for t in TEXTS])

    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, alone)


def test_shape_dtype_and_unit_norm() -> None:
    vectors = FakeEmbedder(16).embed(TEXTS)

    assert vectors.shape == (4, 16) and vectors.dtype == np.dtype("<f4")
    norms = np.linalg.norm(vectors, axis=1)
    np.testing.assert_allclose(norms[:3], 1.0, atol=1e-6)
    assert norms[3] == 0.0  # no words, no trigrams: the zero vector stays zero


def test_shared_words_are_closer() -> None:
    e = FakeEmbedder(64)
    fact, question, unrelated = e.embed(TEXTS[:3])

    assert fact @ question > fact @ unrelated


def test_seed_changes_vectors_and_id() -> None:
    a, b = FakeEmbedder(32, seed=0), FakeEmbedder(32, seed=1)

    assert a.id == "fake:32:0" and b.id == "fake:32:1"
    assert not np.allclose(a.embed(TEXTS[:1]), b.embed(TEXTS[:1]))


def test_batches_and_counts_calls() -> None:
    e = FakeEmbedder(8)
    e.batch_size = 2

    e.embed(TEXTS)

    assert e.calls == 2


def test_registered_as_a_plugin() -> None:
    e = plugins.make("embedders", "fake", dimensions=12, seed=3)

    assert isinstance(e, FakeEmbedder) and e.id == "fake:12:3"
