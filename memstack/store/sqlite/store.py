"""The embedded default: records, keyword index, vectors and history in one SQLite file.

Why one file and one transaction: a memory is only useful if its text, its
keyword row, its vector and its history event agree. Every batch holding a
write op runs in a single ``BEGIN IMMEDIATE … COMMIT`` on the one write
connection; a failure rolls all of it back. Each write op checks its
preconditions inside that transaction (:mod:`memstack.models.contract`).

**Concurrency.** Threads, async tasks and processes share a file safely:

* one write connection per store object, behind a lock; across processes,
  SQLite's write lock serialises ``BEGIN IMMEDIATE``. A busy database is
  retried inside (with a growing pause) for up to ``busy_timeout`` seconds,
  so "database is locked" never reaches a caller before that;
* batches of read ops only run on a pool of read connections (WAL mode: a
  reader sees the last commit and never waits for a writer), so reads do not
  queue behind writes;
* the in-memory search blocks are shared by all threads of the store and kept
  current through the ``changes`` log (:mod:`memstack.store.sqlite.search`).

A ``":memory:"`` database exists only on its own connection, so it has no pool.

Dispatch is one table from op type to handler function, assembled from the
modules of each service (records, search, review, extract, privacy, keys); a test
checks it against the contract. Schema changes happen only in :meth:`setup`
(``memstack migrate``), under the write lock, so any number of processes may
open a new or old store at once.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...errors import StoreError, UsageError
from ...index import keyword
from ...models import Compaction, CompactOp, is_write
from .. import migrations
from ..base import Store
from . import extract, keys, privacy, records, review, search, switch
from .blockfiles import BlockFiles
from .erasure import register_functions
from .tx import Handler, Handlers, Tx

__all__ = ["HANDLERS", "SqliteStore"]

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


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


class SqliteStore(Store):
    """One SQLite file holding everything (see module docstring).

    Args:
        path: the database file; ``":memory:"`` for a throwaway database.
        exact_limit: scopes with more vectors than this use the sign-bit
            pre-ranking before the exact rescoring (``None``: always exact).
        cache_rows: rows each in-memory search index may hold before the least
            recently searched scopes are dropped (``None``: no limit).
        readers: read connections kept open for concurrent reads (default: one per
            two cores; on 2 cores more readers starve writers of the GIL: measured
            in ``bench/concurrency.py``, 4 readers cut write throughput to a third).
        busy_timeout: seconds a call waits for another process's write lock
            before it fails with ``StoreError``.
        block_files: search blocks of at least this many rows are saved beside the
            database (``<path>-blocks/``) so that a new process loads them instead
            of rebuilding them from rows (``None``: never; see
            :mod:`memstack.store.sqlite.blockfiles`).

    Example:
        >>> store = SqliteStore(":memory:")
        >>> store.setup()
        >>> store.scopes()
        {}
    """

    name = "sqlite"

    def __init__(
        self,
        path: str | Path,
        *,
        exact_limit: int | None = 10_000,
        cache_rows: int | None = 500_000,
        readers: int | None = None,
        busy_timeout: float = 60.0,
        block_files: int | None = 2_000,
    ) -> None:
        self.path = str(path) if str(path) else ":memory:"
        self.blockfiles: BlockFiles | None = None
        if self.path != ":memory:":
            _private_file(Path(self.path))
            # Even with saving off, an erasure deletes the files other processes saved.
            rows = None if block_files is None else max(1, block_files)
            self.blockfiles = BlockFiles(self.path, min_rows=rows)
        self.busy_timeout = busy_timeout
        self.cache = search.SearchCache(exact_limit=exact_limit, cache_rows=cache_rows)
        self._wlock = threading.RLock()
        self._readers: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        if readers is None:
            readers = max(1, (os.cpu_count() or 2) // 2)
        self._max_readers = 0 if self.path == ":memory:" else max(0, readers)
        self._opened = 0
        self._closed = False
        self._conn = self._connect()
        self._schema_ok = False
        self._owed_tried = 0.0

    @property
    def exact_limit(self) -> int | None:
        return self.cache.exact_limit

    @property
    def cache_rows(self) -> int | None:
        return self.cache.cache_rows

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            # Short waits inside SQLite; longer ones are retried in _retry with backoff.
            conn.execute("PRAGMA busy_timeout = 2000")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            # Takes effect only in a new, empty file (before WAL mode writes its header):
            # new stores hand freed pages back without a VACUUM (store/sqlite/privacy.py).
            # Only then: on an existing file the pragma waits for another process's lock.
            if self.path == ":memory:" or Path(self.path).stat().st_size == 0:
                self._retry(lambda: conn.execute("PRAGMA auto_vacuum = INCREMENTAL"))
            if self.path != ":memory:":
                self._retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
                conn.execute("PRAGMA synchronous = NORMAL")
            register_functions(conn)
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot open the database {self.path}: {exc}.") from exc
        return conn

    def _retry(self, step: Any) -> Any:
        """Run ``step`` until SQLite stops answering busy, for up to ``busy_timeout`` seconds."""
        deadline = time.monotonic() + self.busy_timeout
        pause = 0.005
        while True:
            try:
                return step()
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.2)

    # -- schema ---------------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        """The write connection, for services that need SQLite-specific maintenance."""
        return self._conn

    def schema_version(self) -> int:
        """The highest applied migration (0 for a blank database)."""
        with self._wlock:
            return _version(self._conn)

    def setup(self) -> None:
        """Apply pending migrations, each in its own transaction with its bookkeeping row.

        The version is read inside each migration's ``BEGIN IMMEDIATE``: of several
        processes opening a new store at once, one applies each step and the others
        see it applied.
        """
        with self._wlock:
            conn = self._conn
            for mig in migrations.load("sqlite"):
                self._retry(lambda: conn.execute("BEGIN IMMEDIATE"))
                try:
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS _migrations ("
                        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)"
                    )
                    if _version(conn) < mig.version:
                        for stmt in migrations.split_statements(mig.sql):
                            conn.execute(stmt)
                        conn.execute(
                            "INSERT INTO _migrations VALUES (?, ?, ?)",
                            (mig.version, mig.name, time.time()),
                        )
                    conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    conn.execute("ROLLBACK")
                    raise StoreError(
                        f"Migration {mig.version:04d}_{mig.name} failed: {exc}."
                    ) from exc
            self._schema_ok = True
            if privacy.owed(conn):  # an erasure's compaction did not finish: finish it now
                self._finish_owed()

    def _check_schema(self) -> None:
        if self._schema_ok:
            return
        latest = max(m.version for m in migrations.load("sqlite"))
        have = self.schema_version()
        if have < latest:
            raise StoreError(
                f"The database {self.path} is at schema version {have}; memstack needs {latest}.",
                hint="Run 'memstack migrate' (or Memory(..., migrate=True)).",
            )
        self._schema_ok = True

    def close(self) -> None:
        with self._wlock:
            if self._closed:
                return
            self._closed = True
            self.cache.clear()
            while True:
                try:
                    self._readers.get_nowait().close()
                except queue.Empty:
                    break
            self._conn.close()

    def info(self) -> dict[str, Any]:
        size = Path(self.path).stat().st_size if self.path != ":memory:" else 0
        return {
            "backend": self.name,
            "path": self.path,
            "schema_version": self.schema_version(),
            "sqlite_version": sqlite3.sqlite_version,
            "bytes": size,
        }

    def compact(self) -> Compaction:
        """Make earlier deletions physical (WAL checkpoint, incremental vacuum)."""
        with self._wlock:
            return privacy.compact(self._conn, self.path)

    def _finish_owed(self) -> None:
        """Retry owed compaction without waiting on readers (at most every 30 s)."""
        now = time.monotonic()
        if now - self._owed_tried < 30:
            return
        self._owed_tried = now
        with self._wlock:
            self._conn.execute("PRAGMA busy_timeout = 0")
            try:
                privacy.compact(self._conn, self.path)
            finally:
                self._conn.execute("PRAGMA busy_timeout = 2000")

    # -- batch ----------------------------------------------------------------------

    def handler(self, op: Any) -> Handler:
        """The function that runs ``op`` (raises UsageError for a type outside the contract)."""
        found = HANDLERS.get(type(op))
        if found is None:
            raise UsageError(f"Unsupported op {type(op).__name__} for the SQLite store.")
        return found

    def batch(self, ops: Sequence[Any]) -> list[Any]:
        if self._closed:
            raise StoreError(f"The store {self.path} is closed.")
        self._check_schema()
        handlers = [self.handler(op) for op in ops]
        if any(is_write(op) for op in ops) or not self._max_readers:
            with self._wlock:
                return self._transaction(self._conn, ops, handlers, write=True)
        with self._reader() as conn:
            return self._transaction(conn, ops, handlers, write=False)

    def _transaction(
        self,
        conn: sqlite3.Connection,
        ops: Sequence[Any],
        handlers: Sequence[Handler],
        *,
        write: bool,
    ) -> list[Any]:
        tx = Tx(self, conn, write=write)
        try:
            self._retry(lambda: conn.execute("BEGIN IMMEDIATE" if write else "BEGIN"))
            results = [h(tx, op) for h, op in zip(handlers, ops, strict=True)]
            owes = False
            if write:
                _prune(conn)
                owes = not tx.erased and privacy.owed(conn)
            if conn.in_transaction:
                self._retry(lambda: conn.execute("COMMIT"))
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"SQLite error in {self.path}: {exc}.",
                    hint="Another process may hold the database's write lock."
                    if _busy(exc)
                    else None,
                ) from exc
            raise
        for step in tx.after:
            step(conn)
        if tx.erased:
            self._purge(tx.erased_scopes)
        elif write and owes and not isinstance(ops[0], CompactOp):
            self._finish_owed()
        return results

    def _purge(self, scopes: set[str]) -> None:
        """After an erasure commits: nothing of the erased rows stays in this process,
        nor in a block file another process wrote meanwhile."""
        if self.blockfiles is not None:
            self.blockfiles.wipe(scopes)
        keyword.clear_caches()
        # Lock order everywhere: the write lock before the cache lock.
        with self._wlock, self.cache.lock:
            conn = self._conn
            conn.execute("BEGIN")
            try:
                self.cache.sync(Tx(self, conn, write=True))
            finally:
                conn.execute("COMMIT")

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection]:
        conn: sqlite3.Connection | None = None
        try:
            conn = self._readers.get_nowait()
        except queue.Empty:
            with self._wlock:
                if self._opened < self._max_readers:
                    self._opened += 1
                    conn = self._connect()
        if conn is None:  # every reader is busy: wait for one
            conn = self._readers.get()
        try:
            yield conn
        finally:
            if self._closed:
                conn.close()
            else:
                self._readers.put(conn)


def _private_file(path: Path) -> None:
    """Create the store's folder (0700) and file (0600); tighten an older, readable file.

    Memories are personal data: no other local account may read them. SQLite
    gives the WAL and shared-memory files the database file's permissions.
    """
    try:
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)  # mode: only if created
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
        for suffix in ("-wal", "-shm"):
            extra = Path(str(path) + suffix)
            if extra.exists() and extra.stat().st_mode & 0o077:
                os.chmod(extra, 0o600)
    except OSError as exc:
        raise StoreError(f"Cannot create the database {path}: {exc}.") from exc


def _prune(conn: sqlite3.Connection) -> None:
    """Keep the change log short: past each 1,024th change, drop all but the last 20,000."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").fetchone()
    if row is not None and row[0] % 1024 < 64:
        conn.execute("DELETE FROM changes WHERE seq <= ?", (row[0] - 20_000,))


def _version(conn: sqlite3.Connection) -> int:
    has = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'"
    ).fetchone()
    if not has:
        return 0
    row = conn.execute("SELECT max(version) FROM _migrations").fetchone()
    return int(row[0] or 0)
