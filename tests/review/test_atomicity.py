"""An approval is one transaction: record, proposal state and events land together or not at all."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from memstack import Memory
from memstack.models import PutOp


class DiskFull(Exception):
    pass


def _fail_record_writes(monkeypatch: pytest.MonkeyPatch, mem: Memory) -> None:
    handlers: Any = sys.modules[type(mem.store).__module__].HANDLERS  # the backend's table
    original = handlers[PutOp]

    def put_then_fail(*args: Any) -> None:
        original(*args)  # the record, its keyword row, vector and event are written...
        raise DiskFull("no space left on device")  # ...then the transaction fails

    monkeypatch.setitem(handlers, PutOp, put_then_fail)


def test_failed_approval_leaves_the_proposal_pending(
    mem: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    _fail_record_writes(monkeypatch, mem)
    with pytest.raises(DiskFull):
        mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    monkeypatch.undo()
    assert mem.proposal(p.id).state == "pending"
    assert mem.list("acme/alice", include_superseded=True) == []
    assert [e.action for e in mem.proposal_history(p.id)] == ["proposal.created"]
    assert mem.search("acme/alice", "vegan") == []
    # Nothing half-done blocks a retry.
    done = mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    assert mem.get(done.result_id or "").text == "Alice is vegan"


def test_failed_update_approval_keeps_the_target_current(
    mem: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = mem.add("acme/alice", "Alice lives in London", kind="fact")
    p = mem.propose("acme/alice", "Alice lives in Paris", kind="fact", op="update", target=old.id)
    _fail_record_writes(monkeypatch, mem)
    with pytest.raises(DiskFull):
        mem.approve(p.id, reviewer="bob")
    monkeypatch.undo()
    assert mem.get(old.id).superseded_by is None
    assert [r.text for r in mem.list("acme/alice")] == ["Alice lives in London"]
    assert mem.proposal(p.id).state == "pending"


def test_failed_auto_approval_stores_no_proposal(
    mem: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    mem.set_policy("acme", None, "auto")
    _fail_record_writes(monkeypatch, mem)
    with pytest.raises(DiskFull):
        mem.propose("acme/alice", "Alice is vegan", kind="fact")
    monkeypatch.undo()
    assert mem.proposals(state=None) == []
    assert mem.count("acme/alice") == 0
