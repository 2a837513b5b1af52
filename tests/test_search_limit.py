"""A search's ranking does not depend on ``limit``: the top k is a prefix of the top K."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore

WORDS = (
    "cat dog garden paint trip lisbon guitar recipe bread coffee river train "
    "book rain school sister job interview camera beach concert festival"
).split()
QUERIES = ("cat garden", "trip to lisbon by train", "coffee and bread recipe", "sister job", "rain")


@pytest.fixture(params=["memory", "sqlite"])
def mem(request: pytest.FixtureRequest, tmp_path: Path, clock: Any) -> Any:
    store = InMemoryStore() if request.param == "memory" else SqliteStore(tmp_path / "limit.db")
    m = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    rng = random.Random(7)
    # Many memories sharing words, so keyword and dense lists overlap only partly
    # and the pools of different sizes hold different candidates.
    texts = [" ".join(rng.choices(WORDS, k=rng.randint(2, 9))) + f" note {i}" for i in range(1500)]
    m.add_many({"scope": "t/u", "text": t} for t in texts)
    yield m
    m.close()


def _ids(mem: Memory, query: str, limit: int, mode: str) -> list[str]:
    return [h.memory.id for h in mem.search("t/u", query, limit=limit, mode=mode)]


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "dense"])
def test_top_k_is_a_prefix_of_every_larger_limit(mem: Memory, mode: str) -> None:
    for query in QUERIES:
        longest = _ids(mem, query, 1000, mode)
        assert len(longest) == len(set(longest))
        for k in (1, 5, 10, 25, 50, 99, 100, 101, 150, 400):
            assert _ids(mem, query, k, mode) == longest[:k], (query, k)


def test_scores_of_a_prefix_do_not_change_with_limit(mem: Memory) -> None:
    small = mem.search("t/u", "cat garden", limit=10)
    large = mem.search("t/u", "cat garden", limit=60)
    assert [(h.memory.id, h.score) for h in small] == [(h.memory.id, h.score) for h in large[:10]]
