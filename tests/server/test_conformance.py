"""The shared Memory-behaviour cases, through ``Memory``, ``Client`` + server and ``AsyncClient``.

``AsyncClient`` runs the same (synchronous) cases through a small adapter that
awaits each call on one event loop; the app runs in-process on that loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from memstack import AsyncClient, Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore

from .cases import CASES
from .conftest import make_server


class Awaited:
    """Calls an async object's methods as if they were blocking (one event loop)."""

    def __init__(self, target: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._target, self._loop = target, loop

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._target, name)
        return lambda *a, **k: self._loop.run_until_complete(method(*a, **k))


@pytest.fixture(params=["memory", "client", "async-client"])
def mem(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "memory":
        m = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
        yield m
        m.close()
        return
    server = make_server()
    if request.param == "client":
        client = server.client("admin")
        yield client
        client.close()
    else:
        loop = asyncio.new_event_loop()
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=server.app))
        aclient = AsyncClient("http://test", server.keys["acme:admin"], http=http)
        yield Awaited(aclient, loop)
        loop.run_until_complete(http.aclose())
        loop.close()
    server.close()


@pytest.mark.parametrize("case", CASES, ids=[c.__name__[5:] for c in CASES])
def test_case(mem: Any, case: Callable[[Any], None]) -> None:
    case(mem)
