"""The ``Memory`` facade: writes in batches, conversations, explainable search, clear errors."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory, NotFound, Source, UsageError
from memstack.embed.fake import FakeEmbedder
from memstack.models import KINDS
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore


@pytest.fixture(params=["memory", "sqlite"])
def mem(request: pytest.FixtureRequest, tmp_path: Path, clock: Any) -> Any:
    store = InMemoryStore() if request.param == "memory" else SqliteStore(tmp_path / "core.db")
    m = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    yield m
    m.close()


def test_network_is_blocked_in_tests() -> None:
    with pytest.raises(RuntimeError, match="Network access is blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


def test_default_memory_lives_in_memstack_home(home: Path) -> None:
    with Memory() as mem:
        mem.add("acme", "hello")
        assert mem.stats()["path"] == str(home / "memstack.db")
    assert not (Path.cwd() / ".memstack").exists()


# -- add_many ---------------------------------------------------------------------------


def test_add_many_writes_one_transaction_per_batch(tmp_path: Path, clock: Any) -> None:
    store = SqliteStore(tmp_path / "tx.db")
    mem = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    done: list[int] = []
    items = [{"scope": "acme/alice", "text": f"fact number {i}", "topic": "t"} for i in range(5)]
    records = mem.add_many(items, batch_size=2, progress=done.append)
    store.connection.set_trace_callback(None)
    assert [r.text for r in records] == [f"fact number {i}" for i in range(5)]
    assert statements.count("BEGIN IMMEDIATE") == 3  # 2 + 2 + 1
    assert sum(done) == 5 and all(n > 0 for n in done)
    assert [r.text for r in mem.list("acme/alice")] == [r.text for r in records]
    assert all(r.topic == "t" for r in records)
    mem.close()


def test_add_many_validates_every_item_before_writing(mem: Memory) -> None:
    items: list[Any] = [{"scope": "acme", "text": "fine"}, {"scope": "acme"}]
    with pytest.raises(UsageError, match=r"Item 1 must be a mapping with 'scope' and 'text'\."):
        mem.add_many(items)
    with pytest.raises(UsageError, match=r"Unknown kind 'note'"):
        mem.add_many(
            [{"scope": "acme", "text": "fine"}, {"scope": "acme", "text": "x", "kind": "note"}]
        )
    with pytest.raises(UsageError, match=r"^Item 0: .*colour"):
        mem.add_many([{"scope": "acme", "text": "x", "colour": "blue"}])
    assert mem.count("acme") == 0


def test_add_many_accepts_source_dicts(mem: Memory) -> None:
    (rec,) = mem.add_many(
        [{"scope": "acme", "text": "x", "source": {"origin": "import", "author": "csv"}}]
    )
    assert rec.source == Source(origin="import", author="csv")
    with pytest.raises(UsageError, match=r"Unknown source field\(s\): colour"):
        mem.add_many([{"scope": "acme", "text": "x", "source": {"colour": "blue"}}])


# -- conversations ----------------------------------------------------------------------

MESSAGES = [
    {
        "role": "user",
        "name": "Maya",
        "id": "m1",
        "content": "I finally signed up for cello lessons.",
    },
    {"role": "assistant", "name": "Tom", "id": "m2", "content": "Who is teaching you?"},
    {
        "role": "user",
        "name": "Maya",
        "content": [
            {"type": "text", "text": "A retired player called Ines."},
            {"type": "image_url", "image_url": {"url": "https://example.com/ines.png"}},
            {"type": "text", "text": "She lives by the canal."},
        ],
    },
    {"role": "assistant", "content": "That sounds perfect."},
]


def test_ingest_conversation_stores_episodes_with_provenance(mem: Memory, clock: Any) -> None:
    when = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)
    done: list[int] = []
    records = mem.ingest_conversation(
        "demo/maya",
        MESSAGES,
        session_time=when,
        conversation="c1",
        session="s1",
        progress=done.append,
    )
    assert [r.text for r in records] == [
        "I finally signed up for cello lessons.",
        "Who is teaching you?",
        "A retired player called Ines. She lives by the canal.",
        "That sounds perfect.",
    ]
    assert all(r.kind == "episode" and r.scope == "demo/maya" for r in records)
    assert all(r.valid_from == when and r.recorded_at == clock.now for r in records)
    assert [(r.source.speaker, r.source.turns) for r in records] == [
        ("Maya", ("m1",)),
        ("Tom", ("m2",)),
        ("Maya", ("2",)),
        ("assistant", ("3",)),
    ]
    assert records[0].source == Source(
        origin="conversation",
        author="Maya",
        conversation="c1",
        turns=("m1",),
        speaker="Maya",
        session="s1",
    )
    assert sum(done) == 4
    assert [e.action for e in mem.history(records[0].id)] == ["ingest"]
    # The speaker's name is searchable even though the stored text is the turn verbatim.
    hits = mem.search("demo/maya", "Tom", mode="keyword")
    assert hits[0].memory.text == "Who is teaching you?"


def test_ingest_without_session_time_uses_now(mem: Memory, clock: Any) -> None:
    (rec,) = mem.ingest_conversation("demo", [{"role": "user", "content": "hello there"}])
    assert rec.valid_from == clock.now
    assert rec.source.speaker == "user" and rec.source.turns == ("0",)


OK = {"role": "user", "content": "the first turn is fine"}


@pytest.mark.parametrize(
    ("messages", "message"),
    [
        ([OK, "hello"], "Message 1 must be an object with 'role' and 'content'."),
        (
            [OK, OK, {"role": "robot", "content": "beep"}],
            "Message 2 has role 'robot'; use user, assistant, system or tool.",
        ),
        (
            [OK, {"content": "no role"}],
            "Message 1 has role None; use user, assistant, system or tool.",
        ),
        ([OK, {"role": "user", "content": "  "}], "Message 1 has no text content."),
        ([OK, {"role": "user"}], "Message 1 has no text content."),
        (
            [OK, {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}],
            "Message 1 has no text content.",
        ),
        ([OK, {"role": "user", "content": 42}], "Message 1 has no text content."),
    ],
)
def test_bad_messages_are_usage_errors_and_nothing_is_stored(
    mem: Memory, messages: list[Any], message: str
) -> None:
    with pytest.raises(UsageError) as err:
        mem.ingest_conversation("demo", messages)
    assert str(err.value) == message
    assert mem.count("demo") == 0


def test_ingest_rejects_a_naive_session_time(mem: Memory) -> None:
    with pytest.raises(UsageError, match="timezone-aware"):
        mem.ingest_conversation("demo", MESSAGES, session_time=datetime(2026, 3, 2))


# -- search -----------------------------------------------------------------------------

FACTS = [
    "Alice drinks green tea every morning",
    "Bob drinks black coffee",
    "Alice is allergic to peanuts",
    "The team lunch is on Friday",
    "Green tea has less caffeine than coffee",
    "Carol plays the cello",
]


@pytest.fixture
def facts(mem: Memory, clock: Any) -> Memory:
    for i, text in enumerate(FACTS):
        mem.add("acme/alice", text, importance=0.2 + 0.1 * i)
        clock.advance(days=3)
    return mem


def _expected_score(hit: Any, weights: Any) -> float:
    p = hit.parts
    boost = 1 + weights.recency * p.recency + weights.importance * (p.importance - 0.5)
    return p.fused * boost if p.fused >= 0 else p.fused / boost


def test_search_parts_explain_the_score(facts: Memory) -> None:
    w = facts.planner.weights
    hits = facts.search("acme/alice", "green tea or coffee", limit=10)
    assert len(hits) == len(FACTS)
    # Every memory is a candidate here, so the normalisers are visible in the hits.
    top_bm25 = max(h.parts.keyword_score or 0.0 for h in hits)
    floor_cos = min(h.parts.dense_score for h in hits if h.parts.dense_score is not None)
    top_cos = max(h.parts.dense_score for h in hits if h.parts.dense_score is not None)
    assert w.method == "score" and top_cos > 0
    for h in hits:
        p = h.parts
        fused = w.keyword * (p.keyword_score / top_bm25 if p.keyword_score is not None else 0.0)
        fused += w.dense * (p.dense_score if p.dense_score is not None else floor_cos) / top_cos
        assert p.fused == pytest.approx(fused)
        assert h.score == pytest.approx(_expected_score(h, w))
        assert p.importance == h.memory.importance
        assert 0 < p.recency <= 1
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_search_ranks_are_consistent_with_each_retriever(facts: Memory) -> None:
    query = "green tea or coffee"
    hybrid = {h.memory.id: h.parts for h in facts.search("acme/alice", query, limit=50)}
    keyword = facts.search("acme/alice", query, mode="keyword", limit=50)
    dense = facts.search("acme/alice", query, mode="dense", limit=50)
    assert keyword and dense
    assert all(h.parts.dense_rank is None and h.parts.dense_score is None for h in keyword)
    assert all(h.parts.keyword_rank is None and h.parts.keyword_score is None for h in dense)
    for hits, rank, score in (
        (keyword, "keyword_rank", "keyword_score"),
        (dense, "dense_rank", "dense_score"),
    ):
        by_rank = sorted(hits, key=lambda h: getattr(h.parts, rank))
        assert [getattr(h.parts, rank) for h in by_rank] == list(range(1, len(hits) + 1))
        scores = [getattr(h.parts, score) for h in by_rank]
        assert scores == sorted(scores, reverse=True)
        for h in hits:  # hybrid reports the same rank and score per retriever
            assert getattr(hybrid[h.memory.id], rank) == getattr(h.parts, rank)
            assert getattr(hybrid[h.memory.id], score) == pytest.approx(getattr(h.parts, score))
    assert set(hybrid) == {h.memory.id for h in keyword} | {h.memory.id for h in dense}
    assert {h.memory.text for h in keyword} == {FACTS[0], FACTS[1], FACTS[4]}


def test_keyword_mode_never_calls_the_embedder(facts: Memory) -> None:
    before = facts.embedder.calls  # type: ignore[attr-defined]
    facts.search("acme/alice", "green tea", mode="keyword")
    assert facts.embedder.calls == before  # type: ignore[attr-defined]
    facts.search("acme/alice", "green tea", mode="dense")
    assert facts.embedder.calls == before + 1  # type: ignore[attr-defined]


def test_best_hit_for_a_paraphrase(facts: Memory) -> None:
    assert (
        facts.search("acme/alice", "what does Alice drink in the morning?")[0].memory.text
        == FACTS[0]
    )
    assert facts.search("acme/alice", "peanuts allergy", limit=1)[0].memory.text == FACTS[2]


def test_limit_caps_the_hits(facts: Memory) -> None:
    assert len(facts.search("acme/alice", "tea", limit=2)) == 2
    assert len(facts.search("acme/alice", "tea", limit=1, mode="dense")) == 1


# -- argument errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda m: m.search("acme", "tea", limit=0),
            "limit must be an integer from 1 to 1000, got 0.",
        ),
        (
            lambda m: m.search("acme", "tea", limit=1001),
            "limit must be an integer from 1 to 1000, got 1001.",
        ),
        (lambda m: m.search("acme", ""), "A search query must be a non-empty string."),
        (lambda m: m.search("acme", "   "), "A search query must be a non-empty string."),
        (
            lambda m: m.search("acme", "tea", mode="fuzzy"),
            "Unknown search mode 'fuzzy'; use one of: hybrid, keyword, dense.",
        ),
        (
            lambda m: m.search("acme", "tea", kind="note"),
            "Unknown kind 'note'; use one of: rule, fact, episode.",
        ),
        (
            lambda m: m.list("acme", kind=["fact", "note"]),
            "Unknown kind 'note'; use one of: rule, fact, episode.",
        ),
        (
            lambda m: m.add("acme", "x", kind="note"),
            "Unknown kind 'note'; use one of: rule, fact, episode.",
        ),
        (lambda m: m.add("acme", ""), "A memory's text must not be empty."),
        (lambda m: m.add("acme", 42), "A memory's text must be a string, got int."),
        (
            lambda m: m.add("acme", "x", importance=1.5),
            "importance must be a number between 0 and 1, got 1.5.",
        ),
        (
            lambda m: m.add("acme", "x", topic="two\nlines"),
            "topic must be a one-line non-empty string, got 'two\\nlines'.",
        ),
        (lambda m: m.list("acme", limit=-1), "limit and offset must not be negative."),
        (lambda m: m.get(""), "A memory id must be a non-empty string, got ''."),
    ],
)
def test_invalid_arguments_are_usage_errors(mem: Memory, call: Any, message: str) -> None:
    with pytest.raises(UsageError) as err:
        call(mem)
    assert str(err.value) == message


def test_text_too_long_says_how_to_fix_it(mem: Memory) -> None:
    with pytest.raises(
        UsageError, match=r"20001 characters; the limit is 20000\. Split it into atomic"
    ):
        mem.add("acme", "x" * 20_001)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.add("acme", "x", valid_from=datetime(2025, 1, 1)),
        lambda m: m.add("acme", "x", expires_at=datetime(2025, 1, 1)),
        lambda m: m.list("acme", as_of=datetime(2025, 1, 1)),
        lambda m: m.search("acme", "x", as_of=datetime(2025, 1, 1)),
    ],
)
def test_naive_datetimes_are_refused(mem: Memory, call: Any) -> None:
    with pytest.raises(
        UsageError, match=r"must be timezone-aware, got naive datetime 2025-01-01T00:00:00\."
    ):
        call(mem)


def test_update_cannot_move_valid_from_before_the_old_version(mem: Memory, clock: Any) -> None:
    rec = mem.add("acme", "v1")
    with pytest.raises(UsageError, match="must not be before the old version"):
        mem.update(rec.id, "v2", valid_from=clock.now - timedelta(days=1))
    assert mem.get(rec.id).superseded_by is None


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.get("01JNOTTHERE0000000000000000"),
        lambda m: m.update("01JNOTTHERE0000000000000000", "text"),
        lambda m: m.delete("01JNOTTHERE0000000000000000"),
        lambda m: m.history("01JNOTTHERE0000000000000000"),
    ],
)
def test_unknown_ids_are_not_found(mem: Memory, call: Any) -> None:
    with pytest.raises(NotFound, match="01JNOTTHERE0000000000000000") as err:
        call(mem)
    assert err.value.status == 404


def test_not_found_message_says_what_to_do(mem: Memory) -> None:
    with pytest.raises(NotFound) as err:
        mem.get("nope")
    assert str(err.value) == "No memory with id 'nope'. List ids with 'memstack list'."


def test_valid_from_in_the_past_is_kept(mem: Memory, clock: Any) -> None:
    then = clock.now - timedelta(days=30)
    rec = mem.add("acme", "joined in February", valid_from=then)
    assert rec.valid_from == then and rec.recorded_at == clock.now
    assert [r.text for r in mem.list("acme", as_of=then + timedelta(days=1))] == [
        "joined in February"
    ]


def test_stats_and_scopes(mem: Memory) -> None:
    mem.add("acme/alice", "a")
    mem.add("acme/alice", "b")
    mem.add("acme/bob", "c")
    assert mem.scopes() == {"acme/alice": 2, "acme/bob": 1}
    assert mem.scopes("acme/bob") == {"acme/bob": 1}
    stats = mem.stats()
    assert stats["memories"] == 3 and stats["scopes"] == 2
    assert stats["vectors"] == {mem.embedder.id: 3} and stats["missing_vectors"] == 0
    assert stats["backend"] == mem.store.name


def test_kinds_are_the_documented_three() -> None:
    assert KINDS == ("rule", "fact", "episode")


def test_keyword_search_finds_current_rows_behind_many_superseded_ones(tmp_path: Any) -> None:
    # The SQLite backend ranks a capped set inside FTS before filtering; when the
    # filter removes most of it, it must still find the current matches.
    from memstack.embed.fake import FakeEmbedder
    from memstack.store.sqlite import SqliteStore

    with Memory(store=SqliteStore(tmp_path / "m.db"), embedder=FakeEmbedder()) as mem:
        old = [mem.add("acme/alice", f"green tea number {i}") for i in range(30)]
        for rec in old[:28]:
            mem.update(rec.id, f"black coffee number {rec.id}")
        hits = mem.search("acme/alice", "green tea", limit=2, mode="keyword")
        assert sorted(h.memory.id for h in hits) == sorted(r.id for r in old[28:])
