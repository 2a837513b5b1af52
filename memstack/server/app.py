"""``create_app(memory)``: the ASGI application around one memory.

The app holds no module-level state (no global settings, engine or memory):
everything it needs is passed in, so tests build it around an in-memory
``AsyncMemory`` and call it in-process, and ``memstack serve`` builds it around
the SQLite store in ``./.memstack``.

Layers, outside in: the request log (a request id on every answer, one JSON
line per request with no memory text), the body limit (413 before a route
reads too much), the error handlers (one shape), then the ``/v1`` routers, the
review page under ``/ui``, and the agent endpoints (MCP at ``/mcp``, the memory
proxy at ``/proxy/v1``; see :mod:`memstack.server.agents`).
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.routing import Route

from .. import __version__
from ..core import AsyncMemory
from . import errors
from .agents import McpEndpoint, ProxyEndpoint
from .config import ServerConfig
from .deps import MemoryDoor
from .drain import DrainOnExit
from .limits import ASGIApp, BodyLimit, Message, RateLimiter, Receive, Scope, Send
from .routes import admin, memories, privacy, prompt, proposals, switch

__all__ = ["create_app"]

access_log = logging.getLogger("memstack.server.access")

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestLog:
    """ASGI middleware: a request id for every request, and one access-log line.

    The line holds method, path (never the query string: it may carry a search
    query), status, duration, key id and request id; nothing a memory says.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = sent if _REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = rid
        status = 500
        start = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                # A proxied answer keeps the provider's own request id (what its support asks for).
                if not any(k.lower() == b"x-request-id" for k, _ in headers):
                    headers.append((b"x-request-id", rid.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(json.dumps({
                    "event": "request", "request_id": rid, "method": scope.get("method"),
                    "path": scope.get("path"), "status": status,
                    "ms": round((time.perf_counter() - start) * 1000, 2),
                    "key": state.get("key_id"),
                }))  # fmt: skip


def create_app(
    memory: Any, *, config: ServerConfig | None = None, owns_memory: bool = False
) -> FastAPI:
    """Build the REST API (and the review page) around a memory.

    Args:
        memory: an :class:`~memstack.AsyncMemory` (preferred: awaited) or a
            :class:`~memstack.Memory` (each call runs in a worker thread).
        config: limits, auth and the UI switch (default :class:`ServerConfig()`).
        owns_memory: close the memory when the app shuts down (``memstack serve``).

    Returns:
        The FastAPI application (an ASGI app); OpenAPI at ``/openapi.json``.

    Example:
        >>> from memstack import AsyncMemory
        >>> from memstack.embed.fake import FakeEmbedder
        >>> from memstack.store.memory import InMemoryStore
        >>> app = create_app(AsyncMemory(store=InMemoryStore(), embedder=FakeEmbedder()))
        >>> app.openapi()["info"]["title"]
        'memstack'
    """
    config = config or ServerConfig()

    door = MemoryDoor(memory)
    mcp = McpEndpoint(door.mem) if config.mcp else None
    proxy = ProxyEndpoint(door.mem, memory, config) if config.proxy_upstream else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            if owns_memory and isinstance(memory, AsyncMemory):
                # Closed last, on this event loop: an awaited store's connection pool
                # belongs to the loop and must close before it ends.
                stack.push_async_exit(memory)
            for endpoint in (mcp, proxy):
                if endpoint is not None:
                    await stack.enter_async_context(endpoint.lifespan())
            yield
        # uvicorn stops accepting and lets in-flight requests finish before this runs.
        if owns_memory and not isinstance(memory, AsyncMemory):
            memory.close()

    app = FastAPI(
        title="memstack",
        version=__version__,
        summary="The memory layer for stateless LLMs: governed, reviewable, erasable.",
        lifespan=lifespan,
        # Swagger UI and ReDoc load their scripts from a CDN; the schema itself is served.
        docs_url=None,
        redoc_url=None,
        responses={
            s: {"model": errors_model(), "description": d}
            for s, d in {
                400: "Called it wrong",
                401: "No or unknown key",
                403: "Role too weak",
                404: "Not found (or in another tenant)",
                409: "Conflict",
                413: "Too large",
                422: "Refused by screening",
                429: "Rate limited",
            }.items()
        },  # fmt: skip
    )
    app.state.door = door
    app.state.config = config
    app.state.limiter = RateLimiter(config.rate, config.burst)
    errors.install(app)
    if config.api:
        for module in (memories, proposals, prompt, privacy, admin, switch):
            app.include_router(module.router, prefix="/v1")
    if proxy is not None:
        proxy.install(app)
    if mcp is not None:
        # A plain ASGI endpoint (a Route to a non-function is called as ASGI as is).
        app.router.routes.append(Route("/mcp", mcp, methods=["GET", "POST", "DELETE"]))
    if config.ui:
        from . import ui

        ui.install(app)
    app.add_middleware(BodyLimit, limit=config.max_body)
    app.add_middleware(DrainOnExit)
    app.add_middleware(RequestLog)  # added last: outermost, so every answer gets its id
    return app


def errors_model() -> Any:
    from .schemas import ErrorOut

    return ErrorOut
