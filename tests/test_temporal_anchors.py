"""Questions dated by an event: "before I moved", "since the wedding", "我搬家之前" (issue 10.3).

The event is looked up among the scope's memories; the time of the best match
opens a window before or after it, used as a soft prior like a named date: it
reorders near ties and never drops a memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.index.temporal import Anchor, anchor, anchored, closeness, parse
from memstack.store.memory import InMemoryStore
from tests.conftest import Clock

REF = datetime(2025, 6, 18, 12, tzinfo=UTC)
MOVED = datetime(2025, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("query", "side", "phrase"),
    [
        ("What did I cook before I moved to Lisbon?", "before", "I moved to Lisbon"),
        ("what did Melanie do after the road trip", "after", "the road trip"),
        ("How has she felt since the wedding", "after", "the wedding"),
        ("Where did John live prior to joining the army?", "before", "joining the army"),
        ("我搬家之前住在哪里？", "before", "我搬家"),
        ("我开始新工作以后认识了谁", "after", "我开始新工作"),
    ],
)
def test_an_event_in_the_query_is_an_anchor(query: str, side: str, phrase: str) -> None:
    assert parse(query, REF) is None  # no date: the event is all there is
    assert anchor(query) == Anchor(side, phrase)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "query", ["Have we met before?", "what happened after that", "since then?", "Where do I live?"]
)
def test_no_event_no_anchor(query: str) -> None:
    assert anchor(query) is None


def test_the_window_opens_before_or_after_the_event() -> None:
    before = anchored(Anchor("before", "I moved"), MOVED, REF)
    after = anchored(Anchor("after", "I moved"), MOVED, REF)
    assert (before.end, after.start) == (MOVED, MOVED) and after.end > REF
    # open to the past, the edge still falls off: a week after the event counts half
    assert closeness(MOVED - timedelta(days=30), before) == 1.0
    assert closeness(MOVED + timedelta(days=7), before) == pytest.approx(0.5)
    assert closeness(MOVED - timedelta(days=1), after) < 1.0 < 1 + closeness(REF, after)


@pytest.fixture
def mem(clock: Clock) -> Iterator[Memory]:
    clock.now = REF
    m = Memory(store=InMemoryStore(), embedder=FakeEmbedder(), clock=clock)
    yield m
    m.close()


def _said(mem: Memory, text: str, when: datetime, label: str) -> str:
    [rec] = mem.ingest_conversation(
        "acme/alice", [{"role": "user", "content": text}], session_time=when, session=label
    )
    return rec.id


def _story(mem: Memory, moved: str) -> dict[str, str]:
    """The same sentence in January, May and June; the move told on 1 March."""
    ids = {
        _said(mem, "We cooked paella with the neighbours.", datetime(2025, m, 10, tzinfo=UTC), k): k
        for k, m in (("jan", 1), ("may", 5), ("jun", 6))
    }
    ids[_said(mem, moved, MOVED, "move")] = "move"
    return ids


@pytest.mark.parametrize(
    ("moved", "query"),
    [
        ("I moved to Lisbon today.", "what paella did we cook with the neighbours before I moved"),
        ("我今天搬家到里斯本。", "我搬家之前 paella with the neighbours"),
    ],
)
def test_search_prefers_memories_before_the_event(mem: Memory, moved: str, query: str) -> None:
    ids = _story(mem, moved)
    mem.planner.time_prior = 0
    plain = [ids[h.memory.id] for h in mem.search("acme/alice", query)]
    assert [x for x in plain if x != "move"][
        0
    ] == "jun"  # without the prior, recency breaks the tie
    mem.planner.time_prior = 0.3
    hits = mem.search("acme/alice", query)
    ranked = [ids[h.memory.id] for h in hits if ids[h.memory.id] != "move"]
    assert ranked[0] == "jan"  # the only one before the move
    assert sorted(ranked) == ["jan", "jun", "may"]  # a prior, never a filter
    assert hits[0].parts.temporal == 1.0


def test_an_event_memory_never_heard_of_changes_nothing(mem: Memory) -> None:
    _story(mem, "I moved to Lisbon today.")
    query = "paella with the neighbours after the zeppelin regatta"
    hits = mem.search("acme/alice", query)
    assert all(h.parts.temporal is None for h in hits)  # no event found: no prior
    mem.planner.time_prior = 0
    assert [h.memory.id for h in mem.search("acme/alice", query)] == [h.memory.id for h in hits]
