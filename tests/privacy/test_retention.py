"""Retention: default lifetimes per kind, expired memories hidden before gc, gc erases them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory, UsageError
from memstack.config import parse_retention, resolve
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore

from .canary import CANARY, OTHER, SCOPE


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("", {}),
        ("episode=90d", {"episode": timedelta(days=90)}),
        ("episode=90d, fact=0", {"episode": timedelta(days=90)}),
        (
            "rule=1.5h,fact=2w,episode=30m,fact=10s",
            {
                "rule": timedelta(hours=1.5),
                "fact": timedelta(seconds=10),
                "episode": timedelta(minutes=30),
            },
        ),
    ],
)  # fmt: skip
def test_parse_retention(spec: str, expected: dict[str, timedelta]) -> None:
    assert parse_retention(spec) == expected


@pytest.mark.parametrize("spec", ["episode", "episode=90", "memo=1d", "fact=-1d", "fact=1y"])
def test_bad_retention_names_the_entry(spec: str) -> None:
    with pytest.raises(UsageError, match="retention entry"):
        parse_retention(spec)


def test_the_setting_sets_expires_at_at_write_time(
    backend: str, home: Path, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEMSTACK_RETENTION", "episode=90d,fact=0")
    store = InMemoryStore() if backend == "memory" else None
    mem = Memory(home, store=store, embedder=FakeEmbedder(dimensions=16), clock=clock)
    (turn,) = mem.ingest_conversation(SCOPE, [{"role": "user", "content": "hi there"}])
    fact = mem.add(SCOPE, "a fact")
    explicit = mem.add(
        SCOPE, "an episode", kind="episode", expires_at=clock.now + timedelta(days=1)
    )
    assert turn.expires_at == clock.now + timedelta(days=90)
    assert fact.expires_at is None
    assert explicit.expires_at == clock.now + timedelta(days=1)
    assert mem.update(turn.id, "hi there!").expires_at == turn.expires_at
    mem.close()


def test_approved_proposals_get_the_default_lifetime_too(
    backend: str, home: Path, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEMSTACK_RETENTION", "fact=7d")
    store = InMemoryStore() if backend == "memory" else None
    mem = Memory(home, store=store, embedder=FakeEmbedder(dimensions=16), clock=clock)
    proposal = mem.propose(SCOPE, "Alice prefers tea", kind="fact")
    approved = mem.approve(proposal.id, content_hash=proposal.content_hash)
    assert approved.result_id is not None
    record = mem.get(approved.result_id)
    assert record.expires_at == clock.now + timedelta(days=7)
    mem.close()


def test_a_bad_setting_fails_when_memory_opens(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEMSTACK_RETENTION", "episodes=90d")
    with pytest.raises(UsageError, match="episodes=90d"):
        Memory(home, store=InMemoryStore(), embedder=FakeEmbedder())


def test_resolve_accepts_retention_as_an_argument(home: Path) -> None:
    assert resolve(home, retention="fact=7d").retention_policy() == {"fact": timedelta(days=7)}


def test_expired_memories_never_appear_in_reads_even_before_gc(mem: Memory, clock: Any) -> None:
    soon = mem.add(SCOPE, "violet umbrella soon gone", expires_at=clock.now + timedelta(hours=1))
    stay = mem.add(SCOPE, "violet umbrella stays")
    assert {h.memory.id for h in mem.search(SCOPE, "violet umbrella")} == {soon.id, stay.id}
    clock.advance(hours=2)
    assert [r.id for r in mem.list(SCOPE)] == [stay.id]
    assert [r.id for r in mem.list(SCOPE, include_superseded=True)] == [stay.id]
    assert mem.count(SCOPE) == 1
    for mode in ("hybrid", "keyword", "dense"):
        assert [h.memory.id for h in mem.search(SCOPE, "violet umbrella", mode=mode)] == [stay.id]
    assert mem.get(soon.id).id == soon.id  # still held (and exportable) until gc


def test_gc_erases_expired_memories_everywhere_with_a_receipt(mem: Memory, clock: Any) -> None:
    a = mem.add(SCOPE, f"expires {CANARY}", expires_at=clock.now + timedelta(hours=1))
    b = mem.add(
        f"{OTHER}/x", "expires too", kind="episode", expires_at=clock.now + timedelta(hours=1)
    )
    later = mem.add(SCOPE, "expires later", expires_at=clock.now + timedelta(days=3))
    keep = mem.add(SCOPE, "kept")
    clock.advance(hours=2)
    receipt = mem.gc()
    assert receipt.scope == "*" and receipt.reason == "retention: expired" and receipt.complete
    assert (receipt.counts.records, receipt.counts.versions, receipt.counts.events_tombstoned) == (
        2,
        2,
        2,
    )
    held = {r.id for r in mem.export("acme").records}
    assert a.id not in held and b.id not in held and {later.id, keep.id} <= held
    assert [e.detail["erased"] for e in mem.history(a.id)] == [receipt.id]
    gc_events = mem.audit("acme", action="gc")
    assert sorted(e.scope for e in gc_events) == sorted([SCOPE, f"{OTHER}/x"])
    assert all(e.detail["receipt"] == receipt.id for e in gc_events)
    assert mem.gc().counts.total == 0  # nothing left to collect; still compacts
