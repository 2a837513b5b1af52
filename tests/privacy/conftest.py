"""Fixtures for the privacy tests: both store backends, a fixed clock, a small fake embedder.

``MEMSTACK_EMBEDDER=fake`` and a private ``MEMSTACK_HOME`` come from the
top-level conftest, so nothing touches the user's data or the ONNX model.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore

BACKENDS = ("memory", "sqlite")


def open_memory(backend: str, home: Path, clock: Any = None, **kw: Any) -> Memory:
    store = InMemoryStore() if backend == "memory" else None
    return Memory(home, store=store, embedder=FakeEmbedder(dimensions=16), clock=clock, **kw)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def mem(backend: str, home: Path, clock: Any) -> Iterator[Memory]:
    """A Memory over the current backend (SQLite in ``home``), with a clock tests can move."""
    m = open_memory(backend, home, clock)
    yield m
    m.close()
