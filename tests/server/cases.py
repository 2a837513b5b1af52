"""Memory behaviour every door must show: the shared conformance cases.

Each case is a function ``case_<name>(mem)`` taking anything with
:class:`memstack.Memory`'s methods (the embedded ``Memory``, ``Client`` over a
server, later other backends) whose scopes live under the tenant ``acme``, with
the rights of a person (writes apply at once, approvals allowed). A case
asserts only what a user of that object relies on. ``CASES`` lists them for
``pytest.mark.parametrize``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from memstack import InvalidScope, NotFound, Refused, UsageError
from memstack.errors import Conflict


def case_add_get_list(mem: Any) -> None:
    rec = mem.add("acme/alice", "Alice is vegetarian", kind="fact", topic="diet")
    assert mem.get(rec.id) == rec
    assert (rec.scope, rec.kind, rec.topic, rec.text) == ("acme/alice", "fact", "diet", rec.text)
    assert [r.id for r in mem.list("acme/alice")] == [rec.id]
    assert mem.count("acme/alice") == 1


def case_ancestors_visible_siblings_not(mem: Any) -> None:
    rule = mem.add("acme", "Answer in British English.", kind="rule")
    alice = mem.add("acme/alice", "Alice is vegetarian")
    mem.add("acme/bob", "Bob eats meat")
    assert {r.id for r in mem.list("acme/alice")} == {rule.id, alice.id}
    texts = {h.memory.text for h in mem.search("acme/alice", "eats vegetarian meat", limit=10)}
    assert "Bob eats meat" not in texts and "Alice is vegetarian" in texts


def case_search_ranks_and_explains(mem: Any) -> None:
    mem.add("acme/alice", "Alice is vegetarian")
    mem.add("acme/alice", "Alice lives in Leeds")
    hits = mem.search("acme/alice", "vegetarian", mode="keyword")
    assert hits[0].memory.text == "Alice is vegetarian"
    assert hits[0].parts.keyword_rank == 1 and hits[0].score > 0


def case_update_keeps_history_and_as_of(mem: Any) -> None:
    old = mem.add("acme/alice", "Alice lives in Leeds")
    mid = datetime.now(UTC)
    new = mem.update(old.id, "Alice lives in York")
    assert new.id != old.id and mem.get(old.id).superseded_by == new.id
    assert [r.text for r in mem.list("acme/alice")] == ["Alice lives in York"]
    past = mem.list("acme/alice", as_of=mid, include_superseded=True)
    assert "Alice lives in Leeds" in [r.text for r in past]
    actions = [e.action for e in mem.history(new.id)]
    assert actions[0] == "add" and "update" in actions


def case_delete_keeps_a_delete_event(mem: Any) -> None:
    rec = mem.add("acme/alice", "Alice likes jazz")
    assert mem.delete(rec.id, reason="asked") is None
    with pytest.raises(NotFound):
        mem.get(rec.id)
    assert [e.action for e in mem.history(rec.id)][-1] == "delete"


def case_bad_input_raises_the_same_classes(mem: Any) -> None:
    with pytest.raises(NotFound):
        mem.get("01NOSUCHID0000000000000000")
    with pytest.raises(InvalidScope):
        mem.add("acme//alice", "x")
    with pytest.raises(UsageError):
        mem.add("acme/alice", "   ")
    with pytest.raises(Refused) as refused:
        mem.add("acme/alice", "my key is sk-proj-" + "a1B2c3D4e5F6g7H8i9J0" * 3)
    assert refused.value.findings and refused.value.findings[0].category == "secret"


def case_add_many(mem: Any) -> None:
    seen: list[int] = []
    recs = mem.add_many(
        [{"scope": "acme/alice", "text": f"fact number {i}"} for i in range(5)],
        batch_size=2,
        progress=seen.append,
    )
    assert [r.text for r in recs] == [f"fact number {i}" for i in range(5)]
    assert sum(seen) == 5 and mem.count("acme/alice") == 5


def case_propose_approve_with_hash(mem: Any) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact", rationale="she said so")
    assert p.state == "pending" and p.id in [q.id for q in mem.proposals("acme")]
    with pytest.raises(Conflict):
        mem.approve(p.id, reviewer="bob", content_hash="sha256:" + "0" * 64)
    done = mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    assert done.state == "approved" and mem.get(done.result_id).text == "Alice is vegan"
    with pytest.raises(Conflict):
        mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)


def case_edit_then_approve_and_reject(mem: Any) -> None:
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact")
    done = mem.approve(
        p.id, reviewer="bob", text="Alice is vegetarian", content_hash=p.content_hash
    )
    assert mem.get(done.result_id).text == "Alice is vegetarian"
    q = mem.propose("acme/alice", "Alice hates tea", kind="fact")
    r = mem.reject(q.id, reviewer="bob", reason="not true")
    assert (r.state, r.reason) == ("rejected", "not true")
    assert [e.action for e in mem.proposal_history(q.id)][-1].startswith("proposal.")


def case_policies(mem: Any) -> None:
    assert mem.set_policy("acme/team", "fact", "auto").mode == "auto"
    assert mem.propose("acme/team/x", "The team uses uv", kind="fact").state == "approved"
    assert [(p.scope_prefix, p.mode) for p in mem.policies()] == [("acme/team", "auto")]
    assert mem.set_policy("acme/team", "fact", "inherit") is None


def case_compile_render_apply(mem: Any) -> None:
    mem.add("acme", "Use pip.", kind="rule")
    p = mem.compile("acme", "what tool?", provider="openai")
    assert "Use pip." in p.stable and p.provider == "openai"
    assert p.payload([{"role": "user", "content": "hi"}])["messages"][-1]["content"] == "hi"
    doc = mem.render("acme").replace("Use pip.", "Use uv.")
    changes = mem.apply("acme", doc, reviewer="bob")
    assert len(changes.edited) == 1 and [r.text for r in mem.list("acme")] == ["Use uv."]


def case_forget_returns_receipt(mem: Any) -> None:
    mem.add("acme/alice", "Alice lives at 12 Elm Street")
    mem.add("acme/alice", "Alice likes jazz")
    receipt = mem.forget("acme/alice", match="elm street", reason="ticket 42")
    assert receipt.counts.records == 1 and receipt.reason == "ticket 42"
    assert [r.text for r in mem.list("acme/alice")] == ["Alice likes jazz"]
    assert mem.audit("acme/alice", action="forget")[0].action == "forget"


def case_export(mem: Any) -> None:
    mem.add("acme/alice", "Alice is vegetarian")
    data = mem.export("acme/alice")
    assert data.counts()["memories"] == 1
    assert data.to_markdown().splitlines()[0] == "# memstack export: `acme/alice`"


def case_conversations(mem: Any) -> None:
    msgs = [
        {"role": "user", "content": "I prefer green tea."},
        {"role": "assistant", "content": "Noted."},
    ]
    episodes = mem.ingest_conversation("acme/alice", msgs, conversation="c1")
    assert [r.kind for r in episodes] == ["episode", "episode"]
    found = mem.remember("acme/alice", [{"role": "user", "content": "I prefer green tea."}])
    assert [(p.op, p.kind, p.text) for p in found] == [("add", "fact", "User prefers green tea")]


def case_bulk_writes_report_what_they_changed(mem: Any) -> None:
    token = "ghp_Zq7xR2mK9vL4nP8sT1wY5bC3dF6gH0jA2eU7"
    msgs = [
        {"role": "user", "content": "Deploy it please."},
        {"role": "user", "id": "k", "content": f"Use the token {token}."},
    ]
    out = mem.ingest_conversation("acme/alice", msgs)
    assert [r.text for r in out] == [
        "Deploy it please.",
        "Use the token [secret removed: GitHub token].",
    ]
    assert [(c.index, c.turn, c.secrets, c.parts) for c in out.changes] == [
        (1, "k", ("GitHub token",), 1)
    ]
    items = [
        {"scope": "acme/alice", "text": "Alice likes tea"},
        {"scope": "acme/alice", "text": f"token {token}"},
    ]
    added = mem.add_many(items, strict=False)
    assert [r.text for r in added] == ["Alice likes tea"]
    assert [(r.index, r.error) for r in added.refused] == [(1, "Refused")]
    assert token not in added.refused[0].message


def case_scopes(mem: Any) -> None:
    mem.add("acme/alice", "a")
    mem.add("acme/bob", "b")
    assert mem.scopes("acme") == {"acme/alice": 1, "acme/bob": 1}


CASES: list[Callable[[Any], None]] = [
    v for k, v in sorted(globals().items()) if k.startswith("case_")
]
