"""API keys of the server in the in-memory store.

Each function handles one key op of :mod:`memstack.models.contract` with the
same semantics and ordering as the SQLite handlers; every write registers an
undo step.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...errors import NotFound, UsageError
from ...models.keys import ApiKey, KeyGetOp, KeyListOp, KeyPutOp, KeyRevokeOp
from .tx import Handlers, Undo

if TYPE_CHECKING:
    from .store import InMemoryStore

__all__ = ["HANDLERS"]


def _key_set(st: InMemoryStore, key: ApiKey, undo: Undo) -> None:
    keys, old = st.api_keys, st.api_keys.get(key.id)
    keys[key.id] = key

    def restore() -> None:
        if old is None:
            del keys[key.id]
        else:
            keys[key.id] = old

    undo.append(restore)


def _key_put(st: InMemoryStore, op: KeyPutOp, undo: Undo) -> None:
    k = op.key
    if k.id in st.api_keys or any(o.secret_hash == k.secret_hash for o in st.api_keys.values()):
        raise UsageError(f"A key with id {k.id!r} or the same secret already exists.")
    _key_set(st, k, undo)


def _key_get(st: InMemoryStore, op: KeyGetOp, undo: Undo) -> ApiKey | None:
    return next((k for k in st.api_keys.values() if k.secret_hash == op.secret_hash), None)


def _key_list(st: InMemoryStore, op: KeyListOp, undo: Undo) -> list[ApiKey]:
    found = [
        k
        for k in st.api_keys.values()
        if (op.tenant is None or k.tenant == op.tenant) and (op.include_revoked or k.active)
    ]
    return sorted(found, key=lambda k: (k.created_at, k.id))


def _key_revoke(st: InMemoryStore, op: KeyRevokeOp, undo: Undo) -> ApiKey:
    key = st.api_keys.get(op.id)
    if key is None:
        raise NotFound(
            f"No API key with id {op.id!r}.", hint="List them with 'memstack keys list'."
        )
    if key.active:
        key = replace(key, revoked_at=op.at)
        _key_set(st, key, undo)
    return key


HANDLERS: Handlers = {
    KeyPutOp: _key_put,
    KeyGetOp: _key_get,
    KeyListOp: _key_list,
    KeyRevokeOp: _key_revoke,
}
