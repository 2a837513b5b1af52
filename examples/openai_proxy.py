"""The OpenAI-compatible memory proxy, with the ``openai`` SDK in front. Runs offline.

    pip install 'memstack[server]' openai
    python examples/openai_proxy.py

Instead of a real provider, a tiny fake upstream answers in the Chat Completions
format (and says how many system messages it received). The proxy runs as
``memstack serve`` does with an upstream: at ``/proxy/v1``. Point a real
application at ``memstack proxy --upstream https://api.openai.com/v1`` the same way.
"""

from __future__ import annotations

import asyncio
import json
import socket
import tempfile
import threading
import time

import httpx
import openai
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from memstack import AsyncMemory
from memstack.core import create_key
from memstack.server import ServerConfig, create_app

received: list[dict] = []


async def fake_completions(request: Request) -> JSONResponse:
    body = json.loads(await request.body())
    received.append(body)
    systems = [m for m in body["messages"] if m["role"] == "system"]
    return JSONResponse({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": body["model"],
        "choices": [{"index": 0, "finish_reason": "stop", "message": {
            "role": "assistant", "content": f"(fake model) I was sent {len(systems)} system "
                                            "message(s). Try a mushroom risotto."}}],
        "usage": {"prompt_tokens": 1500, "completion_tokens": 12, "total_tokens": 1512,
                  "prompt_tokens_details": {"cached_tokens": 1024}},
    })  # fmt: skip


def serve_in_thread(app: object) -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def main() -> None:
    upstream_url, upstream = serve_in_thread(
        Starlette(routes=[Route("/v1/chat/completions", fake_completions, methods=["POST"])])
    )
    with tempfile.TemporaryDirectory() as home:
        memory = AsyncMemory(home)
        asyncio.run(memory.add("acme", "Answer in British English.", kind="rule"))
        asyncio.run(memory.add("acme/alice", "Alice is vegetarian", kind="fact"))
        key, _ = create_key(memory.store, "acme", "writer", name="example")
        config = ServerConfig(proxy_upstream=upstream_url + "/v1", proxy_key_env=None)
        url, server = serve_in_thread(create_app(memory, config=config))
        try:
            client = openai.OpenAI(base_url=url + "/proxy/v1", api_key=key,
                                   default_headers={"X-Memstack-Scope": "acme/alice"})
            reply = client.chat.completions.create(model="gpt-4o-mini", messages=[
                {"role": "user", "content": "I prefer spicy food. What should I cook tonight?"}])
            print("reply:", reply.choices[0].message.content)
            sent = received[-1]
            print("upstream got prompt_cache_key:", sent["prompt_cache_key"])
            print("upstream got memory:", sent["messages"][0]["content"].splitlines()[:3], "...")
            for _ in range(100):  # the extraction worker turns the exchange into proposals
                pending = asyncio.run(memory.proposals("acme/alice"))
                if pending:
                    break
                time.sleep(0.1)
            print("proposed for review:", [p.text for p in pending])
            usage = httpx.get(url + "/proxy/usage", headers={"Authorization": f"Bearer {key}"})
            print("metered:", usage.json()["scopes"])
            client.close()
        finally:
            server.should_exit = True
            time.sleep(0.5)
            memory.close()
    upstream.should_exit = True


if __name__ == "__main__":
    main()
