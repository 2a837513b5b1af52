"""MCP over streamable HTTP: one endpoint, many scopes, each connection bound to one.

Over stdio a server is started for one scope. Over HTTP one endpoint serves every
caller, so the scope comes with each request (the host, e.g. ``memstack serve``,
authenticates the caller and checks the scope against its key's tenant) and this
module hands the request to the MCP server bound to that scope. The tools are the
stdio tools, unchanged: the model never passes a scope, so it cannot reach another.

Each bound scope gets its own :class:`~mcp.server.mcpserver.MCPServer` and its own
SDK session manager, created on the first request for the scope and kept for later
ones (at most ``max_scopes``; the least recently used is stopped beyond that, and
its clients open a new session, as after an idle timeout). A session manager's
task group must be entered and left by one task, so each runs in its own task
inside :meth:`McpHttp.run`'s task group, never in a request's task.

Sessions belong to the credential that opened them: the host passes an ``owner``
(the key id) and a request for a session opened under another owner is answered
404, exactly like an unknown session.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio
from anyio.abc import TaskGroup, TaskStatus
from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser
from mcp.server.auth.provider import AccessToken
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings

from ..core import AsyncMemory
from ..errors import UsageError
from ..models import Scope
from .server import build_server

__all__ = ["McpHttp"]

AsgiScope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


@dataclass
class _Endpoint:
    manager: StreamableHTTPSessionManager
    stop: anyio.Event = field(default_factory=anyio.Event)


class McpHttp:
    """The streamable-HTTP MCP endpoint over one memory, for any number of scopes.

    Args:
        memory: the facade every bound server calls; the caller opens and closes it.
        max_scopes: bound servers kept at once (least recently used stopped beyond).
        session_idle_timeout: seconds after which an idle MCP session ends.

    Use :meth:`run` as (part of) the host's lifespan and call :meth:`handle` for
    each request to the endpoint.

    Example:
        >>> from memstack import AsyncMemory
        >>> from memstack.embed.fake import FakeEmbedder
        >>> from memstack.store.memory import InMemoryStore
        >>> hub = McpHttp(AsyncMemory(store=InMemoryStore(), embedder=FakeEmbedder()))
        >>> hub.max_scopes
        256
    """

    def __init__(
        self, memory: AsyncMemory, *, max_scopes: int = 256, session_idle_timeout: float = 1800
    ) -> None:
        if max_scopes < 1:
            raise UsageError(f"max_scopes must be at least 1, got {max_scopes}.")
        self.memory = memory
        self.max_scopes = max_scopes
        self.session_idle_timeout = session_idle_timeout
        self._endpoints: OrderedDict[tuple[str, bool], _Endpoint] = OrderedDict()
        self._tg: TaskGroup | None = None
        self._lock = anyio.Lock()

    @asynccontextmanager
    async def run(self) -> AsyncIterator[None]:
        """Serve while inside this context; leaving it ends every session."""
        async with anyio.create_task_group() as tg:
            self._tg = tg
            try:
                yield
            finally:
                self._tg = None
                for endpoint in self._endpoints.values():
                    endpoint.stop.set()
                self._endpoints.clear()

    async def handle(
        self, bound: str, scope: AsgiScope, receive: Receive, send: Send, *,
        owner: str, writes: bool,
    ) -> None:  # fmt: skip
        """Answer one HTTP request to the endpoint for a caller bound to ``bound``.

        Args:
            bound: the scope the caller's connection is bound to (already checked
                against the caller's tenant by the host).
            scope, receive, send: the ASGI request.
            owner: who the caller is (e.g. the API key's id): sessions are theirs.
            writes: the caller may propose (``memory_remember`` is offered).

        Raises:
            UsageError: called outside :meth:`run`.
            InvalidScope: ``bound`` is not a scope path.
        """
        endpoint = await self._endpoint(Scope.parse(bound).path, writes)
        scope["user"] = AuthenticatedUser(AccessToken(token="", client_id=owner, scopes=[]))
        await endpoint.manager.handle_request(scope, receive, send)

    async def _endpoint(self, bound: str, writes: bool) -> _Endpoint:
        key = (bound, writes)
        async with self._lock:
            found = self._endpoints.get(key)
            if found is not None:
                self._endpoints.move_to_end(key)
                return found
            if self._tg is None:
                raise UsageError("The MCP endpoint is not running; serve it inside McpHttp.run().")
            server = build_server(self.memory, bound, writes=writes)
            # Builds the server's session manager (the Starlette app around it is not used).
            # The host checks every request's key; without keys it answers only requests
            # addressed to a loopback name, so the SDK's Host check is not needed here.
            server.streamable_http_app(
                session_idle_timeout=self.session_idle_timeout,
                transport_security=TransportSecuritySettings(
                    enable_dns_rebinding_protection=False
                ),
            )
            endpoint = _Endpoint(server.session_manager)
            await self._tg.start(self._serve, endpoint)
            self._endpoints[key] = endpoint
            while len(self._endpoints) > self.max_scopes:
                _, old = self._endpoints.popitem(last=False)
                old.stop.set()
            return endpoint

    @staticmethod
    async def _serve(
        endpoint: _Endpoint, *, task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        async with endpoint.manager.run():
            task_status.started()
            await endpoint.stop.wait()
