"""Claude's memory tool (``memory_20250818``) backed by memstack, in a tool loop. Runs offline.

    pip install 'memstack[server]' anthropic    # the stand-in API runs on uvicorn
    python examples/anthropic_memory_tool.py

A scripted stand-in for the Messages API plays the model: it looks at
``/memories``, reads ``memory.md`` and edits it. With a real key, drop the fake
server and ``base_url``: the loop is the same. Edits become proposals for a
person to review (``memstack review``), or apply at once where the scope's
review policy is ``auto``.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time

import anthropic
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from memstack import Memory
from memstack.adapters.anthropic_memory import TOOL, MemoryTool

DOC = "/memories/memory.md"
SCRIPT = [  # what the stand-in "model" does, one turn per request
    [{"command": "view", "path": "/memories"}],
    [{"command": "view", "path": DOC}],
    [{"command": "str_replace", "path": DOC, "old_str": "Alice lives in Leeds",
      "new_str": "Alice lives in York"}],
    [{"command": "view", "path": "/memories/../../etc/passwd"}],
    "Got it: I'll remember that you moved to York.",
]  # fmt: skip


async def fake_messages(request: Request) -> JSONResponse:
    turn = SCRIPT[fake_messages.calls]  # type: ignore[attr-defined]
    fake_messages.calls += 1  # type: ignore[attr-defined]
    if isinstance(turn, str):
        content, stop = [{"type": "text", "text": turn}], "end_turn"
    else:
        content = [{"type": "tool_use", "id": f"toolu_{fake_messages.calls}_{i}",  # type: ignore[attr-defined]
                    "name": "memory", "input": call} for i, call in enumerate(turn)]
        stop = "tool_use"
    return JSONResponse({"id": "msg", "type": "message", "role": "assistant", "model": "fake",
                         "content": content, "stop_reason": stop, "stop_sequence": None,
                         "usage": {"input_tokens": 1, "output_tokens": 1}})  # fmt: skip


fake_messages.calls = 0  # type: ignore[attr-defined]


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
    url, server = serve_in_thread(
        Starlette(routes=[Route("/v1/messages", fake_messages, methods=["POST"])])
    )
    with tempfile.TemporaryDirectory() as home, Memory(home) as memory:
        memory.add("acme/alice", "Alice lives in Leeds", kind="fact")
        tool = MemoryTool(memory, "acme/alice")
        client = anthropic.Anthropic(base_url=url, api_key="not-needed-offline")
        messages: list = [{"role": "user", "content": "I moved to York last week."}]
        while True:
            reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024,
                                           tools=[TOOL], messages=messages)  # type: ignore[list-item]
            messages.append({"role": "assistant", "content": reply.content})
            if reply.stop_reason != "tool_use":
                print("assistant:", reply.content[0].text)
                break
            results = [tool.answer(b) for b in reply.content if b.type == "tool_use"]
            for r in results:
                flag = "error" if r.get("is_error") else "ok"
                print(f"tool [{flag}]:", r["content"].splitlines()[0])
            messages.append({"role": "user", "content": results})
        print("pending review:", [(p.op, p.text) for p in memory.proposals("acme/alice")])
        print("memory now:", [r.text for r in memory.list("acme/alice")])
        client.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
