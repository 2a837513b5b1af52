"""The agent endpoints on ``memstack serve``: MCP over streamable HTTP, the memory proxy.

``/mcp`` serves MCP; ``/proxy/v1/chat/completions`` (when the server has an
upstream) is the OpenAI-compatible memory proxy, :mod:`memstack.proxy`.

The REST API's keys and tenant rules apply unchanged. A request needs a key in
the ``Authorization`` header (never the review page's cookie: a web page must
not reach an agent endpoint through a reviewer's browser); the connection is
bound to the scope in ``?scope=`` (or the ``X-Memstack-Scope`` header), which
defaults to the key's tenant. A scope of another tenant is answered 404, as if
it did not exist. A ``reader`` key gets the read tools only; ``writer`` and up
also get ``memory_remember``, whose writes are proposals.

The MCP SDK is an optional extra: without it ``/mcp`` answers 404 with the
install hint, and the rest of the server works as before.

The proxy takes the key from ``X-Memstack-Key`` when that header is present (and
then forwards the caller's ``Authorization`` to the provider), else from
``Authorization`` (and the provider gets the server's own upstream key). A
server without keys (``--no-auth``) reads no key from ``Authorization``: it goes
to the provider when the server has no upstream key of its own. The
scope is ``X-Memstack-Scope``, else the body's ``user`` field, else the key's
tenant. Any role may chat; only ``writer`` and up have their exchanges queued
for extraction (which makes proposals). The proxy's own refusals (no key, a
scope of another tenant, a malformed body) use OpenAI's error shape, so an
OpenAI client shows their message.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..core import AsyncMemory
from ..errors import MemstackError, NotFound, RateLimited, UsageError
from ..proxy import ChatProxy
from .config import ServerConfig
from .deps import Principal, authenticate
from .errors import memstack_response
from .limits import Receive, Scope, Send

__all__ = ["McpEndpoint", "ProxyEndpoint", "bound_scope"]

#: The header that names the scope when the URL does not.
SCOPE_HEADER = "x-memstack-scope"


def bound_scope(caller: Principal, request: Request) -> str:
    """The scope a request is bound to: ``?scope=``, else the header, else the key's tenant.

    Raises:
        InvalidScope: not a scope path.
        NotFound: a scope of another tenant (the same answer as a missing one).
        UsageError: no scope at all on a server without keys.
    """
    value = request.query_params.get("scope") or request.headers.get(SCOPE_HEADER)
    if value is None:
        if caller.tenant is None:
            raise UsageError(
                "Name the scope: add ?scope=<tenant/...> to the URL.",
                hint="Without keys the server cannot take it from a key's tenant.",
            )
        return caller.tenant
    return caller.scope(value)


class _Hub(Protocol):
    def run(self) -> AbstractAsyncContextManager[None]: ...

    async def handle(
        self, bound: str, scope: Scope, receive: Receive, send: Send, *, owner: str,
        writes: bool,
    ) -> None: ...  # fmt: skip


class McpEndpoint:
    """The ASGI app answering ``/mcp``; :meth:`lifespan` runs its sessions.

    Args:
        memory: the memory the app serves (the facade the MCP tools call).
    """

    def __init__(self, memory: AsyncMemory) -> None:
        self.hub: _Hub | None
        try:
            from ..mcp.http import McpHttp
        except ModuleNotFoundError as exc:
            if exc.name is None or not exc.name.startswith("mcp"):
                raise
            self.hub = None
        else:
            self.hub = McpHttp(memory)

    @asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        """Run the MCP session managers for as long as the app runs."""
        if self.hub is None:
            yield
            return
        async with self.hub.run():
            yield

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            if self.hub is None:
                raise NotFound(
                    "This server has no MCP endpoint: the MCP SDK is not installed.",
                    hint="Install it with: pip install 'memstack[mcp]', then restart the server.",
                )
            caller = await authenticate(request, cookie=False)
            caller.require("reader")
            bound = bound_scope(caller, request)
        except MemstackError as exc:
            await memstack_response(exc, request)(scope, receive, send)
            return
        await self.hub.handle(
            bound, scope, receive, send, owner=caller.key_id or "local",
            writes=caller.has("writer"),
        )  # fmt: skip


#: The proxy's key header (see the module docstring).
KEY_HEADER = "x-memstack-key"


def _user_scope(body: bytes) -> str | None:
    try:
        user = json.loads(body).get("user")
    except (ValueError, AttributeError):
        return None  # the proxy reports a malformed body itself
    return user if isinstance(user, str) and user else None


class ProxyEndpoint:
    """The memory proxy's routes on the app; :meth:`lifespan` runs its worker.

    Args:
        memory: the served memory (the door's :class:`~memstack.AsyncMemory` view).
        owner: the object that can start an extraction worker (``Memory`` or
            ``AsyncMemory``: both have ``start_worker``).
        config: the server's settings (``proxy_*``).
    """

    def __init__(self, memory: AsyncMemory, owner: Any, config: ServerConfig) -> None:
        assert config.proxy_upstream is not None
        api_key = os.environ.get(config.proxy_key_env) if config.proxy_key_env else None
        self.proxy = ChatProxy(
            memory, config.proxy_upstream, api_key=api_key, timeout=config.proxy_timeout
        )
        self.owner = owner
        self.extract = config.proxy_extract
        self.root = config.proxy_root
        self.auth = config.auth

    @asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        """Run an extraction worker (unless one runs) and close the upstream connections."""
        worker = None
        if self.extract:
            try:
                worker = self.owner.start_worker()
            except UsageError:  # this memory already has a worker: it takes our jobs too
                worker = None
        try:
            yield
        finally:
            await self.proxy.aclose()
            if worker is not None:
                worker.stop()

    def install(self, app: FastAPI) -> None:
        """Add the routes: ``/proxy/v1/chat/completions``, ``/proxy/usage`` (and ``/v1/...``)."""
        paths = ["/proxy/v1/chat/completions"] + (["/v1/chat/completions"] if self.root else [])
        for path in paths:
            app.add_api_route(path, self.chat, methods=["POST"], include_in_schema=False)
        app.add_api_route("/proxy/usage", self.usage, methods=["GET"], include_in_schema=False)

    async def chat(self, request: Request) -> Response:
        """One proxied Chat Completions request; memstack's refusals in OpenAI's error shape."""
        try:
            return await self._chat(request)
        except MemstackError as exc:
            body = {"error": {"message": exc.message, "type": type(exc).__name__,
                              "param": None, "code": None, "hint": exc.hint}}  # fmt: skip
            headers = {"retry-after": str(max(1, round(exc.retry_after)))} if isinstance(
                exc, RateLimited
            ) else None  # fmt: skip
            return JSONResponse(body, status_code=exc.status, headers=headers)

    async def _chat(self, request: Request) -> Response:
        # Without keys (local development) Authorization is the provider's business only.
        caller = await authenticate(
            request, cookie=False, key_header=KEY_HEADER, bearer=self.auth
        )
        caller.require("reader")
        body = await request.body()
        named = request.headers.get(SCOPE_HEADER) or _user_scope(body)
        if named is None and caller.tenant is None:
            raise UsageError(
                "Name the scope: an X-Memstack-Scope header or the 'user' field.",
                hint="Without keys the server cannot take it from a key's tenant.",
            )
        bound = caller.scope(named) if named is not None else caller.tenant
        assert bound is not None
        return await self.proxy.chat(
            bound, body, request.headers,
            forward_auth=KEY_HEADER in request.headers or not (self.auth or self.proxy.api_key),
            extract=self.extract and caller.has("writer"),
        )  # fmt: skip

    async def usage(self, request: Request) -> JSONResponse:
        """Tokens the upstream reported per scope of the caller's tenant, since start."""
        caller = await authenticate(request, cookie=False)
        caller.require("reader")
        named = request.query_params.get("scope")
        prefix = caller.scope(named) if named is not None else caller.tenant
        found = self.proxy.usage_under(prefix)
        return JSONResponse({
            "scopes": {
                s: {"requests": u.requests, "reported": u.reported,
                    "prompt_tokens": u.prompt_tokens, "cached_tokens": u.cached_tokens,
                    "completion_tokens": u.completion_tokens,
                    "cache_hit_rate": round(u.cache_hit_rate, 4)}
                for s, u in found.items()
            }
        })  # fmt: skip
