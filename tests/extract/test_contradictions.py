"""Contradictions inside one conversation are reconciled (issue 10, item 2).

"My favourite colour is blue." … "Actually it's green now." is one memory
(green), not two ``add`` proposals: with the offline cue extractor and with the
LLM extractor (against the local OpenAI-wire server). If blue was a memory,
green supersedes it; if blue was never stored, only green is proposed, and its
rationale and source keep blue's statement and turn.
"""

from __future__ import annotations

import json

from memstack import Memory
from memstack.extract.llm import LLMExtractor
from tests.llm.wire import openai_completion

from .conftest import user

COLOURS = [
    {"role": "user", "content": "My favourite colour is blue."},
    {"role": "assistant", "content": "Blue is lovely."},
    {"role": "user", "content": "Let's plan the trip to Lisbon."},
    {"role": "assistant", "content": "Sure, what dates?"},
    {"role": "user", "content": "Actually it's green now."},
]


def approve_all(mem: Memory) -> None:
    for p in mem.proposals("acme"):
        mem.approve(p.id, reviewer="bob", content_hash=p.content_hash)


def test_a_change_in_one_conversation_is_one_proposal(mem: Memory) -> None:
    found = mem.remember("acme/alice", COLOURS)
    assert [(p.op, p.text) for p in found] == [("add", "User's favourite colour is green")]
    p = found[0]
    assert "User's favourite colour is blue" in (p.rationale or "")
    assert "was 'blue', now 'green'" in (p.rationale or "")
    assert p.source.turns == ("0", "4")  # both statements' turns
    assert found.extraction is not None
    assert "1 replaced later in the conversation" in (found.extraction.reason or "")
    approve_all(mem)
    assert [r.text for r in mem.list("acme/alice")] == ["User's favourite colour is green"]


def test_a_change_of_a_stored_fact_supersedes_it_with_history(mem: Memory) -> None:
    blue = mem.add("acme/alice", "User's favourite colour is blue", kind="fact")
    found = mem.remember("acme/alice", COLOURS)
    assert [(p.op, p.target, p.text) for p in found] == [
        ("supersede", blue.id, "User's favourite colour is green")
    ]
    approve_all(mem)
    [green] = mem.list("acme/alice")
    assert green.text == "User's favourite colour is green"
    assert mem.get(blue.id).superseded_by == green.id
    texts = [e.after for e in mem.history(green.id) if e.after]
    assert texts[0] == "User's favourite colour is blue" and texts[-1] == green.text


def test_an_intermediate_value_never_reaches_review(mem: Memory) -> None:
    blue = mem.add("acme/alice", "User's favourite colour is blue", kind="fact")
    found = mem.remember(
        "acme/alice", user("My favourite colour is red.", "No wait, it's green now.")
    )
    assert [(p.op, p.target, p.text) for p in found] == [
        ("supersede", blue.id, "User's favourite colour is green")
    ]
    assert "'User's favourite colour is red'" in (found[0].rationale or "").replace('"', "'")


def test_going_back_to_the_stored_value_proposes_nothing(mem: Memory) -> None:
    mem.add("acme/alice", "User's favourite colour is green", kind="fact")
    found = mem.remember(
        "acme/alice", user("My favourite colour is red.", "Actually no, it's green again.")
    )
    assert list(found) == []


def test_a_changed_preference_is_one_proposal(mem: Memory) -> None:
    found = mem.remember(
        "acme/alice",
        user("I prefer bullet points.", "Hmm, actually I prefer full paragraphs now."),
    )
    assert [(p.op, p.text) for p in found] == [("add", "User prefers full paragraphs")]
    assert "User prefers bullet points" in (found[0].rationale or "")


def test_a_changed_preference_supersedes_the_stored_one(mem: Memory) -> None:
    old = mem.add("acme/alice", "User prefers bullet points", kind="fact", topic="formatting")
    tea = mem.add("acme/alice", "User prefers green tea", kind="fact", topic="diet")
    found = mem.remember("acme/alice", user("From now on I prefer full paragraphs."))
    assert [(p.op, p.target, p.text) for p in found] == [
        ("supersede", old.id, "User prefers full paragraphs")
    ]
    approve_all(mem)
    assert sorted(r.text for r in mem.list("acme/alice")) == [
        "User prefers full paragraphs",
        tea.text,
    ]


def test_without_a_change_marker_statements_stand_side_by_side(mem: Memory) -> None:
    found = mem.remember(
        "acme/alice",
        user("I prefer green tea.", "I prefer bullet points.", "My car is a Honda.", "It's red."),
    )
    assert [p.text for p in found] == [
        "User prefers green tea",
        "User prefers bullet points",
        "User's car is a Honda",
    ]


def test_a_change_sentence_needs_a_value(mem: Memory) -> None:
    found = mem.remember(
        "acme/alice", user("My favourite colour is blue.", "Actually it's fine now.")
    )
    assert [p.text for p in found] == ["User's favourite colour is blue"]


def test_chinese_changes_are_reconciled_too(mem: Memory) -> None:
    found = mem.remember("acme/alice", user("我最喜欢的颜色是蓝色。", "其实现在是绿色了。"))
    assert [(p.op, p.text) for p in found] == [("add", "用户最喜欢的颜色是绿色")]


def _memory(text: str, turn: int, excerpt: str) -> dict[str, object]:
    return {
        "text": text, "kind": "fact", "topic": "preferences", "turn": turn,
        "excerpt": excerpt, "reason": "preference",
    }  # fmt: skip


def test_the_llm_extractor_reconciles_within_the_conversation(mem, openai_server, make_openai):
    # The model listed both statements, although the prompt asks for the latest only:
    # the deterministic pass keeps green.
    reply = {
        "memories": [
            _memory("User's favourite colour is blue", 1, "My favourite colour is blue."),
            _memory("User's favourite colour is green", 5, "Actually it's green now."),
        ]
    }
    openai_server.queue(openai_completion(json.dumps(reply)))
    mem.extractor = LLMExtractor(make_openai())
    found = mem.remember("acme/alice", COLOURS)
    assert [(p.op, p.text) for p in found] == [("add", "User's favourite colour is green")]
    assert "User's favourite colour is blue" in (found[0].rationale or "")
    assert len(openai_server.requests) == 1  # nothing stored: no reconcile call
    system = openai_server.requests[0].json["messages"][0]["content"]
    assert "extract only the latest version" in system


def test_the_llm_path_supersedes_a_stored_fact_once(mem, openai_server, make_openai):
    blue = mem.add("acme/alice", "User's favourite colour is blue", kind="fact")
    reply = {
        "memories": [
            _memory("User's favourite colour is red", 1, "My favourite colour is red."),
            _memory("User's favourite colour is green", 2, "No wait, it's green now."),
        ]
    }
    both = {
        "decisions": [
            {"candidate": n, "action": "supersede", "target": 1, "text": text, "reason": "changed"}
            for n, text in (
                (1, "User's favourite colour is red"),
                (2, "User's favourite colour is green"),
            )
        ]
    }
    openai_server.queue(openai_completion(json.dumps(reply)), openai_completion(json.dumps(both)))
    mem.extractor = LLMExtractor(make_openai())
    found = mem.remember(
        "acme/alice", user("My favourite colour is red.", "No wait, it's green now.")
    )
    assert [(p.op, p.target, p.text) for p in found] == [
        ("supersede", blue.id, "User's favourite colour is green")
    ]
