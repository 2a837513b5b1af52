"""Forgetting 100k memories of one scope takes seconds and leaves other scopes untouched.

The rows are written with bulk ``PutOp`` batches (10k per transaction, random
unit vectors) so the test spends its time on the erasure, not on embedding.

"Takes seconds" is a claim about work done, so it is measured as this process's
CPU time (SQLite runs in it): on 2 cores shared with other test suites the wall
clock mostly measures the neighbours.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.models import Event, PutOp, Record, Source, new_id

BIG, OTHER = "big", "other/team"
N = 100_000


def _bulk(mem: Memory, scope: str, n: int, rng: np.random.Generator, start: int = 0) -> None:
    now = datetime.now(UTC)
    vecs = rng.standard_normal((n, mem.embedder.dimensions)).astype(np.float32)  # type: ignore[attr-defined]
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    source = Source(origin="import", author="loader")
    for lo in range(0, n, 10_000):
        ops = []
        for i in range(lo, min(n, lo + 10_000)):
            text = f"bulk memory {start + i} about topic {i % 113} and thing {i % 7}"
            rec = Record(id=new_id(), scope=scope, kind="fact", text=text, recorded_at=now,
                         valid_from=now, source=source)  # fmt: skip
            event = Event(id=new_id(), at=now, action="add", actor="loader", scope=scope,
                          memory_id=rec.id, after=text, after_hash=rec.content_hash)  # fmt: skip
            # Analysed terms given directly (what analyze() gives for this text), to save time.
            terms = f"bulk memori {start + i} topic {i % 113} thing {i % 7}"
            ops.append(PutOp(rec, event, terms, vecs[i], mem.embedder.id))
        mem.store.batch(ops)


def _results(mem: Memory) -> dict[str, object]:
    """What a reader of OTHER gets. Dense ranking is exact per scope, so it must not move at
    all. BM25 statistics (document count, term frequencies) are global in FTS5, so erasing
    100k rows elsewhere may reorder near-ties: keyword results are compared as sets, and the
    hybrid winner of a query with a rare term must stay the winner."""
    dense = {q: [h.memory.id for h in mem.search(OTHER, q, mode="dense", limit=20)]
             for q in ("release 3 team note", "bulk memory topic 5")}  # fmt: skip
    keyword = {h.memory.id for h in mem.search(OTHER, "team note", mode="keyword", limit=1000)}
    top = mem.search(OTHER, "team note 123 release", limit=1)[0].memory.text
    return {"dense": dense, "keyword": keyword, "top": top}


@pytest.mark.slow
@pytest.mark.timeout(900)  # loading 100k rows on 2 busy cores
def test_forgetting_100k_memories_takes_seconds_and_spares_other_scopes(home: Path) -> None:
    fixed = datetime.now(UTC)  # a still clock: recency scores do not drift between the searches
    mem = Memory(home, embedder=FakeEmbedder(dimensions=16), clock=lambda: fixed)
    rng = np.random.default_rng(7)
    t0 = time.perf_counter()
    # Spread over the scope and two descendants, so GLOB 'big/*' has work to do.
    _bulk(mem, BIG, N // 2, rng)
    _bulk(mem, f"{BIG}/a", N // 4, rng, N // 2)
    _bulk(mem, f"{BIG}/b", N // 4, rng, 3 * N // 4)
    mem.add_many(
        [{"scope": OTHER, "text": f"team note {i} about release {i % 9}"} for i in range(1_000)]
    )
    mem.add("bigger", "a scope that merely starts with the same letters")
    loaded = time.perf_counter() - t0

    before = _results(mem)
    assert before["top"] == "team note 123 about release 6"
    assert len(before["keyword"]) == 1_000  # type: ignore[arg-type]
    mem.search(BIG, "bulk memory", include_descendants=True)  # warm the vector blocks of big/*
    assert mem.count(BIG, include_descendants=True) == N

    t1, cpu1 = time.perf_counter(), time.process_time()
    receipt = mem.forget(BIG, reason="scale test")
    took, cpu = time.perf_counter() - t1, time.process_time() - cpu1
    print(
        f"\nforget {N} memories: {cpu:.2f} s CPU, {took:.2f} s wall (load {loaded:.1f} s); "
        f"receipt {receipt.counts}"
    )

    c = receipt.counts
    assert (c.records, c.versions, c.keyword_rows, c.vectors, c.events_tombstoned) == (
        N,
        N,
        N,
        N,
        N,
    )
    assert receipt.complete
    assert cpu < 30, f"forgetting {N} memories took {cpu:.1f} s of CPU ({took:.1f} s wall)"
    # Other scopes: memories, vectors and search results are as before.
    assert mem.count(OTHER) == 1_000 and mem.count("bigger") == 1
    assert mem.stats()["vectors"] == {mem.embedder.id: 1_001}
    assert _results(mem) == before
    assert mem.search(BIG, "bulk memory", include_descendants=True) == []
    assert mem.count(BIG, include_descendants=True, include_superseded=True) == 0
    mem.close()
