"""What every route needs: the memory door, the caller (key, tenant, role), tenancy checks.

Routes stay short by declaring ``caller: Caller`` and ``door: Door`` (``Annotated``
dependency aliases, as in the FastAPI full-stack template). Tenancy is enforced
here, in one place:

* a scope outside the key's tenant is answered like a scope that does not exist
  (404, the same message whether or not it exists);
* an id-based call looks the object up first and answers 404 when its scope is
  in another tenant, with exactly the message an unknown id gets.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, cast

import anyio.to_thread
from fastapi import Depends, Request

from ..core import AsyncMemory, Memory, find_key
from ..errors import Forbidden, NotFound, Unauthorized
from ..models import ROLES, Event, Proposal, Record, Role, Scope
from .config import ServerConfig
from .limits import RateLimiter

__all__ = [
    "COOKIE",
    "authenticate",
    "CSRF_COOKIE",
    "Caller",
    "Door",
    "Principal",
    "csrf_token",
]

COOKIE = "memstack_key"
CSRF_COOKIE = "memstack_csrf"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling.

    Attributes:
        tenant: the one tenant the key may touch; ``None`` only with ``--no-auth``.
        role: ``reader``, ``writer``, ``reviewer`` or ``admin``.
        key_id: the key's id (``None`` without auth); logged, never its secret.
        actor: the default author/reviewer name recorded in events.
    """

    tenant: str | None
    role: Role
    key_id: str | None
    actor: str

    def has(self, role: Role) -> bool:
        """True if this caller's role is ``role`` or stronger."""
        return ROLES.index(self.role) >= ROLES.index(role)

    def require(self, role: Role) -> None:
        """Raise Forbidden unless this caller's role is ``role`` or stronger."""
        if not self.has(role):
            raise Forbidden(
                f"This key's role is {self.role}; the call needs {role} or above.",
                hint="Create a key with that role: 'memstack keys create <tenant> --role ...'.",
            )

    def scope(self, value: str) -> str:
        """Validate a scope and check it is in this caller's tenant (else 404)."""
        s = Scope.parse(value)
        if self.tenant is not None and s.tenant != self.tenant:
            raise NotFound(f"No scope {s.path!r}.", hint="Scopes start with the key's tenant.")
        return s.path

    def default_scope(self, value: str | None) -> str | None:
        """``value`` checked, or the tenant when it is ``None``."""
        return self.scope(value) if value is not None else self.tenant

    def sees(self, scope: str) -> bool:
        """True if an object of ``scope`` belongs to this caller's tenant."""
        return self.tenant is None or scope.split("/", 1)[0] == self.tenant


def _loopback_host(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name.strip("[]") in ("127.0.0.1", "localhost", "::1") or name.startswith("127.")


def csrf_token(secret: str) -> str:
    """The CSRF token that goes with a signed-in key: only its holder can compute it."""
    return hmac.new(secret.encode(), b"memstack-csrf", "sha256").hexdigest()[:32]


class _InThreads:
    """A blocking :class:`~memstack.Memory` seen as an :class:`~memstack.AsyncMemory`.

    Each method call runs in a worker thread. Typing it as ``AsyncMemory`` is
    sound because ``Memory`` is generated from ``AsyncMemory``'s source
    (``scripts/unasync.py``): the same methods with the same parameters.
    """

    def __init__(self, memory: Memory) -> None:
        self._memory = memory

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._memory, name)
        if not callable(attr):
            return attr

        async def call(*args: Any, **kwargs: Any) -> Any:
            return await anyio.to_thread.run_sync(functools.partial(attr, *args, **kwargs))

        return call


class MemoryDoor:
    """Calls the memory without blocking the event loop.

    Routes call :attr:`mem`, typed as :class:`~memstack.AsyncMemory`. With an
    ``AsyncMemory`` the call is awaited (the PostgreSQL store on the loop's own
    connections; SQLite and the embedder in threads); with a
    :class:`~memstack.Memory` the whole call runs in a worker thread.
    """

    def __init__(self, memory: AsyncMemory | Memory) -> None:
        self.memory = memory
        self.mem: AsyncMemory = (
            memory if isinstance(memory, AsyncMemory) else cast(AsyncMemory, _InThreads(memory))
        )

    async def store(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """Run a blocking store helper (e.g. :func:`memstack.core.find_key`) in a thread."""
        return await anyio.to_thread.run_sync(
            functools.partial(fn, self.memory.store, *args, **kwargs)
        )

    # -- tenancy-checked lookups ---------------------------------------------------------

    # The facade's scope bound does the tenancy check (an id outside it is as missing
    # as an unknown one); ``caller.sees`` stays as a second guard.

    async def record(self, caller: Principal, id: str, bound: str | None = None) -> Record:
        rec = await self.mem.get(id, scope=bound or caller.tenant)
        if not caller.sees(rec.scope):
            raise NotFound(f"No memory with id {id!r}.", hint="List ids with 'memstack list'.")
        return rec

    async def proposal(self, caller: Principal, id: str, bound: str | None = None) -> Proposal:
        p = await self.mem.proposal(id, scope=bound or caller.tenant)
        if not caller.sees(p.scope):
            raise NotFound(
                f"No proposal with id {id!r}.", hint="List them with 'memstack proposals'."
            )
        return p

    async def history(self, caller: Principal, id: str, bound: str | None = None) -> list[Event]:
        events = await self.mem.history(id, scope=bound or caller.tenant)
        if any(not caller.sees(e.scope) for e in events):
            raise NotFound(f"No memory or history with id {id!r}.")
        return events


def _door(request: Request) -> MemoryDoor:
    return cast(MemoryDoor, request.app.state.door)


def _config(request: Request) -> ServerConfig:
    return cast(ServerConfig, request.app.state.config)


async def _principal(request: Request) -> Principal:
    return await authenticate(request)


async def authenticate(
    request: Request, *, cookie: bool = True, key_header: str | None = None, bearer: bool = True
) -> Principal:
    """The caller of ``request``: its key (bearer header, or the review page's cookie).

    Args:
        request: the HTTP request.
        cookie: accept the signed-in page's cookie (with its CSRF token). The
            agent endpoints (``/mcp``, ``/proxy``) take only the header, so a web
            page cannot use a reviewer's browser session to reach them.
        key_header: a header that, when present, holds the key instead of
            ``Authorization`` (the proxy's ``X-Memstack-Key``, which leaves
            ``Authorization`` to the caller's provider key).
        bearer: read ``Authorization`` (the proxy without keys leaves it to the provider).

    Raises:
        Unauthorized: no key, an unknown or revoked one.
        Forbidden: a cookie without the right CSRF token.
        RateLimited: the key's rate limit is spent.
    """
    config = _config(request)
    limiter = cast(RateLimiter, request.app.state.limiter)
    header = request.headers.get("authorization", "") if bearer else ""
    secret = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if key_header is not None and key_header in request.headers:
        secret = request.headers[key_header].strip()
    from_cookie = False
    if not secret and cookie and COOKIE in request.cookies:
        secret, from_cookie = request.cookies[COOKIE], True
    if not secret:
        if not config.auth:
            # Without keys, answer only requests addressed to a loopback name: a web page
            # elsewhere cannot reach this server through DNS rebinding.
            if not _loopback_host(request.headers.get("host", "")):
                raise Unauthorized("Without auth this server only answers on a loopback address.")
            limiter.hit("no-auth:" + (request.client.host if request.client else "?"))
            return Principal(tenant=None, role="admin", key_id=None, actor=config.author)
        raise Unauthorized(
            "This server needs an API key: send 'Authorization: Bearer <key>'.",
            hint="Create one with 'memstack keys create <tenant> --role writer'.",
        )
    key = await _door(request).store(find_key, secret)
    if key is None or not key.active:
        raise Unauthorized("Unknown or revoked API key.", hint="Ask an admin for a new key.")
    if from_cookie and request.method not in ("GET", "HEAD", "OPTIONS"):
        sent = request.headers.get("x-csrf-token", "")
        if not hmac.compare_digest(sent.encode(), csrf_token(secret).encode()):
            raise Forbidden(
                "Missing or wrong CSRF token for a signed-in page.",
                hint="Reload the page and try again.",
            )
    limiter.hit(key.id)
    request.state.key_id = key.id
    return Principal(
        tenant=key.tenant, role=key.role, key_id=key.id, actor=key.name or f"key:{key.id}"
    )


Caller = Annotated[Principal, Depends(_principal)]
Door = Annotated[MemoryDoor, Depends(_door)]
Config = Annotated[ServerConfig, Depends(_config)]
