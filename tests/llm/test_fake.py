"""FakeChat through the plugin hooks, and the JSON flow it shares with every provider."""

from __future__ import annotations

import pytest

from memstack import plugins
from memstack.errors import ProviderError, UsageError
from memstack.llm import ChatModel, ChatRequest, InvalidOutput, Message
from memstack.llm.anthropic import AnthropicChat
from memstack.llm.fake import FakeChat
from memstack.llm.openai import OpenAIChat
from tests.llm.samples import BROKEN_TEXT, GOOD, GOOD_TEXT, NAME, PROMPT, SCHEMA, SYSTEM


def test_llms_are_registered_through_the_plugin_hooks():
    assert {"fake", "openai", "anthropic"} <= set(plugins.factories("llms"))
    with plugins.make("llms", "fake", replies=["hi"]) as fake:
        assert isinstance(fake, FakeChat) and isinstance(fake, ChatModel)
    with plugins.make("llms", "openai", model="m", base_url="http://127.0.0.1:9/v1") as model:
        assert isinstance(model, OpenAIChat) and model.id == "openai:m"
    with plugins.make("llms", "anthropic", model="claude-haiku-4-5", api_key="k") as model:
        assert isinstance(model, AnthropicChat) and model.price is not None


def test_replies_are_queued_and_requests_recorded(door):
    fake = plugins.make("llms", "fake", replies=["plain", GOOD])
    first = door(fake.complete, ChatRequest((Message("user", "one"),), system="sys"))
    second = door(fake.complete, ChatRequest((Message("user", "two"),)))

    assert first.text == "plain" and second.text == GOOD_TEXT
    assert first.usage.input_tokens == len("sysone") // 4
    assert first.usage.output_tokens == len("plain") // 4
    assert first.cost_usd is None
    assert [r.messages[0].content for r in fake.requests] == ["one", "two"]
    assert fake.requests[0].system == "sys"
    assert fake.pending == 0


def test_exceptions_are_raised_and_an_empty_queue_is_a_usage_error():
    fake = FakeChat([ProviderError("boom")])
    request = ChatRequest((Message("user", "x"),))
    with pytest.raises(ProviderError, match="boom"):
        fake.complete(request)
    with pytest.raises(UsageError, match="no reply left for request 2"):
        fake.complete(request)
    fake.add("late")
    assert fake.complete(request).text == "late"


def test_complete_json_repairs_and_meters(door):
    fake = FakeChat([BROKEN_TEXT, GOOD], price_in=1.0, price_out=2.0)

    result = door(fake.complete_json, PROMPT, system=SYSTEM, schema=SCHEMA, schema_name=NAME)

    assert result.data == GOOD and result.attempts == 2 and result.raw == GOOD_TEXT
    assert result.usage == result.completions[0].usage + result.completions[1].usage
    expected = sum(
        c.usage.input_tokens * 1.0 + c.usage.output_tokens * 2.0 for c in result.completions
    )
    assert result.cost_usd == pytest.approx(expected / 1e6)
    repair = fake.requests[1]
    assert repair.json_schema == SCHEMA and repair.schema_name == NAME and repair.system == SYSTEM
    assert repair.messages[1] == Message("assistant", BROKEN_TEXT)
    assert repair.messages[2].role == "user"
    assert "invalid JSON" in repair.messages[2].content


def test_complete_json_gives_up_after_two_replies(door):
    fake = FakeChat(["", "still nothing"])

    with pytest.raises(InvalidOutput) as caught:
        door(fake.complete_json, [Message("user", PROMPT)], schema=SCHEMA, schema_name=NAME)

    assert caught.value.raw == "still nothing"
    assert caught.value.reason == "the reply contains no JSON object"
    assert fake.requests[1].messages[1] == Message("assistant", "(empty reply)")
    assert "fake:fake returned unusable output for schema 'facts' 2 times" in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"messages": ()}, "at least one message"),
        ({"messages": (Message("user", "x"),), "json_schema": SCHEMA}, "schema_name"),
        (
            {"messages": (Message("user", "x"),), "json_schema": SCHEMA, "schema_name": "a b"},
            "schema_name",
        ),
        ({"messages": (Message("user", "x"),), "max_tokens": 0}, "max_tokens"),
    ],
)
def test_bad_requests_are_usage_errors(kwargs, message):
    with pytest.raises(UsageError, match=message):
        ChatRequest(**kwargs)


def test_system_is_not_a_message_role():
    with pytest.raises(UsageError, match="system="):
        Message("system", "x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": 0}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"price_in": 1.0}, "price_out"),
    ],
)
def test_bad_provider_options_are_usage_errors(options, message):
    with pytest.raises(UsageError, match=message):
        OpenAIChat("m", base_url="http://127.0.0.1:9/v1", **options)
