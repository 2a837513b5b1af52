"""Reconciliation: duplicates are no-ops, contradictions supersede, refinements update.

The pure rules first, then the whole path through ``Memory.remember`` on both
backends with the fake embedder: proposals, targets, the extraction log, and
what an approval does with a supersede.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from memstack import Memory
from memstack.extract.base import Candidate
from memstack.extract.reconcile import decide, normalize, slot_of
from memstack.models import Record

from .conftest import T0, Clock, user


def rec(text: str, kind: str = "fact", id: str = "01OLD") -> Record:
    return Record(id, "acme/alice", kind, text, T0, T0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("new", "old", "action"),
    [
        ("User prefers tea", "user prefers tea.", "none"),
        ("User likes coffee", "User like coffee", "none"),
        ("User's favourite colour is green", "User's favourite colour is blue", "supersede"),
        ("User's favourite colour is blue", "User's favourite colour is Blue!", "none"),
        ("User's home city is Berlin Mitte", "User's home city is Berlin", "update"),
        ("User wants to be called Bob", "User wants to be called Rob", "supersede"),
        ("User likes coffee", "User doesn't like coffee", "supersede"),
        ("User is allergic to peanuts and shellfish", "User is allergic to peanuts", "update"),
        ("User is allergic to peanuts", "User is allergic to peanuts and shellfish", "none"),
        ("用户叫小王", "用户叫小明", "supersede"),
        ("用户不喜欢喝茶", "用户喜欢喝茶", "supersede"),
        ("用户的生日是3月2日", "用户的生日是3月1日", "supersede"),
        ("User lives in Paris", "User works at Acme", "add"),
        ("User moved from Paris to Berlin", "User moved from Berlin to Paris", "add"),
    ],
)
def test_rules(new: str, old: str, action: str) -> None:
    change = decide(Candidate(new, "fact"), [rec(old)])
    assert change.action == action, change
    assert (change.target is not None) == (action != "add")


def test_a_rule_never_replaces_a_fact() -> None:
    change = decide(Candidate("Never use tabs", "rule"), [rec("User never uses tabs", "fact")])
    assert change.action == "add"


def test_slots_and_normalize() -> None:
    assert slot_of("Alice's sister's birthday is May 3") == ("alice", "sister's birthday", "may 3")
    assert slot_of("用户最喜欢的颜色是蓝色") == ("用户", "最喜欢的颜色", "蓝色")
    assert normalize("ＵＳＥＲ  prefers   tea。") == "user prefers tea"


# -- through Memory.remember ------------------------------------------------------------------


def test_new_statements_become_add_proposals(mem: Memory) -> None:
    found = mem.remember(
        "acme/alice", user("I prefer green tea. Never use emojis."), conversation="c1"
    )
    assert [(p.op, p.kind, p.text, p.state, p.target) for p in found] == [
        ("add", "fact", "User prefers green tea", "pending", None),
        ("add", "rule", "Never use emojis", "pending", None),
    ]
    p = found[0]
    assert p.source.origin == "ai" and p.source.author == "cue"
    assert p.source.conversation == "c1" and p.source.turns == ("0",)
    assert p.excerpt == "I prefer green tea." and p.rationale == "explicit cue 'I prefer'"
    assert mem.list("acme/alice") == []  # AI writes are proposals, never records
    x = found.extraction
    assert x is not None and x.status == "ok" and x.proposals == tuple(q.id for q in found)
    assert mem.extractions("acme/alice") == [x]


def test_a_duplicate_is_a_no_op(mem: Memory) -> None:
    mem.add("acme/alice", "User prefers green tea", kind="fact")
    found = mem.remember("acme/alice", user("I prefer green tea!"))
    assert list(found) == []
    assert found.extraction is not None
    assert found.extraction.reason == "1 candidate, 1 already known, 0 proposals"
    assert mem.proposals("acme") == []


def test_a_duplicate_of_a_pending_proposal_is_a_no_op(mem: Memory) -> None:
    first = mem.remember("acme/alice", user("I prefer green tea."))
    again = mem.remember("acme/alice", user("I prefer green tea."))
    assert len(first) == 1 and list(again) == []
    assert [p.id for p in mem.proposals("acme")] == [first[0].id]


def test_a_contradiction_supersedes_and_never_deletes(mem: Memory, clock: Clock) -> None:
    old = mem.add("acme/alice", "User's favourite colour is blue", kind="fact", topic="preferences")
    clock.advance(days=1)
    said = clock.now
    found = mem.remember("acme/alice", user("My favourite colour is green."))
    assert len(found) == 1
    p = found[0]
    assert (p.op, p.target, p.kind, p.text) == (
        "supersede",
        old.id,
        "fact",
        "User's favourite colour is green",
    )
    assert "was 'blue', now 'green'" in (p.rationale or "")
    assert p.topic is None  # the target's topic is kept on approval
    assert mem.get(old.id).superseded_by is None  # nothing changes before a person approves
    clock.advance(minutes=5)
    done = mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)
    new = mem.get(done.result_id or "")
    assert (new.text, new.topic) == ("User's favourite colour is green", "preferences")
    closed = mem.get(old.id)
    # Blue stopped being true when the user said green, not when a person approved it.
    assert closed.superseded_by == new.id and closed.valid_to == said == new.valid_from
    assert new.recorded_at == clock.now
    assert [r.text for r in mem.list("acme/alice", as_of=T0)] == ["User's favourite colour is blue"]
    actions = [e.action for e in mem.history(old.id)]
    assert actions[0] == "add" and "supersede" in actions and "delete" not in actions


def test_a_refinement_updates(mem: Memory) -> None:
    old = mem.add("acme/alice", "User is allergic to peanuts", kind="fact")
    found = mem.remember("acme/alice", user("I'm allergic to peanuts and shellfish."))
    assert [(p.op, p.target) for p in found] == [("update", old.id)]


def test_an_ancestor_memory_can_be_a_duplicate_but_never_a_target(mem: Memory) -> None:
    mem.add("acme", "Never use emojis", kind="rule")
    team = mem.add("acme", "User's favourite colour is blue", kind="fact")
    found = mem.remember("acme/alice", user("Never use emojis. My favourite colour is green."))
    assert [(p.op, p.text, p.target) for p in found] == [
        ("add", "User's favourite colour is green", None)
    ]
    assert mem.get(team.id).superseded_by is None


def test_siblings_are_invisible(mem: Memory) -> None:
    mem.add("acme/bob", "User prefers green tea", kind="fact")
    found = mem.remember("acme/alice", user("I prefer green tea."))
    assert [p.op for p in found] == ["add"]


def test_relative_dates_resolve_against_the_session_time(mem: Memory) -> None:
    when = datetime.fromisoformat("2025-06-10T09:00:00+02:00")
    found = mem.remember(
        "acme/alice", user("Remember that I moved to Berlin yesterday."), session_time=when
    )
    assert [p.text for p in found] == ["User moved to Berlin on 2025-06-09"]
    found = mem.remember("acme/alice", user("记住我昨天搬到了柏林"))  # default: now (the clock)
    assert [p.text for p in found] == ["用户2025年2月28日搬到了柏林"]


def test_a_secret_is_refused_and_noted_the_rest_is_proposed(mem: Memory) -> None:
    secret = "ghp_Zq7xR2mK9vL4nP8sT1wY5bC3dF6gH0jA2eU7"
    found = mem.remember(
        "acme/alice", user(f"Remember that my GitHub token is {secret}. I prefer tea.")
    )
    assert [p.text for p in found] == ["User prefers tea"]
    note = found.extraction.reason if found.extraction else ""
    assert "refused one statement" in note and secret not in note
    assert all(secret not in p.text for p in mem.proposals("acme", state=None))


def test_an_auto_policy_applies_clean_facts_but_rules_wait(mem: Memory) -> None:
    mem.set_policy("acme", None, "auto")
    found = mem.remember("acme/alice", user("I prefer tea. Always answer in English."))
    assert [(p.kind, p.state) for p in found] == [("fact", "approved"), ("rule", "pending")]
    assert [r.text for r in mem.list("acme/alice")] == ["User prefers tea"]


def test_bad_input_is_refused_before_anything_is_logged(mem: Memory) -> None:
    from memstack import InvalidScope, UsageError

    with pytest.raises(UsageError, match="role"):
        mem.remember("acme/alice", [{"role": "robot", "content": "hi"}])
    with pytest.raises(UsageError, match="empty"):
        mem.remember("acme/alice", [])
    with pytest.raises(InvalidScope):
        mem.remember("acme//alice", user("I prefer tea"))
    with pytest.raises(UsageError, match="timezone-aware"):
        mem.remember("acme/alice", user("I prefer tea"), session_time=datetime(2025, 1, 1))
    assert mem.extractions() == []
