"""Invariants under concurrency: threads, async tasks and processes sharing one store.

* at most one current version per memory lineage, however many writers race;
* a proposal is applied at most once, however many reviewers race;
* no acknowledged write is lost;
* the losers get ``Conflict`` (never a wrong success, never "database is locked").

The races are real: writers start together behind a barrier, on separate
store objects (separate SQLite connections) or separate processes.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from memstack import AsyncMemory, Conflict, Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore

SCOPE = "acme/alice"
WRITERS = 6


def _open(home: Path) -> Memory:
    return Memory(home, embedder=FakeEmbedder())


def _current(mem: Memory, root_id: str) -> list[str]:
    """Ids of the current versions in the lineage that started at ``root_id``."""
    ids = {e.memory_id for e in mem.history(root_id) if e.memory_id}
    return [r.id for r in mem.list(SCOPE) if r.id in ids]


def _race(workers: list[Callable[[], Any]]) -> list[Any]:
    """Run ``workers`` in threads released together; results or exceptions, in order."""
    barrier = threading.Barrier(len(workers))
    out: list[Any] = [None] * len(workers)

    def go(i: int) -> None:
        barrier.wait()
        try:
            out[i] = workers[i]()
        except Exception as exc:  # the race's outcome, asserted by the caller
            out[i] = exc

    threads = [threading.Thread(target=go, args=(i,)) for i in range(len(workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def _one_winner(results: list[Any]) -> None:
    wins = [r for r in results if not isinstance(r, Exception)]
    losses = [r for r in results if isinstance(r, Exception)]
    assert len(wins) == 1, results
    assert all(isinstance(e, Conflict) for e in losses), losses


def test_threads_on_separate_connections_leave_one_current_version(tmp_path: Path) -> None:
    mems = [_open(tmp_path) for _ in range(WRITERS)]
    m = mems[0].add(SCOPE, "Alice likes tea")
    results = _race(
        [lambda i=i: mems[i].update(m.id, f"Alice likes drink {i}") for i in range(WRITERS)]
    )
    _one_winner(results)
    assert len(_current(mems[0], m.id)) == 1
    for mem in mems:
        mem.close()


def test_threads_on_one_memory_object_leave_one_current_version() -> None:
    mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    m = mem.add(SCOPE, "Alice likes tea")
    _one_winner(_race([lambda i=i: mem.update(m.id, f"version {i}") for i in range(WRITERS)]))
    assert len(_current(mem, m.id)) == 1


@pytest.mark.parametrize("backend", ["sqlite", "memory"])
def test_asyncio_gather_updates_leave_one_current_version(tmp_path: Path, backend: str) -> None:
    async def main() -> None:
        store = InMemoryStore() if backend == "memory" else None
        async with AsyncMemory(tmp_path, store=store, embedder=FakeEmbedder()) as amem:
            m = await amem.add(SCOPE, "Alice likes tea")
            results = await asyncio.gather(
                *(amem.update(m.id, f"version {i}") for i in range(WRITERS)), return_exceptions=True
            )
            _one_winner(list(results))
            current = [r for r in await amem.list(SCOPE)]
            assert len(current) == 1 and current[0].text.startswith("version ")

    asyncio.run(main())


def test_racing_approvals_apply_a_proposal_once(tmp_path: Path) -> None:
    mems = [_open(tmp_path) for _ in range(WRITERS)]
    m = mems[0].add(SCOPE, "Alice lives in Porto")
    p = mems[0].propose(SCOPE, "Alice lives in Lisbon", kind="fact", op="update", target=m.id)
    results = _race(
        [
            lambda i=i: mems[i].approve(p.id, reviewer=f"r{i}", content_hash=p.content_hash)
            for i in range(WRITERS)
        ]
    )
    _one_winner(results)
    assert [r.text for r in mems[0].list(SCOPE)] == ["Alice lives in Lisbon"]
    applied = [e for e in mems[0].proposal_history(p.id) if e.action == "proposal.approved"]
    assert len(applied) == 1
    for mem in mems:
        mem.close()


def test_racing_approvals_of_two_proposals_on_one_target_apply_one(tmp_path: Path) -> None:
    """Two different proposals updating the same memory: the target check keeps one current."""
    a, b = _open(tmp_path), _open(tmp_path)
    m = a.add(SCOPE, "Alice lives in Porto")
    p1 = a.propose(SCOPE, "Alice lives in Lisbon", kind="fact", op="update", target=m.id)
    p2 = a.propose(SCOPE, "Alice lives in Faro", kind="fact", op="update", target=m.id)
    results = _race(
        [
            lambda: a.approve(p1.id, reviewer="x", content_hash=p1.content_hash),
            lambda: b.approve(p2.id, reviewer="y", content_hash=p2.content_hash),
        ]
    )
    _one_winner(results)
    assert len(a.list(SCOPE)) == 1
    a.close()
    b.close()


def test_no_acknowledged_write_is_lost(tmp_path: Path) -> None:
    mems = [_open(tmp_path) for _ in range(4)]

    def writer(i: int) -> list[str]:
        return [mems[i].add(SCOPE, f"note {i}-{n}").id for n in range(25)]

    results = _race([lambda i=i: writer(i) for i in range(4)])
    acked = {rid for ids in results for rid in ids}
    assert len(acked) == 100
    assert {r.id for r in mems[0].list(SCOPE)} == acked
    for mem in mems:
        mem.close()


# -- processes ------------------------------------------------------------------------


def _ctx() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _update_in_process(home: str, rid: str, i: int, barrier: Any, out: Any) -> None:
    mem = Memory(home, embedder=FakeEmbedder())
    barrier.wait()
    try:
        mem.update(rid, f"version from process {i}")
        out.put(("ok", i))
    except Conflict:
        out.put(("conflict", i))
    except Exception as exc:  # reported to the test, which fails on it
        out.put((f"error {type(exc).__name__}: {exc}", i))
    finally:
        mem.close()


def test_processes_updating_one_memory_leave_one_current_version(tmp_path: Path) -> None:
    mem = _open(tmp_path)
    m = mem.add(SCOPE, "Alice likes tea")
    ctx = _ctx()
    barrier, out = ctx.Barrier(4), ctx.Queue()
    procs = [
        ctx.Process(target=_update_in_process, args=(str(tmp_path), m.id, i, barrier, out))
        for i in range(4)
    ]
    for p in procs:
        p.start()
    outcomes = sorted(out.get(timeout=60)[0] for _ in procs)
    for p in procs:
        p.join(60)
    assert outcomes == ["conflict", "conflict", "conflict", "ok"]
    assert len(_current(mem, m.id)) == 1
    mem.close()


def _open_new_store(home: str, barrier: Any, out: Any) -> None:
    barrier.wait()
    try:
        with Memory(home, embedder=FakeEmbedder()) as mem:
            mem.add(SCOPE, "opened")
        out.put("ok")
    except Exception as exc:  # reported to the test, which fails on it
        out.put(f"{type(exc).__name__}: {exc}")


def test_many_processes_open_a_new_store_at_once(tmp_path: Path) -> None:
    ctx = _ctx()
    for round_ in range(20):
        home = tmp_path / f"round{round_}"
        barrier, out = ctx.Barrier(8), ctx.Queue()
        procs = [
            ctx.Process(target=_open_new_store, args=(str(home), barrier, out)) for _ in range(8)
        ]
        for p in procs:
            p.start()
        outcomes = [out.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(60)
        assert outcomes == ["ok"] * 8, (round_, outcomes)
        with _open(home) as mem:
            assert mem.count(SCOPE) == 8
