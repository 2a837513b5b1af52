"""A dict-backed store for tests and notebooks.

It implements the same protocol and passes the same conformance suite as the
SQLite store, including all-or-nothing batches: every write registers an undo
step, and a failing batch runs them in reverse.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from ...errors import Conflict, NotFound, UsageError
from ...index.keyword import TenantBM25, analyze, scope_terms
from ...models import (
    ApiKey,
    Event,
    Filter,
    Job,
    MemorySwitch,
    Op,
    PutOp,
    Record,
)
from ..base import Store
from . import extract, keys, privacy, records, review, search, switch
from .tx import Handler, Handlers, Undo

__all__ = ["HANDLERS", "InMemoryStore"]


class InMemoryStore(Store):
    """Everything in Python dicts; nothing survives the process.

    Example:
        >>> store = InMemoryStore()
        >>> store.scopes()
        {}
    """

    name = "memory"

    def __init__(self) -> None:
        self._records: dict[str, Record] = {}
        self._vectors: dict[str, dict[str, np.ndarray]] = {}
        self._events: list[Event] = []
        self._bm25 = TenantBM25()
        self._lock = threading.RLock()
        self.review = review.ReviewTables()
        self.jobs: dict[str, Job] = {}
        self.api_keys: dict[str, ApiKey] = {}
        self.switches: dict[str, MemorySwitch] = {}

    def handler(self, op: Any) -> Handler:
        """The function that runs ``op`` (raises UsageError for a type outside the contract)."""
        found = HANDLERS.get(type(op))
        if found is None:
            raise UsageError(f"Unsupported op {type(op).__name__} for the in-memory store.")
        return found

    def run(self, op: Any, undo: Undo) -> Any:
        """Run one op inside the current batch (handlers use it for nested ops)."""
        return self.handler(op)(self, op, undo)

    def batch(self, ops: Sequence[Op]) -> list[Any]:
        handlers = [self.handler(op) for op in ops]
        with self._lock:
            undo: Undo = []
            try:
                return [h(self, op, undo) for h, op in zip(handlers, ops, strict=True)]
            except BaseException:
                for step in reversed(undo):
                    step()
                raise

    def _need(self, rid: str) -> Record:
        record = self._records.get(rid)
        if record is None:
            raise NotFound(f"No memory with id {rid!r}.")
        return record

    def _filtered(self, flt: Filter) -> list[Record]:
        return [r for r in self._records.values() if flt.matches(r)]

    def _put(self, op: PutOp, undo: Undo) -> Record:
        rec = op.record
        stored = self._records.get(rec.id)
        if stored is not None and op.idempotent:
            if (stored.scope, stored.kind, stored.content_hash) != (
                rec.scope, rec.kind, rec.content_hash,
            ):  # fmt: skip
                raise Conflict(
                    f"The idempotency key of this write was already used for memory {stored.id} "
                    "with other content.",
                    hint="Use a new idempotency key for a different write.",
                )
            return stored
        if stored is not None:
            raise UsageError(f"A memory with id {rec.id!r} already exists.")
        self._records[rec.id] = rec
        self._bm25.add(
            rec.id,
            op.keywords if op.keywords is not None else analyze(rec.text),
            op.context or "",
            len(scope_terms(rec.scope).split()),
            scope=rec.scope,
        )
        if op.vector is not None and op.embedder:
            self._vectors[rec.id] = {op.embedder: np.asarray(op.vector, np.float32)}
        undo.append(lambda: self._drop(rec.id))
        self._append_event(op.event, undo)
        return rec

    def _drop(self, rid: str) -> None:
        self._records.pop(rid, None)
        self._vectors.pop(rid, None)
        self._bm25.remove(rid)

    def _delete(self, rid: str, undo: Undo) -> None:
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

    def _pop_event(self) -> None:
        self._events.pop()

    def _append_event(self, event: Event, undo: Undo) -> None:
        self._events.append(event)
        undo.append(self._pop_event)


#: Every op this backend handles (checked against the contract by a test).
HANDLERS: Handlers = {
    **records.HANDLERS,
    **search.HANDLERS,
    **review.HANDLERS,
    **extract.HANDLERS,
    **privacy.HANDLERS,
    **keys.HANDLERS,
    **switch.HANDLERS,
}
