"""Search in the in-memory store: BM25 over every visible record, and an exact cosine scan."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ...models import Candidates, Record, SearchOp, Stub
from .tx import Handlers, Undo

if TYPE_CHECKING:
    from .store import InMemoryStore

__all__ = ["HANDLERS"]


def _search(st: InMemoryStore, op: SearchOp, undo: Undo) -> Candidates:
    visible = {r.id: r for r in st._filtered(op.filter)}
    keyword: list[tuple[Record | Stub, float]] = []
    rows, df = 0, dict[str, int]()
    if op.query:
        # Statistics of the searched tenant only (every visible scope shares it).
        tenant = (op.filter.scopes or op.filter.prefixes or ("",))[0].split("/", 1)[0]
        ranked = st._bm25.search(
            op.query.split(), set(visible), tenant=tenant, context_weight=op.context_weight
        )
        keyword = [(visible[rid], score) for rid, score in ranked[: op.limit]]
        rows, df = st._bm25.shares(op.query.split(), set(visible), tenant=tenant)
    dense: list[tuple[Record | Stub, float]] = []
    if op.vector is not None and op.embedder:
        q = np.asarray(op.vector, np.float32)
        scored: list[tuple[Record | Stub, float]] = []
        for rid, rec in visible.items():
            vec = st._vectors.get(rid, {}).get(op.embedder)
            if vec is not None:
                scored.append((rec, float(vec @ q)))
        scored.sort(key=lambda rs: (-rs[1], rs[0].id))
        dense = scored[: op.limit]
    return Candidates(keyword, dense, rows, df)


HANDLERS: Handlers = {SearchOp: _search}
