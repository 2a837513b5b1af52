"""The async door runs the same privacy plans: forget, export, gc, audit."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from memstack import AsyncMemory
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore

from .canary import CANARY, SCOPE, scan


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_async_privacy_parity(backend: str, home: Path, clock: Any) -> None:
    async def go() -> None:
        store = InMemoryStore() if backend == "memory" else None
        mem = AsyncMemory(home, store=store, embedder=FakeEmbedder(dimensions=16), clock=clock)
        await mem.add(SCOPE, f"async note {CANARY}")
        data = await mem.export(SCOPE)
        assert len(data.records) == 1
        receipt = await mem.forget(SCOPE, match=CANARY)
        assert receipt.counts.records == 1
        assert (await mem.gc()).counts.total == 0
        assert [e.action for e in await mem.audit(SCOPE)] == ["forget", "export", "add"]
        mem.close()

    asyncio.run(go())
    if backend == "sqlite":
        assert scan(home, {CANARY}) == []
