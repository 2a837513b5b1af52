"""audit(): who did what and when, newest first, without content for erased items."""

from __future__ import annotations

from typing import Any

import pytest

from memstack import Memory, UsageError

from .canary import OTHER, SCOPE


def test_audit_lists_every_kind_of_change_newest_first(mem: Memory, clock: Any) -> None:
    a = mem.add(SCOPE, "one", author="ann")
    clock.advance(minutes=1)
    mem.update(a.id, "two", author="bob")
    clock.advance(minutes=1)
    p = mem.propose(f"{SCOPE}/sub", "three", kind="fact")
    mem.approve(p.id, reviewer="carol")
    clock.advance(minutes=1)
    b = mem.add(SCOPE, "four")
    mem.delete(b.id, author="dan")
    mem.export(SCOPE)
    clock.advance(minutes=1)
    mem.forget(SCOPE, ids=[b.id])
    mem.gc()
    mem.add(OTHER, "not in the audit of SCOPE")
    events = mem.audit(SCOPE, limit=None)
    actions = [e.action for e in events]
    assert actions[0] == "forget" and actions[-1] == "add"
    assert {
        "add",
        "update",
        "proposal.created",
        "proposal.approved",
        "delete",
        "export",
        "forget",
    } <= set(actions)
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    assert all(e.scope == SCOPE or e.scope.startswith(SCOPE + "/") for e in events)
    who = {e.action: e.actor for e in reversed(events) if not e.actor.startswith("sha256:")}
    assert who["update"] == "bob" and who["proposal.approved"] == "carol"
    erased = [e for e in events if e.memory_id == b.id and e.action != "forget"]
    assert erased and all(
        "erased" in e.detail and e.before is None and e.after is None for e in erased
    )


def test_audit_filters(mem: Memory, clock: Any) -> None:
    mem.add(SCOPE, "early")
    clock.advance(hours=1)
    cut = clock.now
    mem.add(SCOPE, "late")
    mem.export(SCOPE)
    assert [e.action for e in mem.audit(SCOPE, since=cut)] == ["export", "add"]
    assert [e.action for e in mem.audit(SCOPE, action="export")] == ["export"]
    assert [e.action for e in mem.audit(SCOPE, action=["export", "add"], limit=2)] == [
        "export",
        "add",
    ]
    assert mem.audit("nobody/here") == []


@pytest.mark.parametrize("kwargs", [{"limit": 0}, {"limit": True}, {"action": []}, {"action": ""}])
def test_bad_audit_arguments(mem: Memory, kwargs: dict[str, Any]) -> None:
    with pytest.raises(UsageError):
        mem.audit(SCOPE, **kwargs)
