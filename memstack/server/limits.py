"""Per-key rate limiting (429) and the request body limit (413).

The rate limit is a token bucket per key, kept in the server process: a key
may make ``burst`` requests at once and ``rate`` per second on average. With
several worker processes each keeps its own buckets, so the effective limit is
``workers × rate``; the docs say so.

The body limit is enforced while the body is read, not from ``Content-Length``
alone, so a chunked upload cannot get past it either.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ..errors import RateLimited, TooLarge

__all__ = ["BodyLimit", "RateLimiter"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class RateLimiter:
    """Token buckets by key id.

    Args:
        rate: tokens added per second (``0``: no limit).
        burst: bucket size.
        clock: monotonic seconds (tests pass their own).
    """

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        """Take one token for ``key`` or raise :class:`RateLimited` with the wait."""
        if self.rate <= 0:
            return
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                wait = (1.0 - tokens) / self.rate
                raise RateLimited(
                    f"Too many requests for this key (limit {self.rate:g}/s, burst {self.burst}).",
                    hint=f"Retry after {wait:.2f} s.",
                    retry_after=wait,
                )
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > 100_000:  # forget idle keys rather than grow without bound
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}


class BodyLimit:
    """ASGI middleware: answer 413 for a body over ``limit`` bytes, before a route sees it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(send, scope.get("state", {}).get("request_id"))
            return
        seen = 0

        async def limited() -> Message:
            # Raised while a route reads its body; the app's error handler answers 413.
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(self._message, hint="Send fewer items per request.")
            return message

        await self.app(scope, limited, send)

    @property
    def _message(self) -> str:
        return f"The request body is over the server's limit of {self.limit} bytes."

    async def _too_large(self, send: Send, request_id: str | None) -> None:
        body = json.dumps({
            "ok": False, "status": 413, "error": "TooLarge",
            "message": self._message,
            "hint": "Send fewer items per request.", "request_id": request_id,
        }).encode()  # fmt: skip
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})
