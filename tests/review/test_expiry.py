"""Proposals expire when read after their expires_at; the clock is injected."""

from __future__ import annotations

from datetime import timedelta

import pytest

from memstack import Conflict, Memory

from .conftest import Clock


def test_default_ttl_is_fourteen_days(mem: Memory, clock: Clock) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    assert p.expires_at == clock() + timedelta(days=14)
    clock.advance(days=13, hours=23)
    assert [q.id for q in mem.proposals()] == [p.id]
    clock.advance(hours=1)
    assert mem.proposals() == []
    expired = mem.proposals(state="expired")
    assert [(q.id, q.state, q.reviewer) for q in expired] == [(p.id, "expired", "policy:expiry")]
    assert expired[0].reviewed_at == clock()
    events = mem.proposal_history(p.id)
    assert [(e.action, e.actor) for e in events] == [
        ("proposal.created", "ai"),
        ("proposal.expired", "policy:expiry"),
    ]
    # Reading again does not expire it twice.
    mem.proposals(state=None)
    assert len(mem.proposal_history(p.id)) == 2


def test_approving_a_due_proposal_expires_it(mem: Memory, clock: Clock) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    clock.advance(days=15)
    with pytest.raises(Conflict, match="already expired"):
        mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    # The expiry was written even though the approval failed.
    assert mem.proposal(p.id).state == "expired"
    assert mem.count("acme/alice") == 0
    with pytest.raises(Conflict, match="already expired"):
        mem.reject(p.id, reviewer="bob", reason="late")


def test_expiry_reads_are_scoped(mem: Memory, clock: Clock) -> None:
    a = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    b = mem.propose("other/bob", "Bob is tall", kind="fact")
    clock.advance(days=20)
    assert mem.proposals("acme") == []
    assert mem.proposal(a.id).state == "expired"
    # other/bob was not read yet, so it is still stored as pending until it is.
    assert mem.proposals("other", state="expired")[0].id == b.id


def test_ttl_is_configurable(mem: Memory, clock: Clock) -> None:
    mem.proposal_ttl = timedelta(hours=1)
    short = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    mem.proposal_ttl = None
    forever = mem.propose("acme/alice", "Alice is tall", kind="fact")
    assert short.expires_at == clock() + timedelta(hours=1) and forever.expires_at is None
    clock.advance(days=365)
    assert [p.id for p in mem.proposals()] == [forever.id]
    assert mem.proposal(short.id).state == "expired"


def test_an_expired_duplicate_does_not_block_a_new_proposal(mem: Memory, clock: Clock) -> None:
    first = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    clock.advance(days=15)
    again = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    assert again.id != first.id and again.state == "pending"
