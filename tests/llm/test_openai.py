"""OpenAIChat against a local Chat Completions server, over real HTTP."""

from __future__ import annotations

import time

import pytest

from memstack.errors import ProviderError, UsageError
from memstack.llm import InvalidOutput
from memstack.llm.openai import OpenAIChat
from tests.llm.conftest import OPENAI_KEY
from tests.llm.samples import BROKEN_TEXT, GOOD, GOOD_TEXT, NAME, PROMPT, SCHEMA, SYSTEM, WRONG_KIND
from tests.llm.wire import openai_completion, openai_error


def test_valid_json_and_the_request_on_the_wire(openai_server, make_openai, door):
    openai_server.queue(openai_completion(GOOD_TEXT))
    model = make_openai()

    result = door(model.complete_json, PROMPT, system=SYSTEM, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD
    assert result.attempts == 1
    assert result.raw == GOOD_TEXT
    [sent] = openai_server.requests
    assert sent.method == "POST" and sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {OPENAI_KEY}"
    body = sent.json
    assert body["model"] == "gpt-4.1-mini"
    assert body["messages"] == [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": PROMPT},
    ]
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": NAME, "schema": SCHEMA, "strict": True},
    }
    assert body["temperature"] == 0
    # Not api.openai.com: the name every compatible server knows.
    assert body["max_tokens"] == 1024 and "max_completion_tokens" not in body


def test_code_fenced_json_with_prose_is_accepted(openai_server, make_openai):
    reply = f"Here are the facts:\n\n```json\n{GOOD_TEXT}\n```\nAnything else?"
    openai_server.queue(openai_completion(reply))

    result = make_openai().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD
    assert result.attempts == 1
    assert len(openai_server.requests) == 1


def test_malformed_json_is_repaired_once(openai_server, make_openai, door):
    openai_server.queue(
        openai_completion(BROKEN_TEXT, prompt_tokens=100, completion_tokens=40),
        openai_completion(GOOD_TEXT, prompt_tokens=160, completion_tokens=20),
    )
    model = make_openai()

    result = door(model.complete_json, PROMPT, system=SYSTEM, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD
    assert result.attempts == 2
    assert result.usage.input_tokens == 260 and result.usage.output_tokens == 60
    first, second = (r.json for r in openai_server.requests)
    assert second["response_format"] == first["response_format"]
    *_, echoed, correction = second["messages"]
    assert echoed == {"role": "assistant", "content": BROKEN_TEXT}
    assert correction["role"] == "user"
    assert "invalid JSON at line 1" in correction["content"]
    assert NAME in correction["content"]
    assert second["messages"][:2] == first["messages"]


def test_schema_violation_is_repaired_with_the_reason(openai_server, make_openai):
    import json

    openai_server.queue(openai_completion(json.dumps(WRONG_KIND)), openai_completion(GOOD_TEXT))

    result = make_openai().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD
    correction = openai_server.requests[1].json["messages"][-1]["content"]
    assert "$.facts[0].kind: expected one of ['rule', 'fact'], got 'note'" in correction


def test_malformed_twice_raises_with_raw_and_reason(openai_server, make_openai, door):
    openai_server.queue(
        openai_completion("I cannot help with that."),
        openai_completion(BROKEN_TEXT, finish_reason="length", completion_tokens=64),
    )
    model = make_openai(price_in=1.0, price_out=2.0)

    with pytest.raises(InvalidOutput) as caught:
        door(model.complete_json, PROMPT, schema=SCHEMA, schema_name=NAME, max_tokens=64)

    err = caught.value
    assert isinstance(err, ProviderError) and err.status == 502
    assert err.raw == BROKEN_TEXT
    assert err.reason.startswith("invalid JSON at line 1")
    assert "max_tokens limit of 64" in err.reason
    assert err.attempts == 2
    assert err.usage.input_tokens == 40 and err.usage.output_tokens == 74
    assert err.cost_usd == pytest.approx((40 * 1.0 + 74 * 2.0) / 1e6)
    assert len(openai_server.requests) == 2
    assert "no JSON object" in openai_server.requests[1].json["messages"][-1]["content"]


def test_timeout_becomes_provider_error_saying_what_to_check(openai_server, make_openai, door):
    openai_server.queue(
        openai_completion(GOOD_TEXT, delay=3), openai_completion(GOOD_TEXT, delay=3)
    )
    model = make_openai(timeout=0.3, max_retries=1)

    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        door(model.complete_json, PROMPT, schema=SCHEMA, schema_name=NAME)
    elapsed = time.monotonic() - started

    message = str(caught.value)
    assert "did not answer within 0.3 s" in message and "2 attempts" in message
    assert "base_url" in message and "timeout=" in message
    assert openai_server.base_url in message
    assert len(openai_server.requests) == 2
    assert elapsed < 2.5  # two bounded attempts and one short backoff, not the 3 s delays


def test_429_with_retry_after_is_honoured(openai_server, make_openai, door):
    openai_server.queue(
        openai_error(429, "Rate limit reached", type="requests", headers={"retry-after": "1"}),
        openai_completion(GOOD_TEXT),
    )
    model = make_openai()

    result = door(model.complete_json, PROMPT, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD
    assert result.completions[0].attempts == 2
    first, second = openai_server.requests
    assert 0.9 <= second.at - first.at < 2.5


def test_429_asking_for_too_long_fails_at_once(openai_server, make_openai):
    openai_server.queue(
        openai_error(429, "Rate limit reached", headers={"retry-after": "3600"}),
        openai_completion(GOOD_TEXT),
    )
    model = make_openai(max_retry_wait=10)

    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        model.complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert time.monotonic() - started < 1.0
    assert "asked to wait 3600 s" in str(caught.value)
    assert "max_retry_wait=10 s" in str(caught.value)
    assert len(openai_server.requests) == 1


def test_500_fails_after_the_retries(openai_server, make_openai):
    openai_server.queue(*[openai_error(500, "The server had an error", type="server_error")] * 3)
    model = make_openai(max_retries=2)

    with pytest.raises(ProviderError) as caught:
        model.complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert "HTTP 500 (3 attempts" in str(caught.value)
    assert "The server had an error" in str(caught.value)
    assert len(openai_server.requests) == 3


def test_rejected_key_names_the_variable_and_never_echoes_the_key(openai_server, make_openai):
    openai_server.queue(openai_error(401, "Incorrect API key provided", code="invalid_api_key"))

    with pytest.raises(ProviderError) as caught:
        make_openai().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert "rejected the API key (HTTP 401)" in str(caught.value)
    assert "OPENAI_API_KEY" in str(caught.value)
    assert OPENAI_KEY not in str(caught.value)
    assert len(openai_server.requests) == 1  # never retried


def test_unreachable_server_says_to_check_base_url(openai_server):
    url = openai_server.base_url
    openai_server.stop()  # nothing listens on that port any more

    with OpenAIChat("gpt-4.1-mini", base_url=url, max_retries=0) as model:
        with pytest.raises(ProviderError) as caught:
            model.complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert f"Could not connect to OpenAI-compatible endpoint at {url}" in str(caught.value)
    assert "base_url" in str(caught.value)


def test_usage_and_cost_are_metered_per_call(openai_server, make_openai):
    openai_server.queue(
        openai_completion(
            GOOD_TEXT, prompt_tokens=2_000_000, completion_tokens=500_000, cached_tokens=1_000_000
        )
    )

    result = make_openai("gpt-4.1-mini").complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    usage = result.usage
    assert (usage.input_tokens, usage.output_tokens, usage.cached_input_tokens) == (
        2_000_000,
        500_000,
        1_000_000,
    )
    # gpt-4.1-mini: $0.40 fresh input, $0.10 cached input, $1.60 output per million.
    assert result.cost_usd == pytest.approx(0.40 + 0.10 + 0.80)
    [completion] = result.completions
    assert completion.model == "gpt-4.1-mini-2025-04-14"
    assert completion.cost_usd == result.cost_usd


def test_unknown_model_costs_none_unless_priced(openai_server, make_openai):
    openai_server.queue(openai_completion(GOOD_TEXT), openai_completion(GOOD_TEXT))

    unknown = make_openai("llama3.1:8b").complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)
    priced = make_openai("llama3.1:8b", price_in=1.0, price_out=4.0).complete_json(
        PROMPT, schema=SCHEMA, schema_name=NAME
    )

    assert unknown.cost_usd is None
    assert priced.cost_usd == pytest.approx((20 * 1.0 + 10 * 4.0) / 1e6)


def test_json_schema_unsupported_falls_back_to_json_object(openai_server, make_openai, door):
    openai_server.queue(
        openai_error(
            400,
            "Invalid parameter: 'response_format' of type 'json_schema' is not supported "
            "with this model.",
            param="response_format",
        ),
        openai_completion(GOOD_TEXT),
        openai_completion(GOOD_TEXT),
    )
    model = make_openai()

    first = door(model.complete_json, PROMPT, system=SYSTEM, schema=SCHEMA, schema_name=NAME)
    second = door(model.complete_json, PROMPT, schema=SCHEMA, schema_name=NAME)

    assert first.data == second.data == GOOD
    assert first.completions[0].attempts == 2  # the rejected request counts as an attempt
    rejected, retried, later = (r.json for r in openai_server.requests)
    assert rejected["response_format"]["type"] == "json_schema"
    assert retried["response_format"] == {"type": "json_object"}
    system = retried["messages"][0]
    assert system["role"] == "system" and system["content"].startswith(SYSTEM)
    assert "JSON Schema" in system["content"] and '"facts"' in system["content"]
    # Remembered: the next call goes straight to json_object.
    assert later["response_format"] == {"type": "json_object"}
    assert model.adaptations == {"json_object"}


def test_invalid_schema_is_not_hidden_by_the_fallback(openai_server, make_openai):
    openai_server.queue(
        openai_error(
            400,
            "Invalid schema for response_format 'facts': In context=(), 'additionalProperties' "
            "is required to be supplied and to be false.",
        )
    )

    with pytest.raises(ProviderError) as caught:
        make_openai().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert "Invalid schema" in str(caught.value)
    assert len(openai_server.requests) == 1


def test_rejected_temperature_is_left_out(openai_server, make_openai):
    openai_server.queue(
        openai_error(
            400,
            "Unsupported value: 'temperature' does not support 0 with this model. "
            "Only the default (1) value is supported.",
            param="temperature",
        ),
        openai_completion(GOOD_TEXT),
    )

    result = make_openai("gpt-5-mini").complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD
    assert "temperature" in openai_server.requests[0].json
    assert "temperature" not in openai_server.requests[1].json


def test_missing_key_for_openai_names_the_variable():
    with pytest.raises(UsageError) as caught:
        OpenAIChat("gpt-4.1-mini")

    assert "OPENAI_API_KEY" in str(caught.value)


def test_local_server_needs_no_key(openai_server):
    openai_server.queue(openai_completion("hello"))
    from memstack.llm import ChatRequest, Message

    with OpenAIChat("llama3.1:8b", base_url=openai_server.base_url) as model:
        completion = model.complete(ChatRequest((Message("user", "hi"),), temperature=None))

    assert completion.text == "hello" and completion.stop_reason == "stop"
    body = openai_server.requests[0].json
    assert "response_format" not in body and "temperature" not in body
    assert openai_server.requests[0].headers["authorization"] == "Bearer no-key-needed"


def test_key_from_the_environment_and_never_in_repr(openai_server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-123")
    openai_server.queue(openai_completion("hi"))
    from memstack.llm import ChatRequest, Message

    with OpenAIChat("gpt-4.1-mini", base_url=openai_server.base_url) as model:
        model.complete(ChatRequest((Message("user", "hi"),)))
        assert "sk-from-env-123" not in repr(model)

    assert openai_server.requests[0].headers["authorization"] == "Bearer sk-from-env-123"


def test_a_page_that_is_not_a_completion_says_to_check_base_url(openai_server, make_openai):
    from tests.llm.wire import Reply

    openai_server.queue(
        Reply(200, "<html>Sign in to the proxy</html>", {"content-type": "text/html"})
    )

    with pytest.raises(ProviderError) as caught:
        make_openai().complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert "did not return a chat completion" in str(caught.value)
    assert "/v1" in str(caught.value)


def test_unknown_model_404_says_to_check_the_name(openai_server, make_openai):
    openai_server.queue(
        openai_error(404, "model 'llama9' not found, try pulling it first", type="not_found_error")
    )

    with pytest.raises(ProviderError) as caught:
        make_openai("llama9").complete_json(PROMPT, schema=SCHEMA, schema_name=NAME)

    assert "answered 404 for model 'llama9'" in str(caught.value)
    assert "ollama pull" in str(caught.value)
