"""MCP over streamable HTTP on ``memstack serve``: the official client, a real socket, API keys.

The app is the REST server's (``create_app``) around an in-memory store, served by
uvicorn on a free loopback port; the client is the SDK's streamable-HTTP transport
with an ``Authorization`` header, bound to a scope by ``?scope=``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import httpx2
import pytest
from mcp import Client, MCPError
from mcp.client.streamable_http import streamable_http_client

from memstack.core import create_key
from memstack.server import ServerConfig, create_app

from ..live import serving
from .conftest import SCOPE, World, text_of

INIT = {
    "jsonrpc": "2.0", "id": 1, "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {},
               "clientInfo": {"name": "test", "version": "1"}},
}  # fmt: skip
ACCEPT = {"Accept": "application/json, text/event-stream"}


class Served:
    def __init__(self, world: World, url: str, keys: dict[str, str]) -> None:
        self.world, self.url, self.keys = world, url, keys

    def run(self, key: str, scope: str | None, body: Any, *, mode: str = "auto") -> Any:
        """``body(client)`` with a client holding ``key``, bound to ``scope``."""
        url = self.url + "/mcp" + (f"?scope={scope}" if scope is not None else "")

        async def go() -> Any:
            http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {self.keys[key]}"})
            async with http, Client(streamable_http_client(url, http_client=http),
                                    mode=mode, cache=None) as client:  # type: ignore[arg-type]
                return await body(client)

        return asyncio.run(asyncio.wait_for(go(), 60))


@pytest.fixture
def served(world: World) -> Iterator[Served]:
    keys = {}
    for tenant, role in [("acme", "writer"), ("acme", "reader"), ("acme2", "admin")]:
        keys[f"{tenant}:{role}"], _ = create_key(world.memory.store, tenant, role)
    app = create_app(world.memory, config=ServerConfig(rate=0))
    with serving(app) as url:
        yield Served(world, url, keys)


@pytest.mark.parametrize("mode", ["auto", "legacy"])
def test_http_client_lists_calls_reads_and_only_proposes(served: Served, mode: str) -> None:
    world = served.world

    async def body(client: Client) -> dict[str, Any]:
        return {
            "tools": {t.name for t in (await client.list_tools()).tools},
            "search": await client.call_tool("memory_search", {"query": "salary vegetarian"}),
            "bob": await client.call_tool("memory_get", {"id": world.ids["bob"]}),
            "rendered": await client.read_resource(f"memory://{SCOPE}"),
            "remember": await client.call_tool(
                "memory_remember", {"statement": "Alice is allergic to peanuts"}
            ),
            "pending": await client.read_resource(f"memory://{SCOPE}/pending"),
        }

    out = served.run("acme:writer", SCOPE, body, mode=mode)
    assert len(out["tools"]) == 6 and "memory_remember" in out["tools"]
    found = {h["memory"]["id"] for h in out["search"].structured_content["hits"]}
    assert found == {world.ids["alice"], world.ids["rule"]}
    assert out["bob"].is_error and "salary" not in text_of(out["bob"])
    assert "Alice is vegetarian" in out["rendered"].contents[0].text
    made = out["remember"].structured_content
    assert made["pending"] == 1 and made["proposals"][0]["state"] == "pending"
    assert "allergic to peanuts" in out["pending"].contents[0].text

    async def stored() -> tuple[list[Any], list[Any]]:
        m = world.memory
        return await m.proposals(SCOPE, state="pending"), await m.list(SCOPE)

    pending, records = asyncio.run(stored())
    assert [p.text for p in pending] == ["Alice is allergic to peanuts"]
    assert pending[0].source.author == "mcp" and pending[0].source.origin == "ai"
    assert not any("peanuts" in r.text for r in records)  # a proposal, not a memory


def test_a_reader_key_gets_the_read_tools_only(served: Served) -> None:
    async def body(client: Client) -> set[str]:
        return {t.name for t in (await client.list_tools()).tools}

    tools = served.run("acme:reader", SCOPE, body)
    assert "memory_remember" not in tools and "memory_search" in tools


def test_without_a_scope_the_connection_is_bound_to_the_keys_tenant(served: Served) -> None:
    async def body(client: Client) -> Any:
        return await client.call_tool("memory_search", {"query": "English vegetarian"})

    hits = served.run("acme:writer", None, body).structured_content["hits"]
    assert [h["memory"]["id"] for h in hits] == [served.world.ids["rule"]]  # acme only


def test_another_tenants_scope_is_refused_like_a_missing_one(served: Served) -> None:
    async def body(client: Client) -> Any:
        return await client.list_tools()

    with pytest.raises(ExceptionGroup) as raised:  # the SDK's error for an HTTP 404
        served.run("acme2:admin", SCOPE, body)
    assert raised.group_contains(MCPError, match="Not Found")

    key = {"Authorization": f"Bearer {served.keys['acme:writer']}", **ACCEPT}
    answers = {
        scope: httpx.post(f"{served.url}/mcp?scope={scope}", json=INIT, headers=key)
        for scope in ("acme2/x", "acme2", "acme2/%2e%2e/acme", "ACME/alice")
    }
    nowhere = httpx.post(f"{served.url}/mcp?scope=zzz/none", json=INIT, headers=key)
    for scope, r in answers.items():
        assert r.status_code in (400, 404), scope
        assert r.json()["ok"] is False, scope
        if r.status_code == 404:
            assert r.json()["message"].replace(scope, "?") == nowhere.json()["message"].replace(
                "zzz/none", "?"
            )
    assert answers["acme2/x"].status_code == 404
    header = httpx.post(
        f"{served.url}/mcp", json=INIT, headers={**key, "X-Memstack-Scope": "acme2/x"}
    )
    assert header.status_code == 404


def test_keys_are_required_and_sessions_belong_to_their_key(served: Served) -> None:
    url = f"{served.url}/mcp?scope={SCOPE}"
    nokey = httpx.post(url, json=INIT, headers=ACCEPT)
    assert nokey.status_code == 401 and nokey.json()["error"] == "Unauthorized"
    bad = httpx.post(url, json=INIT, headers={**ACCEPT, "Authorization": "Bearer nope"})
    assert bad.status_code == 401

    writer = {"Authorization": f"Bearer {served.keys['acme:writer']}", **ACCEPT}
    opened = httpx.post(url, json=INIT, headers=writer)
    assert opened.status_code == 200
    session = opened.headers["mcp-session-id"]
    ping = {"jsonrpc": "2.0", "id": 2, "method": "ping"}
    own = httpx.post(url, json=ping, headers={**writer, "mcp-session-id": session,
                                               "mcp-protocol-version": "2025-06-18"})  # fmt: skip
    assert own.status_code == 200
    reader = {"Authorization": f"Bearer {served.keys['acme:reader']}", **ACCEPT}
    other = httpx.post(url, json=ping, headers={**reader, "mcp-session-id": session,
                                                 "mcp-protocol-version": "2025-06-18"})  # fmt: skip
    assert other.status_code == 404  # another key: as if the session did not exist
