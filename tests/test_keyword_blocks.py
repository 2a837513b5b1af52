"""The in-memory keyword blocks behind SQLite keyword search.

A search of a scope and its ancestors ranks with per-scope postings in memory;
a search over descendants asks FTS5 itself. A scope without descendants is the
same set of memories either way, so both must give the same order and the same
BM25 scores: that is how these tests hold the blocks to FTS5's ``bm25()``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.index.keyword import BM25, SCOPE_TERMS, analyze, query_terms
from memstack.index.postings import KeywordIndex, Stats, TermRow
from memstack.store.sqlite import SqliteStore

WORDS = (
    "tea coffee green black milk sugar alice bob cooks vegan dinner lunch bike cello lisbon "
    "kelp garden painting adoption camping guitar school paris dog cat hiking running book"
).split()


def _text(rng: np.random.Generator) -> str:
    return " ".join(rng.choice(WORDS, size=int(rng.integers(2, 12))))


def _queries(seed: int = 7, n: int = 30) -> list[str]:
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, size=int(rng.integers(1, 5)))) for _ in range(n)]


def _both(mem: Memory, scope: str, query: str, **options: Any) -> tuple[list[Any], list[Any]]:
    """Keyword hits via the blocks and via FTS5 (include_descendants, none exist)."""
    kwargs = {"mode": "keyword", "limit": 40, **options}
    blocks = mem.search(scope, query, **kwargs)
    fts = mem.search(scope, query, include_descendants=True, **kwargs)
    return (
        [(h.memory.id, h.parts.keyword_score) for h in blocks],
        [(h.memory.id, h.parts.keyword_score) for h in fts],
    )


def _assert_same(a: list[Any], b: list[Any]) -> None:
    assert [i for i, _ in a] == [i for i, _ in b]
    assert [s for _, s in a] == pytest.approx([s for _, s in b], rel=1e-9)


def _conversation(rng: np.random.Generator, n: int) -> list[dict[str, str]]:
    return [{"role": "user" if i % 2 else "assistant", "content": _text(rng)} for i in range(n)]


@pytest.fixture
def mem(tmp_path: Path, clock: Any) -> Memory:
    rng = np.random.default_rng(3)
    m = Memory(store=SqliteStore(tmp_path / "k.db"), embedder=FakeEmbedder(), clock=clock)
    m.add_many([{"scope": "acme/alice", "text": _text(rng), "kind": "fact"} for _ in range(150)])
    m.add_many([{"scope": "acme", "text": _text(rng), "kind": "rule"} for _ in range(20)])
    m.add_many([{"scope": "acme/bob", "text": _text(rng)} for _ in range(60)])
    # Episodes carry their neighbours' terms as context (a second, lower-weight column).
    m.ingest_conversation("acme/alice", _conversation(rng, 80))
    return m


def test_blocks_rank_like_fts5_with_context_and_ancestors(mem: Memory) -> None:
    for q in _queries():
        blocks, fts = _both(mem, "acme/alice", q)
        _assert_same(blocks, fts)
        assert blocks  # every query word occurs somewhere


def test_blocks_rank_like_fts5_when_context_terms_do_not_count(mem: Memory) -> None:
    # At weight 0 only a memory's own terms match, and document frequencies count
    # that column alone, as in the FTS5 query over the ``terms`` column.
    mem.planner.weights = dataclasses.replace(mem.planner.weights, context_weight=0.0)
    for q in _queries(seed=11):
        blocks, fts = _both(mem, "acme/alice", q)
        _assert_same(blocks, fts)


@pytest.mark.parametrize(
    "options",
    [{"kind": "fact"}, {"kind": ["rule", "episode"]}, {"topic": "diet"}, {"topic": "none"}],
)
def test_blocks_apply_filters_like_sql(mem: Memory, options: dict[str, Any]) -> None:
    mem.add("acme/alice", "Alice drinks green tea with milk", topic="diet")
    for q in _queries(n=10):
        _assert_same(*_both(mem, "acme/alice", q, **options))


def test_blocks_follow_writes_made_after_they_loaded(mem: Memory, clock: Any) -> None:
    assert mem.search("acme/alice", "kelp", mode="keyword")  # loads the block
    fresh = mem.add("acme/alice", "zucchini kelp salad")
    hits = mem.search("acme/alice", "zucchini", mode="keyword")
    assert [h.memory.id for h in hits] == [fresh.id]
    # "kelp" was counted before the write: its document frequency must follow it.
    blocks, fts = _both(mem, "acme/alice", "kelp")
    _assert_same(blocks, fts)
    assert fresh.id in [i for i, _ in blocks]

    clock.advance(minutes=1)
    newer = mem.update(fresh.id, "zucchini soup")
    assert [h.memory.id for h in mem.search("acme/alice", "zucchini", mode="keyword")] == [newer.id]
    past = mem.search("acme/alice", "salad", mode="keyword", as_of=fresh.valid_from)
    assert fresh.id in [h.memory.id for h in past]

    mem.delete(newer.id)
    assert mem.search("acme/alice", "zucchini", mode="keyword") == []
    for q in _queries(n=10):
        _assert_same(*_both(mem, "acme/alice", q))


def test_blocks_stay_exact_after_many_deletes(mem: Memory) -> None:
    mem.search("acme/alice", "tea", mode="keyword")
    facts = mem.list("acme/alice", kind="fact")
    for rec in facts[: len(facts) // 2]:  # enough to compact the block
        mem.delete(rec.id)
    for q in _queries(n=15):
        blocks, fts = _both(mem, "acme/alice", q)
        _assert_same(blocks, fts)
        assert not {i for i, _ in blocks} & {r.id for r in facts[: len(facts) // 2]}


def test_selective_erasure_reloads_scrubbed_contexts(mem: Memory) -> None:
    mem.search("acme/alice", "cello", mode="keyword")
    mem.add("acme/alice", "Alice plays the theremin")
    mem.forget("acme/alice", match="theremin")
    assert mem.search("acme/alice", "theremin", mode="keyword") == []
    for q in _queries(n=10):
        _assert_same(*_both(mem, "acme/alice", q))


def test_another_process_writing_the_file_is_seen(tmp_path: Path, clock: Any) -> None:
    path = tmp_path / "shared.db"
    reader = Memory(store=SqliteStore(path), embedder=FakeEmbedder(), clock=clock)
    writer = Memory(store=SqliteStore(path), embedder=FakeEmbedder(), clock=clock)
    first = writer.add("team", "the deploy key rotates on mondays")
    assert [h.memory.id for h in reader.search("team", "deploy key")] == [first.id]
    second = writer.add("team", "the deploy window is friday noon")
    found = {h.memory.id for h in reader.search("team", "deploy")}
    assert found == {first.id, second.id}
    assert {h.memory.id for h in reader.search("team", "deploy", mode="dense")} == found
    writer.delete(first.id)
    assert [h.memory.id for h in reader.search("team", "deploy key")] == [second.id]
    reader.close()
    writer.close()


# -- the index on its own --------------------------------------------------------------


def _rows(rng: np.random.Generator, n: int) -> list[TermRow]:
    return [
        TermRow(i, "fact", None, 0.0, None, None, False, analyze(_text(rng)), analyze(_text(rng)))
        for i in range(n)
    ]


def test_index_matches_the_reference_bm25() -> None:
    context_weight = 0.3
    rng = np.random.default_rng(1)
    rows = _rows(rng, 300)
    ref = BM25()
    for r in rows:
        ref.add(str(r.key), r.terms, r.context, extra_len=SCOPE_TERMS)
    index = KeywordIndex()
    index.load("s", rows[:200])
    for r in rows[200:]:
        index.add("s", r)  # appended after loading
    total = sum(len(r.terms.split()) + len(r.context.split()) + SCOPE_TERMS for r in rows)
    for q in _queries(seed=2):
        terms = query_terms(q)
        cols = [(r.terms + " " + r.context).split() for r in rows]
        df = {t: sum(t in c for c in cols) for t in terms}
        got = index.search(
            ["s"], terms, Stats(len(rows), total / len(rows), df), 10, now=1.0,
            context_weight=context_weight,
        )  # fmt: skip
        want = sorted(
            ((int(k), s) for k, s in ref.search(terms, context_weight=context_weight)),
            key=lambda ks: (-ks[1], ks[0]),  # the reference breaks ties by key as text
        )
        assert [k for k, _ in got[:10]] == [k for k, _ in want[:10]]
        assert [s for _, s in got[:10]] == pytest.approx([s for _, s in want[:10]], rel=1e-9)


def test_index_drops_removed_rows_and_whole_scopes() -> None:
    rng = np.random.default_rng(4)
    rows = _rows(rng, 50)
    index = KeywordIndex()
    index.load("s", rows)
    stats = Stats(50, 20.0)
    terms = query_terms(" ".join(WORDS))
    every = {k for k, _ in index.search(["s"], terms, stats, 100, now=1.0)}
    assert every == set(range(50))
    index.remove(list(range(0, 50, 2)))
    assert {k for k, _ in index.search(["s"], terms, stats, 100, now=1.0)} == set(range(1, 50, 2))
    index.drop(["s"])
    assert not index.loaded("s")
    assert index.search(["s"], terms, stats, 100, now=1.0) == []


def test_block_caches_keep_to_their_row_budget(tmp_path: Path, clock: Any) -> None:
    rng = np.random.default_rng(9)
    store = SqliteStore(tmp_path / "c.db", cache_rows=50)
    mem = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    for scope in ("t/a", "t/b", "t/c"):
        mem.add_many([{"scope": scope, "text": _text(rng)} for _ in range(30)])
    expected = {s: [h.memory.id for h in mem.search(s, "tea garden", limit=5)] for s in ("t/a",)}
    for scope in ("t/a", "t/b", "t/c"):
        mem.search(scope, "tea garden")
        vectors = next(iter(store.cache.vindex.values()))
        assert store.cache.kindex.rows <= 50 and vectors.rows <= 50
        assert store.cache.kindex.loaded(scope) and vectors.loaded(scope)
    # The least recently searched went first.
    assert not store.cache.kindex.loaded("t/a") and not vectors.loaded("t/a")
    # An evicted scope reloads and answers as before.
    assert [h.memory.id for h in mem.search("t/a", "tea garden", limit=5)] == expected["t/a"]
    mem.close()


def test_a_search_wider_than_the_budget_keeps_its_scopes_and_answers_as_unbounded(
    tmp_path: Path, clock: Any
) -> None:
    """A tenant-wide search over more rows than ``cache_rows``: every scope it reads stays
    loaded for it (the others go first), and it ranks as a store without a budget does."""
    rng = np.random.default_rng(4)
    items = [{"scope": f"t/s{i % 12}", "text": _text(rng)} for i in range(240)]
    items += [{"scope": "u/other", "text": _text(rng)} for _ in range(20)]
    small = SqliteStore(tmp_path / "small.db", cache_rows=50)
    big = SqliteStore(tmp_path / "big.db", cache_rows=None)
    got, mems = [], []
    for store in (small, big):
        mem = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
        mem.add_many(items)
        mem.search("u/other", "tea garden")  # an unrelated block, loaded first
        hits = mem.search("t", "tea garden", include_descendants=True, limit=20)
        got.append([h.memory.text for h in hits])
        mems.append(mem)
    assert got[0] == got[1] and len(got[0]) == 20
    vectors = next(iter(small.cache.vindex.values()))
    assert not vectors.loaded("u/other") and not small.cache.kindex.loaded("u/other")
    assert all(vectors.loaded(f"t/s{i}") for i in range(12))
    assert vectors.rows == small.cache.kindex.rows == 240  # over budget only by what it needs
    for mem in mems:
        mem.close()
