"""A memstack server with the proxy mounted, pointed at a fake upstream; both on real ports."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import openai
import pytest

from memstack import AsyncMemory
from memstack.core import create_key
from memstack.embed.fake import FakeEmbedder
from memstack.server import ServerConfig, create_app
from memstack.store.memory import InMemoryStore

from ..live import serving
from .upstream import Upstream

SCOPE = "acme/alice"


@dataclass
class Proxied:
    memory: AsyncMemory
    upstream: Upstream
    url: str
    keys: dict[str, str] = field(default_factory=dict)
    clients: list[Any] = field(default_factory=list)

    def openai(self, key: str = "acme:writer", scope: str | None = SCOPE, **kw: Any) -> Any:
        """An OpenAI SDK client on the proxy, with a memstack key (closed after the test)."""
        headers = {"X-Memstack-Scope": scope} if scope else {}
        api_key = self.keys.get(key, key)
        kw.setdefault("default_headers", headers)
        return self.track(openai.OpenAI(base_url=self.url + "/proxy/v1", api_key=api_key,
                                        max_retries=0, **kw))  # fmt: skip

    def track(self, client: Any) -> Any:
        self.clients.append(client)
        return client

    def run(self, coro: Any) -> Any:
        return asyncio.run(coro)

    def wait_for_proposals(self, scope: str = SCOPE, seconds: float = 20) -> list[Any]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = self.run(self.memory.proposals(scope, state="pending"))
            if found:
                return list(found)
            time.sleep(0.05)
        return []


@pytest.fixture
def proxied() -> Iterator[Proxied]:
    memory = AsyncMemory(store=InMemoryStore(), embedder=FakeEmbedder())

    async def fill() -> None:
        await memory.add("acme", "Answer in British English.", kind="rule")
        await memory.add(SCOPE, "Alice is vegetarian", kind="fact", topic="diet")
        await memory.add(SCOPE, "Alice drinks tea in the morning", kind="fact", topic="drinks")
        # Episodes are recalled per request, never part of the stable block.
        await memory.add(SCOPE, "Alice: the sencha in Kyoto was the best tea", kind="episode")

    asyncio.run(fill())
    upstream = Upstream()
    with serving(upstream.app()) as upstream_url:
        config = ServerConfig(rate=0, mcp=False, proxy_upstream=upstream_url + "/v1",
                              proxy_timeout=4.0, proxy_key_env=None)  # fmt: skip
        with serving(create_app(memory, config=config)) as url:
            p = Proxied(memory, upstream, url)
            for tenant, role in [("acme", "writer"), ("acme", "reader"), ("acme2", "admin")]:
                p.keys[f"{tenant}:{role}"], _ = create_key(memory.store, tenant, role)
            yield p
            for client in p.clients:
                client.close()
    memory.close()
