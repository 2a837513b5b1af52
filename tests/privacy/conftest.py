"""Fixtures for the privacy tests: every store backend, a fixed clock, a small fake embedder.

PostgreSQL joins when a server is available (:mod:`tests.pg`): each home
folder a test opens gets its own database, dropped after the test.

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
from tests import pg

BACKENDS: tuple[str, ...] = ("memory", "sqlite") + (
    ("postgres",) if pg.available() or pg.REQUIRED else ()
)
_PG_DATABASES: dict[str, str] = {}


def open_memory(backend: str, home: Path, clock: Any = None, **kw: Any) -> Memory:
    store: Any = InMemoryStore() if backend == "memory" else None
    if backend == "postgres":
        from memstack.store.postgres import PostgresStore

        url = _PG_DATABASES.get(str(home))
        if url is None:
            url = _PG_DATABASES[str(home)] = pg.new_database()
        store = PostgresStore(url)
    return Memory(home, store=store, embedder=FakeEmbedder(dimensions=16), clock=clock, **kw)


@pytest.fixture(autouse=True)
def _drop_pg_databases() -> Iterator[None]:
    yield
    while _PG_DATABASES:
        pg.drop_database(_PG_DATABASES.popitem()[1])


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def mem(backend: str, home: Path, clock: Any) -> Iterator[Memory]:
    """A Memory over the current backend (SQLite in ``home``), with a clock tests can move."""
    m = open_memory(backend, home, clock)
    yield m
    m.close()
