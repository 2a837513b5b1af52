"""A memory with three scopes (a tenant rule, Alice's and Bob's facts) and helpers to reach it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from mcp import Client  # the test extra installs the SDK
from mcp.types import CallToolResult, TextContent

from memstack import AsyncMemory
from memstack.embed.fake import FakeEmbedder
from memstack.mcp import build_server
from memstack.store.memory import InMemoryStore

SCOPE = "acme/alice"


class World:
    """The facade the server wraps, and the ids of what it holds."""

    def __init__(self) -> None:
        self.memory = AsyncMemory(store=InMemoryStore(), embedder=FakeEmbedder())
        self.ids: dict[str, str] = {}

    async def fill(self) -> None:
        m = self.memory
        self.ids["rule"] = (await m.add("acme", "Answer in British English.", kind="rule")).id
        self.ids["alice"] = (
            await m.add(SCOPE, "Alice is vegetarian", kind="fact", topic="diet")
        ).id
        self.ids["bob"] = (await m.add("acme/bob", "Bob's salary is 90k", kind="fact")).id


@pytest.fixture
def world() -> World:
    w = World()
    asyncio.run(w.fill())
    return w


Session = Callable[[Client], Awaitable[Any]]


@pytest.fixture
def connect(world: World) -> Callable[[Session], Any]:
    """Run ``body(client)`` against the server bound to acme/alice, in process (memory streams)."""

    def run(body: Session) -> Any:
        async def go() -> Any:
            server = build_server(world.memory, SCOPE)
            async with Client(server, mode="legacy", cache=None) as client:
                return await body(client)

        return asyncio.run(go())

    return run


def text_of(result: CallToolResult) -> str:
    return "\n".join(c.text for c in result.content if isinstance(c, TextContent))
