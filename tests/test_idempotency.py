"""A retried write with the caller's idempotency key stores nothing twice.

The failure is real: a store that fails (like a full disk) on its second write
transaction, after the first one committed. The retry goes through a fresh
``Memory`` on the same file, as a restarted process would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from memstack import AsyncMemory, Conflict, Memory, StoreError, UsageError
from memstack.embed.fake import FakeEmbedder
from memstack.models import Op, PutOp
from memstack.plan import keyed_id
from memstack.store.base import Store
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore

ID_CHARS = set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")


class FullDisk(SqliteStore):
    """A SQLite store whose ``fail_on``-th write transaction fails before anything is written."""

    def __init__(self, path: Path, fail_on: int) -> None:
        super().__init__(path)
        self.fail_on = fail_on
        self.writes = 0

    def batch(self, ops: Sequence[Op]) -> list[Any]:
        if any(isinstance(op, PutOp) for op in ops):
            self.writes += 1
            if self.writes == self.fail_on:
                raise StoreError("database or disk is full (simulated)")
        return super().batch(ops)


def _items(n: int) -> list[dict[str, Any]]:
    return [
        {"scope": "acme/alice" if i % 2 else "acme/bob", "text": f"Fact number {i} about tea"}
        for i in range(n)
    ]


def test_add_many_retried_after_a_crash_mid_way_stores_each_item_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    crashed = Memory(store=FullDisk(path, fail_on=2), embedder=FakeEmbedder())
    with pytest.raises(StoreError):
        crashed.add_many(_items(10), batch_size=4, idempotency_key="import-42")
    assert crashed.count("acme", include_descendants=True) == 4  # batch 1 committed
    first_four = crashed.list("acme", include_descendants=True)
    crashed.close()

    mem = Memory(store=SqliteStore(path), embedder=FakeEmbedder())
    records = mem.add_many(_items(10), batch_size=4, idempotency_key="import-42")
    assert [r.text for r in records] == [f"Fact number {i} about tea" for i in range(10)]
    assert mem.count("acme", include_descendants=True) == 10
    # The four written before the crash are returned as they were stored, not rewritten.
    by_id = {r.id: r for r in records}
    for old in first_four:
        assert by_id[old.id] == old
    # One "add" event per memory, none for the retried ones.
    for r in records:
        assert [e.action for e in mem.history(r.id)] == ["add"]
    again = mem.add_many(_items(10), batch_size=4, idempotency_key="import-42")
    assert again == records
    assert mem.count("acme", include_descendants=True) == 10
    mem.close()


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_add_with_the_same_key_returns_the_stored_record(tmp_path: Path, backend: str) -> None:
    store: Store = InMemoryStore() if backend == "memory" else SqliteStore(tmp_path / "m.db")
    mem = Memory(store=store, embedder=FakeEmbedder())
    first = mem.add("acme/alice", "Alice drinks green tea", topic="diet", idempotency_key="k1")
    assert len(first.id) == 26 and set(first.id) <= ID_CHARS
    assert first.id == keyed_id("memory", "acme/alice", "k1", 0)
    again = mem.add("acme/alice", "Alice drinks green tea", topic="diet", idempotency_key="k1")
    assert again == first
    assert mem.count("acme/alice") == 1
    # The same key in another scope is another write.
    other = mem.add("acme/bob", "Alice drinks green tea", idempotency_key="k1")
    assert other.id != first.id
    # Without a key, nothing is deduplicated.
    assert mem.add("acme/alice", "Alice drinks green tea").id != first.id
    assert mem.count("acme/alice") == 2
    mem.close()


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_a_key_reused_for_other_content_is_a_conflict(tmp_path: Path, backend: str) -> None:
    store: Store = InMemoryStore() if backend == "memory" else SqliteStore(tmp_path / "m.db")
    mem = Memory(store=store, embedder=FakeEmbedder())
    first = mem.add("acme/alice", "Alice drinks green tea", idempotency_key="k1")
    with pytest.raises(Conflict, match=first.id):
        mem.add("acme/alice", "Alice drinks black coffee", idempotency_key="k1")
    with pytest.raises(Conflict):
        mem.add("acme/alice", "Alice drinks green tea", kind="rule", idempotency_key="k1")
    assert [r.text for r in mem.list("acme/alice")] == ["Alice drinks green tea"]
    mem.close()


@pytest.mark.parametrize("key", ["", "x" * 201, "line\nbreak", "tab\there", 42])
def test_bad_keys_are_refused_before_anything_is_written(key: Any) -> None:
    mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    with pytest.raises(UsageError, match="idempotency key"):
        mem.add("acme", "Some fact", idempotency_key=key)
    with pytest.raises(UsageError, match="idempotency key"):
        mem.add_many([{"scope": "acme", "text": "Some fact"}], idempotency_key=key)
    with pytest.raises(UsageError, match="idempotency key"):
        mem.propose("acme", "Some fact", kind="fact", idempotency_key=key)
    assert mem.count("acme") == 0 and mem.proposals(None, state=None) == []
    mem.close()


def test_keys_of_200_printable_characters_are_fine() -> None:
    mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    key = "é-" * 100
    stored = mem.add("acme", "Some fact", idempotency_key=key)
    assert stored.id == keyed_id("memory", "acme", key, 0)
    mem.close()


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_propose_retried_returns_the_same_proposal_in_any_state(
    tmp_path: Path, backend: str
) -> None:
    store: Store = InMemoryStore() if backend == "memory" else SqliteStore(tmp_path / "m.db")
    mem = Memory(store=store, embedder=FakeEmbedder())
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact", idempotency_key="turn-9")
    assert p.id == keyed_id("proposal", "acme/alice", "turn-9", 0)
    assert mem.propose("acme/alice", "Alice is vegan", kind="fact", idempotency_key="turn-9") == p
    approved = mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    # After approval a plain re-proposal would wait again; the keyed retry is the approved one.
    retried = mem.propose("acme/alice", "Alice is vegan", kind="fact", idempotency_key="turn-9")
    assert retried == approved and retried.state == "approved"
    assert len(mem.proposals("acme", state=None)) == 1
    assert mem.count("acme/alice") == 1
    with pytest.raises(Conflict, match=p.id):
        mem.propose("acme/alice", "Alice is vegetarian", kind="fact", idempotency_key="turn-9")
    mem.close()


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_idempotent_proposal_put_in_the_store(tmp_path: Path, backend: str) -> None:
    """The store's own check (what a concurrent retry meets inside the transaction)."""
    from dataclasses import replace

    from memstack.models import ProposalGetOp, ProposalPutOp

    store: Store = InMemoryStore() if backend == "memory" else SqliteStore(tmp_path / "m.db")
    mem = Memory(store=store, embedder=FakeEmbedder())
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact", idempotency_key="k")
    ev = mem.planner.event("proposal.created", p.scope, actor="t", detail={"proposal": p.id})
    fresh = replace(p, rationale="a retry may differ in its rationale")
    assert store.batch([ProposalPutOp(fresh, ev, idempotent=True)]) == [p]
    with pytest.raises(UsageError):
        store.batch([ProposalPutOp(fresh, ev)])
    other = replace(p, text="Alice is vegetarian", content_hash="sha256:other")
    with pytest.raises(Conflict):
        store.batch([ProposalPutOp(other, ev, idempotent=True)])
    assert store.batch([ProposalGetOp(p.id)]) == [p]
    assert [e.action for e in mem.proposal_history(p.id)] == ["proposal.created"]
    mem.close()


def test_async_door_retries_too(tmp_path: Path) -> None:
    async def main() -> None:
        async with AsyncMemory(store=SqliteStore(tmp_path / "a.db"), embedder=FakeEmbedder()) as m:
            a = await m.add_many(_items(3), idempotency_key="k")
            b = await m.add_many(_items(3), idempotency_key="k")
            assert a == b
            assert await m.count("acme", include_descendants=True) == 3

    asyncio.run(main())
