"""Scopes, stats, health and readiness, who-am-I, and API keys of the caller's tenant."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from ... import __version__
from ...core import create_key, list_keys, revoke_key
from ...errors import NotFound, UsageError
from ...models import ApiKey
from ..deps import Caller, Door, Principal, csrf_token
from ..schemas import HealthOut, ScopesOut, StatsOut, WhoAmIOut
from ..schemas.requests import _In

router = APIRouter()


@router.get("/health", response_model=HealthOut, tags=["service"])
async def health() -> Any:
    """The process is up (no key needed)."""
    return {"ok": True, "version": __version__}


@router.get("/ready", response_model=HealthOut, tags=["service"])
async def ready(door: Door) -> Any:
    """The store answers (no key needed); 500 with the error shape if it does not."""
    await door.mem.scopes("_ready")
    return {"ok": True, "version": __version__}


@router.get("/whoami", response_model=WhoAmIOut, tags=["service"])
async def whoami(request: Request, caller: Caller) -> Any:
    """The caller's tenant and role (and, for a signed-in page, its CSRF token)."""
    from ..deps import COOKIE

    secret = request.cookies.get(COOKIE)
    return {
        "tenant": caller.tenant, "role": caller.role, "key_id": caller.key_id,
        "actor": caller.actor, "csrf": csrf_token(secret) if secret else None,
    }  # fmt: skip


@router.get("/scopes", response_model=ScopesOut, tags=["memories"])
async def scopes(caller: Caller, door: Door, prefix: str | None = None) -> Any:
    """Scopes holding current memories, with counts (default: the whole tenant)."""
    caller.require("reader")
    found: dict[str, int] = await door.mem.scopes(caller.default_scope(prefix))
    return {"data": found, "count": len(found)}


@router.get("/stats", response_model=StatsOut, tags=["service"])
async def stats(caller: Caller, door: Door) -> Any:
    """Counts for the caller's tenant (never another tenant's)."""
    caller.require("reader")
    found: dict[str, int] = await door.mem.scopes(caller.tenant)
    pending = await door.mem.proposals(caller.tenant, state="pending")
    return {
        "tenant": caller.tenant, "scopes": len(found), "memories": sum(found.values()),
        "pending_proposals": len(pending), "embedder": door.memory.embedder.id,
    }  # fmt: skip


# -- keys -----------------------------------------------------------------------------------


class KeyIn(_In):
    role: str
    name: str | None = None
    tenant: str | None = None


class KeyOut(BaseModel):
    id: str
    tenant: str
    role: str
    prefix: str
    name: str | None
    created_at: str
    revoked_at: str | None


class NewKeyOut(KeyOut):
    key: str


class KeysOut(BaseModel):
    data: list[KeyOut]
    count: int


def key_to(k: ApiKey) -> dict[str, Any]:
    """A stored key as JSON (never a hash or secret)."""
    return {
        "id": k.id, "tenant": k.tenant, "role": k.role, "prefix": k.prefix, "name": k.name,
        "created_at": k.created_at.isoformat(),
        "revoked_at": None if k.revoked_at is None else k.revoked_at.isoformat(),
    }  # fmt: skip


def _tenant(caller: Principal, wanted: str | None) -> str:
    if caller.tenant is None:
        if wanted is None:
            raise UsageError("Without auth, say which tenant the key is for ('tenant').")
        return wanted
    if wanted is not None and wanted != caller.tenant:
        raise NotFound(f"No tenant {wanted!r}.")
    return caller.tenant


@router.post("/keys", response_model=NewKeyOut, status_code=201, tags=["keys"])
async def new_key(body: KeyIn, caller: Caller, door: Door) -> Any:
    """Create a key in the caller's tenant (admin); the secret is in this answer only."""
    caller.require("admin")
    secret, key = await door.store(
        create_key, _tenant(caller, body.tenant), body.role, name=body.name
    )
    return {**key_to(key), "key": secret}


@router.get("/keys", response_model=KeysOut, tags=["keys"])
async def keys(caller: Caller, door: Door, include_revoked: bool = False) -> Any:
    """The caller's tenant's keys (admin)."""
    caller.require("admin")
    found = await door.store(list_keys, caller.tenant, include_revoked=include_revoked)
    return {"data": [key_to(k) for k in found], "count": len(found)}


@router.delete("/keys/{id}", status_code=204, tags=["keys"])
async def revoke(id: str, caller: Caller, door: Door) -> Response:
    """Revoke a key of the caller's tenant (admin); it stops working at once."""
    caller.require("admin")
    mine = await door.store(list_keys, caller.tenant, include_revoked=True)
    if not any(k.id == id for k in mine):
        raise NotFound(f"No API key with id {id!r}.", hint="List them with 'memstack keys list'.")
    await door.store(revoke_key, id)
    return Response(status_code=204)
