"""Memory records in the in-memory store: put, supersede, delete, reads and vectors.

Each function handles one op of :mod:`memstack.models.contract` with the
same semantics as the SQLite handlers, preconditions included; every change
registers an undo step.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import Conflict
from ...models import (
    CountOp,
    DeleteOp,
    Event,
    EventOp,
    GetManyOp,
    GetOp,
    HistoryOp,
    ListOp,
    PutOp,
    Record,
    ScopesOp,
    SupersedeOp,
    VectorLookupOp,
    VectorPurgeOp,
    VectorPutOp,
    VectorsOp,
    VectorStats,
)
from .tx import Handlers, Undo

if TYPE_CHECKING:
    from .store import InMemoryStore

__all__ = ["HANDLERS"]


def _get(st: InMemoryStore, op: GetOp, undo: Undo) -> Record | None:
    return st._records.get(op.id)


def _get_many(st: InMemoryStore, op: GetManyOp, undo: Undo) -> dict[str, Record]:
    return {i: st._records[i] for i in op.ids if i in st._records}


def _list(st: InMemoryStore, op: ListOp, undo: Undo) -> list[Record]:
    found = st._filtered(op.filter)
    found.sort(key=lambda r: (r.recorded_at, r.id))
    return found[op.offset : None if op.limit is None else op.offset + op.limit]


def _count(st: InMemoryStore, op: CountOp, undo: Undo) -> int:
    return len(st._filtered(op.filter))


def _history(st: InMemoryStore, op: HistoryOp, undo: Undo) -> list[Event]:
    wanted = set(op.ids)
    return [e for e in st._events if e.memory_id in wanted]


def _scopes(st: InMemoryStore, op: ScopesOp, undo: Undo) -> dict[str, int]:
    counts: dict[str, int] = {}
    prefix, now = op.prefix, op.now
    for r in st._records.values():
        if now is not None and r.expires_at is not None and r.expires_at <= now:
            continue
        if r.superseded_by is None and (
            prefix is None or r.scope == prefix or r.scope.startswith(prefix + "/")
        ):
            counts[r.scope] = counts.get(r.scope, 0) + 1
    return dict(sorted(counts.items()))


def _put(st: InMemoryStore, op: PutOp, undo: Undo) -> Record:
    return st._put(op, undo)


def _supersede(st: InMemoryStore, op: SupersedeOp, undo: Undo) -> None:
    old = st._need(op.id)
    refusal = op.refusal(old)
    if refusal is not None:
        raise Conflict(refusal)
    st._records[op.id] = dataclasses.replace(
        old, valid_to=op.valid_to, superseded_by=op.superseded_by
    )
    undo.append(lambda: st._records.__setitem__(op.id, old))


def _delete(st: InMemoryStore, op: DeleteOp, undo: Undo) -> None:
    refusal = op.refusal(st._need(op.id))
    if refusal is not None:
        raise Conflict(refusal)
    st._delete(op.id, undo)
    st._append_event(op.event, undo)


def _event(st: InMemoryStore, op: EventOp, undo: Undo) -> None:
    st._append_event(op.event, undo)


def _vectors(st: InMemoryStore, op: VectorsOp, undo: Undo) -> VectorStats:
    by: dict[str, int] = {}
    missing = []
    for rid in sorted(st._records):
        vecs = st._vectors.get(rid, {})
        for name in vecs:
            by[name] = by.get(name, 0) + 1
        if op.embedder not in vecs:
            missing.append(st._records[rid])
    return VectorStats(by, len(missing), missing[: op.limit])


def _vector_lookup(st: InMemoryStore, op: VectorLookupOp, undo: Undo) -> dict[str, Any]:
    wanted, out = set(op.hashes), {}
    for rid, r in st._records.items():
        vec = st._vectors.get(rid, {}).get(op.embedder)
        if r.content_hash in wanted and vec is not None and r.kind != "episode":
            out[r.content_hash] = vec
    return out


def _vector_put(st: InMemoryStore, op: VectorPutOp, undo: Undo) -> None:
    emb = op.embedder
    for rid, vec in zip(op.ids, op.vectors, strict=True):
        st._need(rid)
        slot = st._vectors.setdefault(rid, {})
        prev = slot.get(emb)
        slot[emb] = np.asarray(vec, np.float32)
        undo.append(
            lambda s=slot, p=prev: s.__setitem__(emb, p) if p is not None else s.pop(emb)  # type: ignore[misc]
        )


def _vector_purge(st: InMemoryStore, op: VectorPurgeOp, undo: Undo) -> None:
    for slot in st._vectors.values():
        for name in [n for n in slot if n != op.keep]:
            vec = slot.pop(name)
            undo.append(lambda s=slot, n=name, v=vec: s.__setitem__(n, v))  # type: ignore[misc]


HANDLERS: Handlers = {
    GetOp: _get,
    GetManyOp: _get_many,
    ListOp: _list,
    CountOp: _count,
    HistoryOp: _history,
    ScopesOp: _scopes,
    PutOp: _put,
    SupersedeOp: _supersede,
    DeleteOp: _delete,
    EventOp: _event,
    VectorsOp: _vectors,
    VectorLookupOp: _vector_lookup,
    VectorPutOp: _vector_put,
    VectorPurgeOp: _vector_purge,
}
