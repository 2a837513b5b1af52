"""Fixtures for provider tests: wire-protocol servers, clients wired to them, both doors.

Everything here goes over real HTTP to servers on 127.0.0.1; the network
beyond loopback is switched off for every test in this package, and provider
keys are removed from the environment so a test never picks up a real one.

Another test package reuses these by importing them into its own conftest::

    from tests.llm.conftest import openai_server, anthropic_server  # noqa: F401
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from memstack.llm.anthropic import AnthropicChat
from memstack.llm.openai import OpenAIChat
from tests.llm.wire import AnthropicServer, OpenAIServer, WireServer, loopback_only

OPENAI_KEY = "sk-test-wire-openai-0123456789"
ANTHROPIC_KEY = "sk-ant-test-wire-0123456789"

_KEY_VARS = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_BASE_URL",
)


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch: pytest.MonkeyPatch) -> None:
    loopback_only(monkeypatch)
    for name in _KEY_VARS:
        monkeypatch.delenv(name, raising=False)


def _serve(server: WireServer) -> Iterator[Any]:
    with server:
        yield server
    assert not server.errors, f"the wire server failed: {server.errors!r}"


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    """A Chat Completions server; queue replies with ``openai_completion``/``openai_error``."""
    yield from _serve(OpenAIServer())


@pytest.fixture
def anthropic_server() -> Iterator[AnthropicServer]:
    """A Messages API server; queue replies with ``anthropic_message``/``anthropic_error``."""
    yield from _serve(AnthropicServer())


@pytest.fixture
def make_openai(openai_server: OpenAIServer) -> Iterator[Callable[..., OpenAIChat]]:
    """Build ``OpenAIChat`` clients for ``openai_server``; closed after the test."""
    made: list[OpenAIChat] = []

    def make(model: str = "gpt-4.1-mini", **options: Any) -> OpenAIChat:
        options.setdefault("base_url", openai_server.base_url)
        options.setdefault("api_key", OPENAI_KEY)
        options.setdefault("timeout", 5.0)
        chat = OpenAIChat(model, **options)
        made.append(chat)
        return chat

    yield make
    for chat in made:
        chat.close()


@pytest.fixture
def make_anthropic(anthropic_server: AnthropicServer) -> Iterator[Callable[..., AnthropicChat]]:
    """Build ``AnthropicChat`` clients for ``anthropic_server``; closed after the test."""
    made: list[AnthropicChat] = []

    def make(model: str = "claude-haiku-4-5", **options: Any) -> AnthropicChat:
        options.setdefault("base_url", anthropic_server.base_url)
        options.setdefault("api_key", ANTHROPIC_KEY)
        options.setdefault("timeout", 5.0)
        chat = AnthropicChat(model, **options)
        made.append(chat)
        return chat

    yield make
    for chat in made:
        chat.close()


Door = Callable[..., Any]


@pytest.fixture(params=["sync", "async"])
def door(request: pytest.FixtureRequest) -> Door:
    """Call a model method through the sync or the async door: ``door(model.complete_json, ...)``.

    The async door calls ``a<name>`` on the same object inside ``asyncio.run``.
    """

    def call(method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if request.param == "sync":
            return method(*args, **kwargs)
        owner = method.__self__  # type: ignore[attr-defined]
        async_method = getattr(owner, "a" + method.__name__)
        return asyncio.run(async_method(*args, **kwargs))

    return call
