"""Episodes recall the same whichever door they came in by: add_many or ingest_conversation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore

SESSIONS = {
    "S1": [
        ("Ana", "I adopted a grey cat last week."),
        ("Ben", "What is her name?"),
        ("Ana", "Sardinha, after the fish."),
        ("Ben", "Lovely. Does she like the flat?"),
        ("Ana", "She sleeps on the balcony all day."),
    ],
    "S2": [
        ("Ben", "How was the pottery class?"),
        ("Ana", "I made a lopsided bowl, the teacher laughed."),
        ("Ben", "Will you go back next month?"),
        ("Ana", "Yes, we are glazing on the twelfth."),
    ],
}
START = {"S1": datetime(2026, 3, 1, 10, tzinfo=UTC), "S2": datetime(2026, 3, 9, 18, tzinfo=UTC)}
QUERIES = (
    "what is the cat called",
    "where does the cat sleep",
    "what did Ana answer about going back to the class",
    "what did Ben ask about the flat",
    "glazing bowl",
)


@pytest.fixture(params=["memory", "sqlite"])
def mem(request: pytest.FixtureRequest, tmp_path: Path, clock: Any) -> Any:
    store = InMemoryStore() if request.param == "memory" else SqliteStore(tmp_path / "doors.db")
    m = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    yield m
    m.close()


def _ingest(mem: Memory, scope: str) -> None:
    for session, turns in SESSIONS.items():
        messages = [
            {"role": "user" if who == "Ana" else "assistant", "name": who, "id": f"{session}:{n}",
             "content": text}
            for n, (who, text) in enumerate(turns)
        ]  # fmt: skip
        mem.ingest_conversation(
            scope, messages, session_time=START[session], conversation="c1", session=session
        )


def _item(scope: str, session: str, n: int, *, spread: bool) -> dict[str, Any]:
    who, text = SESSIONS[session][n]
    when = START[session] + (timedelta(minutes=n) if spread else timedelta())
    return {
        "scope": scope,
        "text": text,
        "kind": "episode",
        "valid_from": when,
        "source": {"origin": "import", "conversation": "c1", "session": session, "speaker": who,
                   "turns": [f"{session}:{n}"]},
    }  # fmt: skip


def _ranking(mem: Memory, scope: str, query: str) -> list[tuple[str, float]]:
    hits = mem.search(scope, query, limit=9)
    return [(h.memory.source.turns[0], round(h.score, 5)) for h in hits]


def test_add_many_interleaved_sessions_recall_as_ingest_does(mem: Memory) -> None:
    _ingest(mem, "t/ingest")
    # Sessions interleaved in one call: grouping is by session id, order kept within one.
    order = [(s, n) for n in range(5) for s in SESSIONS if n < len(SESSIONS[s])]
    mem.add_many(_item("t/import", s, n, spread=False) for s, n in order)
    for query in QUERIES:
        assert _ranking(mem, "t/import", query) == _ranking(mem, "t/ingest", query), query


def test_add_many_orders_a_session_by_valid_from(mem: Memory) -> None:
    _ingest(mem, "t/ingest")
    # Each turn has its own time and the items arrive in reverse: valid_from decides the order.
    order = [(s, n) for s in SESSIONS for n in range(len(SESSIONS[s]))][::-1]
    mem.add_many(_item("t/import", s, n, spread=True) for s, n in order)
    for query in QUERIES:
        assert _ranking(mem, "t/import", query) == _ranking(mem, "t/ingest", query), query


def test_loose_episodes_and_facts_are_indexed_alone(mem: Memory) -> None:
    texts = [text for _, text in SESSIONS["S1"]]
    mem.add_many({"scope": "t/loose", "text": t, "kind": "episode"} for t in texts)
    mem.add_many({"scope": "t/single", "text": t, "kind": "episode"} for t in texts[1:2])
    # With no session or conversation id, an episode's vector is that of its text alone.
    hits = mem.search("t/loose", "what is her name", limit=5, mode="dense")
    loose = {h.memory.text: h.score for h in hits}
    single = mem.search("t/single", "what is her name", limit=1, mode="dense")[0]
    assert loose[texts[1]] == pytest.approx(single.score, abs=1e-5)


def test_reindex_keeps_the_context_of_imported_episodes(tmp_path: Path, clock: Any) -> None:
    order = [(s, n) for s in SESSIONS for n in range(len(SESSIONS[s]))][::-1]
    path = tmp_path / "switched.db"
    with Memory(store=SqliteStore(path), embedder=FakeEmbedder(seed=0), clock=clock) as old:
        old.add_many(_item("t/import", s, n, spread=True) for s, n in order)
    with Memory(store=SqliteStore(path), embedder=FakeEmbedder(seed=1), clock=clock) as new:
        assert new.reindex() == sum(len(t) for t in SESSIONS.values())
        _ingest(new, "t/ingest")
        for query in QUERIES:
            assert _ranking(new, "t/import", query) == _ranking(new, "t/ingest", query), query


def test_a_long_turn_keeps_more_of_its_own_vector_than_a_short_one(tmp_path: Path) -> None:
    emb = FakeEmbedder()
    long_answer = " ".join(
        f"step{i} configure the backup timer and check the journal" for i in range(12)
    )
    turns = [
        {"role": "user", "content": "How do I schedule the backup?"},
        {"role": "assistant", "content": long_answer},
        {"role": "user", "content": "Thanks, done."},
        {"role": "assistant", "content": "Glad it works."},
    ]
    with Memory(store=SqliteStore(tmp_path / "b.db"), embedder=emb) as mem:
        mem.ingest_conversation("t/u", turns, conversation="c", session="s")
        stored = dict(
            mem.store.connection.execute(
                "SELECT m.text, v.vec FROM memories m JOIN vectors v ON v.memory = m.rowid"
            ).fetchall()
        )

    def own_share(text: str) -> float:
        import numpy as np

        plain = emb.embed([text])[0]
        return float(np.frombuffer(stored[text], "<f4") @ plain)

    # Both are blended with neighbours, but the long answer stays much closer to itself.
    assert own_share(long_answer) > own_share("Thanks, done.") + 0.1
    assert own_share(long_answer) < 0.999
