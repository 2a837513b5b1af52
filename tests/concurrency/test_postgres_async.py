"""The awaited door on PostgreSQL: batches run on the event loop's own connections.

``AsyncMemory`` over :class:`PostgresStore` awaits psycopg's ``AsyncConnection``
directly (no worker thread per batch), so:

* concurrent calls on one ``AsyncMemory`` are in flight on the database at once,
  as many as the pool has connections, even when the loop's default executor
  has a single thread (a worker-thread door would run one batch at a time there);
* a task cancelled while its batch waits rolls the transaction back and returns
  a clean connection to the pool; acknowledged writes stay, and nothing is left
  half-written;
* concurrent updates of one memory still leave one current version.

The waits are made real with a lock another session holds on ``memories``, and
observed in ``pg_stat_activity``.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from memstack import AsyncMemory, Conflict
from memstack.embed.fake import FakeEmbedder
from tests import pg

pytestmark = pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason())

SCOPE = "acme/alice"


def _memory(url: str, pool_size: int) -> AsyncMemory:
    from memstack.store.postgres import PostgresStore

    store = PostgresStore(url, pool_size=pool_size, async_door="native")
    return AsyncMemory(store=store, embedder=FakeEmbedder())


async def _connect(url: str) -> Any:
    import psycopg

    return await psycopg.AsyncConnection.connect(url, autocommit=True)


async def _sessions(monitor: Any, *, exclude: tuple[int, ...], where: str) -> int:
    """Other sessions of this database matching ``where`` (pg_stat_activity)."""
    cur = await monitor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        f"AND pid <> ALL(%s) AND {where}",
        (list(exclude),),
    )
    row = await cur.fetchone()
    return int(row[0])


async def _until(probe: Callable[[], Awaitable[int]], want: int, seconds: float = 20.0) -> int:
    """Poll ``probe`` until it returns ``want`` or the time is up; its last answer."""
    deadline = time.monotonic() + seconds
    got = await probe()
    while got != want and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        got = await probe()
    return got


class Locker:
    """A session holding ``memories`` exclusively, so every batch that reads it waits."""

    def __init__(self, url: str) -> None:
        self.url = url

    async def __aenter__(self) -> Locker:
        self.conn = await _connect(self.url)
        self.monitor = await _connect(self.url)
        self.pids = (self.conn.info.backend_pid, self.monitor.info.backend_pid)
        await self.conn.execute("BEGIN")
        await self.conn.execute("LOCK TABLE memories IN ACCESS EXCLUSIVE MODE")
        return self

    async def waiting(self) -> int:
        return await _sessions(self.monitor, exclude=self.pids, where="wait_event_type = 'Lock'")

    async def open_transactions(self) -> int:
        return await _sessions(self.monitor, exclude=self.pids, where="xact_start IS NOT NULL")

    async def release(self) -> None:
        if not self.conn.closed:
            await self.conn.execute("ROLLBACK")

    async def __aexit__(self, *exc: object) -> None:
        await self.release()
        await self.conn.close()
        await self.monitor.close()


def test_concurrent_calls_wait_on_the_database_at_once_without_worker_threads(
    pg_url: str,
) -> None:
    n = 6

    async def main() -> None:
        # One executor thread: the fake embedder's calls still get one, but a door
        # that ran each store batch in a thread could have one batch in flight.
        asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=1))
        async with _memory(pg_url, pool_size=n) as amem:
            await amem.add(SCOPE, "Alice likes green tea")  # opens the pool, checks the schema
            async with Locker(pg_url) as lock:
                started = time.monotonic()
                tasks = [
                    asyncio.create_task(
                        amem.search(SCOPE, "tea") if i % 2 else amem.add(SCOPE, f"note {i} tea")
                    )
                    for i in range(n)
                ]
                in_flight = await _until(lock.waiting, n)
                assert in_flight == n, f"{in_flight} of {n} batches reached the database at once"
                assert not any(t.done() for t in tasks)
                await lock.release()
                results = await asyncio.wait_for(asyncio.gather(*tasks), 30)
                elapsed = time.monotonic() - started
            texts = {r.text for r in await amem.list(SCOPE)}
        assert texts == {"Alice likes green tea", *(f"note {i} tea" for i in range(0, n, 2))}
        for i, found in enumerate(results):
            if i % 2:
                assert "Alice likes green tea" in [h.memory.text for h in found]
        assert elapsed < 30

    asyncio.run(main())


def test_a_cancelled_call_rolls_back_and_returns_a_clean_connection(pg_url: str) -> None:
    async def main() -> None:
        # One connection: every later call reuses the one the cancelled batch held.
        async with _memory(pg_url, pool_size=1) as amem:
            kept = await amem.add(SCOPE, "Alice likes green tea")
            async with Locker(pg_url) as lock:
                task = asyncio.create_task(amem.add(SCOPE, "a write that is cancelled"))
                assert await _until(lock.waiting, 1) == 1
                task.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await task
                # The statement was cancelled on the server and the transaction ended
                # before the connection went back to the pool: nothing waits, nothing
                # is open, while the lock is still held.
                assert await _until(lock.waiting, 0) == 0
                assert await _until(lock.open_transactions, 0) == 0
            after = await amem.add(SCOPE, "Alice rides a bike")
            texts = sorted(r.text for r in await amem.list(SCOPE))
            assert texts == ["Alice likes green tea", "Alice rides a bike"]
            assert {kept.id, after.id} <= {h.memory.id for h in await amem.search(SCOPE, "Alice")}

    asyncio.run(main())


def test_cancelling_writes_at_random_moments_loses_no_acknowledged_write(pg_url: str) -> None:
    import psycopg

    rng = random.Random(7)

    async def main() -> tuple[set[str], set[str]]:
        acknowledged: set[str] = set()
        async with _memory(pg_url, pool_size=3) as amem:
            started = time.monotonic()
            await amem.add(SCOPE, "warm up")
            await amem.add(SCOPE, "warm up again")
            acknowledged |= {"warm up", "warm up again"}
            one = (time.monotonic() - started) / 2  # about what one write takes here

            async def write(i: int) -> None:
                text = f"note {i}"
                try:
                    # Cancelled anywhere from before its batch began to after it ended.
                    await asyncio.wait_for(amem.add(SCOPE, text), rng.uniform(0, 3 * one))
                except TimeoutError:
                    return
                acknowledged.add(text)

            for wave in range(10):
                await asyncio.gather(*(write(4 * wave + i) for i in range(4)))
            # The pool still serves calls after all those cancellations.
            await amem.add(SCOPE, "afterwards")
            acknowledged.add("afterwards")
            stored = {r.text for r in await amem.list(SCOPE)}
        return acknowledged, stored

    acknowledged, stored = asyncio.run(main())
    assert acknowledged <= stored
    assert 3 < len(acknowledged) and len(stored) < 43, "the timeouts cancelled none or all"
    with psycopg.connect(pg_url) as conn:
        # Every stored memory is whole: keyword row, vector and history event.
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM memories), (SELECT count(*) FROM keywords), "
            "(SELECT count(*) FROM vectors), "
            "(SELECT count(*) FROM events WHERE action = 'add')"
        ).fetchone()
        open_tx = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
        ).fetchone()
    assert counts == (len(stored),) * 4
    assert open_tx == (0,)


def test_asyncio_gather_updates_on_postgres_leave_one_current_version(pg_url: str) -> None:
    async def main() -> None:
        async with _memory(pg_url, pool_size=6) as amem:
            m = await amem.add(SCOPE, "Alice likes tea")
            results = await asyncio.gather(
                *(amem.update(m.id, f"version {i}") for i in range(6)), return_exceptions=True
            )
            wins = [r for r in results if not isinstance(r, BaseException)]
            assert len(wins) == 1, results
            assert all(isinstance(r, Conflict) for r in results if r not in wins)
            current = await amem.list(SCOPE)
            assert [r.text for r in current] == [wins[0].text]

    asyncio.run(main())


def test_a_store_awaited_from_two_event_loops_closes_all_its_connections(pg_url: str) -> None:
    import psycopg

    amem = _memory(pg_url, pool_size=2)

    async def write(text: str) -> None:
        await amem.add(SCOPE, text)

    asyncio.run(write("from the first loop"))
    asyncio.run(write("from the second loop"))  # the first loop's pool cannot serve it
    amem.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        # A server process ends a moment after its client hangs up: wait for that.
        deadline = time.monotonic() + 10
        while True:
            others = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            ).fetchone()
            if others == (0,) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
    assert others == (0,)
    with pytest.raises(Exception, match="closed"):
        asyncio.run(write("after close"))


def test_the_pg_async_setting_chooses_the_door_and_refuses_other_values(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from memstack import UsageError
    from memstack.config import resolve
    from memstack.core.stores import open_store
    from memstack.store.postgres import PostgresStore

    for value in ("native", "thread"):
        monkeypatch.setenv("MEMSTACK_PG_ASYNC", value)
        store = open_store(resolve(store_url=pg_url))
        assert isinstance(store, PostgresStore) and store.async_door == value
        store.close()
    monkeypatch.setenv("MEMSTACK_PG_ASYNC", "greenlet")
    with pytest.raises(UsageError, match="greenlet"):
        open_store(resolve(store_url=pg_url))
