"""A server around an in-memory ``AsyncMemory``, called in-process, with a key per role.

Tenant ``acme`` has one key per role; tenant ``acme2`` (a prefix trick: it
starts with ``acme``) has an admin key and memories of its own, so every test
can check that one tenant never sees the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from memstack import AsyncMemory, Client
from memstack.core import create_key
from memstack.embed.fake import FakeEmbedder
from memstack.server import ServerConfig, create_app
from memstack.store.memory import InMemoryStore


@dataclass
class Server:
    """The app, its memory and the keys; ``http(role)`` is a TestClient with that key."""

    app: Any
    memory: AsyncMemory
    keys: dict[str, str] = field(default_factory=dict)
    _clients: list[TestClient] = field(default_factory=list)

    def http(self, role: str | None = "admin", tenant: str = "acme") -> TestClient:
        headers = (
            {} if role is None else {"Authorization": f"Bearer {self.keys[f'{tenant}:{role}']}"}
        )
        client = TestClient(self.app, headers=headers)
        self._clients.append(client)
        return client

    def client(self, role: str = "admin", tenant: str = "acme") -> Client:
        return Client("http://testserver", self.keys[f"{tenant}:{role}"], http=self.http(None))

    def close(self) -> None:
        for c in self._clients:
            c.close()
        self.memory.close()


def make_server(config: ServerConfig | None = None, clock: Any = None) -> Server:
    memory = AsyncMemory(store=InMemoryStore(), embedder=FakeEmbedder(), clock=clock)
    server = Server(create_app(memory, config=config or ServerConfig(rate=0)), memory)
    for tenant, roles in {
        "acme": ("reader", "writer", "reviewer", "admin"),
        "acme2": ("admin",),
    }.items():
        for role in roles:
            secret, _ = create_key(memory.store, tenant, role, name=f"{tenant}-{role}")
            server.keys[f"{tenant}:{role}"] = secret
    return server


@pytest.fixture
def server() -> Iterator[Server]:
    s = make_server()
    yield s
    s.close()
