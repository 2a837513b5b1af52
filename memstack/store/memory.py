"""A dict-backed store for tests and notebooks.

It implements the same protocol and passes the same conformance suite as the
SQLite store, including all-or-nothing batches: every write registers an undo
step, and a failing batch runs them in reverse.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..errors import NotFound, UsageError
from ..index.keyword import BM25, analyze, scope_terms
from ..models import (
    Candidates,
    CountOp,
    DeleteOp,
    Event,
    EventOp,
    Filter,
    GetManyOp,
    GetOp,
    HistoryOp,
    ListOp,
    Op,
    PutOp,
    Record,
    ScopesOp,
    SearchOp,
    Stub,
    SupersedeOp,
    VectorLookupOp,
    VectorPurgeOp,
    VectorPutOp,
    VectorsOp,
    VectorStats,
)
from .base import Store
from .memory_extract import MemoryExtractOps
from .memory_keys import MemoryKeyOps
from .memory_privacy import MemoryPrivacyOps
from .memory_review import MemoryReviewOps

__all__ = ["InMemoryStore"]


class InMemoryStore(MemoryReviewOps, MemoryPrivacyOps, MemoryExtractOps, MemoryKeyOps, Store):
    """Everything in Python dicts; nothing survives the process."""

    name = "memory"

    def __init__(self) -> None:
        self._records: dict[str, Record] = {}
        self._vectors: dict[str, dict[str, np.ndarray]] = {}
        self._events: list[Event] = []
        self._bm25 = BM25()
        self._lock = threading.RLock()

    def batch(self, ops: Sequence[Op]) -> list[Any]:
        with self._lock:
            undo: list[Callable[[], None]] = []
            try:
                return [self._one(op, undo) for op in ops]
            except BaseException:
                for step in reversed(undo):
                    step()
                raise

    def _one(self, op: Op, undo: list[Callable[[], None]]) -> Any:
        match op:
            case GetOp(id=rid):
                return self._records.get(rid)
            case GetManyOp(ids=ids):
                return {i: self._records[i] for i in ids if i in self._records}
            case ListOp(filter=flt, limit=limit, offset=offset):
                found = self._filtered(flt)
                found.sort(key=lambda r: (r.recorded_at, r.id))
                return found[offset : None if limit is None else offset + limit]
            case CountOp(filter=flt):
                return len(self._filtered(flt))
            case SearchOp():
                return self._search(op)
            case HistoryOp(ids=ids):
                wanted = set(ids)
                return [e for e in self._events if e.memory_id in wanted]
            case ScopesOp(prefix=prefix, now=now):
                counts: dict[str, int] = {}
                for r in self._records.values():
                    if now is not None and r.expires_at is not None and r.expires_at <= now:
                        continue
                    if r.superseded_by is None and (
                        prefix is None or r.scope == prefix or r.scope.startswith(prefix + "/")
                    ):
                        counts[r.scope] = counts.get(r.scope, 0) + 1
                return dict(sorted(counts.items()))
            case PutOp():
                self._put(op, undo)
                return None
            case SupersedeOp(id=rid, valid_to=valid_to, superseded_by=by):
                old = self._need(rid)
                self._records[rid] = dataclasses.replace(old, valid_to=valid_to, superseded_by=by)
                undo.append(lambda: self._records.__setitem__(rid, old))
                return None
            case DeleteOp(id=rid, event=event):
                self._delete(rid, undo)
                self._append_event(event, undo)
                return None
            case EventOp(event=event):
                self._append_event(event, undo)
                return None
            case VectorsOp(embedder=emb, limit=limit):
                by: dict[str, int] = {}
                missing = []
                for rid in sorted(self._records):
                    vecs = self._vectors.get(rid, {})
                    for name in vecs:
                        by[name] = by.get(name, 0) + 1
                    if emb not in vecs:
                        missing.append(self._records[rid])
                return VectorStats(by, len(missing), missing[:limit])
            case VectorLookupOp(hashes=hashes, embedder=emb):
                wanted, out = set(hashes), {}
                for rid, r in self._records.items():
                    vec = self._vectors.get(rid, {}).get(emb)
                    if r.content_hash in wanted and vec is not None and r.kind != "episode":
                        out[r.content_hash] = vec
                return out
            case VectorPutOp(ids=ids, embedder=emb, vectors=vectors):
                for rid, vec in zip(ids, vectors, strict=True):
                    self._need(rid)
                    slot = self._vectors.setdefault(rid, {})
                    prev = slot.get(emb)
                    slot[emb] = np.asarray(vec, np.float32)
                    undo.append(lambda s=slot, p=prev: s.__setitem__(emb, p) if p is not None else s.pop(emb))
                return None
            case VectorPurgeOp(keep=keep):
                for rid, slot in self._vectors.items():
                    for name in [n for n in slot if n != keep]:
                        vec = slot.pop(name)
                        undo.append(lambda s=slot, n=name, v=vec: s.__setitem__(n, v))
                return None
        handler = getattr(self, "_op_" + type(op).__name__, None)
        if handler is None:
            raise UsageError(f"Unsupported op {type(op).__name__} for the in-memory store.")
        return handler(op, undo)

    def _need(self, rid: str) -> Record:
        record = self._records.get(rid)
        if record is None:
            raise NotFound(f"No memory with id {rid!r}.")
        return record

    def _filtered(self, flt: Filter) -> list[Record]:
        return [r for r in self._records.values() if flt.matches(r)]

    def _put(self, op: PutOp, undo: list[Callable[[], None]]) -> None:
        rec = op.record
        if rec.id in self._records:
            raise UsageError(f"A memory with id {rec.id!r} already exists.")
        self._records[rec.id] = rec
        self._bm25.add(
            rec.id,
            op.keywords if op.keywords is not None else analyze(rec.text),
            op.context or "",
            len(scope_terms(rec.scope).split()),
        )
        if op.vector is not None and op.embedder:
            self._vectors[rec.id] = {op.embedder: np.asarray(op.vector, np.float32)}
        undo.append(lambda: self._drop(rec.id))
        self._append_event(op.event, undo)

    def _drop(self, rid: str) -> None:
        self._records.pop(rid, None)
        self._vectors.pop(rid, None)
        self._bm25.remove(rid)

    def _delete(self, rid: str, undo: list[Callable[[], None]]) -> None:
        rec = self._need(rid)
        vecs = self._vectors.get(rid)
        entry = self._bm25.entry(rid)
        self._drop(rid)

        def restore() -> None:
            self._records[rid] = rec
            if entry is not None:
                self._bm25.add(rid, *entry)
            if vecs is not None:
                self._vectors[rid] = vecs

        undo.append(restore)

    def _append_event(self, event: Event, undo: list[Callable[[], None]]) -> None:
        self._events.append(event)
        undo.append(self._events.pop)

    def _search(self, op: SearchOp) -> Candidates:
        visible = {r.id: r for r in self._filtered(op.filter)}
        keyword: list[tuple[Record | Stub, float]] = []
        if op.query:
            ranked = self._bm25.search(
                op.query.split(), set(visible), context_weight=op.context_weight
            )
            keyword = [(visible[rid], score) for rid, score in ranked[: op.limit]]
        dense: list[tuple[Record | Stub, float]] = []
        if op.vector is not None and op.embedder:
            q = np.asarray(op.vector, np.float32)
            scored: list[tuple[Record | Stub, float]] = []
            for rid, rec in visible.items():
                vec = self._vectors.get(rid, {}).get(op.embedder)
                if vec is not None:
                    scored.append((rec, float(vec @ q)))
            scored.sort(key=lambda rs: (-rs[1], rs[0].id))
            dense = scored[: op.limit]
        return Candidates(keyword, dense)
