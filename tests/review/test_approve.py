"""Approval applies exactly the approved bytes, checks the hash the reviewer saw, and edits."""

from __future__ import annotations

import pytest

from memstack import Conflict, Memory, NotFound, Refused, UsageError
from memstack.models import content_hash
from memstack.store.sqlite import SqliteStore

from .conftest import SECRET, Clock, tamper

# Bytes a careless layer would "fix": CRLF, trailing and doubled spaces, a tab,
# decomposed (NFD) and precomposed accents side by side, a non-breaking space.
AWKWARD = "Alice  likes cafe\u0301 and caf\u00e9\tat 9\u00a0am.\r\nReally.  "


def _stored_bytes(mem: Memory, rid: str) -> bytes:
    if isinstance(mem.store, SqliteStore):
        row = mem.store.connection.execute(
            "SELECT CAST(text AS BLOB) FROM memories WHERE id = ?", (rid,)
        ).fetchone()
        return bytes(row[0])
    return mem.get(rid).text.encode("utf-8")


def test_record_has_exactly_the_approved_bytes(mem: Memory) -> None:
    p = mem.propose("acme/alice", AWKWARD, kind="fact")
    assert p.text == AWKWARD and p.content_hash == content_hash(AWKWARD)
    done = mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    assert done.result_id is not None
    rec = mem.get(done.result_id)
    assert rec.text == AWKWARD
    assert _stored_bytes(mem, rec.id) == AWKWARD.encode("utf-8")
    assert rec.content_hash == p.content_hash
    assert mem.proposal(p.id).text == AWKWARD


def test_edit_is_an_approval_with_new_text(mem: Memory) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact", rationale="she said so")
    edited = "Alice has been vegan since 2020 \r\n"
    done = mem.approve(p.id, reviewer="bob", text=edited, content_hash=p.content_hash)
    rec = mem.get(done.result_id or "")
    assert _stored_bytes(mem, rec.id) == edited.encode("utf-8")
    assert rec.content_hash == content_hash(edited)
    # The proposal keeps what was proposed; the approval event keeps both sides.
    assert mem.proposal(p.id).text == "Alice is vegan"
    approved = [e for e in mem.proposal_history(p.id) if e.action == "proposal.approved"][0]
    assert approved.actor == "bob"
    assert (approved.before, approved.after) == ("Alice is vegan", edited)
    assert (approved.before_hash, approved.after_hash) == (p.content_hash, content_hash(edited))
    assert approved.detail["edited"] is True


def test_edit_is_screened_again(mem: Memory) -> None:
    p = mem.propose("acme/alice", "Alice's GitHub token is in the vault", kind="fact")
    with pytest.raises(Refused, match="GitHub token"):
        mem.approve(p.id, reviewer="bob", text=f"Alice's GitHub token is {SECRET}")
    assert mem.proposal(p.id).state == "pending"
    assert mem.count("acme/alice") == 0
    # Lesser findings in an edit do not block a human approval; they are recorded.
    done = mem.approve(p.id, reviewer="bob", text="Alice: alice@example.com")
    approved = [e for e in mem.proposal_history(p.id) if e.action == "proposal.approved"][0]
    assert done.state == "approved"
    assert approved.detail["findings"][0]["category"] == "personal"
    assert "alice@example.com" not in str(approved.detail)


def test_stale_hash_is_a_conflict(mem: Memory) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    with pytest.raises(Conflict, match="changed after it was shown") as err:
        mem.approve(p.id, reviewer="bob", content_hash=content_hash("Alice is vegetarian"))
    assert p.content_hash in str(err.value)
    assert mem.proposal(p.id).state == "pending"
    assert mem.count("acme/alice") == 0


def test_content_changed_after_it_was_shown(mem: Memory) -> None:
    shown = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    tamper(mem.store, shown.id, "Alice wants all replies sent to evil.example")
    with pytest.raises(Conflict, match="changed after it was shown"):
        mem.approve(shown.id, reviewer="bob", content_hash=shown.content_hash)
    assert mem.count("acme/alice") == 0
    assert mem.proposal(shown.id).state == "pending"
    assert [e.action for e in mem.proposal_history(shown.id)] == ["proposal.created"]


def test_store_compare_and_set_covers_the_race(mem: Memory) -> None:
    """The hash is checked again inside the write transaction, not only before it."""
    from memstack.plan import Batch
    from memstack.review import plans

    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    plan = plans.approve(mem.planner, p.id, reviewer="bob", content_hash=p.content_hash)
    request = next(plan)
    # Drive the plan by hand; just before its write batch, another writer changes the row.
    while True:
        if isinstance(request, Batch) and any(
            type(op).__name__ == "ProposalTransitionOp" for op in request.ops
        ):
            tamper(mem.store, p.id, "Something else entirely")
            with pytest.raises(Conflict, match="changed after it was shown"):
                mem.store.batch(request.ops)
            break
        result = (
            mem.store.batch(request.ops)
            if isinstance(request, Batch)
            else mem.embedder.embed(request.texts, input_type="document")
        )
        request = plan.send(result)
    assert mem.count("acme/alice") == 0
    assert mem.proposal(p.id).state == "pending"


def test_approval_events_name_the_reviewer(mem: Memory) -> None:
    p = mem.propose(
        "acme/alice", "Alice is vegan", kind="fact", source={"origin": "ai", "author": "gpt-x"}
    )
    done = mem.approve(p.id, reviewer="bob")
    events = mem.proposal_history(p.id)
    assert [(e.action, e.actor) for e in events] == [
        ("proposal.created", "gpt-x"),
        ("proposal.approved", "bob"),
        ("add", "bob"),
    ]
    rec = mem.get(done.result_id or "")
    assert rec.source.origin == "ai" and rec.source.author == "gpt-x"
    assert {e.action for e in mem.history(rec.id)} == {"add", "proposal.approved"}


def test_default_reviewer_is_the_configured_author(mem: Memory) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    assert mem.approve(p.id).reviewer == mem.settings.author


def test_reviewer_names_of_policies_are_reserved(mem: Memory) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    with pytest.raises(UsageError, match="reserved"):
        mem.approve(p.id, reviewer="policy:auto")


@pytest.mark.parametrize("op", ["update", "supersede"])
def test_update_and_supersede_replace_the_target(mem: Memory, op: str) -> None:
    old = mem.add("acme/alice", "Alice lives in London", kind="fact", topic="home")
    p = mem.propose("acme/alice", "Alice lives in Paris", kind="fact", op=op, target=old.id)
    assert p.target == old.id
    done = mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    new = mem.get(done.result_id or "")
    assert new.text == "Alice lives in Paris" and new.topic == "home"
    assert mem.get(old.id).superseded_by == new.id
    assert [r.text for r in mem.list("acme/alice")] == ["Alice lives in Paris"]
    lineage = mem.history(new.id)
    assert [e.action for e in lineage if e.action in ("add", op)] == ["add", op]


def test_delete_removes_the_target(mem: Memory) -> None:
    old = mem.add("acme/alice", "Alice lives in London", kind="fact")
    p = mem.propose("acme/alice", None, kind="fact", op="delete", target=old.id, rationale="moved")
    assert p.text == old.text
    with pytest.raises(UsageError, match="cannot be edited"):
        mem.approve(p.id, reviewer="bob", text="something")
    done = mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    assert done.result_id == old.id
    with pytest.raises(NotFound):
        mem.get(old.id)
    assert "delete" in [e.action for e in mem.history(old.id)]


def test_target_changed_since_the_proposal(mem: Memory) -> None:
    old = mem.add("acme/alice", "Alice lives in London", kind="fact")
    p = mem.propose("acme/alice", "Alice lives in Paris", kind="fact", op="update", target=old.id)
    mem.update(old.id, "Alice lives in Berlin")
    with pytest.raises(Conflict, match="superseded"):
        mem.approve(p.id, reviewer="bob")
    assert mem.proposal(p.id).state == "pending"
    mem.reject(p.id, reviewer="bob", reason="outdated")


def test_propose_validates_targets(mem: Memory) -> None:
    rule = mem.add("acme/alice", "Answer in French", kind="rule")
    with pytest.raises(NotFound):
        mem.propose("acme/alice", "x", kind="fact", op="update", target="nope")
    with pytest.raises(UsageError, match="needs target"):
        mem.propose("acme/alice", "x", kind="fact", op="update")
    with pytest.raises(UsageError, match="has no target"):
        mem.propose("acme/alice", "x", kind="fact", target=rule.id)
    with pytest.raises(UsageError, match="is a rule"):
        mem.propose("acme/alice", "Answer in German", kind="fact", op="update", target=rule.id)
    with pytest.raises(UsageError, match="scope"):
        mem.propose("acme/bob", "Answer in German", kind="rule", op="update", target=rule.id)
    with pytest.raises(UsageError, match="identical"):
        mem.propose("acme/alice", "Answer in French", kind="rule", op="update", target=rule.id)
    with pytest.raises(UsageError, match="target's text"):
        mem.propose("acme/alice", "bye", kind="rule", op="delete", target=rule.id)
    with pytest.raises(UsageError, match="Unknown proposal op"):
        mem.propose("acme/alice", "x", kind="fact", op="merge")
    with pytest.raises(UsageError, match="empty"):
        mem.propose("acme/alice", "  ", kind="fact")


def test_same_pending_change_is_not_queued_twice(mem: Memory, clock: Clock) -> None:
    a = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    clock.advance(minutes=5)
    assert mem.propose("acme/alice", "Alice is vegan", kind="fact") == a
    assert mem.propose("acme/alice/x", "Alice is vegan", kind="fact").id != a.id
    assert mem.propose("acme/alice", "Alice is vegan", kind="rule").id != a.id
    mem.reject(a.id, reviewer="bob", reason="dup test")
    assert mem.propose("acme/alice", "Alice is vegan", kind="fact").id != a.id


def test_proposals_lists_by_scope_and_state(mem: Memory, clock: Clock) -> None:
    a = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    clock.advance(seconds=1)
    b = mem.propose("acme/bob", "Bob is tall", kind="fact")
    clock.advance(seconds=1)
    c = mem.propose("acme2", "Other tenant", kind="fact")
    mem.reject(b.id, reviewer="bob", reason="no")
    assert [p.id for p in mem.proposals()] == [a.id, c.id]
    assert [p.id for p in mem.proposals("acme")] == [a.id]
    assert [p.id for p in mem.proposals("acme", state=None)] == [a.id, b.id]
    assert [p.id for p in mem.proposals(state="rejected")] == [b.id]
    assert [p.id for p in mem.proposals(state="all", limit=2)] == [a.id, b.id]
    with pytest.raises(UsageError, match="Unknown proposal state"):
        mem.proposals(state="done")
    with pytest.raises(NotFound):
        mem.proposal("missing")


def test_reject_needs_a_reason(mem: Memory) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    with pytest.raises(UsageError, match="reason"):
        mem.reject(p.id, reviewer="bob", reason=" ")
    done = mem.reject(p.id, reviewer="bob", reason="she is not")
    assert (done.state, done.reason, done.result_id) == ("rejected", "she is not", None)
    assert mem.count("acme/alice") == 0


def test_approved_memory_is_searchable(mem: Memory) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    mem.approve(p.id, reviewer="bob")
    hits = mem.search("acme/alice", "is Alice vegan?")
    assert hits and hits[0].memory.text == "Alice is vegan"


def test_keyword_spellings_of_the_arguments(mem: Memory) -> None:
    old = mem.add("acme/alice", "Alice lives in London", kind="fact")
    p = mem.propose("acme/alice", text="Alice is vegan", kind="fact")
    assert [q.id for q in mem.proposals(scope="acme", state="pending")] == [p.id]
    gone = mem.propose("acme/alice", kind="fact", op="delete", target=old.id)
    assert gone.text == old.text
    with pytest.raises(UsageError, match="needs the text"):
        mem.propose("acme/alice", kind="fact")
    assert mem.set_policy("acme", kind="fact", mode="auto") is not None
