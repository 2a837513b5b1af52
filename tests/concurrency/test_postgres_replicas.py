"""Invariants on PostgreSQL with several replicas: processes sharing one database.

Each process opens its own :class:`PostgresStore` (its own pool), as separate
``memstack serve`` replicas would, and the races start together behind a
barrier:

* a write acknowledged by one replica is visible to another at its next call;
* of concurrent updates of one memory, exactly one wins (one current version);
* of concurrent approvals of one proposal, exactly one applies;
* replicas starting together on an empty database migrate it once (advisory lock);
* a forget on one replica leaves no search hit of the erased text on another.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest

from memstack import Conflict, Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store import migrations
from tests import pg

LATEST_PG = max(m.version for m in migrations.load("postgres"))

pytestmark = pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason())

SCOPE = "acme/alice"
REPLICAS = 4


def _open(url: str, *, migrate: bool = True) -> Memory:
    from memstack.store.postgres import PostgresStore

    store = PostgresStore(url, pool_size=2)
    return Memory(store=store, embedder=FakeEmbedder(), migrate=migrate)


def _ctx() -> Any:
    # spawn: a forked child would inherit the parent's open pool connections.
    return multiprocessing.get_context("spawn")


def _run(target: Any, args: list[tuple[Any, ...]]) -> list[Any]:
    """Start one process per argument tuple (each gets barrier and queue last); collect outcomes."""
    ctx = _ctx()
    barrier, out = ctx.Barrier(len(args)), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*a, barrier, out)) for a in args]
    for p in procs:
        p.start()
    outcomes = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
    return outcomes


def _update(url: str, rid: str, i: int, barrier: Any, out: Any) -> None:
    mem = _open(url)
    barrier.wait()
    try:
        mem.update(rid, f"version from replica {i}")
        out.put("ok")
    except Conflict:
        out.put("conflict")
    except Exception as exc:  # reported to the test, which fails on it
        out.put(f"error {type(exc).__name__}: {exc}")
    finally:
        mem.close()


def _current(mem: Memory, root_id: str) -> list[str]:
    ids = {e.memory_id for e in mem.history(root_id) if e.memory_id}
    return [r.id for r in mem.list(SCOPE) if r.id in ids]


def test_replicas_updating_one_memory_leave_one_current_version(pg_url: str) -> None:
    mem = _open(pg_url)
    m = mem.add(SCOPE, "Alice likes tea")
    outcomes = _run(_update, [(pg_url, m.id, i) for i in range(REPLICAS)])
    assert sorted(outcomes) == ["conflict"] * (REPLICAS - 1) + ["ok"]
    assert len(_current(mem, m.id)) == 1
    mem.close()


def _approve(url: str, pid: str, chash: str, i: int, barrier: Any, out: Any) -> None:
    mem = _open(url)
    barrier.wait()
    try:
        mem.approve(pid, reviewer=f"r{i}", content_hash=chash)
        out.put("ok")
    except Conflict:
        out.put("conflict")
    except Exception as exc:  # reported to the test, which fails on it
        out.put(f"error {type(exc).__name__}: {exc}")
    finally:
        mem.close()


def test_replicas_approving_one_proposal_apply_it_once(pg_url: str) -> None:
    mem = _open(pg_url)
    m = mem.add(SCOPE, "Alice lives in Porto")
    p = mem.propose(SCOPE, "Alice lives in Lisbon", kind="fact", op="update", target=m.id)
    outcomes = _run(_approve, [(pg_url, p.id, p.content_hash, i) for i in range(REPLICAS)])
    assert sorted(outcomes) == ["conflict"] * (REPLICAS - 1) + ["ok"]
    assert [r.text for r in mem.list(SCOPE)] == ["Alice lives in Lisbon"]
    applied = [e for e in mem.proposal_history(p.id) if e.action == "proposal.approved"]
    assert len(applied) == 1
    mem.close()


def _write_then_signal(url: str, barrier: Any, out: Any) -> None:
    mem = _open(url)
    barrier.wait()
    try:
        ids = [mem.add(SCOPE, f"Alice note {n} about zebras").id for n in range(20)]
        out.put(ids)
    finally:
        mem.close()


def test_a_write_acknowledged_by_one_replica_is_visible_to_another_at_once(pg_url: str) -> None:
    reader = _open(pg_url)
    # The reader has searched before, so anything it could cache is warm.
    assert reader.search(SCOPE, "zebras", mode="keyword") == []
    (acked,) = _run(_write_then_signal, [(pg_url,)])
    assert {r.id for r in reader.list(SCOPE)} == set(acked)
    hits = reader.search(SCOPE, "zebras", mode="keyword", limit=50)
    assert {h.memory.id for h in hits} == set(acked)
    dense = reader.search(SCOPE, "Alice note about zebras", mode="dense", limit=50)
    assert {h.memory.id for h in dense} == set(acked)
    reader.close()


def _forget(url: str, barrier: Any, out: Any) -> None:
    mem = _open(url)
    barrier.wait()
    try:
        mem.forget(SCOPE, match="flamingo")
        out.put("ok")
    except Exception as exc:  # reported to the test, which fails on it
        out.put(f"error {type(exc).__name__}: {exc}")
    finally:
        mem.close()


def test_forget_on_one_replica_leaves_nothing_to_find_on_another(pg_url: str) -> None:
    reader = _open(pg_url)
    reader.add(SCOPE, "Alice keeps a pink flamingo")
    kept = reader.add(SCOPE, "Alice keeps a green parrot")
    assert [h.memory.text for h in reader.search(SCOPE, "flamingo", mode="keyword")] == [
        "Alice keeps a pink flamingo"
    ]
    assert _run(_forget, [(pg_url,)]) == ["ok"]
    assert reader.search(SCOPE, "flamingo", mode="keyword") == []
    assert [r.id for r in reader.list(SCOPE)] == [kept.id]
    reader.close()


def _migrate(url: str, barrier: Any, out: Any) -> None:
    barrier.wait()
    try:
        with _open(url) as mem:
            mem.add(SCOPE, "opened")
        out.put("ok")
    except Exception as exc:  # reported to the test, which fails on it
        out.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.parametrize("round_", range(3))
def test_replicas_starting_on_an_empty_database_migrate_it_once(round_: int) -> None:
    if not pg.available():
        pytest.fail(pg.skip_reason())
    url = pg.new_database(migrated=False)
    try:
        outcomes = _run(_migrate, [(url,) for _ in range(REPLICAS)])
        assert outcomes == ["ok"] * REPLICAS
        with _open(url) as mem:
            assert mem.count(SCOPE) == REPLICAS
            assert mem.store.schema_version() == LATEST_PG  # type: ignore[attr-defined]
    finally:
        pg.drop_database(url)
