"""A fake OpenAI Chat Completions server: real HTTP, the real wire format, SSE included.

It records every request it receives (headers and JSON body) and every byte it
sends, so tests can compare what the client got with what the upstream sent.
The ``model`` field picks the behaviour: ``ok`` (default), ``rate-limited``
(429 with ``Retry-After``), ``broken`` (500), ``slow`` (answers after 8 s, past the
proxy timeout of the tests: 4 s).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

REPLY = "Try a green tea, ‘sencha’ — no milk."
USAGE = {
    "prompt_tokens": 1400, "completion_tokens": 12, "total_tokens": 1412,
    "prompt_tokens_details": {"cached_tokens": 1280, "audio_tokens": 0},
    "completion_tokens_details": {"reasoning_tokens": 0},
}  # fmt: skip


@dataclass
class Upstream:
    """What the fake received and sent."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    sent: list[bytes] = field(default_factory=list)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/v1/chat/completions", self.chat, methods=["POST"])])

    async def chat(self, request: Request) -> Response:
        body = json.loads(await request.body())
        self.requests.append(body)
        self.headers.append(dict(request.headers))
        model = body.get("model", "ok")
        if model == "rate-limited":
            return self._send(429, {"error": {
                "message": "Rate limit reached for requests", "type": "requests",
                "param": None, "code": "rate_limit_exceeded"}},
                {"retry-after": "7", "x-ratelimit-remaining-requests": "0"})  # fmt: skip
        if model == "broken":
            return self._send(500, {"error": {"message": "The server had an error",
                                              "type": "server_error", "param": None,
                                              "code": None}})  # fmt: skip
        if model == "slow":
            await asyncio.sleep(8)
        if body.get("stream"):
            return self._stream(body)
        completion = {
            "id": "chatcmpl-fake1", "object": "chat.completion", "created": 1764800000,
            "model": "gpt-fake", "system_fingerprint": "fp_fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": REPLY,
                                                 "refusal": None, "annotations": []},
                         "logprobs": None, "finish_reason": "stop"}],
            "usage": USAGE,
        }  # fmt: skip
        return self._send(200, completion, {"x-request-id": "req_fake_123"})

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
        raw = json.dumps(body, indent=2, ensure_ascii=False).encode()  # not our compact form
        self.sent.append(raw)
        return Response(raw, status, headers=headers, media_type="application/json")

    def _stream(self, body: dict[str, Any]) -> StreamingResponse:
        base = {"id": "chatcmpl-fake2", "object": "chat.completion.chunk",
                "created": 1764800001, "model": "gpt-fake", "system_fingerprint": "fp_fake"}
        pieces = ["Try a ", "green tea, ", "‘sencha’", " — no milk."]
        chunks = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                        "logprobs": None, "finish_reason": None}]}]
        chunks += [{**base, "choices": [{"index": 0, "delta": {"content": p},
                                         "logprobs": None, "finish_reason": None}]}
                   for p in pieces]
        chunks.append({**base, "choices": [{"index": 0, "delta": {}, "logprobs": None,
                                            "finish_reason": "stop"}]})
        if (body.get("stream_options") or {}).get("include_usage"):
            chunks.append({**base, "choices": [], "usage": USAGE})
        events = [f"data: {json.dumps(c, ensure_ascii=False)}\n\n".encode() for c in chunks]
        events.append(b"data: [DONE]\n\n")
        self.sent.append(b"".join(events))

        async def gen() -> Any:
            for e in events:
                # split events across writes, as real servers do
                yield e[: len(e) // 2]
                await asyncio.sleep(0.01)
                yield e[len(e) // 2 :]

        return StreamingResponse(gen(), media_type="text/event-stream",
                                 headers={"x-request-id": "req_fake_456"})
