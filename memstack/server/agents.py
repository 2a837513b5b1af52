"""The agent endpoints mounted on ``memstack serve``: MCP over streamable HTTP at ``/mcp``.

The REST API's keys and tenant rules apply unchanged. A request needs a key in
the ``Authorization`` header (never the review page's cookie: a web page must
not reach an agent endpoint through a reviewer's browser); the connection is
bound to the scope in ``?scope=`` (or the ``X-Memstack-Scope`` header), which
defaults to the key's tenant. A scope of another tenant is answered 404, as if
it did not exist. A ``reader`` key gets the read tools only; ``writer`` and up
also get ``memory_remember``, whose writes are proposals.

The MCP SDK is an optional extra: without it ``/mcp`` answers 404 with the
install hint, and the rest of the server works as before.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from starlette.requests import Request

from ..core import AsyncMemory
from ..errors import MemstackError, NotFound, UsageError
from .deps import Principal, authenticate
from .errors import memstack_response
from .limits import Receive, Scope, Send

__all__ = ["McpEndpoint", "bound_scope"]

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
