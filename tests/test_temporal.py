"""Temporal questions (issue 10, item 3): time expressions in a query are a soft prior.

``memstack.index.temporal.parse`` turns "last May", "in 2023", "two weeks ago",
"去年五月", "上周" into a time window relative to the search's reference time
(``as_of``, else now); search then prefers memories valid from inside or near
that window, and never drops the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.index.temporal import closeness, parse
from memstack.store.memory import InMemoryStore
from tests.conftest import Clock

REF = datetime(2025, 6, 18, 12, tzinfo=UTC)  # a Wednesday


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ("What did I do last May?", "2025-05-01", "2025-06-01"),
        ("what did we do in May?", "2025-05-01", "2025-06-01"),
        ("What happened in July?", "2024-07-01", "2024-08-01"),  # the latest July so far
        ("What did she paint in 2022?", "2022-01-01", "2023-01-01"),
        ("Where was Jolene during the last week of August 2023?", "2023-08-01", "2023-09-01"),
        ("What did he buy on 14 May 2023?", "2023-05-14", "2023-05-15"),
        ("What did he buy on May 14th, 2023?", "2023-05-14", "2023-05-15"),
        ("and on 2023-05-14?", "2023-05-14", "2023-05-15"),
        ("what did I say yesterday", "2025-06-17", "2025-06-18"),
        ("the day before yesterday", "2025-06-16", "2025-06-17"),
        ("two weeks ago", "2025-06-01", "2025-06-08"),
        ("3 days ago", "2025-06-15", "2025-06-16"),
        ("a month ago", "2025-05-01", "2025-06-01"),
        ("last week", "2025-06-09", "2025-06-16"),
        ("last weekend", "2025-06-14", "2025-06-16"),
        ("last Friday", "2025-06-13", "2025-06-14"),
        ("last month", "2025-05-01", "2025-06-01"),
        ("last year", "2024-01-01", "2025-01-01"),
        ("last summer", "2024-06-01", "2024-09-01"),
        ("summer 2023", "2023-06-01", "2023-09-01"),
        ("去年五月我去了哪里", "2024-05-01", "2024-06-01"),
        ("我上周说了什么？", "2025-06-09", "2025-06-16"),
        ("上周五", "2025-06-13", "2025-06-14"),
        ("昨天", "2025-06-17", "2025-06-18"),
        ("三天前", "2025-06-15", "2025-06-16"),
        ("两个月前", "2025-04-01", "2025-05-01"),
        ("上个月", "2025-05-01", "2025-06-01"),
        ("2023年5月14日", "2023-05-14", "2023-05-15"),
        ("2023年5月", "2023-05-01", "2023-06-01"),
        ("2023年", "2023-01-01", "2024-01-01"),
        ("五月", "2025-05-01", "2025-06-01"),
        ("今年三月", "2025-03-01", "2025-04-01"),
    ],
)
def test_time_expressions_become_windows(query: str, start: str, end: str) -> None:
    window = parse(query, REF)
    assert window is not None, query
    assert (window.start.date(), window.end.date()) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
    )


@pytest.mark.parametrize(
    "query",
    [
        "When did Caroline go to the support group?",
        "May I ask what you think?",
        "What did the 5 people say?",
        "How many times in 100 years?",
        "before I moved",  # anchored on an event, not a date: not understood, searched as before
        "我们聊了什么",
    ],
)
def test_queries_without_a_time_have_no_window(query: str) -> None:
    assert parse(query, REF) is None


def test_before_after_and_since_open_one_side() -> None:
    before = parse("what did I eat before 2023", REF)
    assert before is not None and before.end == datetime(2023, 1, 1, tzinfo=UTC)
    assert before.start.year < 1900
    since = parse("since March", REF)
    assert since is not None and since.start == datetime(2025, 3, 1, tzinfo=UTC)
    assert since.end > REF
    after = parse("after May 2023", REF)
    assert after is not None and after.start == datetime(2023, 6, 1, tzinfo=UTC)


def test_closeness_is_one_inside_and_fades_outside() -> None:
    window = parse("in May 2025", REF)
    assert window is not None
    inside = closeness(datetime(2025, 5, 20, tzinfo=UTC), window)
    near = closeness(datetime(2025, 6, 3, tzinfo=UTC), window)
    far = closeness(datetime(2024, 1, 1, tzinfo=UTC), window)
    assert inside == 1.0 and 0.5 < near < 1.0 and far < 0.01


@pytest.fixture
def mem(clock: Clock) -> Iterator[Memory]:
    clock.now = REF
    m = Memory(store=InMemoryStore(), embedder=FakeEmbedder(), clock=clock)
    yield m
    m.close()


def _cooked(mem: Memory) -> dict[str, str]:
    """The same sentence said in January, May and June 2025: only its time tells them apart."""
    ids = {}
    for label, when in (
        ("jan", datetime(2025, 1, 10, tzinfo=UTC)),
        ("may", datetime(2025, 5, 10, tzinfo=UTC)),
        ("jun", datetime(2025, 6, 10, tzinfo=UTC)),
    ):
        [rec] = mem.ingest_conversation(
            "acme/alice",
            [{"role": "user", "content": "We cooked paella with the neighbours."}],
            session_time=when,
            session=label,
        )
        ids[rec.id] = label
    return ids


def test_search_prefers_memories_from_the_time_the_query_names(mem: Memory) -> None:
    ids = _cooked(mem)
    plain = mem.search("acme/alice", "when did we cook paella with the neighbours")
    assert ids[plain[0].memory.id] == "jun"  # recency breaks the tie
    assert all(h.parts.temporal is None for h in plain)
    for query, label in (
        ("what did we cook last May", "may"),
        ("what did we cook in January", "jan"),
        ("去年五月我们做了什么菜", None),  # May 2024: none is close, the order stays
        ("我们五月做了什么菜 paella", "may"),
    ):
        hits = mem.search("acme/alice", f"{query} paella")
        assert len(hits) == 3, query  # a prior, never a filter
        if label is not None:
            assert ids[hits[0].memory.id] == label, query
            assert hits[0].parts.temporal == 1.0


def test_the_reference_time_is_as_of(mem: Memory) -> None:
    ids = _cooked(mem)
    asked = datetime(2025, 2, 1, tzinfo=UTC)  # "last month" seen from February: January
    hits = mem.search("acme/alice", "paella with the neighbours last month", as_of=asked)
    assert [ids[h.memory.id] for h in hits] == ["jan"]  # only January was valid then
    later = REF + timedelta(days=1)
    hits = mem.search("acme/alice", "paella with the neighbours last month", as_of=later)
    assert ids[hits[0].memory.id] == "may"


def test_a_much_better_match_from_another_time_still_wins(mem: Memory) -> None:
    mem.ingest_conversation(
        "acme/alice",
        [{"role": "user", "content": "The dentist appointment moved to Thursday."}],
        session_time=datetime(2025, 5, 10, tzinfo=UTC),
    )
    [right] = mem.ingest_conversation(
        "acme/alice",
        [{"role": "user", "content": "We cooked paella with the neighbours."}],
        session_time=datetime(2025, 1, 10, tzinfo=UTC),
    )
    hits = mem.search("acme/alice", "paella with the neighbours last May")
    assert hits[0].memory.id == right.id


def test_the_prior_can_be_turned_off(mem: Memory) -> None:
    ids = _cooked(mem)
    mem.planner.time_prior = 0
    hits = mem.search("acme/alice", "what did we cook last May paella")
    assert ids[hits[0].memory.id] == "jun" and hits[0].parts.temporal is None
