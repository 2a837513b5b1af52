"""A slow embedding never blocks the event loop: other requests are answered meanwhile."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence

import httpx

from memstack import AsyncMemory
from memstack.core import create_key
from memstack.embed.fake import FakeEmbedder
from memstack.server import ServerConfig, create_app
from memstack.store.memory import InMemoryStore


class SlowEmbedder(FakeEmbedder):
    """The fake embedder, holding its thread for a while once a query is being embedded."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()

    def embed_batch(self, texts: Sequence[str], *, input_type: str = "document") -> object:  # type: ignore[override]
        if input_type == "query":
            self.entered.set()
            time.sleep(0.8)
        return super().embed_batch(texts, input_type=input_type)  # type: ignore[arg-type]


def test_requests_are_answered_while_a_search_embeds() -> None:
    embedder = SlowEmbedder()
    mem = AsyncMemory(store=InMemoryStore(), embedder=embedder)
    key, _ = create_key(mem.store, "acme", "reader")
    app = create_app(mem, config=ServerConfig(rate=0))

    async def scenario() -> tuple[float, float]:
        http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test",
            headers={"Authorization": f"Bearer {key}"},
        )  # fmt: skip
        start = time.perf_counter()
        search = asyncio.create_task(
            http.post("/v1/search", json={"scope": "acme", "query": "anything"})
        )
        while not embedder.entered.is_set():
            await asyncio.sleep(0.01)
        health = await http.get("/v1/scopes")
        health_done = time.perf_counter() - start
        assert health.status_code == 200
        assert (await search).status_code == 200
        search_done = time.perf_counter() - start
        await http.aclose()
        return health_done, search_done

    health_done, search_done = asyncio.run(scenario())
    assert health_done < search_done - 0.3, (health_done, search_done)
    mem.close()
