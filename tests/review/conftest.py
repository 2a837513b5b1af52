"""Fixtures for the review tests: both store backends, an injectable clock, a fake embedder.

Every test runs with ``MEMSTACK_EMBEDDER=fake`` and ``MEMSTACK_HOME`` in a
temporary folder, so nothing reads the user's data or loads the ONNX model.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.models import Proposal, content_hash
from memstack.store.base import Store
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore

BACKENDS = ("memory", "sqlite")

#: A GitHub token screening recognises; distinctive enough to grep a file for.
SECRET = "ghp_Zq7xR2mK9vL4nP8sT1wY5bC3dF6gH0jA2eU7"


class Clock:
    """A clock tests move by hand."""

    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

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
    store = SqliteStore(tmp_path / "review.db")
    return store


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def mem(backend: str, tmp_path: Path, clock: Clock) -> Iterator[Memory]:
    m = Memory(store=make_store(backend, tmp_path), embedder=FakeEmbedder(), clock=clock)
    yield m
    m.close()


def tamper(store: Store, pid: str, text: str) -> None:
    """Change a stored proposal's text behind the API (another writer, a bug, an attack)."""
    if isinstance(store, SqliteStore):
        store.connection.execute(
            "UPDATE proposals SET text = ?, content_hash = ? WHERE id = ?",
            (text, content_hash(text), pid),
        )
    else:
        from dataclasses import replace

        tables: Any = store.review  # type: ignore[attr-defined]
        old: Proposal = tables.proposals[pid]
        tables.proposals[pid] = replace(old, text=text, content_hash=content_hash(text))


def db_bytes(store: Store) -> bytes:
    """Every byte SQLite keeps on disk for the store: the file, its WAL and shared memory."""
    assert isinstance(store, SqliteStore)
    out = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = Path(store.path + suffix)
        if path.exists():
            out += path.read_bytes()
    return out
