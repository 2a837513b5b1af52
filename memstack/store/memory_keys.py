"""API keys in the in-memory store.

Mixin for :class:`memstack.store.memory.InMemoryStore`: each ``_op_<OpName>(self, op, undo)``
method handles one op type from :mod:`memstack.models.keys`, with the same
semantics as the SQLite mixin; every write registers an undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..errors import NotFound, UsageError
from ..models.keys import ApiKey, KeyGetOp, KeyListOp, KeyPutOp, KeyRevokeOp

__all__ = ["MemoryKeyOps"]

Undo = list[Callable[[], None]]


class MemoryKeyOps:
    """API-key ops for the in-memory store."""

    @property
    def _keys(self) -> dict[str, ApiKey]:
        # Created on first use: the host store's constructor knows nothing of keys.
        keys: dict[str, ApiKey] | None = self.__dict__.get("_api_keys")
        if keys is None:
            keys = self.__dict__["_api_keys"] = {}
        return keys

    def _key_set(self, key: ApiKey, undo: Undo) -> None:
        keys, old = self._keys, self._keys.get(key.id)
        keys[key.id] = key

        def restore() -> None:
            if old is None:
                del keys[key.id]
            else:
                keys[key.id] = old

        undo.append(restore)

    def _op_KeyPutOp(self, op: KeyPutOp, undo: Undo) -> None:
        k = op.key
        if k.id in self._keys or any(o.secret_hash == k.secret_hash for o in self._keys.values()):
            raise UsageError(f"A key with id {k.id!r} or the same secret already exists.")
        self._key_set(k, undo)

    def _op_KeyGetOp(self, op: KeyGetOp, undo: Undo) -> ApiKey | None:
        return next((k for k in self._keys.values() if k.secret_hash == op.secret_hash), None)

    def _op_KeyListOp(self, op: KeyListOp, undo: Undo) -> list[ApiKey]:
        found = [
            k
            for k in self._keys.values()
            if (op.tenant is None or k.tenant == op.tenant) and (op.include_revoked or k.active)
        ]
        return sorted(found, key=lambda k: (k.created_at, k.id))

    def _op_KeyRevokeOp(self, op: KeyRevokeOp, undo: Undo) -> ApiKey:
        key = self._keys.get(op.id)
        if key is None:
            raise NotFound(
                f"No API key with id {op.id!r}.", hint="List them with 'memstack keys list'."
            )
        if key.active:
            key = replace(key, revoked_at=op.at)
            self._key_set(key, undo)
        return key
