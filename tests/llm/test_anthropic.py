"""AnthropicChat against a local Messages API server, over real HTTP."""

from __future__ import annotations

import time

import pytest

from memstack.errors import ProviderError, UsageError
from memstack.llm import InvalidOutput
from memstack.llm.anthropic import AnthropicChat
from tests.llm.conftest import ANTHROPIC_KEY
from tests.llm.samples import GOOD, GOOD_TEXT, NAME, PROMPT, SCHEMA, SYSTEM, WRONG_KIND
from tests.llm.wire import anthropic_error, anthropic_message


def test_forced_tool_call_and_the_request_on_the_wire(anthropic_server, make_anthropic, door):
    anthropic_server.queue(anthropic_message(tool=(NAME, GOOD)))
    model = make_anthropic()

    result = door(model.complete_json, PROMPT, system=SYSTEM, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD
    assert result.attempts == 1
    assert result.completions[0].stop_reason == "tool_use"
    [sent] = anthropic_server.requests
    assert sent.path == "/v1/messages"
    # Older SDKs send the key as x-api-key; anthropic 2.x sends it as a Bearer token.
    sent_key = sent.headers.get("x-api-key") or sent.headers["authorization"].removeprefix(
        "Bearer "
    )
    assert sent_key == ANTHROPIC_KEY
    assert "anthropic-version" in sent.headers
    body = sent.json
    assert body["model"] == "claude-haiku-4-5"
    assert body["system"] == SYSTEM
    assert body["messages"] == [{"role": "user", "content": PROMPT}]
    assert body["max_tokens"] == 1024 and body["temperature"] == 0
    [tool] = body["tools"]
    assert tool["name"] == NAME and tool["input_schema"] == SCHEMA and tool["description"]
    assert body["tool_choice"] == {"type": "tool", "name": NAME}


def test_text_reply_with_fenced_json_is_accepted(anthropic_server, make_anthropic):
    anthropic_server.queue(anthropic_message(text=f"Sure.\n```json\n{GOOD_TEXT}\n```"))

    result = make_anthropic().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD


def test_wrong_tool_input_is_repaired_once(anthropic_server, make_anthropic, door):
    anthropic_server.queue(
        anthropic_message(tool=(NAME, WRONG_KIND)), anthropic_message(tool=(NAME, GOOD))
    )
    model = make_anthropic()

    result = door(model.complete_json, PROMPT, system=SYSTEM, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD and result.attempts == 2
    second = anthropic_server.requests[1].json
    *_, echoed, correction = second["messages"]
    assert echoed["role"] == "assistant" and '"kind": "note"' in echoed["content"]
    assert correction["role"] == "user"
    assert "expected one of ['rule', 'fact'], got 'note'" in correction["content"]
    assert second["tool_choice"] == {"type": "tool", "name": NAME}


def test_unusable_twice_raises_with_raw_and_reason(anthropic_server, make_anthropic):
    anthropic_server.queue(
        anthropic_message(tool=(NAME, {"items": []})),
        anthropic_message(tool=(NAME, {"items": []})),
    )

    with pytest.raises(InvalidOutput) as caught:
        make_anthropic().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    err = caught.value
    assert err.raw == '{"items": []}'
    assert err.reason == "it does not match the schema: $: missing required key 'facts'"
    assert err.attempts == 2 and err.usage.input_tokens == 40
    # claude-haiku-4-5: $1 input, $5 output per million.
    assert err.cost_usd == pytest.approx((40 * 1.0 + 20 * 5.0) / 1e6)


def test_usage_counts_cache_reads_and_writes(anthropic_server, make_anthropic):
    anthropic_server.queue(
        anthropic_message(
            tool=(NAME, GOOD),
            input_tokens=1_000_000,
            cache_read_input_tokens=2_000_000,
            cache_creation_input_tokens=1_000_000,
            output_tokens=1_000_000,
        )
    )

    result = make_anthropic().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    usage = result.usage
    assert usage.input_tokens == 4_000_000
    assert usage.cached_input_tokens == 2_000_000
    assert usage.cache_write_input_tokens == 1_000_000
    # $1 fresh + 2 x $0.10 cache reads + $1.25 cache writes + $5 output.
    assert result.cost_usd == pytest.approx(1.0 + 0.2 + 1.25 + 5.0)
    assert result.completions[0].model == "claude-haiku-4-5-20251001"


def test_timeout_becomes_provider_error(anthropic_server, make_anthropic):
    anthropic_server.queue(anthropic_message(tool=(NAME, GOOD), delay=3))
    model = make_anthropic(timeout=0.3, max_retries=0)

    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        model.complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert time.monotonic() - started < 1.5
    assert "Anthropic API at" in str(caught.value)
    assert "did not answer within 0.3 s (1 attempt" in str(caught.value)


def test_429_with_retry_after_is_honoured(anthropic_server, make_anthropic, door):
    anthropic_server.queue(
        anthropic_error(
            429, "Number of requests has exceeded your rate limit", headers={"retry-after": "1"}
        ),
        anthropic_message(tool=(NAME, GOOD)),
    )
    model = make_anthropic()

    result = door(model.complete_json, PROMPT, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD
    assert result.completions[0].attempts == 2
    first, second = anthropic_server.requests
    assert 0.9 <= second.at - first.at < 2.5


def test_429_asking_for_an_hour_is_not_waited_for(anthropic_server, make_anthropic):
    # The Anthropic SDK on its own would sleep for the full hour.
    anthropic_server.queue(
        anthropic_error(429, "rate limited", headers={"retry-after": "3600"}),
        anthropic_message(tool=(NAME, GOOD)),
    )

    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        make_anthropic().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert time.monotonic() - started < 1.0
    assert "asked to wait 3600 s, longer than max_retry_wait=30 s" in str(caught.value)


def test_overloaded_529_is_retried(anthropic_server, make_anthropic):
    anthropic_server.queue(anthropic_error(529, "Overloaded"), anthropic_message(tool=(NAME, GOOD)))

    result = make_anthropic().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD and result.completions[0].attempts == 2


def test_500_fails_after_the_retries(anthropic_server, make_anthropic):
    anthropic_server.queue(*[anthropic_error(500, "Internal server error")] * 2)

    with pytest.raises(ProviderError) as caught:
        make_anthropic(max_retries=1).complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert "HTTP 500 (2 attempts" in str(caught.value)
    assert "Internal server error" in str(caught.value)
    assert len(anthropic_server.requests) == 2


def test_x_should_retry_false_is_obeyed(anthropic_server, make_anthropic):
    anthropic_server.queue(
        anthropic_error(500, "do not retry this", headers={"x-should-retry": "false"}),
        anthropic_message(tool=(NAME, GOOD)),
    )

    with pytest.raises(ProviderError):
        make_anthropic().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert len(anthropic_server.requests) == 1


def test_forced_tool_refused_falls_back_to_output_format(anthropic_server, make_anthropic):
    anthropic_server.queue(
        anthropic_error(
            400, "tool_choice forcing a specific tool is not supported for this model."
        ),
        anthropic_message(text=GOOD_TEXT),
        anthropic_message(text=GOOD_TEXT),
    )
    model = make_anthropic("claude-sonnet-5-5")

    first = model.complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)
    second = model.complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert first.data == second.data == GOOD
    rejected, retried, later = (r.json for r in anthropic_server.requests)
    assert rejected["tool_choice"]["type"] == "tool"
    for body in (retried, later):
        assert "tools" not in body and "tool_choice" not in body
        assert body["output_config"] == {"format": {"type": "json_schema", "schema": SCHEMA}}
    assert first.cost_usd is None  # not in the price table: unknown, not guessed


def test_rejected_temperature_is_left_out(anthropic_server, make_anthropic):
    anthropic_server.queue(
        anthropic_error(400, "`temperature` is deprecated for this model."),
        anthropic_message(tool=(NAME, GOOD)),
    )

    make_anthropic("claude-opus-4-8").complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert anthropic_server.requests[0].json["temperature"] == 0
    assert "temperature" not in anthropic_server.requests[1].json


def test_bad_key_is_not_retried_and_not_echoed(anthropic_server, make_anthropic):
    anthropic_server.queue(anthropic_error(401, "invalid x-api-key"))

    with pytest.raises(ProviderError) as caught:
        make_anthropic().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert "ANTHROPIC_API_KEY" in str(caught.value) and ANTHROPIC_KEY not in str(caught.value)
    assert len(anthropic_server.requests) == 1


def test_missing_key_names_the_variable():
    with pytest.raises(UsageError) as caught:
        AnthropicChat("claude-haiku-4-5")

    assert "ANTHROPIC_API_KEY" in str(caught.value)


def test_a_body_that_is_not_a_message_says_to_check_base_url(anthropic_server, make_anthropic):
    from tests.llm.wire import Reply

    anthropic_server.queue(Reply(200, {"status": "ok"}))

    with pytest.raises(ProviderError) as caught:
        make_anthropic().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert "did not return a message" in str(caught.value)
