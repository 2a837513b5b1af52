"""``AsyncClient`` has the same methods as ``Client`` and gives the same values and errors."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import httpx
import pytest

from memstack import AsyncClient, Client, Conflict, Memory, NotFound

from .conftest import make_server


def test_the_clients_have_memorys_methods_and_signatures() -> None:
    names = ["add", "add_many", "get", "list", "count", "search", "update", "delete", "history",
             "scopes", "propose", "proposals", "proposal", "proposal_history", "approve", "reject",
             "set_policy", "policies", "compile", "render", "apply", "forget", "export", "audit",
             "ingest_conversation", "remember"]  # fmt: skip
    for name in names:
        ours = inspect.signature(getattr(Memory, name)).parameters
        theirs = inspect.signature(getattr(Client, name)).parameters
        # The client may leave out in-process-only options (extractor=, background=).
        for pname, p in theirs.items():
            assert pname in ours, (name, pname)
            assert p.kind == ours[pname].kind, (name, pname)
        for pname in ours:
            if pname not in ("extractor", "background"):
                assert pname in theirs, (name, pname)
        assert getattr(AsyncClient, name) is getattr(Client, name)


def test_async_client_runs_a_review_flow_in_process() -> None:
    server = make_server()

    async def flow() -> list[Any]:
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=server.app))
        out: list[Any] = []
        async with AsyncClient("http://test", server.keys["acme:admin"], http=http) as mem:
            rec = await mem.add("acme/alice", "Alice is vegetarian")
            out.append((await mem.get(rec.id)) == rec)
            out.append([h.memory.text for h in await mem.search("acme/alice", "vegetarian")])
            p = await mem.propose("acme/alice", "Alice is vegan", kind="fact")
            with pytest.raises(Conflict):
                await mem.approve(p.id, content_hash="sha256:" + "0" * 64)
            out.append((await mem.approve(p.id, content_hash=p.content_hash)).state)
            with pytest.raises(NotFound):
                await mem.get("01ZZZZZZZZZZZZZZZZZZZZZZZZ")
            out.append((await mem.forget("acme/alice")).counts.records)
        await http.aclose()
        return out

    assert asyncio.run(flow()) == [True, ["Alice is vegetarian"], "approved", 2]
    server.close()
