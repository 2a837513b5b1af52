"""Fixtures for the prompt tests: both store backends, a clock tests move, the fake embedder.

``MEMSTACK_EMBEDDER=fake`` and ``MEMSTACK_HOME`` in the test's tmp folder are set
for every test, so nothing reads the user's data or loads the ONNX model.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from memstack import AsyncMemory, Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.base import Store
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore

BACKENDS = ("memory", "sqlite")


class Clock:
    """A clock tests move by hand."""

    def __init__(self) -> None:
        self.now = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEMSTACK_EMBEDDER", "fake")
    monkeypatch.setenv("MEMSTACK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USER", "tester")


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_store(backend: str, tmp_path: Path) -> Store:
    if backend == "memory":
        return InMemoryStore()
    return SqliteStore(tmp_path / "prompt.db")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def mem(backend: str, tmp_path: Path, clock: Clock) -> Iterator[Memory]:
    m = Memory(store=make_store(backend, tmp_path), embedder=FakeEmbedder(), clock=clock)
    yield m
    m.close()


@pytest.fixture
def amem(backend: str, tmp_path: Path, clock: Clock) -> Iterator[AsyncMemory]:
    m = AsyncMemory(store=make_store(backend, tmp_path), embedder=FakeEmbedder(), clock=clock)
    yield m
    m.close()
