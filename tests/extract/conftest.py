"""Fixtures for the extraction tests: both store backends, a still clock, the wire servers.

``MEMSTACK_EMBEDDER=fake`` and a private ``MEMSTACK_HOME`` come from the root
conftest (and are set again here, so this package stands on its own); the
local OpenAI and Anthropic wire servers, their client factories and the
network guard come from ``tests/llm/conftest.py``, imported as its docstring
asks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.base import Store
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore
from tests.conftest import T0, Clock
from tests.llm.conftest import (  # noqa: F401 - fixtures, used by name
    _hermetic,
    anthropic_server,
    make_anthropic,
    make_openai,
    openai_server,
)

__all__ = ["T0", "Clock", "make_store", "user"]

BACKENDS = ("memory", "sqlite")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEMSTACK_EMBEDDER", "fake")
    monkeypatch.setenv("MEMSTACK_HOME", str(tmp_path / "home"))


def make_store(backend: str, tmp_path: Path, name: str = "extract.db") -> Store:
    return InMemoryStore() if backend == "memory" else SqliteStore(tmp_path / name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def mem(backend: str, tmp_path: Path, clock: Clock) -> Iterator[Memory]:
    """A memory on each backend, with the clock standing at 2025-03-01 12:00 UTC (a Saturday)."""
    m = Memory(store=make_store(backend, tmp_path), embedder=FakeEmbedder(), clock=clock)
    yield m
    m.close()


def user(*texts: str, name: str | None = None) -> list[dict[str, str]]:
    """User messages with the given texts."""
    return [{"role": "user", "content": t, **({"name": name} if name else {})} for t in texts]
