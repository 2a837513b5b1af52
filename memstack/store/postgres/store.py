"""PostgreSQL + pgvector: many stateless memstack replicas over one database.

**Why stateless.** Several ``memstack serve`` processes on several machines
share one database. A replica keeps no search block, statistic or record in
memory between batches, so it cannot serve stale or erased data: a write
acknowledged by one replica is visible to every other at its next batch. The
one process-wide cache memstack has (the stemmer's, which holds words) is
cleared when the ``erasures`` counter in ``store_state`` moves, which every
batch reads.

**Transactions.** A batch runs in one transaction on a pooled connection
(psycopg 3 + psycopg_pool). Batches of read ops run ``REPEATABLE READ READ
ONLY``: every op of the batch sees one snapshot. Batches with a write run
``READ COMMITTED``; each write op locks what its precondition reads (``SELECT
… FOR UPDATE``, ``INSERT … ON CONFLICT``), so of two replicas racing on one
version or one proposal exactly one wins and the other gets ``Conflict``.
A serialization failure or deadlock is retried inside, with backoff.
Connections stay in autocommit mode and a batch sends its own ``BEGIN``
together with the erasure counter's read: one round trip, not two.

**Bulk writes.** A run of puts in one batch (``add_many`` sends hundreds) goes
to one bulk handler (``run.BULK``), which writes each table with one
statement; a single op is the same code with one row.

**Two doors, one source.** The handlers and the transaction runner are
written once, as coroutines on psycopg's ``AsyncConnection``
(``memstack/store/postgres/_async/``); ``scripts/unasync.py`` generates their
blocking twin on ``Connection`` (``_sync/``), the way the facade's doors are
made. :meth:`batch` runs the generated code on a ``ConnectionPool``;
:meth:`abatch` awaits the source itself on an ``AsyncConnectionPool`` of the
running event loop, so ``AsyncMemory`` holds no worker thread while a batch
waits for the database, and as many batches as the pool has connections are
in flight at once. A task cancelled while it awaits a batch cancels the
statement on the server and rolls the transaction back before its connection
returns to the pool.

**Erasure** deletes in the batch's transaction, then the plan's
:class:`~memstack.models.CompactOp` batch rewrites the tables outside any
transaction (``privacy.compact``); a compaction that did not finish stays
owed in the database and the next store to open it finishes it.

**Migrations** (:meth:`PostgresStore.setup`, ``memstack migrate``) take a
transaction-scoped advisory lock, so any number of replicas may start on an
empty database at once: one applies each step, the others wait and find it
applied.

Dispatch is one table from op type to handler function per door
(``_async/run.py`` and its twin), assembled from the modules of each service,
exactly as in the SQLite backend; a test checks both against the contract.

Handlers that need the store's state between batches (the HNSW index checks,
the pgvector version, the erasure counter) find it on the store object, which
both doors share.
"""

from __future__ import annotations

import asyncio
import threading
import time
import weakref
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from ...errors import StoreError, UsageError
from ...index import keyword
from ...models import Compaction
from .. import migrations
from ..base import Store
from ._async import run as arun
from ._sync import run
from ._sync.run import HANDLERS
from .rows import index_name

__all__ = ["HANDLERS", "PostgresStore"]

#: pg_advisory_xact_lock key serialising migrations (any constant shared by all replicas).
MIGRATION_LOCK = 0x6D656D73  # "mems"


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "the given PostgreSQL URL"
    host = info.get("host") or "localhost"
    return f"postgresql://{info.get('user') or ''}@{host}/{info.get('dbname') or ''}"


class PostgresStore(Store):
    """One PostgreSQL database shared by any number of replicas (see module docstring).

    Args:
        url: a libpq connection string or URL (``postgresql://user:pw@host/db``).
        exact_limit: searched scopes with more vectors than this use the HNSW
            index, when one was built (:meth:`build_vector_index`); ``None``:
            always exact.
        pool_size: most connections each door keeps open: the blocking pool,
            and the pool of each event loop that awaits this store.
        cache_rows: accepted for parity with SQLite; this store caches no rows.
        timeout: seconds to wait for a connection from a pool.
        async_door: how :meth:`abatch` runs: ``"thread"`` (default) runs the
            blocking door in a worker thread; ``"native"`` awaits the async
            source on the event loop's own ``AsyncConnectionPool`` (no thread;
            a cancelled call rolls back at once). Both run the same handlers;
            ``bench/pg_async.py`` compares them (docs/scale-out.md).

    Example (needs a server)::

        store = PostgresStore("postgresql://memstack@db/memstack")
        store.setup()
    """

    name = "postgres"

    def __init__(
        self,
        url: str,
        *,
        exact_limit: int | None = 10_000,
        pool_size: int = 4,
        cache_rows: int | None = None,
        timeout: float = 30.0,
        async_door: str = "thread",
    ) -> None:
        if not url:
            raise UsageError(
                "The PostgreSQL store needs a URL.",
                hint="Pass store_url='postgresql://user:password@host/dbname'.",
            )
        if async_door not in ("thread", "native"):
            raise UsageError(
                f"Unknown async door {async_door!r} for the PostgreSQL store.",
                hint="Use 'thread' or 'native' (setting pg_async).",
            )
        self.async_door = async_door
        self.url = url
        self.redacted = _redact(url)
        self.exact_limit = exact_limit
        self.pool_size = max(1, pool_size)
        self.timeout = timeout
        self.closed = False
        #: Set by the first batch of either door (see ``run._check_schema``).
        self.schema_ok = False
        self.pgvector: tuple[int, ...] | None = None
        #: HNSW index name -> (when checked, valid), see ``search.hnsw_index``.
        self.index_checks: dict[str, tuple[float, bool]] = {}
        self._erasures: int | None = None
        self._lock = threading.Lock()
        self._pool: ConnectionPool[Any] | None = None
        #: One pool per event loop that awaits this store (a pool belongs to its loop).
        self._apools: dict[asyncio.AbstractEventLoop, _LoopPool] = {}
        try:
            # One direct attempt first: a wrong host or password fails now, with
            # libpq's reason, instead of after the pool's retries time out.
            psycopg.connect(url, connect_timeout=max(1, int(timeout))).close()
        except psycopg.Error as exc:
            reason = str(exc).strip().rstrip(".")
            raise StoreError(f"Cannot connect to {self.redacted}: {reason}.") from exc

    # -- pools ----------------------------------------------------------------------

    def pool(self) -> ConnectionPool[Any]:
        """The blocking door's pool, opened on first use."""
        with self._lock:
            if self.closed:
                raise StoreError("The PostgreSQL store is closed.")
            if self._pool is None:
                pool: ConnectionPool[Any] = ConnectionPool(
                    self.url, min_size=1, max_size=self.pool_size, timeout=self.timeout,
                    open=False, kwargs={"autocommit": True}, name="memstack",
                )  # fmt: skip
                try:
                    pool.open(wait=True, timeout=self.timeout)
                except psycopg.Error as exc:
                    pool.close()
                    raise StoreError(f"Cannot connect to {self.redacted}: {exc}.") from exc
                self._pool = pool
            return self._pool

    async def apool(self) -> AsyncConnectionPool[Any]:
        """The running event loop's pool, opened on its first batch."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self.closed:
                raise StoreError("The PostgreSQL store is closed.")
            held = self._apools.get(loop)
            if held is None:
                # Pools of loops that have ended cannot be awaited any more: close
                # their connections now instead of when they are collected.
                for old in [lp for lp in self._apools if lp.is_closed()]:
                    self._apools.pop(old).abandon()
                held = self._apools[loop] = _LoopPool(self, loop)
        return await held.ready()

    # -- schema ---------------------------------------------------------------------

    def schema_version(self) -> int:
        """The highest applied migration (0 for a blank database)."""
        with self.pool().connection() as conn:
            return run.version(conn)

    def setup(self) -> None:
        """Apply pending migrations, each in its own transaction with its bookkeeping row.

        Each step takes the migration advisory lock first, then reads the version:
        replicas starting together apply each step once. The runner is blocking
        on either door and uses a connection of its own (a store only awaited
        never opens its blocking pool): migrations run before a rollout, never on
        a request path.
        """
        if self.closed:
            raise StoreError("The PostgreSQL store is closed.")
        with psycopg.connect(self.url, autocommit=True) as conn:
            for mig in migrations.load("postgres"):
                try:
                    with conn.transaction():
                        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                        conn.execute(
                            "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, "
                            "name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)"
                        )
                        if run.version(conn) < mig.version:
                            conn.execute(mig.sql.encode())
                            conn.execute(
                                "INSERT INTO _migrations VALUES (%s, %s, %s)",
                                (mig.version, mig.name, time.time()),
                            )
                except psycopg.Error as exc:
                    raise StoreError(
                        f"Migration {mig.version:04d}_{mig.name} failed: {exc}."
                    ) from exc
        # The first batch still checks for an owed compaction (run._check_schema).

    def close(self) -> None:
        """Close the pools. An event loop's pool is closed on that loop when it still runs.

        Inside a running loop prefer ``await store.aclose()`` (``async with
        AsyncMemory(...)`` does it), which waits for the pool to finish closing.
        """
        with self._lock:
            if self.closed:
                return
            self.closed = True
            pool, self._pool = self._pool, None
            apools, self._apools = list(self._apools.values()), {}
        if pool is not None:
            pool.close()
        for held in apools:
            held.close_soon()

    async def aclose(self) -> None:
        """Close the pools, awaiting the running loop's own pool."""
        loop = asyncio.get_running_loop()
        with self._lock:
            mine = self._apools.pop(loop, None)
        if mine is not None:
            await mine.aclose()
        self.close()

    def info(self) -> dict[str, Any]:
        with self.pool().connection() as conn:
            size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            server = conn.execute("SHOW server_version").fetchone()
            version = run.version(conn)
        return {
            "backend": self.name,
            "path": self.redacted,
            "schema_version": version,
            "postgres_version": server[0] if server else None,
            "pgvector_version": ".".join(map(str, self.pgvector_version)),
            "bytes": int(size[0]) if size else 0,
        }

    @property
    def pgvector_version(self) -> tuple[int, ...]:
        """The installed pgvector extension's version, e.g. ``(0, 6, 2)``."""
        if self.pgvector is None:
            with self.pool().connection() as conn:
                row = conn.execute(
                    "SELECT extversion FROM pg_extension WHERE extname = 'vector'"
                ).fetchone()
            text = row[0] if row else "0"
            self.pgvector = tuple(int(p) for p in text.split(".") if p.isdigit())
        return self.pgvector

    # -- dense index ----------------------------------------------------------------

    def build_vector_index(
        self,
        embedder: str,
        dim: int,
        *,
        m: int = 16,
        ef: int = 64,
        build_memory_mb: int | None = None,
    ) -> str:
        """Build the HNSW index (cosine) for one embedder's vectors, if missing.

        Built ``CONCURRENTLY``, so writes go on meanwhile; searches of scopes
        with more than ``exact_limit`` vectors use it once it exists.

        Args:
            embedder: the embedder id whose vectors to index.
            dim: their dimension.
            m: HNSW's neighbours per node.
            ef: HNSW's ``ef_construction``.
            build_memory_mb: ``maintenance_work_mem`` for this build only. pgvector
                builds fast while the graph fits in it (about 2 KB per 384-d
                vector) and much slower once it does not; the server's default
                is often 64 MB.

        Returns:
            The index name.
        """
        name = index_name(embedder, dim)
        stmt = sql.SQL(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON vectors USING hnsw "
            "((vec::vector({dim})) vector_cosine_ops) WITH (m = {m}, ef_construction = {ef}) "
            "WHERE embedder = {embedder} AND dim = {dim}"
        ).format(
            name=sql.Identifier(name), dim=sql.Literal(int(dim)), m=sql.Literal(int(m)),
            ef=sql.Literal(int(ef)), embedder=sql.Literal(embedder),
        )  # fmt: skip
        with psycopg.connect(self.url, autocommit=True) as conn:
            if build_memory_mb is not None:
                conn.execute(f"SET maintenance_work_mem = '{int(build_memory_mb)}MB'")
            conn.execute(stmt)
            # Fresh statistics, or the planner may not see that the index pays off.
            conn.execute("ANALYZE vectors")
        self.index_checks.pop(name, None)
        return name

    # -- batch ----------------------------------------------------------------------

    def batch(self, ops: Sequence[Any]) -> list[Any]:
        return run.run_batch(self, ops)

    async def abatch(self, ops: Sequence[Any]) -> list[Any]:
        """The blocking door in a worker thread, or (``async_door="native"``) awaited on
        this loop's own connections (see module docstring)."""
        if self.async_door == "thread":
            return await asyncio.to_thread(run.run_batch, self, ops)
        return await arun.run_batch(self, ops)

    def see_erasures(self, row: Any) -> None:
        """Clear the process-wide stemmer cache if any replica erased since the last batch."""
        seen = int(row[0]) if row else 0
        with self._lock:
            if self._erasures is not None and seen != self._erasures:
                keyword.clear_caches()
            self._erasures = seen

    # -- compaction -----------------------------------------------------------------

    def compact(self) -> Compaction:
        """Make earlier deletions physical: rewrite the tables (VACUUM FULL), then CHECKPOINT."""
        return run.compact(self)


class _LoopPool:
    """The ``AsyncConnectionPool`` of one event loop, and how to close it from anywhere.

    A pool's tasks and locks belong to the loop that opened it, so each loop
    awaiting the store gets its own. The connections it made are remembered
    (weakly) so that a pool whose loop has ended can still close them.
    """

    def __init__(self, store: PostgresStore, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.conns: weakref.WeakSet[psycopg.AsyncConnection[Any]] = weakref.WeakSet()
        self._store = store
        self.pool = self._new_pool()
        self._open = False
        self._opening = asyncio.Lock()
        self._closing: set[asyncio.Task[None]] = set()

    def _new_pool(self) -> AsyncConnectionPool[Any]:
        s = self._store
        return AsyncConnectionPool(
            s.url, min_size=1, max_size=s.pool_size, timeout=s.timeout, open=False,
            kwargs={"autocommit": True}, name="memstack-async", configure=self._made,
        )  # fmt: skip

    async def _made(self, conn: psycopg.AsyncConnection[Any]) -> None:
        self.conns.add(conn)

    async def ready(self) -> AsyncConnectionPool[Any]:
        """The pool, opened by the first task that needs it (the others wait for that)."""
        if not self._open:
            async with self._opening:
                if not self._open:
                    try:
                        await self.pool.open(wait=True, timeout=self._store.timeout)
                    except psycopg.Error as exc:  # PoolTimeout: the server went away
                        await self.pool.close()
                        self.pool = self._new_pool()  # a closed pool cannot reopen
                        raise StoreError(
                            f"Cannot connect to {self._store.redacted}: {exc}."
                        ) from exc
                    self._open = True
        return self.pool

    async def aclose(self) -> None:
        await self.pool.close()

    def close_soon(self) -> None:
        """Close from a blocking call: on the loop if it still runs, else at once."""
        if self.loop.is_closed():
            self.abandon()
            return
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            task = self.loop.create_task(self.pool.close())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)
        elif self.loop.is_running():
            asyncio.run_coroutine_threadsafe(self.pool.close(), self.loop)
        else:
            self.loop.run_until_complete(self.pool.close())

    def abandon(self) -> None:
        """The loop has ended: close the connections the pool made, without it."""
        for conn in list(self.conns):
            if not conn.closed:
                conn.pgconn.finish()
