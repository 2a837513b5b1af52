"""The memory switch through the facade, on every backend: sessions, compile, search, writes.

The store ops themselves are covered in tests/store/test_contract.py; here is what a
user of ``Memory`` relies on when a scope's memory is turned off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from memstack import Memory, MemoryOff
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore


@pytest.fixture(params=["memory", "sqlite"])
def mem(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Memory]:
    store = InMemoryStore() if request.param == "memory" else SqliteStore(tmp_path / "s.db")
    m = Memory(store=store, embedder=FakeEmbedder(), migrate=True)
    yield m
    m.close()


def test_reads_off_hides_memory_from_search_compile_and_sessions(mem: Memory) -> None:
    mem.add("acme", "Answer in British English", kind="rule")
    mem.add("acme/alice", "Alice is vegetarian")
    assert not mem.search("acme/alice", "no such words").memory_off  # nothing matched: on
    mem.memory_off("acme/alice", writes=False)
    off = mem.search("acme/alice", "vegetarian")
    assert off == [] and off.memory_off  # empty because memory is off, and it says so
    p = mem.compile("acme/alice", "vegetarian")
    assert p.memory_off and p.stable == p.recall == "" and not p.stable_ids
    with mem.session("acme/alice") as s:
        s.add("user", "what should I cook?")
        built = s.build("what should I cook?")
        assert built.prompt.memory_off and "vegetarian" not in str(built.payload)
    # a sibling and the parent are not affected; the memory itself is kept
    assert mem.compile("acme/bob").stable_ids and not mem.compile("acme").memory_off
    assert [r.text for r in mem.list("acme/alice", kind="fact")] == ["Alice is vegetarian"]
    mem.memory_on("acme/alice")
    hits = mem.search("acme/alice", "vegetarian", kind="fact")
    assert [h.memory.text for h in hits] == ["Alice is vegetarian"] and not hits.memory_off


def test_writes_off_refuses_every_new_memory_but_not_erasure(mem: Memory) -> None:
    kept = mem.add("acme/alice", "Alice is vegetarian")
    state = mem.memory_off("acme", reads=False)
    assert (state.scope, state.reads_off, state.writes_off) == ("acme", False, True)
    chat = [{"role": "user", "content": "Remember that I prefer tea."}]
    for write in (
        lambda: mem.add("acme/alice", "x"),
        lambda: mem.add_many([{"scope": "acme/bob", "text": "y"}]),
        lambda: mem.ingest_conversation("acme/alice", chat),
        lambda: mem.propose("acme/alice", "Alice likes jazz", kind="fact"),
        lambda: mem.remember("acme/alice", chat),
        lambda: mem.import_memories("acme/alice", "## Facts\n\n- Alice rows\n", approve=True),
    ):
        with pytest.raises(MemoryOff, match="switched off on acme"):
            write()
    assert [r.id for r in mem.list("acme/alice")] == [kept.id]  # nothing was stored
    assert mem.proposals("acme") == []
    assert mem.forget("acme/alice").counts.records == 1  # erasure still works
    assert mem.memory_status("acme/alice").writes_off  # forget keeps the switch


def test_a_session_with_writes_off_drops_what_it_would_archive(mem: Memory) -> None:
    mem.memory_off("acme/alice", reads=False)
    with mem.session("acme/alice", window_tokens=3000, budget_tokens=100,
                     recall_tokens=100) as s:  # fmt: skip
        for i in range(60):
            s.add("user", f"message {i} " + "words " * 40)
        assert s.archived == 0 and len(s.turns) < 60
    assert mem.list("acme/alice") == []


def test_turning_on_a_scope_under_an_off_ancestor_stays_off(mem: Memory) -> None:
    mem.memory_off("acme")
    mem.memory_off("acme/alice", reads=False)
    state = mem.memory_on("acme/alice")
    assert state.reads_off and state.writes_off  # acme still has both off
    assert [s.scope for s in mem.memory_switches()] == ["acme"]
    assert not mem.memory_on("acme").off
    assert mem.memory_switches() == []


def test_search_reads_the_switch_in_its_first_transaction(mem: Memory) -> None:
    """One store call fewer per search, and switch and hits come from one snapshot."""
    mem.add("acme/alice", "Alice is vegetarian")
    calls: list[list[str]] = []
    store = mem.store
    real = store.batch

    def batch(ops: list[object]) -> list[object]:
        calls.append([type(op).__name__ for op in ops])
        return real(ops)

    store.batch = batch  # type: ignore[method-assign]
    assert mem.search("acme/alice", "vegetarian")
    assert calls[0][0] == "SwitchListOp" and "SearchOp" in calls[0]
    assert not any("SwitchListOp" in c for c in calls[1:])
    mem.memory_off("acme/alice", writes=False)
    calls.clear()
    off = mem.search("acme/alice", "vegetarian")
    assert off == [] and off.memory_off
    assert len(calls) == 1  # the rest of the search never ran
