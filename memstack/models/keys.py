"""API keys of the server: values and store ops.

A key is bound to one tenant (the first segment of every scope it may touch)
and one role. Only a hash of the secret is stored: the secret is shown once,
when the key is created, and a lost key is revoked and replaced, never
recovered. The secrets are 256 random bits, so a plain SHA-256 is enough (a
slow password hash protects guessable secrets, which these are not).

The ops are part of the store contract (:mod:`.contract`): looking a key up
or listing keys are read ops (an authenticated request never takes the write
lock), creating and revoking are write ops. Each backend handles them in its
``keys`` module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from .values import _check_utc

__all__ = [
    "ROLES",
    "ApiKey",
    "KeyGetOp",
    "KeyListOp",
    "KeyPutOp",
    "KeyRevokeOp",
    "Role",
]

Role = Literal["reader", "writer", "reviewer", "admin"]
#: The roles, weakest first; each role may do everything the ones before it may.
ROLES: tuple[Role, ...] = ("reader", "writer", "reviewer", "admin")


@dataclass(frozen=True, slots=True)
class ApiKey:
    """One stored API key (never the secret itself).

    Attributes:
        id: a :func:`~memstack.models.new_id`; also printed by ``memstack keys list``.
        tenant: the first scope segment the key is bound to.
        role: ``reader``, ``writer``, ``reviewer`` or ``admin``.
        secret_hash: ``sha256:<hex>`` of the secret.
        prefix: the secret's first characters, so a person can tell keys apart.
        name: an optional label ("ci", "alice's laptop").
        created_at: when it was made.
        revoked_at: when it was revoked, or ``None`` while it is valid.
    """

    id: str
    tenant: str
    role: Role
    secret_hash: str
    prefix: str
    created_at: datetime
    name: str | None = None
    revoked_at: datetime | None = None

    def __post_init__(self) -> None:
        _check_utc("created_at", self.created_at)
        _check_utc("revoked_at", self.revoked_at)

    @property
    def active(self) -> bool:
        """True until the key is revoked."""
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class KeyPutOp:
    """Store a new key. Returns ``None``; an existing id or hash is a ``UsageError``."""

    key: ApiKey


@dataclass(frozen=True, slots=True)
class KeyGetOp:
    """Find a key by its secret's hash. Returns the :class:`ApiKey` (revoked too) or ``None``."""

    secret_hash: str


@dataclass(frozen=True, slots=True)
class KeyListOp:
    """List keys, oldest first. Returns ``list[ApiKey]``.

    Attributes:
        tenant: only this tenant's keys (``None``: every tenant).
        include_revoked: also list revoked keys.
    """

    tenant: str | None = None
    include_revoked: bool = False


@dataclass(frozen=True, slots=True)
class KeyRevokeOp:
    """Revoke a key by id at ``at``. Returns the revoked :class:`ApiKey`; unknown id: ``NotFound``.

    Revoking a revoked key keeps its first revocation time.
    """

    id: str
    at: datetime
