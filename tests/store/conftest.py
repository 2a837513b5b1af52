"""The backends the conformance suite runs against.

Every test that asks for ``backend`` runs once per store: ``memory``
(:class:`InMemoryStore`), ``sqlite`` (:class:`SqliteStore` on a tmp file,
migrated) and ``postgres``, on a fresh database of the server ``MEMSTACK_TEST_PG``
names, or of a throwaway ``pgserver`` (:mod:`tests.pg`). Postgres is built
through the plugin registry, exactly as users get it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory
from memstack.errors import UsageError
from memstack.store.base import Store
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore
from tests import pg

BACKENDS = [
    "memory",
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason()),
    ),
]


class Backend:
    """Opens stores of one kind over the same data, so a test can close and reopen."""

    def __init__(self, name: str, tmp_path: Path) -> None:
        self.name = name
        self.path = tmp_path / "conformance.db"
        self._shared: Store | None = None
        self._opened: list[Store] = []
        self.url = ""

    def open(self, **options: Any) -> Store:
        if self.name == "memory":
            # Nothing outlives the object, so "reopening" means using it again.
            if self._shared is None:
                self._shared = InMemoryStore()
            return self._shared
        if self.name == "sqlite":
            store: Store = SqliteStore(self.path, **options)
        else:
            from memstack import plugins

            if not self.url:
                self.url = pg.new_database()
            try:
                store = plugins.make("stores", "postgres", url=self.url, **options)
            except UsageError as exc:
                pytest.skip(f"No postgres store is installed: {exc}")
        store.setup()
        self._opened.append(store)
        return store

    def close(self) -> None:
        for store in self._opened:
            store.close()
        if self._shared is not None:
            self._shared.close()
        if self.url:
            pg.drop_database(self.url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    b = Backend(request.param, tmp_path)
    yield b
    b.close()


@pytest.fixture
def store(backend: Backend) -> Store:
    """A fresh, migrated store of the current backend."""
    return backend.open()


@pytest.fixture
def mem(store: Store, embedder: Any, clock: Any) -> Memory:
    """The sync facade over the current backend, with the fake embedder and a fixed clock."""
    return Memory(store=store, embedder=embedder, clock=clock)
