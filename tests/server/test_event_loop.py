"""A slow embedding never blocks the event loop: other requests are answered meanwhile.

No wall clock: the embedder holds its thread until the test has its answer to another
request. If the embedding ran on the event loop, that answer could not arrive while the
embedder holds; the embedder gives up after a minute and the test fails, saying so.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import httpx

from memstack import AsyncMemory
from memstack.core import create_key
from memstack.embed.fake import FakeEmbedder
from memstack.server import ServerConfig, create_app
from memstack.store.memory import InMemoryStore

HOLD = 60.0  # seconds the embedder waits to be released: only a blocked loop waits that long


class SlowEmbedder(FakeEmbedder):
    """The fake embedder, holding its thread once a query is embedded, until released."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()
        self.left = threading.Event()

    def embed_batch(self, texts: Sequence[str], *, input_type: str = "document") -> object:  # type: ignore[override]
        if input_type == "query":
            self.entered.set()
            self.release.wait(HOLD)
            self.left.set()
        return super().embed_batch(texts, input_type=input_type)  # type: ignore[arg-type]


def test_requests_are_answered_while_a_search_embeds() -> None:
    embedder = SlowEmbedder()
    mem = AsyncMemory(store=InMemoryStore(), embedder=embedder)
    key, _ = create_key(mem.store, "acme", "reader")
    app = create_app(mem, config=ServerConfig(rate=0))

    async def scenario() -> bool:
        http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test",
            headers={"Authorization": f"Bearer {key}"},
        )  # fmt: skip
        search = asyncio.create_task(
            http.post("/v1/search", json={"scope": "acme", "query": "anything"})
        )
        while not embedder.entered.is_set():
            await asyncio.sleep(0.01)
        other = await http.get("/v1/scopes")
        answered_while_embedding = not embedder.left.is_set()
        embedder.release.set()
        assert other.status_code == 200
        assert (await search).status_code == 200
        await http.aclose()
        return answered_while_embedding

    try:
        assert asyncio.run(scenario()), "the event loop waited for the embedding"
    finally:
        embedder.release.set()
        mem.close()
