"""The proposal state machine: pending -> approved | rejected | expired, nothing else."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from memstack import Conflict, Memory, Proposal
from memstack.models import PROPOSAL_STATES, PROPOSAL_TRANSITIONS, ProposalTransitionOp, new_id
from memstack.review.state import check_transition, parse_state

from .conftest import Clock


def _pending(mem: Memory) -> Proposal:
    return mem.propose("acme/alice", "Alice is vegan", kind="fact", rationale="she said so")


def _into(mem: Memory, clock: Clock, state: str) -> Proposal:
    p = _pending(mem)
    if state == "approved":
        return mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    if state == "rejected":
        return mem.reject(p.id, reviewer="bob", reason="not true")
    if state == "expired":
        clock.advance(days=15)
        return mem.proposal(p.id)
    return p


Action = Callable[[Memory, Proposal], Proposal]
ACTIONS: dict[str, Action] = {
    "approve": lambda m, p: m.approve(p.id, reviewer="carol", content_hash=p.content_hash),
    "reject": lambda m, p: m.reject(p.id, reviewer="carol", reason="changed my mind"),
}


def test_the_table_is_the_documented_machine() -> None:
    assert set(PROPOSAL_TRANSITIONS) == set(PROPOSAL_STATES)
    assert PROPOSAL_TRANSITIONS["pending"] == {"approved", "rejected", "expired"}
    assert all(not PROPOSAL_TRANSITIONS[s] for s in ("approved", "rejected", "expired"))


@pytest.mark.parametrize("action", ACTIONS)
def test_pending_can_be_decided(mem: Memory, action: str) -> None:
    p = _pending(mem)
    done = ACTIONS[action](mem, p)
    assert done.state == {"approve": "approved", "reject": "rejected"}[action]
    assert done.reviewer == "carol"
    assert done.reviewed_at is not None
    assert mem.proposal(p.id) == done
    events = mem.proposal_history(p.id)
    decision = [
        e for e in events if e.action.startswith("proposal.") and e.action != "proposal.created"
    ]
    assert [(e.action, e.actor) for e in decision] == [(f"proposal.{done.state}", "carol")]


def test_pending_expires(mem: Memory, clock: Clock) -> None:
    p = _into(mem, clock, "expired")
    assert p.state == "expired"
    assert p.reviewer == "policy:expiry"
    assert [e.action for e in mem.proposal_history(p.id)] == [
        "proposal.created",
        "proposal.expired",
    ]


@pytest.mark.parametrize("state", ["approved", "rejected", "expired"])
@pytest.mark.parametrize("action", ACTIONS)
def test_decided_proposals_are_final(mem: Memory, clock: Clock, state: str, action: str) -> None:
    p = _into(mem, clock, state)
    before_events = mem.proposal_history(p.id)
    before_records = mem.count("acme/alice")
    with pytest.raises(Conflict, match=f"already {state}"):
        ACTIONS[action](mem, p)
    assert mem.proposal(p.id) == p
    assert mem.proposal_history(p.id) == before_events
    assert mem.count("acme/alice") == before_records


@pytest.mark.parametrize("state", ["approved", "rejected"])
def test_decided_proposals_never_expire(mem: Memory, clock: Clock, state: str) -> None:
    p = _into(mem, clock, state)
    clock.advance(days=30)
    assert mem.proposal(p.id).state == state
    assert mem.proposals(state="expired") == []


def test_conflict_message_names_who_decided(mem: Memory, clock: Clock) -> None:
    p = _into(mem, clock, "rejected")
    with pytest.raises(Conflict) as err:
        mem.approve(p.id, reviewer="carol")
    assert "rejected by bob" in str(err.value)


def test_check_transition_is_the_same_check() -> None:
    from datetime import UTC, datetime

    from memstack.models import content_hash

    p = Proposal(
        id="p1", scope="acme", op="add", kind="fact", text="x", content_hash=content_hash("x"),
        state="pending", created_at=datetime(2024, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    for to in ("approved", "rejected", "expired"):
        check_transition(p, to)  # type: ignore[arg-type]
    with pytest.raises(Conflict):
        check_transition(p, "pending")
    assert parse_state("expired") == "expired"


# -- the store enforces the machine too (both backends) ---------------------------------


def test_store_refuses_illegal_transitions(mem: Memory, clock: Clock) -> None:
    p = _pending(mem)
    ev = mem.planner.event("proposal.x", p.scope, actor="t", detail={"proposal": p.id})
    store = mem.store
    # Moving to pending, or out of a final state, is never allowed.
    with pytest.raises(Conflict):
        store.batch([ProposalTransitionOp(p.id, "pending", clock(), "t", ev)])  # type: ignore[list-item]
    with pytest.raises(Conflict):
        op = ProposalTransitionOp(p.id, "approved", clock(), "t", ev, expect_state="rejected")
        store.batch([op])  # type: ignore[list-item]
    # A stale expectation is a Conflict, or a silent no-op when not strict.
    done = store.batch([ProposalTransitionOp(p.id, "rejected", clock(), "t", ev, reason="r")])  # type: ignore[list-item]
    assert done[0].state == "rejected"
    ev2 = mem.planner.event("proposal.y", p.scope, actor="t", detail={"proposal": p.id})
    with pytest.raises(Conflict, match="is rejected by t, not pending"):
        store.batch([ProposalTransitionOp(p.id, "approved", clock(), "t", ev2)])  # type: ignore[list-item]
    lazy = ProposalTransitionOp(p.id, "expired", clock(), "t", ev2, strict=False)
    assert store.batch([lazy]) == [None]  # type: ignore[list-item]
    assert [e.action for e in mem.proposal_history(p.id)] == ["proposal.created", "proposal.x"]


def test_store_transition_of_unknown_proposal(mem: Memory, clock: Clock) -> None:
    from memstack import NotFound

    ev = mem.planner.event("proposal.x", "acme", actor="t")
    with pytest.raises(NotFound):
        mem.store.batch([ProposalTransitionOp(new_id(), "rejected", clock(), "t", ev)])  # type: ignore[list-item]
