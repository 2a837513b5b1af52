"""Provider payloads: stable block before the cache breakpoint, recall after it."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from memstack.compile.payload import (
    anthropic_payload,
    build_payload,
    cache_key,
    openai_payload,
    text_payload,
)
from memstack.compile.prompt import Prompt, compile_prompt
from memstack.errors import UsageError

from .records import hit, rec

DIGEST = "0123456789abcdef" * 4


def _prompt(stable: str = "MEM", recall: str = "REC", provider: str = "anthropic") -> Prompt:
    return Prompt(stable, recall, DIGEST, 1, 1, None, ("a",), ("b",), provider)  # type: ignore[arg-type]


CONVERSATION: list[dict[str, Any]] = [
    {"role": "user", "content": "Where do I live?"},
    {"role": "assistant", "content": "You told me Paris."},
    {"role": "user", "content": "I moved. Where now?"},
]


def test_anthropic_payload_exact() -> None:
    messages = [{"role": "system", "content": "You are helpful."}, *CONVERSATION]
    assert anthropic_payload(_prompt(), messages) == {
        "system": [
            {"type": "text", "text": "You are helpful."},
            {"type": "text", "text": "MEM", "cache_control": {"type": "ephemeral"}},
        ],
        "messages": [
            {"role": "user", "content": "Where do I live?"},
            {"role": "assistant", "content": "You told me Paris."},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "REC"},
                    {"type": "text", "text": "I moved. Where now?"},
                ],
            },
        ],
    }


def test_anthropic_recall_goes_after_tool_results() -> None:
    tool_turn = {
        "role": "user",
        "content": [
            {"type": "tool_result", "tool_use_id": "t1", "content": "42"},
            {"type": "text", "text": "and?"},
        ],
    }
    body = anthropic_payload(_prompt(), [*CONVERSATION[:2], tool_turn])
    assert body["messages"][-1]["content"] == [
        {"type": "tool_result", "tool_use_id": "t1", "content": "42"},
        {"type": "text", "text": "REC"},
        {"type": "text", "text": "and?"},
    ]


def test_anthropic_rejects_a_system_message_mid_conversation() -> None:
    with pytest.raises(UsageError, match="no system role inside 'messages'"):
        anthropic_payload(_prompt(), [*CONVERSATION, {"role": "system", "content": "x"}])


def test_anthropic_without_memory_leaves_the_request_alone() -> None:
    assert anthropic_payload(_prompt("", ""), CONVERSATION) == {"messages": CONVERSATION}


def test_openai_payload_exact() -> None:
    messages = [{"role": "developer", "content": "Be terse."}, *CONVERSATION]
    assert openai_payload(_prompt(provider="openai"), messages) == {
        "messages": [
            {"role": "developer", "content": "Be terse."},
            {"role": "system", "content": "MEM"},
            {"role": "user", "content": "Where do I live?"},
            {"role": "assistant", "content": "You told me Paris."},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "REC"},
                    {"type": "text", "text": "I moved. Where now?"},
                ],
            },
        ],
        "prompt_cache_key": "ms-0123456789abcdef0123456789abcdef",
    }
    assert cache_key(DIGEST) == "ms-" + DIGEST[:32]


def test_openai_recall_prepends_to_a_list_content() -> None:
    turn = {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}
    body = openai_payload(_prompt("", "REC", "openai"), [turn])
    assert body == {
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "REC"},
                    {"type": "image_url", "image_url": {"url": "x"}},
                ],
            }
        ]
    }


def test_openai_tool_call_turns_without_content_pass_through() -> None:
    call = {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function",
            "function": {"name": "weather", "arguments": "{}"}}]}  # fmt: skip
    result = {"role": "tool", "tool_call_id": "c1", "content": "sunny"}
    body = openai_payload(_prompt("MEM", "REC", "openai"), [CONVERSATION[0], call, result])
    assert body["messages"][2:] == [call, result]  # untouched, 'content' still absent
    assert body["messages"][1]["content"][0] == {"type": "text", "text": "REC"}
    with pytest.raises(UsageError, match="Message 1 must be a dict"):
        openai_payload(_prompt(), [CONVERSATION[0], {"role": "tool", "tool_call_id": "c1"}])


def test_text_payload_exact() -> None:
    messages = [{"role": "system", "content": "You are helpful."}, *CONVERSATION]
    assert text_payload(_prompt(provider="text"), messages) == {
        "text": "You are helpful.\n\nMEM\n\nuser: Where do I live?\n\n"
        "assistant: You told me Paris.\n\nREC\n\nuser: I moved. Where now?"
    }


@pytest.mark.parametrize("build", [anthropic_payload, openai_payload, text_payload])
def test_recall_needs_a_user_turn(build: Any) -> None:
    with pytest.raises(UsageError, match="no user message"):
        build(_prompt(), [{"role": "assistant", "content": "hi"}])


@pytest.mark.parametrize("build", [anthropic_payload, openai_payload, text_payload])
def test_malformed_messages_are_usage_errors(build: Any) -> None:
    with pytest.raises(UsageError, match="Message 1 must be a dict"):
        build(_prompt(), [CONVERSATION[0], {"content": "no role"}])


@pytest.mark.parametrize("provider", ["anthropic", "openai", "text"])
def test_callers_messages_are_not_modified(provider: str) -> None:
    messages = copy.deepcopy(CONVERSATION)
    _prompt(provider=provider).payload(messages)
    assert messages == CONVERSATION


def test_prompt_payload_delegates_by_provider() -> None:
    for provider in ("anthropic", "openai", "text"):
        p = _prompt(provider=provider)
        assert p.payload(CONVERSATION) == build_payload(p, CONVERSATION)
    assert "prompt_cache_key" in _prompt(provider="openai").payload(CONVERSATION)
    assert "system" in _prompt(provider="anthropic").payload(CONVERSATION)


def test_cached_prefix_is_identical_across_requests_with_different_recall() -> None:
    stable = [rec("r1", "rule", "Be brief."), rec("f1", text="Alice is vegan.")]

    def body(query_hit: str) -> dict[str, Any]:
        p = compile_prompt(
            stable,
            [hit(rec("h1", text=query_hit), 1.0)],
            budget_tokens=500,
            recall_tokens=500,
            provider="anthropic",
            scope="acme/alice",
        )
        return p.payload(CONVERSATION)

    first, second = body("Lives in Paris."), body("Moved to Berlin.")
    assert first["system"] == second["system"]  # the cached prefix, byte for byte
    assert first["messages"][:-1] == second["messages"][:-1]
    assert first["messages"][-1] != second["messages"][-1]
