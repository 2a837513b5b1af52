"""Conformance of the review ops on every backend: same results, same order, all-or-nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from memstack import Memory, UsageError
from memstack.models import (
    Extraction,
    ExtractionListOp,
    ExtractionLogOp,
    Finding,
    Proposal,
    ProposalGetOp,
    ProposalListOp,
    ProposalPutOp,
    ProposalTransitionOp,
    Source,
    content_hash,
    new_id,
)

from .conftest import Clock


def _proposal(clock: Clock, scope: str, text: str, **kw: object) -> Proposal:
    return Proposal(
        id=new_id(), scope=scope, op="add", kind="fact", text=text, content_hash=content_hash(text),
        state="pending", created_at=clock(), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_proposal_round_trip(mem: Memory, clock: Clock) -> None:
    p = _proposal(
        clock, "acme/alice", "Alice is vegan\r\n",
        source=Source(origin="ai", author="gpt-x", conversation="c1", turns=("3", "4")),
        rationale="said so", excerpt="user: I'm vegan", topic="diet",
        findings=(Finding("personal", "low", "an email address", 1, 5),),
        expires_at=clock() + timedelta(days=1),
    )  # fmt: skip
    ev = mem.planner.event("proposal.created", p.scope, actor="gpt-x", detail={"proposal": p.id})
    assert mem.store.batch([ProposalPutOp(p, ev), ProposalGetOp(p.id)]) == [None, p]  # type: ignore[list-item]
    with pytest.raises(UsageError, match="already exists"):
        mem.store.batch([ProposalPutOp(p, ev)])  # type: ignore[list-item]


def test_proposal_list_filters(mem: Memory, clock: Clock) -> None:
    rows = []
    for scope, text in [
        ("acme", "a"),
        ("acme/web", "b"),
        ("acme_web", "c"),
        ("acme2", "d"),
        ("acme/web", "a"),
    ]:
        clock.advance(seconds=1)
        rows.append(_proposal(clock, scope, text, expires_at=clock() + timedelta(hours=len(rows))))
    ops = [
        ProposalPutOp(p, mem.planner.event("proposal.created", p.scope, actor="t")) for p in rows
    ]
    mem.store.batch(ops)  # type: ignore[arg-type]
    ev = mem.planner.event("proposal.rejected", "acme/web", actor="t")
    mem.store.batch([ProposalTransitionOp(rows[1].id, "rejected", clock(), "t", ev, reason="r")])  # type: ignore[list-item]
    order = {p.id: i for i, p in enumerate(rows)}

    def ids(**kw: object) -> list[int]:
        found: list[Proposal] = mem.store.batch([ProposalListOp(**kw)])[0]  # type: ignore[arg-type, list-item]
        return [order[p.id] for p in found]

    assert ids() == [0, 1, 2, 3, 4]
    assert ids(scope="acme") == [0, 1, 4]  # segment-wise: not acme_web, not acme2
    assert ids(scope="acme/web") == [1, 4]
    assert ids(content_hash=content_hash("a")) == [0, 4]
    assert ids(due_at=rows[0].created_at + timedelta(hours=1, seconds=1)) == [0, 1]
    assert ids(limit=2) == [0, 1]
    assert ids(states=("rejected",)) == [1]
    assert ids(scope="acme", states=("pending",)) == [0, 4]


def test_extraction_log(mem: Memory, clock: Clock) -> None:
    made = []
    for i, (scope, status) in enumerate(
        [("acme/alice", "ok"), ("acme/bob", "failed"), ("acme2", "ok")]
    ):
        clock.advance(seconds=1)
        made.append(
            Extraction(
                id=new_id(),
                scope=scope,
                status=status,
                created_at=clock(),  # type: ignore[arg-type]
                reason=None if status == "ok" else "invalid JSON",
                raw='{"facts": [',
                model="fake",
                input_tokens=100 + i,
                output_tokens=20,
                cost_usd=0.0001,
                proposals=("p1", "p2")[: i + 1],
            )  # fmt: skip
        )
    mem.store.batch([ExtractionLogOp(x) for x in made])  # type: ignore[misc]
    newest_first = list(reversed(made))
    assert mem.store.batch([ExtractionListOp()])[0] == newest_first  # type: ignore[list-item]
    assert mem.store.batch([ExtractionListOp(scope="acme")])[0] == newest_first[1:]  # type: ignore[list-item]
    assert mem.store.batch([ExtractionListOp(status="failed")])[0] == [made[1]]  # type: ignore[list-item]
    assert mem.store.batch([ExtractionListOp(limit=1)])[0] == [made[2]]  # type: ignore[list-item]
    with pytest.raises(UsageError):
        mem.store.batch([ExtractionLogOp(made[0])])  # type: ignore[list-item]


def test_review_ops_roll_back_with_their_batch(mem: Memory, clock: Clock) -> None:
    p = _proposal(clock, "acme", "x")
    ev = mem.planner.event("proposal.created", p.scope, actor="t", detail={"proposal": p.id})
    x = Extraction(id=new_id(), scope="acme", status="ok", created_at=clock())
    with pytest.raises(UsageError):
        mem.store.batch([ProposalPutOp(p, ev), ExtractionLogOp(x), ExtractionLogOp(x)])  # type: ignore[list-item]
    assert mem.store.batch([ProposalGetOp(p.id), ExtractionListOp()]) == [None, []]  # type: ignore[list-item]
    assert mem.proposals(state=None) == []
