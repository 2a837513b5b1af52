"""MCP over HTTP on a local memstack server, driven by the official MCP client. Runs offline.

    pip install 'memstack[server,mcp]'
    python examples/mcp_http.py

It starts ``memstack serve``'s app on a free loopback port (a throwaway store in a
temporary folder), creates a writer key for tenant ``acme``, connects the MCP
client to ``/mcp?scope=acme/alice``, searches, and proposes a memory: the
proposal waits for review, and ``memstack review`` (or the /ui page) decides.
"""

from __future__ import annotations

import asyncio
import socket
import tempfile
import threading
import time

import httpx2
import uvicorn
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from memstack import AsyncMemory
from memstack.core import create_key
from memstack.server import create_app


def serve_in_thread(app: object) -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


async def agent(url: str, key: str) -> None:
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"})
    async with http, Client(streamable_http_client(f"{url}/mcp?scope=acme/alice",
                                                   http_client=http)) as client:
        tools = [t.name for t in (await client.list_tools()).tools]
        print("tools:", ", ".join(tools))
        found = await client.call_tool("memory_search", {"query": "what does Alice eat?"})
        print("search:", [h["memory"]["text"] for h in found.structured_content["hits"]])
        made = await client.call_tool("memory_remember", {"statement": "Alice is allergic to nuts"})
        print("remember:", made.structured_content["pending"], "proposal(s) pending review")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        memory = AsyncMemory(home)
        asyncio.run(memory.add("acme/alice", "Alice is vegetarian", kind="fact"))
        key, _ = create_key(memory.store, "acme", "writer", name="example")
        url, server = serve_in_thread(create_app(memory))
        try:
            asyncio.run(agent(url, key))
            pending = asyncio.run(memory.proposals("acme/alice"))
            print("pending in the store:", [p.text for p in pending])
        finally:
            server.should_exit = True
            time.sleep(0.5)
            memory.close()


if __name__ == "__main__":
    main()
