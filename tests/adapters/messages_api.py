"""A fake Anthropic Messages API: real HTTP, the real wire format, a scripted model.

Each ``POST /v1/messages`` answers the next scripted turn: a list of tool calls
(``tool_use`` blocks, ``stop_reason: tool_use``) or a final text
(``stop_reason: end_turn``). Every request body is kept, so a test can read the
``tool_result`` blocks the client sent back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


@dataclass
class MessagesApi:
    script: list[list[dict[str, Any]] | str]
    requests: list[dict[str, Any]] = field(default_factory=list)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/v1/messages", self.messages, methods=["POST"])])

    async def messages(self, request: Request) -> JSONResponse:
        body = json.loads(await request.body())
        self.requests.append(body)
        turn = self.script[len(self.requests) - 1]
        n = len(self.requests)
        if isinstance(turn, str):
            content: list[dict[str, Any]] = [{"type": "text", "text": turn}]
            stop = "end_turn"
        else:
            content = [{"type": "text", "text": "Let me check my memory."}] + [
                {"type": "tool_use", "id": f"toolu_{n:02}_{i}", "name": "memory", "input": call}
                for i, call in enumerate(turn)
            ]
            stop = "tool_use"
        return JSONResponse({
            "id": f"msg_{n:02}", "type": "message", "role": "assistant",
            "model": body["model"], "content": content, "stop_reason": stop,
            "stop_sequence": None,
            "usage": {"input_tokens": 100, "output_tokens": 20,
                      "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0},
        })  # fmt: skip

    def results(self, turn: int) -> list[dict[str, Any]]:
        """The tool_result blocks the client sent in request ``turn`` (0-based)."""
        last = self.requests[turn]["messages"][-1]
        return [b for b in last["content"] if b.get("type") == "tool_result"]
