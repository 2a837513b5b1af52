"""The memory proxy through the real ``openai`` SDK, in front of a fake upstream on a real port."""

from __future__ import annotations

import json

import httpx
import openai
import pytest

from .conftest import SCOPE, Proxied
from .upstream import REPLY

ASK = "I prefer green tea. What should I drink this afternoon?"
APP_SYSTEM = {"role": "system", "content": "You are a helpful assistant."}


def test_memory_goes_upstream_and_the_reply_comes_back_unchanged(proxied: Proxied) -> None:
    client = proxied.openai()
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-fake", messages=[APP_SYSTEM, {"role": "user", "content": ASK}],
        temperature=0.2, user="someone",
    )  # fmt: skip
    completion = raw.parse()
    assert completion.choices[0].message.content == REPLY
    assert raw.http_response.content == proxied.upstream.sent[0]  # byte for byte
    assert raw.headers["x-request-id"] == "req_fake_123"

    sent = proxied.upstream.requests[0]
    prompt = proxied.run(proxied.memory.compile(SCOPE, ASK, provider="openai"))
    assert sent["messages"][0] == APP_SYSTEM  # the application's own system prompt stays first
    assert sent["messages"][1] == {"role": "system", "content": prompt.stable}
    assert "British English" in prompt.stable and "Alice is vegetarian" in prompt.stable
    assert sent["prompt_cache_key"] == "ms-" + prompt.stable_digest[:32]
    user = sent["messages"][2]
    assert user["role"] == "user" and user["content"][-1] == {"type": "text", "text": ASK}
    assert prompt.recall and user["content"][0] == {"type": "text", "text": prompt.recall}
    assert "sencha in Kyoto" in prompt.recall  # recall, in front of the user's words
    # everything else passes through as sent
    assert (sent["model"], sent["temperature"], sent["user"]) == ("gpt-fake", 0.2, "someone")
    assert proxied.upstream.headers[0].get("authorization") is None  # no upstream key set


def test_the_exchange_becomes_a_pending_proposal_not_a_memory(proxied: Proxied) -> None:
    proxied.openai().chat.completions.create(
        model="gpt-fake", messages=[{"role": "user", "content": ASK}]
    )
    pending = proxied.wait_for_proposals()
    assert [p.text for p in pending] == ["User prefers green tea"]
    assert pending[0].source.origin == "ai"
    records = proxied.run(proxied.memory.list(SCOPE))
    assert not any("green tea" in r.text for r in records)


def test_streaming_chunks_arrive_unchanged(proxied: Proxied) -> None:
    client = proxied.openai()
    stream = client.chat.completions.create(
        model="gpt-fake", messages=[{"role": "user", "content": ASK}], stream=True,
        stream_options={"include_usage": True},
    )  # fmt: skip
    chunks = [c.model_dump(exclude_unset=True) for c in stream]
    expected = [
        json.loads(line[6:]) for line in proxied.upstream.sent[0].decode().split("\n\n")
        if line.startswith("data: {")
    ]  # fmt: skip
    assert chunks == expected
    assert "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks[:-1]) == REPLY
    assert proxied.upstream.requests[0]["stream_options"] == {"include_usage": True}

    with httpx.stream(
        "POST", proxied.url + "/proxy/v1/chat/completions",
        headers={"Authorization": f"Bearer {proxied.keys['acme:writer']}",
                 "X-Memstack-Scope": SCOPE},
        json={"model": "gpt-fake", "stream": True, "messages": [{"role": "user", "content": "hi"}]},
    ) as r:  # fmt: skip
        assert r.headers["content-type"].startswith("text/event-stream")
        got = b"".join(r.iter_raw())
    assert got == proxied.upstream.sent[1]
    assert "stream_options" not in proxied.upstream.requests[1]  # never added by the proxy
    assert proxied.wait_for_proposals()  # the streamed exchange is queued too


def test_usage_and_cached_tokens_are_metered_per_scope(proxied: Proxied) -> None:
    client = proxied.openai()
    for _ in range(2):
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    list(client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}],
                                        stream=True))  # no usage asked for: counted, unreported
    key = {"Authorization": f"Bearer {proxied.keys['acme:writer']}"}
    usage = httpx.get(proxied.url + "/proxy/usage", headers=key).json()["scopes"]
    assert usage == {SCOPE: {"requests": 3, "reported": 2, "prompt_tokens": 2800,
                             "cached_tokens": 2560, "completion_tokens": 24,
                             "cache_hit_rate": round(2560 / 2800, 4)}}  # fmt: skip
    other = {"Authorization": f"Bearer {proxied.keys['acme2:admin']}"}
    assert httpx.get(proxied.url + "/proxy/usage", headers=other).json()["scopes"] == {}


@pytest.mark.parametrize(
    ("model", "error", "status"),
    [("rate-limited", openai.RateLimitError, 429), ("broken", openai.InternalServerError, 500)],
)
def test_upstream_errors_reach_the_client_faithfully(
    proxied: Proxied, model: str, error: type[Exception], status: int
) -> None:
    with pytest.raises(error) as raised:
        proxied.openai().chat.completions.create(
            model=model, messages=[{"role": "user", "content": ASK}]
        )
    response = raised.value.response  # type: ignore[attr-defined]
    assert response.status_code == status
    assert response.content == proxied.upstream.sent[0]
    if status == 429:
        assert response.headers["retry-after"] == "7"
        assert response.headers["x-ratelimit-remaining-requests"] == "0"
    assert proxied.wait_for_proposals(seconds=0.5) == []  # a failed exchange is not extracted


def test_an_upstream_timeout_is_a_504_the_client_can_read(proxied: Proxied) -> None:
    with pytest.raises(openai.APIStatusError) as raised:
        proxied.openai().chat.completions.create(
            model="slow", messages=[{"role": "user", "content": ASK}]
        )
    assert raised.value.status_code == 504
    assert raised.value.body["type"] == "upstream_timeout"  # type: ignore[index]


def test_an_unreachable_upstream_is_a_502(proxied: Proxied) -> None:
    from memstack.proxy import ChatProxy

    from ..live import free_port

    proxy = ChatProxy(proxied.memory, f"http://127.0.0.1:{free_port()}/v1", timeout=2)
    response = proxied.run(proxy.chat(SCOPE, b'{"messages": []}', {}))
    assert response.status_code == 502
    proxied.run(proxy.aclose())


def test_scope_comes_from_the_header_or_the_user_field_and_stays_in_the_tenant(
    proxied: Proxied,
) -> None:
    by_user = proxied.openai(scope=None)
    by_user.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}], user="acme/bob"
    )
    sent = proxied.upstream.requests[-1]
    assert "Alice" not in json.dumps(sent)  # acme/bob sees the tenant rule, not Alice
    assert "British English" in sent["messages"][0]["content"]

    calls = len(proxied.upstream.requests)
    for client, kw in [
        (proxied.openai(scope="acme2/eve"), {}),
        (proxied.openai(scope=None), {"user": "acme2/eve"}),
        (proxied.openai(key="acme2:admin"), {}),  # acme2's key, acme's scope
    ]:
        with pytest.raises(openai.NotFoundError) as raised:
            client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hi"}], **kw
            )
        assert raised.value.body["type"] == "NotFound"  # type: ignore[index]
        assert "No scope" in raised.value.message
    assert len(proxied.upstream.requests) == calls  # refused before anything went upstream

    with pytest.raises(openai.AuthenticationError):
        proxied.openai(key="wrong").chat.completions.create(
            model="m", messages=[{"role": "user", "content": "hi"}]
        )


def test_a_reader_chats_with_memory_but_proposes_nothing(proxied: Proxied) -> None:
    proxied.openai(key="acme:reader").chat.completions.create(
        model="m", messages=[{"role": "user", "content": ASK}]
    )
    assert proxied.upstream.requests[0]["messages"][0]["role"] == "system"
    assert proxied.wait_for_proposals(seconds=1) == []


def test_with_x_memstack_key_the_callers_provider_key_goes_upstream(proxied: Proxied) -> None:
    client = proxied.openai(
        key="sk-provider-key",
        default_headers={"X-Memstack-Key": proxied.keys["acme:writer"],
                         "X-Memstack-Scope": SCOPE},
    )  # fmt: skip
    client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    headers = proxied.upstream.headers[0]
    assert headers["authorization"] == "Bearer sk-provider-key"
    assert "x-memstack-key" not in headers and "x-memstack-scope" not in headers
    assert headers["x-stainless-lang"] == "python"  # the SDK's own headers pass through


def test_a_malformed_body_is_a_clear_400(proxied: Proxied) -> None:
    r = httpx.post(
        proxied.url + "/proxy/v1/chat/completions", content=b'{"model": "m"}',
        headers={"Authorization": f"Bearer {proxied.keys['acme:writer']}"},
    )  # fmt: skip
    assert r.status_code == 400 and "messages" in r.json()["error"]["message"]
    assert proxied.upstream.requests == []


def test_a_tool_loop_turn_passes_through_and_is_not_queued_again(proxied: Proxied) -> None:
    call = {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
            "function": {"name": "weather", "arguments": '{"city": "Leeds"}'}}]}  # fmt: skip
    result = {"role": "tool", "tool_call_id": "call_1", "content": "rain"}
    proxied.openai().chat.completions.create(
        model="m", messages=[{"role": "user", "content": ASK}, call, result],
        tools=[{"type": "function", "function": {"name": "weather", "parameters": {}}}],
    )  # fmt: skip
    sent = proxied.upstream.requests[0]
    assert sent["messages"][-2:] == [call, result] and sent["tools"][0]["function"]["name"]
    assert proxied.wait_for_proposals(seconds=1) == []  # queued with the request that asked
