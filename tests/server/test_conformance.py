"""The shared Memory-behaviour cases, run through ``Memory`` and through ``Client`` + server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore

from .cases import CASES
from .conftest import make_server


@pytest.fixture(params=["memory", "client"])
def mem(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "memory":
        m = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
        yield m
        m.close()
        return
    server = make_server()
    client = server.client("admin")
    yield client
    client.close()
    server.close()


@pytest.mark.parametrize("case", CASES, ids=[c.__name__[5:] for c in CASES])
def test_case(mem: Any, case: Callable[[Any], None]) -> None:
    case(mem)
