"""Facts keep their event time: dated when they were said, not when a person approved them.

Issue 10, item 1. A message's own ``timestamp``/``created_at`` (ISO 8601 or
epoch seconds) is when it was said; without one, the session time is. The
proposal carries that time (``source.event_time``), the approved memory is
valid from it, the compiled prompt shows it, and an export imported elsewhere
keeps it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from memstack import Memory
from memstack.cli import main
from memstack.errors import UsageError
from memstack.extract.llm import LLMExtractor
from tests.llm.wire import openai_completion

from .conftest import T0, Clock

MARCH_14 = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 3, 16, 12, tzinfo=UTC)  # the clock of these tests, two days later


@pytest.fixture(autouse=True)
def _later(clock: Clock) -> None:
    clock.now = NOW


def approve_all(mem: Memory, scope: str = "acme") -> None:
    for p in mem.proposals(scope):
        mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)


def test_a_fact_is_dated_by_its_session_not_its_approval(mem: Memory, clock: Clock) -> None:
    found = mem.remember(
        "acme/alice",
        [{"role": "user", "content": "I prefer green tea."}],
        session_time=MARCH_14,
    )
    assert [p.source.event_time for p in found] == [MARCH_14]
    clock.advance(days=10)  # reviewed ten days later
    approve_all(mem)
    [rec] = mem.list("acme/alice")
    assert rec.valid_from == MARCH_14 and rec.recorded_at == clock.now
    stable = mem.compile("acme/alice").stable
    assert "[2026-03-14 · ai (cue)" in stable and "User prefers green tea" in stable
    assert clock.now.date().isoformat() not in stable


@pytest.mark.parametrize(
    "stamp",
    [
        {"timestamp": "2026-03-14T09:30:00Z"},
        {"timestamp": "2026-03-14 10:30:00+01:00"},
        {"created_at": 1773480600},  # epoch seconds
        {"created_at": 1773480600000},  # epoch milliseconds, as JavaScript writes them
        {"timestamp": "2026-03-14T09:30:00"},  # no zone: UTC, as on the command line
    ],
)
def test_a_message_timestamp_dates_the_fact(mem: Memory, clock: Clock, stamp: dict) -> None:
    messages = [
        {"role": "user", "content": "My favourite colour is blue.", **stamp},
        {"role": "user", "content": "I prefer green tea."},  # no stamp: the session time
    ]
    found = mem.remember("acme/alice", messages, session_time=T0)
    when = {p.text: p.source.event_time for p in found}
    assert when == {"User's favourite colour is blue": MARCH_14, "User prefers green tea": T0}
    clock.advance(days=5)
    approve_all(mem)
    dated = {r.text: r.valid_from for r in mem.list("acme/alice")}
    assert dated["User's favourite colour is blue"] == MARCH_14


def test_relative_dates_resolve_against_the_message_that_says_them(mem: Memory) -> None:
    messages = [
        {
            "role": "user",
            "content": "Remember that I moved to Berlin yesterday.",
            "timestamp": "2026-03-14T09:30:00Z",
        }
    ]
    [p] = mem.remember("acme/alice", messages, session_time=T0)
    assert p.text == "User moved to Berlin on 2026-03-13"


def test_a_future_event_time_is_clamped_to_the_approval(mem: Memory, clock: Clock) -> None:
    later = clock.now + timedelta(days=3)  # a skewed client clock
    mem.remember(
        "acme/alice", [{"role": "user", "content": "I prefer tea.", "timestamp": later.isoformat()}]
    )
    approve_all(mem)
    [rec] = mem.list("acme/alice")
    assert rec.valid_from == clock.now  # current at once, never "not yet true"


@pytest.mark.parametrize(
    ("stamp", "message"),
    [
        ("last tuesday", "Message 0 has timestamp 'last tuesday': not an ISO 8601 time"),
        (True, "Message 0 has timestamp True: use an ISO 8601 time or epoch seconds"),
        ([2026], "Message 0 has timestamp [2026]: use an ISO 8601 time or epoch seconds"),
    ],
)
def test_a_bad_timestamp_is_a_clear_error(mem: Memory, stamp: object, message: str) -> None:
    bad = [{"role": "user", "content": "I prefer tea.", "timestamp": stamp}]
    with pytest.raises(UsageError, match=message.replace("[", r"\[").replace("]", r"\]")):
        mem.remember("acme/alice", bad)
    with pytest.raises(UsageError, match="not an ISO|use an ISO"):
        mem.ingest_conversation("acme/alice", bad)
    assert mem.list("acme/alice", kind="episode") == [] and mem.proposals("acme") == []


def test_ingest_dates_each_turn_by_its_message(mem: Memory) -> None:
    messages = [
        {"role": "user", "content": "We met on the bridge.", "timestamp": "2026-03-14T09:30:00Z"},
        {"role": "assistant", "content": "I remember."},  # no stamp: the session time
        {"role": "user", "content": "And again the day after.", "created_at": 1773567000},
    ]
    records = mem.ingest_conversation("acme/alice", messages, session_time=T0)
    assert [r.valid_from for r in records] == [
        MARCH_14,
        T0,
        datetime(2026, 3, 15, 9, 30, tzinfo=UTC),
    ]
    hits = mem.search("acme/alice", "bridge", as_of=datetime(2026, 3, 14, 10, tzinfo=UTC))
    assert hits and hits[0].memory.text == "We met on the bridge."


def test_an_update_from_a_conversation_closes_the_old_fact_when_it_was_said(
    mem: Memory, clock: Clock
) -> None:
    old = mem.add("acme/alice", "User's favourite colour is blue", kind="fact")
    said = clock.now + timedelta(days=10)
    messages = [
        {"role": "user", "content": "My favourite colour is green.", "timestamp": said.isoformat()}
    ]
    clock.advance(days=12)
    [p] = mem.remember("acme/alice", messages)
    assert (p.op, p.target) == ("supersede", old.id)
    clock.advance(days=5)
    approve_all(mem)
    assert mem.get(old.id).valid_to == said
    assert [r.text for r in mem.list("acme/alice", as_of=said - timedelta(days=1))] == [
        "User's favourite colour is blue"
    ]
    assert [r.text for r in mem.list("acme/alice", as_of=said)] == [
        "User's favourite colour is green"
    ]


def test_importing_an_export_keeps_the_dates(mem: Memory, clock: Clock) -> None:
    mem.add("acme/alice", "User likes tea", valid_from=MARCH_14)
    exported = mem.export("acme/alice").to_json()
    clock.advance(days=3)
    added = mem.import_memories("acme/bob", exported, approve=True).added
    assert [(r.text, r.valid_from) for r in added] == [("User likes tea", MARCH_14)]
    proposed = mem.import_memories("acme/carol", exported).proposals
    assert [p.source.event_time for p in proposed] == [MARCH_14]
    approve_all(mem, "acme/carol")
    assert [r.valid_from for r in mem.list("acme/carol")] == [MARCH_14]
    bad = json.dumps({"memories": [{"text": "x", "valid_from": "soon"}]})
    with pytest.raises(UsageError, match="valid_from 'soon', not an ISO time"):
        mem.import_memories("acme/dave", bad)


def test_the_cli_reads_message_timestamps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEMSTACK_HOME", str(tmp_path / "home"))
    conv = tmp_path / "conv.json"
    conv.write_text(
        json.dumps(
            [
                {
                    "role": "user",
                    "content": "I prefer green tea.",
                    "timestamp": "2026-03-14T09:30:00Z",
                }
            ]
        )
    )
    runner = CliRunner()
    out = runner.invoke(main, ["remember", str(conv), "--scope", "acme/alice", "--json"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, ["ingest", str(conv), "--scope", "acme/alice", "--json"])
    assert out.exit_code == 0, out.output
    with Memory() as mem:
        [p] = mem.proposals("acme")
        assert p.source.event_time == MARCH_14
        [ep] = mem.list("acme/alice", kind="episode")
        assert ep.valid_from == MARCH_14


def test_the_llm_extractor_sees_and_keeps_message_times(mem, openai_server, make_openai):
    reply = {
        "memories": [
            {
                "text": "User prefers green tea",
                "kind": "fact",
                "topic": "diet",
                "turn": 2,
                "excerpt": "I prefer green tea.",
                "reason": "preference",
            }
        ]
    }
    openai_server.queue(openai_completion(json.dumps(reply)))
    mem.extractor = LLMExtractor(make_openai())
    shanghai = timezone(timedelta(hours=8))
    messages = [
        {"role": "user", "content": "Hi!"},
        {
            "role": "user",
            "content": "I prefer green tea.",
            "timestamp": "2026-03-14T17:30:00+08:00",
        },
    ]
    [p] = mem.remember("acme/alice", messages)
    assert p.source.event_time == datetime(2026, 3, 14, 17, 30, tzinfo=shanghai)
    sent = openai_server.requests[0].json["messages"][1]["content"]
    assert '{"turn": 2, "role": "user", "time": "2026-03-14 17:30", "text": "I prefer' in sent
    assert '{"turn": 1, "role": "user", "text": "Hi!"}' in sent
