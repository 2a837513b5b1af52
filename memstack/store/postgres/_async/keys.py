"""API keys of the server in the PostgreSQL store (table ``api_keys``, migration 0002).

Each function handles one key op of :mod:`memstack.models.contract` inside the
batch's transaction. Only a hash of each secret is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg

from ....errors import NotFound, UsageError
from ....models.keys import ApiKey, KeyGetOp, KeyListOp, KeyPutOp, KeyRevokeOp
from .tx import AsyncTx, Handlers

__all__ = ["HANDLERS"]

_COLS = "id, tenant, role, secret_hash, prefix, name, created_at, revoked_at"


def _key(r: Sequence[Any]) -> ApiKey:
    return ApiKey(
        id=r[0], tenant=r[1], role=r[2], secret_hash=r[3], prefix=r[4], name=r[5],
        created_at=datetime.fromtimestamp(r[6], UTC),
        revoked_at=None if r[7] is None else datetime.fromtimestamp(r[7], UTC),
    )  # fmt: skip


async def _key_put(tx: AsyncTx, op: KeyPutOp) -> None:
    k = op.key
    try:
        await tx.execute(
            f"INSERT INTO api_keys ({_COLS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            (
                k.id, k.tenant, k.role, k.secret_hash, k.prefix, k.name,
                k.created_at.timestamp(),
                None if k.revoked_at is None else k.revoked_at.timestamp(),
            ),
        )  # fmt: skip
    except psycopg.errors.UniqueViolation as exc:
        raise UsageError(f"A key with id {k.id!r} or the same secret already exists.") from exc


async def _key_get(tx: AsyncTx, op: KeyGetOp) -> ApiKey | None:
    row = await tx.one(f"SELECT {_COLS} FROM api_keys WHERE secret_hash = %s", (op.secret_hash,))
    return None if row is None else _key(row)


async def _key_list(tx: AsyncTx, op: KeyListOp) -> list[ApiKey]:
    sql, args = f"SELECT {_COLS} FROM api_keys WHERE TRUE", []
    if op.tenant is not None:
        sql += " AND tenant = %s"
        args.append(op.tenant)
    if not op.include_revoked:
        sql += " AND revoked_at IS NULL"
    rows = await tx.all(sql + " ORDER BY created_at, id", args)
    return [_key(r) for r in rows]


async def _key_revoke(tx: AsyncTx, op: KeyRevokeOp) -> ApiKey:
    # Revoking a revoked key keeps its first revocation time.
    await tx.execute(
        "UPDATE api_keys SET revoked_at = %s WHERE id = %s AND revoked_at IS NULL",
        (op.at.timestamp(), op.id),
    )
    row = await tx.one(f"SELECT {_COLS} FROM api_keys WHERE id = %s", (op.id,))
    if row is None:
        raise NotFound(
            f"No API key with id {op.id!r}.", hint="List them with 'memstack keys list'."
        )
    return _key(row)


HANDLERS: Handlers = {
    KeyPutOp: _key_put,
    KeyGetOp: _key_get,
    KeyListOp: _key_list,
    KeyRevokeOp: _key_revoke,
}
