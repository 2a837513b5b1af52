"""API keys in the SQLite store (table ``api_keys``, migration 0005).

Mixin for :class:`memstack.store.sqlite.SqliteStore`: each ``_op_<OpName>(self, op, touched)``
method handles one op type from :mod:`memstack.models.keys`; ``batch`` dispatches
to it inside the store's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, UsageError
from ..models.keys import ApiKey, KeyGetOp, KeyListOp, KeyPutOp, KeyRevokeOp

__all__ = ["SqliteKeyOps"]

_COLS = "id, tenant, role, secret_hash, prefix, name, created_at, revoked_at"


def _key(r: Sequence[Any]) -> ApiKey:
    return ApiKey(
        id=r[0], tenant=r[1], role=r[2], secret_hash=r[3], prefix=r[4], name=r[5],
        created_at=datetime.fromtimestamp(r[6], UTC),
        revoked_at=None if r[7] is None else datetime.fromtimestamp(r[7], UTC),
    )  # fmt: skip


class SqliteKeyOps:
    """API-key ops for the SQLite store."""

    if TYPE_CHECKING:
        _conn: sqlite3.Connection

    def _op_KeyPutOp(self, op: KeyPutOp, touched: set[str]) -> None:
        k = op.key
        try:
            self._conn.execute(
                f"INSERT INTO api_keys ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    k.id, k.tenant, k.role, k.secret_hash, k.prefix, k.name,
                    k.created_at.timestamp(),
                    None if k.revoked_at is None else k.revoked_at.timestamp(),
                ),
            )  # fmt: skip
        except sqlite3.IntegrityError as exc:
            raise UsageError(f"A key with id {k.id!r} or the same secret already exists.") from exc

    def _op_KeyGetOp(self, op: KeyGetOp, touched: set[str]) -> ApiKey | None:
        row = self._conn.execute(
            f"SELECT {_COLS} FROM api_keys WHERE secret_hash = ?", (op.secret_hash,)
        ).fetchone()
        return None if row is None else _key(row)

    def _op_KeyListOp(self, op: KeyListOp, touched: set[str]) -> list[ApiKey]:
        sql, args = f"SELECT {_COLS} FROM api_keys WHERE 1", []
        if op.tenant is not None:
            sql += " AND tenant = ?"
            args.append(op.tenant)
        if not op.include_revoked:
            sql += " AND revoked_at IS NULL"
        rows = self._conn.execute(sql + " ORDER BY created_at, id", args).fetchall()
        return [_key(r) for r in rows]

    def _op_KeyRevokeOp(self, op: KeyRevokeOp, touched: set[str]) -> ApiKey:
        c = self._conn
        c.execute(
            "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (op.at.timestamp(), op.id),
        )
        row = c.execute(f"SELECT {_COLS} FROM api_keys WHERE id = ?", (op.id,)).fetchone()
        if row is None:
            raise NotFound(
                f"No API key with id {op.id!r}.", hint="List them with 'memstack keys list'."
            )
        return _key(row)
