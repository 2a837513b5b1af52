"""The vector BLOB format and the in-memory dense index behind the SQLite store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.index.vector import Row, VectorIndex, decode, encode
from memstack.models import Filter, Record
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore

T0 = datetime(2025, 3, 1, tzinfo=UTC)


def test_blob_is_little_endian_float32() -> None:
    assert encode([1.0, 0.5]).hex() == "0000803f0000003f"
    assert len(encode(np.ones(384))) == 384 * 4
    back = decode(encode([0.25, -1.5, 3.0]))
    assert back.dtype == np.float32
    assert back.tolist() == [0.25, -1.5, 3.0]


def _unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    m = rng.standard_normal((n, dim)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def _records(rng: np.random.Generator, n: int) -> list[Record]:
    out = []
    for i in range(n):
        start = T0 + timedelta(days=int(rng.integers(0, 10)))
        end = start + timedelta(days=int(rng.integers(1, 5))) if rng.random() < 0.3 else None
        out.append(
            Record(
                id=f"r{i:04d}",
                scope="s",
                kind=str(rng.choice(["rule", "fact", "episode"])),
                text=f"t{i}",
                recorded_at=start,
                valid_from=start,
                valid_to=end,
                topic=str(rng.choice(["a", "b"])) if rng.random() < 0.5 else None,
                superseded_by="x" if end is not None and rng.random() < 0.5 else None,
                expires_at=T0 + timedelta(days=int(rng.integers(3, 20)))
                if rng.random() < 0.2
                else None,
            )
        )
    return out


def _row(key: int, r: Record, vec: np.ndarray) -> Row:
    return Row(
        key,
        r.kind,
        r.topic,
        r.valid_from.timestamp(),
        r.valid_to.timestamp() if r.valid_to else None,
        r.expires_at.timestamp() if r.expires_at else None,
        r.superseded_by is not None,
        vec,
    )


FILTERS: list[dict[str, Any]] = [
    {},
    {"kinds": ("fact",)},
    {"kinds": ("rule", "episode"), "topic": "a"},
    {"include_superseded": True},
    {"as_of": T0 + timedelta(days=4)},
    {"as_of": T0 + timedelta(days=1), "kinds": ("fact",)},
]


@pytest.mark.parametrize("options", FILTERS)
def test_exact_search_equals_brute_force_under_the_reference_filter(
    options: dict[str, Any],
) -> None:
    rng = np.random.default_rng(11)
    records = _records(rng, 300)
    vecs = _unit(rng, 300, 32)
    index = VectorIndex(32, exact_limit=None)
    index.load("s", [_row(i, r, vecs[i]) for i, r in enumerate(records)])
    now = T0 + timedelta(days=8)
    flt = Filter(scopes=("s",), now=now, **options)
    for q in _unit(rng, 5, 32):
        got = index.search(
            ["s"],
            q,
            10,
            now=now.timestamp(),
            kinds=flt.kinds,
            topic=flt.topic,
            as_of=flt.as_of.timestamp() if flt.as_of else None,
            include_superseded=flt.include_superseded,
        )
        allowed = [i for i, r in enumerate(records) if flt.matches(r)]
        scores = vecs[allowed] @ q
        order = sorted(range(len(allowed)), key=lambda j: (-scores[j], allowed[j]))[:10]
        assert [k for k, _ in got] == [allowed[j] for j in order]
        assert [s for _, s in got] == pytest.approx([float(scores[j]) for j in order], abs=1e-6)


def test_index_follows_add_close_remove_and_drop() -> None:
    rng = np.random.default_rng(5)
    vecs = _unit(rng, 4, 16)
    index = VectorIndex(16)
    t = T0.timestamp()
    index.load("s", [Row(1, "fact", None, t, None, None, False, vecs[0])])
    index.add("s", Row(2, "fact", None, t, None, None, False, vecs[1]))
    index.add("unloaded", Row(3, "fact", None, t, None, None, False, vecs[2]))
    assert not index.loaded("unloaded")  # unloaded scopes are read from the store later
    found = dict(index.search(["s"], vecs[1], 10, now=t + 1))
    assert set(found) == {1, 2} and found[2] == pytest.approx(1.0, abs=1e-6)

    index.close(2, t + 10, True)
    assert [k for k, _ in index.search(["s"], vecs[1], 10, now=t + 20)] == [1]
    assert {
        k for k, _ in index.search(["s"], vecs[1], 10, now=t + 20, include_superseded=True)
    } == {1, 2}
    assert [k for k, _ in index.search(["s"], vecs[1], 10, now=t + 20, as_of=t + 5)][0] == 2

    index.remove([1])
    assert index.search(["s"], vecs[0], 10, now=t + 20) == []
    index.drop(["s"])
    assert not index.loaded("s")
    assert index.search(["s"], vecs[0], 10, now=t + 20) == []


def test_search_merges_several_scopes_best_first() -> None:
    rng = np.random.default_rng(9)
    vecs = _unit(rng, 40, 16)
    index = VectorIndex(16)
    t = T0.timestamp()
    index.load("a", [Row(i, "fact", None, t, None, None, False, vecs[i]) for i in range(20)])
    index.load("b", [Row(i, "fact", None, t, None, None, False, vecs[i]) for i in range(20, 40)])
    q = vecs[25]
    got = index.search(["a", "b"], q, 5, now=t + 1)
    expected = sorted(range(40), key=lambda i: -float(vecs[i] @ q))[:5]
    assert [k for k, _ in got] == expected
    assert [k for k, _ in index.search(["a"], q, 5, now=t + 1)] == sorted(
        range(20), key=lambda i: -float(vecs[i] @ q)
    )[:5]


@pytest.mark.parametrize("dim", [384, 100])
def test_sign_bit_prerank_keeps_near_neighbours_and_scores_exactly(dim: int) -> None:
    rng = np.random.default_rng(1)
    vecs = _unit(rng, 1000, dim)
    t = T0.timestamp()
    rows = [Row(i, "fact", None, t, None, None, False, vecs[i]) for i in range(1000)]
    pruned = VectorIndex(dim, exact_limit=100, rescore=50)  # rescore only 5% of the rows
    pruned.load("s", rows)
    for target in range(0, 1000, 50):
        q = vecs[target] + 0.3 * _unit(rng, 1, dim)[0]
        q = q / np.linalg.norm(q)
        got = pruned.search(["s"], q, 5, now=t + 1)
        assert got[0][0] == target
        # Whatever survives the pre-ranking is rescored with the exact cosine.
        for key, score in got:
            assert score == pytest.approx(float(vecs[key] @ q), abs=1e-5)


# -- through the SQLite store ---------------------------------------------------------

WORDS = [f"w{i}" for i in range(300)] + (
    "tea coffee green black milk sugar alice bob cooks vegan dinner lunch bike cello lisbon kelp"
).split()


def _sqlite_and_reference(
    tmp_path: Path, clock: Any, exact_limit: int | None
) -> tuple[Memory, Memory]:
    rng = np.random.default_rng(0)
    items = [
        {"scope": "big", "text": " ".join(rng.choice(WORDS, size=int(rng.integers(3, 11))))}
        for _ in range(500)
    ]
    sql = Memory(
        store=SqliteStore(tmp_path / "v.db", exact_limit=exact_limit),
        embedder=FakeEmbedder(),
        clock=clock,
    )
    ref = Memory(store=InMemoryStore(), embedder=FakeEmbedder(), clock=clock)
    sql.add_many(items)
    ref.add_many(items)
    return sql, ref


def _queries() -> list[str]:
    rng = np.random.default_rng(42)
    return [" ".join(rng.choice(WORDS, size=4)) for _ in range(40)]


def test_sqlite_sign_bit_path_agrees_with_exact_top5(tmp_path: Path, clock: Any) -> None:
    sql, ref = _sqlite_and_reference(tmp_path, clock, exact_limit=50)
    overlaps = []
    for q in _queries():
        fast = {h.memory.text for h in sql.search("big", q, mode="dense", limit=5)}
        exact = {h.memory.text for h in ref.search("big", q, mode="dense", limit=5)}
        overlaps.append(len(fast & exact) / 5)
    assert np.mean(overlaps) >= 0.9
    sql.close()


def test_sqlite_exact_mode_is_identical_to_brute_force(tmp_path: Path, clock: Any) -> None:
    sql, ref = _sqlite_and_reference(tmp_path, clock, exact_limit=None)
    for q in _queries():
        fast = [
            (h.memory.text, h.parts.dense_score)
            for h in sql.search("big", q, mode="dense", limit=5)
        ]
        exact = [
            (h.memory.text, h.parts.dense_score)
            for h in ref.search("big", q, mode="dense", limit=5)
        ]
        assert [t for t, _ in fast] == [t for t, _ in exact]
        assert [s for _, s in fast] == pytest.approx([s for _, s in exact], abs=1e-5)
    sql.close()


@pytest.mark.parametrize("removed", [5, 40])  # a few rows are marked gone; many compact
def test_removed_rows_never_come_back_and_the_rest_rank_exactly(removed: int) -> None:
    rng = np.random.default_rng(8)
    every = _unit(rng, 101, 16)
    vecs = every[:100]
    t = T0.timestamp()
    index = VectorIndex(16, exact_limit=None)
    index.load("s", [Row(i, "fact", None, t, None, None, False, vecs[i]) for i in range(100)])
    gone = set(rng.choice(100, removed, replace=False).tolist())
    index.remove(sorted(gone))
    index.add("s", Row(100, "fact", None, t, None, None, False, every[100]))
    kept = [i for i in range(100) if i not in gone] + [100]
    for q in _unit(rng, 5, 16):
        got = index.search(["s"], q, 10, now=t + 1)
        want = sorted(kept, key=lambda i: (-float(every[i] @ q), i))[:10]
        assert [k for k, _ in got] == want
    index.close(100, t + 5, True)
    assert 100 not in {k for k, _ in index.search(["s"], every[100], 100, now=t + 10)}
