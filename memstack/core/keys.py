"""API keys: make, check, list and revoke the keys the server accepts.

A key looks like ``msk_<43 url-safe characters>`` (256 random bits). The store
keeps only ``sha256:<hex>`` of it (see :mod:`memstack.models.keys`), so a
leaked database does not leak working keys; the secret is returned once, by
:func:`create_key`. Every function takes a :class:`~memstack.store.base.Store`
and runs one batch, so the CLI (``memstack keys``) and the server share them
and the server needs no import of its own.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any, cast

from ..errors import UsageError
from ..models import Op, Scope, new_id
from ..models.keys import ROLES, ApiKey, KeyGetOp, KeyListOp, KeyPutOp, KeyRevokeOp
from ..store.base import Store

__all__ = ["KEY_PREFIX", "create_key", "find_key", "hash_secret", "list_keys", "revoke_key"]

#: Every key starts with this, so secret scanners (and people) recognise one.
KEY_PREFIX = "msk_"


def hash_secret(secret: str) -> str:
    """The stored form of a key: ``sha256:<hex>`` of its UTF-8 bytes.

    Example:
        >>> hash_secret("msk_x")[:15]
        'sha256:6d6eb411'
    """
    return "sha256:" + hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _batch(store: Store, op: Op) -> Any:
    return store.batch([op])[0]


def create_key(
    store: Store, tenant: str, role: str, *, name: str | None = None, now: datetime | None = None
) -> tuple[str, ApiKey]:
    """Make a key for one tenant and role and store its hash.

    Args:
        store: where keys are kept (the same store the server serves).
        tenant: the first scope segment the key may touch, e.g. ``"acme"``.
        role: ``reader``, ``writer``, ``reviewer`` or ``admin``.
        name: an optional label.
        now: the creation time (default: now).

    Returns:
        ``(secret, key)``: the secret is shown once and never stored.

    Raises:
        UsageError, InvalidScope: an unknown role, or a tenant that is not one scope segment.
    """
    if role not in ROLES:  # narrows str to Role
        raise UsageError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    if Scope.parse(tenant).tenant != tenant:
        raise UsageError(
            f"A tenant is one scope segment, got {tenant!r}.",
            hint=f"Use {Scope.parse(tenant).tenant!r}: the key covers every scope below it.",
        )
    if name is not None and (name.startswith("policy:") or not name.strip() or "\n" in name):
        # The name is the key's actor in events; "policy:" names belong to review policies.
        raise UsageError(f"A key name must be one line and not start with 'policy:', got {name!r}.")
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        id=new_id(), tenant=tenant, role=role, secret_hash=hash_secret(secret),
        prefix=secret[:10], created_at=now or datetime.now(UTC), name=name,
    )  # fmt: skip
    _batch(store, KeyPutOp(key))
    return secret, key


def find_key(store: Store, secret: str) -> ApiKey | None:
    """The stored key for a presented secret, or ``None`` (revoked keys are returned too)."""
    if not secret.startswith(KEY_PREFIX) or len(secret) > 200:
        return None
    return cast(ApiKey | None, _batch(store, KeyGetOp(hash_secret(secret))))


def list_keys(
    store: Store, tenant: str | None = None, *, include_revoked: bool = False
) -> list[ApiKey]:
    """Stored keys, oldest first (``tenant``: only that tenant's)."""
    return cast(list[ApiKey], _batch(store, KeyListOp(tenant, include_revoked)))


def revoke_key(store: Store, id: str, *, now: datetime | None = None) -> ApiKey:
    """Revoke a key by id; it stops working at once. Raises NotFound."""
    return cast(ApiKey, _batch(store, KeyRevokeOp(id, now or datetime.now(UTC))))
