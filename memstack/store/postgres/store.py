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
to one bulk handler (:data:`BULK`), which writes each table with one
statement; a single op is the same code with one row.

**The async door** runs :meth:`batch` in a worker thread (the base class's
``abatch``). Handlers are plain functions that call the connection as they go;
driving them on psycopg's async connections would mean a second copy of every
handler or rewriting them all as generators of statements, and a batch's cost
is its round trips, which a thread waits for without holding the GIL.

**Erasure** deletes in the batch's transaction, then the plan's
:class:`~memstack.models.CompactOp` batch rewrites the tables outside any
transaction (:func:`.privacy.compact`); a compaction that did not finish stays
owed in the database and the next store to open it finishes it.

**Migrations** (:meth:`PostgresStore.setup`, ``memstack migrate``) take a
transaction-scoped advisory lock, so any number of replicas may start on an
empty database at once: one applies each step, the others wait and find it
applied.

Dispatch is one table from op type to handler function, assembled from the
modules of each service, exactly as in the SQLite backend; a test checks it
against the contract.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool

from ...errors import StoreError, UsageError
from ...index import keyword
from ...models import Compaction, CompactOp, is_write
from .. import migrations
from ..base import Store
from . import extract, keys, privacy, records, review, search, switch
from .tx import Bulk, Handler, Handlers, Tx

__all__ = ["HANDLERS", "PostgresStore"]

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

#: Handlers of several consecutive ops of one type at once (see :func:`_apply`).
BULK: dict[type, Bulk] = {**records.BULK}

#: pg_advisory_xact_lock key serialising migrations (any constant shared by all replicas).
MIGRATION_LOCK = 0x6D656D73  # "mems"
#: Each batch's first message: its transaction (reads: one snapshot, read only) and
#: the erasure counter every replica watches.
_BEGIN = {
    True: "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE; "
    "SELECT value FROM store_state WHERE key = 'erasures'",
    False: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
    "SELECT value FROM store_state WHERE key = 'erasures'",
}
#: How long a replica trusts what it found about an HNSW index (see hnsw_index).
INDEX_CHECK_SECONDS = 30.0
_RETRY_STATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected


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
        pool_size: most connections this store object keeps open.
        cache_rows: accepted for parity with SQLite; this store caches no rows.
        timeout: seconds to wait for a connection from the pool.

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
    ) -> None:
        if not url:
            raise UsageError(
                "The PostgreSQL store needs a URL.",
                hint="Pass store_url='postgresql://user:password@host/dbname'.",
            )
        self.url = url
        self.exact_limit = exact_limit
        self._closed = False
        self._erasures: int | None = None
        self._schema_ok = False
        self._pgvector: tuple[int, ...] | None = None
        #: HNSW index name -> (when checked, valid), see :meth:`hnsw_index`.
        self._indexes: dict[str, tuple[float, bool]] = {}
        self._lock = threading.Lock()
        try:
            # One direct attempt first: a wrong host or password fails now, with
            # libpq's reason, instead of after the pool's retries time out.
            psycopg.connect(url, connect_timeout=max(1, int(timeout))).close()
        except psycopg.Error as exc:
            reason = str(exc).strip().rstrip(".")
            raise StoreError(f"Cannot connect to {_redact(url)}: {reason}.") from exc
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            timeout=timeout,
            open=False,
            # Autocommit: batches open their transactions themselves (see _run); a
            # connection returns to the pool outside any transaction.
            kwargs={"autocommit": True},
            name="memstack",
        )
        try:
            self._pool.open(wait=True, timeout=timeout)
        except psycopg.Error as exc:
            self._pool.close()
            raise StoreError(f"Cannot connect to {_redact(url)}: {exc}.") from exc

    # -- schema ---------------------------------------------------------------------

    def schema_version(self) -> int:
        """The highest applied migration (0 for a blank database)."""
        with self._pool.connection() as conn:
            return _version(conn)

    def setup(self) -> None:
        """Apply pending migrations, each in its own transaction with its bookkeeping row.

        Each step takes the migration advisory lock first, then reads the version:
        replicas starting together apply each step once.
        """
        with self._pool.connection() as conn:
            for mig in migrations.load("postgres"):
                try:
                    with conn.transaction():
                        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                        conn.execute(
                            "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, "
                            "name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)"
                        )
                        if _version(conn) < mig.version:
                            conn.execute(mig.sql.encode())
                            conn.execute(
                                "INSERT INTO _migrations VALUES (%s, %s, %s)",
                                (mig.version, mig.name, time.time()),
                            )
                except psycopg.Error as exc:
                    raise StoreError(
                        f"Migration {mig.version:04d}_{mig.name} failed: {exc}."
                    ) from exc
            conn.commit()
        # The first batch still checks for an owed compaction (_check_schema).

    def _check_schema(self, conn: psycopg.Connection[Any]) -> None:
        """On a store's first batch: the schema is current, and no erasure is owed."""
        latest = max(m.version for m in migrations.load("postgres"))
        have = _version(conn)
        if have < latest:
            conn.rollback()
            raise StoreError(
                f"The database {_redact(self.url)} is at schema version {have}; "
                f"memstack needs {latest}.",
                hint="Run 'memstack migrate' (or Memory(..., migrate=True)).",
            )
        debt = privacy.owed(conn)
        conn.commit()
        self._schema_ok = True
        if debt:  # an erasure's compaction did not finish (crash, locks): finish it now
            self.compact()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._pool.close()

    def info(self) -> dict[str, Any]:
        with self._pool.connection() as conn:
            size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            server = conn.execute("SHOW server_version").fetchone()
            version = _version(conn)
        return {
            "backend": self.name,
            "path": _redact(self.url),
            "schema_version": version,
            "postgres_version": server[0] if server else None,
            "pgvector_version": ".".join(map(str, self.pgvector_version)),
            "bytes": int(size[0]) if size else 0,
        }

    @property
    def pgvector_version(self) -> tuple[int, ...]:
        """The installed pgvector extension's version, e.g. ``(0, 6, 2)``."""
        if self._pgvector is None:
            with self._pool.connection() as conn:
                row = conn.execute(
                    "SELECT extversion FROM pg_extension WHERE extname = 'vector'"
                ).fetchone()
            text = row[0] if row else "0"
            self._pgvector = tuple(int(p) for p in text.split(".") if p.isdigit())
        return self._pgvector

    # -- dense index ----------------------------------------------------------------

    @staticmethod
    def _index_name(embedder: str, dim: int) -> str:
        digest = hashlib.blake2b(embedder.encode(), digest_size=6).hexdigest()
        return f"vectors_hnsw_{digest}_{int(dim)}"

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
        name = self._index_name(embedder, dim)
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
        self._indexes.pop(name, None)
        return name

    def hnsw_index(self, tx: Tx, embedder: str, dim: int) -> str | None:
        """The name of the embedder's HNSW index if it exists and is valid.

        Remembered for :data:`INDEX_CHECK_SECONDS`: whether an index exists is
        schema, not data (nothing stale or erased can come of it), and asking on
        every search of a large scope costs a round trip. An index built by
        another replica is used from its next check on; one built by this store
        object at once.
        """
        name = self._index_name(embedder, dim)
        now = time.monotonic()
        known = self._indexes.get(name)
        if known is not None and now - known[0] < INDEX_CHECK_SECONDS:
            return name if known[1] else None
        row = tx.one(
            "SELECT i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
            "WHERE c.relname = %s",
            (name,),
        )
        valid = row is not None and bool(row[0])
        self._indexes[name] = (now, valid)
        return name if valid else None

    # -- batch ----------------------------------------------------------------------

    def handler(self, op: Any) -> Handler:
        """The function that runs ``op`` (raises UsageError for a type outside the contract)."""
        found = HANDLERS.get(type(op))
        if found is None:
            raise UsageError(f"Unsupported op {type(op).__name__} for the PostgreSQL store.")
        return found

    def batch(self, ops: Sequence[Any]) -> list[Any]:
        if self._closed:
            raise StoreError("The PostgreSQL store is closed.")
        handlers = [self.handler(op) for op in ops]
        if ops and all(isinstance(op, CompactOp) for op in ops):
            return [self.compact() for _ in ops]
        write = any(is_write(op) for op in ops)
        delay = 0.01
        deadline = time.monotonic() + 30.0
        while True:
            try:
                return self._run(ops, handlers, write=write)
            except psycopg.Error as exc:
                if exc.sqlstate in _RETRY_STATES and time.monotonic() < deadline:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.5)
                    continue
                raise StoreError(f"PostgreSQL error: {exc}.") from exc

    def _run(self, ops: Sequence[Any], handlers: Sequence[Handler], *, write: bool) -> list[Any]:
        with self._pool.connection() as conn:
            if not self._schema_ok:
                self._check_schema(conn)
            tx = Tx(self, conn, write=write)
            # The connection is in autocommit mode and the batch opens its transaction
            # itself, with the erasure counter's read in the same message: one round
            # trip where psycopg's own BEGIN and the read would take two.
            try:
                cur = conn.execute(_BEGIN[write])
                cur.nextset()
                self._see_erasures(cur.fetchone())
                results = _apply(tx, ops, handlers)
                if tx.erased:
                    tx.execute("UPDATE store_state SET value = value + 1 WHERE key = 'erasures'")
            except BaseException:
                _rollback(conn)
                raise
            conn.execute("COMMIT")
        if tx.erased:
            keyword.clear_caches()
        return results

    def _see_erasures(self, row: Any) -> None:
        """Clear the process-wide stemmer cache if any replica erased since the last batch."""
        seen = int(row[0]) if row else 0
        with self._lock:
            if self._erasures is not None and seen != self._erasures:
                keyword.clear_caches()
            self._erasures = seen

    def vector_count(self, tx: Tx) -> int:
        """Vectors in the whole table (the planner's estimate is enough)."""
        row = tx.one("SELECT reltuples FROM pg_class WHERE relname = 'vectors'")
        return max(1, int(row[0])) if row else 1

    # -- compaction -----------------------------------------------------------------

    def compact(self) -> Compaction:
        """Make earlier deletions physical: rewrite the tables (VACUUM FULL), then CHECKPOINT."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            return privacy.compact(conn)


def _apply(tx: Tx, ops: Sequence[Any], handlers: Sequence[Handler]) -> list[Any]:
    """Run ``ops`` in order; a run of ops with a bulk handler goes in one call.

    ``add_many`` sends a thousand puts in one batch: run one by one they cost a
    round trip per row per table, run together one statement per table.
    """
    results: list[Any] = []
    i = 0
    while i < len(ops):
        bulk = BULK.get(type(ops[i]))
        if bulk is None:
            results.append(handlers[i](tx, ops[i]))
            i += 1
            continue
        j = i + 1
        while j < len(ops) and type(ops[j]) is type(ops[i]):
            j += 1
        results.extend(bulk(tx, ops[i:j]))
        i = j
    return results


def _rollback(conn: psycopg.Connection[Any]) -> None:
    """End a failed batch's transaction (its error is the one that propagates)."""
    if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
        return  # it never began, or COMMIT failed and ended it
    try:
        conn.execute("ROLLBACK")
    except psycopg.Error:
        pass  # a broken connection: the pool discards it, and the server rolls back


def _version(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("SELECT to_regclass('_migrations') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    got = conn.execute("SELECT max(version) FROM _migrations").fetchone()
    return int(got[0] or 0) if got else 0
