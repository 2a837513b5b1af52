"""The LLM extractor against local servers that speak the real OpenAI and Anthropic protocols.

Nothing is patched: the official SDKs send real HTTP to ``tests/llm/wire.py``
servers on 127.0.0.1, which answer scripted replies and record every request,
so these tests see exactly what a provider would receive.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import pytest

from memstack import AsyncMemory, Memory
from memstack.embed.fake import FakeEmbedder
from memstack.errors import ProviderError
from memstack.extract.llm import LLMExtractor, prompt
from memstack.llm import InvalidOutput
from memstack.store.memory import InMemoryStore
from tests.llm.wire import Recorded, anthropic_message, openai_completion, openai_error

from .conftest import Clock

MESSAGES = [
    {
        "role": "user",
        "content": "Hi! I moved to Berlin last week. Please always answer in English.",
    },
    {"role": "assistant", "content": "Welcome to Berlin! I will answer in English."},
    {"role": "user", "content": "Also, my favourite colour is green now."},
]
GOOD = {
    "memories": [
        {
            "text": "User moved to Berlin in the week of 2025-02-17",
            "kind": "fact",
            "topic": "home",
            "turn": 1,
            "excerpt": "I moved to Berlin last week",
            "reason": "where the user lives",
        },
        {
            "text": "Always answer in English",
            "kind": "rule",
            "topic": "language",
            "turn": 1,
            "excerpt": "Please always answer in English.",
            "reason": "standing instruction",
        },
    ]
}
BROKEN = '{"memories": [{"text": "User moved to Berlin", "kind": "fa'
ULID = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{26}\b")


def body_text(r: Recorded) -> str:
    return r.body.decode("utf-8")


def sent_prompt(r: Recorded) -> str:
    """The user message of an OpenAI or Anthropic request."""
    return str(
        r.json["messages"][-1]["content"]
        if "system" in r.json
        else r.json["messages"][1]["content"]
    )


@pytest.fixture
def llm_mem(clock: Clock) -> Any:
    m = Memory(store=InMemoryStore(), embedder=FakeEmbedder(), clock=clock)
    yield m
    m.close()


# -- OpenAI-compatible ---------------------------------------------------------------------------


def test_openai_structured_extraction_and_the_request_on_the_wire(mem, openai_server, make_openai):
    openai_server.queue(
        openai_completion(json.dumps(GOOD), prompt_tokens=1000, completion_tokens=500)
    )
    mem.extractor = LLMExtractor(make_openai())

    found = mem.remember("acme/alice", MESSAGES, conversation="c7")

    assert [(p.op, p.kind, p.text, p.topic) for p in found] == [
        ("add", "fact", "User moved to Berlin in the week of 2025-02-17", "home"),
        ("add", "rule", "Always answer in English", "language"),
    ]
    p = found[0]
    assert p.source.origin == "ai" and p.source.author == "openai:gpt-4.1-mini"
    assert p.source.turns == ("0",) and p.source.conversation == "c7"
    assert p.excerpt == "I moved to Berlin last week" and p.rationale == "where the user lives"
    [sent] = openai_server.requests
    body = sent.json
    assert body["model"] == "gpt-4.1-mini"
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["name"] == "memories"
    assert fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"]["properties"]["memories"]["items"]["properties"]["turn"][
        "enum"
    ] == [1, 2, 3]
    assert body["messages"][0] == {"role": "system", "content": prompt("extract")}
    user = body["messages"][1]["content"]
    assert user.startswith("Session time: 2025-03-01 12:00 (Saturday), time zone UTC+00:00")
    assert '{"turn": 3, "role": "user", "text": "Also, my favourite colour is green now."}' in user
    # metered: gpt-4.1-mini costs $0.40 / $1.60 per million tokens
    x = found.extraction
    assert x is not None and (x.status, x.model, x.input_tokens, x.output_tokens) == (
        "ok", "openai:gpt-4.1-mini", 1000, 500,
    )  # fmt: skip
    assert x.cost_usd == pytest.approx(1000 * 0.40e-6 + 500 * 1.60e-6)
    assert x.raw is None  # the raw reply is kept only for failed runs


def test_code_fenced_json_is_accepted(llm_mem, openai_server, make_openai):
    openai_server.queue(openai_completion(f"Here you go:\n```json\n{json.dumps(GOOD)}\n```"))
    llm_mem.extractor = LLMExtractor(make_openai())
    assert len(llm_mem.remember("acme/alice", MESSAGES)) == 2


def test_malformed_then_fixed_costs_both_replies(llm_mem, openai_server, make_openai):
    openai_server.queue(openai_completion(BROKEN), openai_completion(json.dumps(GOOD)))
    llm_mem.extractor = LLMExtractor(make_openai())

    found = llm_mem.remember("acme/alice", MESSAGES)

    assert len(found) == 2
    first, second = openai_server.requests
    repair = second.json["messages"]
    assert repair[-2] == {"role": "assistant", "content": BROKEN}
    assert repair[-1]["content"].startswith("Your previous reply could not be used: invalid JSON")
    x = found.extraction
    assert x is not None and (x.input_tokens, x.output_tokens) == (40, 20)


def test_malformed_twice_is_a_failed_extraction_with_reason_and_raw(
    mem, openai_server, make_openai
):
    openai_server.queue(openai_completion(BROKEN), openai_completion("I'd rather not."))
    mem.extractor = LLMExtractor(make_openai())

    with pytest.raises(InvalidOutput) as err:
        mem.remember("acme/alice", MESSAGES)

    [x] = mem.extractions("acme", status="failed")
    assert err.value.raw == "I'd rather not." and x.id in str(err.value)
    assert "memstack extractions --status failed" in str(err.value)
    assert x.reason is not None and x.reason.startswith(
        "unusable model output (2 replies): the reply contains no JSON"
    )
    assert x.raw == "I'd rather not."
    assert (x.model, x.input_tokens, x.output_tokens, x.proposals) == (
        "openai:gpt-4.1-mini",
        40,
        20,
        (),
    )
    assert x.cost_usd == pytest.approx(40 * 0.40e-6 + 20 * 1.60e-6)
    assert mem.proposals("acme", state=None) == []
    assert mem.extractions(status="ok") == []


def test_a_timeout_is_a_failed_extraction(llm_mem, openai_server, make_openai):
    openai_server.queue(openai_completion(json.dumps(GOOD), delay=3))
    llm_mem.extractor = LLMExtractor(make_openai(timeout=0.3, max_retries=0))

    with pytest.raises(ProviderError, match="did not answer within 0.3 s"):
        llm_mem.remember("acme/alice", MESSAGES)

    [x] = llm_mem.extractions()
    assert x.status == "failed" and "did not answer within 0.3 s" in (x.reason or "")
    assert (x.input_tokens, x.output_tokens, x.cost_usd) == (0, 0, 0.0)
    assert llm_mem.proposals("acme") == []


def test_429_with_retry_after_is_waited_for(llm_mem, openai_server, make_openai):
    openai_server.queue(
        openai_error(429, "Rate limit reached", type="requests", headers={"retry-after": "0.3"}),
        openai_completion(json.dumps(GOOD)),
    )
    llm_mem.extractor = LLMExtractor(make_openai())

    found = llm_mem.remember("acme/alice", MESSAGES)

    assert len(found) == 2
    first, second = openai_server.requests
    assert second.at - first.at >= 0.25
    assert found.extraction is not None and found.extraction.status == "ok"


def test_429_that_outlasts_the_retries_is_logged(llm_mem, openai_server, make_openai):
    openai_server.queue(openai_error(429, "Rate limit reached", headers={"retry-after": "3600"}))
    llm_mem.extractor = LLMExtractor(make_openai())

    with pytest.raises(ProviderError, match="rate limiting"):
        llm_mem.remember("acme/alice", MESSAGES)
    [x] = llm_mem.extractions(status="failed")
    assert "3600" in (x.reason or "")


def test_unknown_price_is_none_not_zero(llm_mem, openai_server, make_openai):
    openai_server.queue(openai_completion(json.dumps(GOOD), model="llama3.1:8b"))
    llm_mem.extractor = LLMExtractor(make_openai("llama3.1:8b"))
    x = llm_mem.remember("acme/alice", MESSAGES).extraction
    assert x is not None and x.model == "openai:llama3.1:8b" and x.cost_usd is None


# -- Anthropic ------------------------------------------------------------------------------------


def test_anthropic_forced_tool_call(mem, anthropic_server, make_anthropic):
    anthropic_server.queue(
        anthropic_message(tool=("memories", GOOD), input_tokens=800, output_tokens=100)
    )
    mem.extractor = LLMExtractor(make_anthropic())

    found = mem.remember("acme/alice", MESSAGES)

    assert [p.text for p in found] == [
        "User moved to Berlin in the week of 2025-02-17",
        "Always answer in English",
    ]
    [sent] = anthropic_server.requests
    body = sent.json
    assert body["system"] == prompt("extract")
    assert body["tool_choice"] == {"type": "tool", "name": "memories"}
    assert body["tools"][0]["input_schema"]["required"] == ["memories"]
    assert body["messages"][0]["content"].startswith("Session time: 2025-03-01 12:00 (Saturday)")
    x = found.extraction
    assert x is not None and (x.model, x.input_tokens, x.output_tokens) == (
        "anthropic:claude-haiku-4-5",
        800,
        100,
    )
    assert x.cost_usd == pytest.approx(800 * 1.0e-6 + 100 * 5.0e-6)


def test_anthropic_wrong_shape_twice_is_a_failed_extraction(
    llm_mem, anthropic_server, make_anthropic
):
    wrong = {"memories": [{"text": "User is vegan", "kind": "note"}]}
    anthropic_server.queue(
        anthropic_message(tool=("memories", wrong)), anthropic_message(tool=("memories", wrong))
    )
    llm_mem.extractor = LLMExtractor(make_anthropic())

    with pytest.raises(InvalidOutput):
        llm_mem.remember("acme/alice", MESSAGES)

    [x] = llm_mem.extractions(status="failed")
    assert "does not match the schema" in (x.reason or "") and json.loads(x.raw or "") == wrong
    assert llm_mem.proposals("acme", state=None) == []


# -- reconciliation with short integer ids --------------------------------------------------------


def test_existing_memories_are_shown_with_integer_ids_and_mapped_back(
    mem, openai_server, make_openai
):
    blue = mem.add(
        "acme/alice", "User's favourite colour is blue", kind="fact", topic="preferences"
    )
    work = mem.add("acme/alice", "User works at Acme", kind="fact")
    team = mem.add(
        "acme", "Never use emojis", kind="rule"
    )  # an ancestor's: never shown as a target
    candidate = "User's favourite colour is green"
    ranked = [
        h.memory.id
        for h in mem.search("acme/alice", candidate, kind=["fact", "rule"], limit=5)
        if h.memory.scope == "acme/alice"
    ]
    number = ranked.index(blue.id) + 1
    extracted = {
        "memories": [
            {
                "text": candidate,
                "kind": "fact",
                "topic": "preferences",
                "turn": 3,
                "excerpt": "my favourite colour is green now",
                "reason": "preference",
            }
        ]
    }
    decision = {
        "decisions": [
            {
                "candidate": 1,
                "action": "supersede",
                "target": number,
                "text": candidate,
                "reason": "the favourite colour changed",
            }
        ]
    }
    openai_server.queue(
        openai_completion(json.dumps(extracted)), openai_completion(json.dumps(decision))
    )
    mem.extractor = LLMExtractor(make_openai())

    found = mem.remember("acme/alice", MESSAGES)

    assert [(p.op, p.target, p.text, p.rationale) for p in found] == [
        ("supersede", blue.id, candidate, "preference; the favourite colour changed")
    ]
    _, reconcile = openai_server.requests
    assert reconcile.json["messages"][0]["content"] == prompt("reconcile")
    shown = reconcile.json["messages"][1]["content"]
    row = {"id": number, "kind": "fact", "text": "User's favourite colour is blue"}
    row |= {"topic": "preferences", "since": "2025-03-01"}
    assert json.dumps(row) in shown
    assert '"candidate": 1' in shown
    target_schema = reconcile.json["response_format"]["json_schema"]["schema"]["properties"][
        "decisions"
    ]
    assert target_schema["items"]["properties"]["target"]["anyOf"][0]["enum"] == list(
        range(1, len(ranked) + 1)
    )
    for r in openai_server.requests:  # UUIDs never enter a prompt
        text = body_text(r)
        assert not ULID.search(text), ULID.search(text)
        assert all(i not in text for i in (blue.id, work.id, team.id))


def test_exact_duplicates_and_unrelated_scopes_cost_no_reconcile_call(
    llm_mem, openai_server, make_openai
):
    llm_mem.add("acme/alice", "Always answer in English", kind="rule")
    berlin = GOOD["memories"][0]["text"]
    add = {"candidate": 1, "action": "add", "target": None, "text": berlin, "reason": "new"}
    openai_server.queue(
        openai_completion(json.dumps(GOOD)), openai_completion(json.dumps({"decisions": [add]}))
    )
    llm_mem.extractor = LLMExtractor(make_openai())
    found = llm_mem.remember("acme/alice", MESSAGES)
    assert [p.text for p in found] == ["User moved to Berlin in the week of 2025-02-17"]
    assert len(openai_server.requests) == 2  # extract, then reconcile for the one non-duplicate
    shown = openai_server.requests[1].json["messages"][1]["content"]
    assert '"candidate": 1, "kind": "fact"' in shown and '"candidate": 2' not in shown

    bob = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    bob.extractor = llm_mem.extractor
    openai_server.queue(openai_completion(json.dumps(GOOD)))
    assert len(bob.remember("acme/bob", MESSAGES)) == 2  # an empty scope: no reconcile call
    assert len(openai_server.requests) == 3
    bob.close()


# -- post-validation -------------------------------------------------------------------------------


def test_relative_dates_the_model_left_are_resolved(llm_mem, openai_server, make_openai):
    lazy = {
        "memories": [
            {
                "text": "User moved to Berlin yesterday",
                "kind": "fact",
                "topic": None,
                "turn": 1,
                "excerpt": "something the user never said",
                "reason": "home",
            }
        ]
    }
    openai_server.queue(openai_completion(json.dumps(lazy)))
    llm_mem.extractor = LLMExtractor(make_openai())
    [p] = llm_mem.remember("acme/alice", MESSAGES)
    assert p.text == "User moved to Berlin on 2025-02-28"
    assert (
        p.excerpt == MESSAGES[0]["content"]
    )  # a paraphrased excerpt is replaced by the turn itself
    assert p.topic is None


def test_decisions_are_post_validated():
    from datetime import UTC, datetime

    from memstack.extract.base import Candidate, Related
    from memstack.extract.llm import parse_decisions
    from memstack.models import Record

    t = datetime(2025, 1, 1, tzinfo=UTC)
    fact = Record("F1", "a", "fact", "User lives in Paris", t, t)
    rule = Record("R1", "a", "rule", "Never use emojis", t, t)
    items = [Related(Candidate(f"c{i}", "fact"), (fact, rule)) for i in range(1, 6)]
    data = {
        "decisions": [
            {
                "candidate": 1,
                "action": "update",
                "target": None,
                "text": "x",
                "reason": "r",
            },  # no target
            {
                "candidate": 2,
                "action": "supersede",
                "target": 2,
                "text": "y",
                "reason": "r",
            },  # wrong kind
            {"candidate": 3, "action": "none", "target": 1, "text": "", "reason": ""},
            # a second answer for the same candidate is ignored
            {"candidate": 3, "action": "add", "target": None, "text": "dup", "reason": ""},
            {
                "candidate": 4,
                "action": "update",
                "target": 1,
                "text": "User lives in Paris",
                "reason": "",
            },
        ]
    }
    changes = parse_decisions(data, items, [fact, rule])
    assert [(c.action, c.target.id if c.target else None) for c in changes] == [
        ("add", None),
        ("add", None),
        ("none", "F1"),
        ("none", "F1"),
        ("add", None),
    ]
    assert "named no memory" in changes[0].reason and "named a rule" in changes[1].reason
    assert changes[4].reason == "the model returned no decision"


# -- the async door --------------------------------------------------------------------------------


def test_async_memory_runs_the_same_plan(openai_server, make_openai, clock):
    openai_server.queue(
        openai_completion(json.dumps(GOOD)), openai_completion(BROKEN), openai_completion(BROKEN)
    )

    async def scenario() -> tuple[list[str], str | None]:
        amem = AsyncMemory(store=InMemoryStore(), embedder=FakeEmbedder(), clock=clock)
        amem.extractor = LLMExtractor(make_openai())
        found = await amem.remember("acme/alice", MESSAGES)
        with pytest.raises(InvalidOutput):
            await amem.remember("acme/bob", MESSAGES)
        failed = await amem.extractions(status="failed")
        amem.close()
        return [p.text for p in found], failed[0].raw

    texts, raw = asyncio.run(scenario())
    assert texts == ["User moved to Berlin in the week of 2025-02-17", "Always answer in English"]
    assert raw == BROKEN
