"""Physical erasure that costs what was erased, is never forgotten, and private files.

* ``forget`` does not rewrite the database (no VACUUM); when a reader's snapshot
  keeps the WAL checkpoint from finishing, the erasure still commits and the
  receipt says honestly that compaction is owed, and why;
* owed compaction survives a crash and is finished at the next open or write,
  after which no byte of the canary is left in any file;
* the store folder is private (0700) and its files 0600, including a file an
  older version left readable.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.models import Event, ForgetOp, new_id
from memstack.store.sqlite import SqliteStore

from .canary import CANARY, SCOPE, scan, write_canaries


def _open(home: Path) -> Memory:
    return Memory(home, embedder=FakeEmbedder(dimensions=16))


def _owed(home: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(home / "memstack.db")
    try:
        return conn.execute("SELECT attempts, reason FROM owed_compaction").fetchall()
    finally:
        conn.close()


def test_a_busy_reader_makes_the_receipt_say_compaction_is_owed(home: Path) -> None:
    mem = _open(home)
    write_canaries(mem)
    reader = sqlite3.connect(home / "memstack.db", isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM memories").fetchone()  # holds a snapshot from before
    receipt = mem.forget(SCOPE, reason="ticket 7")
    assert not receipt.complete
    assert receipt.owed is not None and "older snapshot" in receipt.owed
    assert "wal_checkpoint:busy" in receipt.physical
    assert "vacuum" not in receipt.physical  # never a whole-database rewrite
    assert mem.list(SCOPE, include_descendants=True) == []  # the erasure itself committed
    assert _owed(home)

    reader.execute("COMMIT")
    reader.close()
    mem.add("acme/bob", "Bob likes tea")  # the next write finishes what is owed
    assert _owed(home) == []
    mem.close()
    assert scan(home) == []


def test_owed_compaction_survives_a_crash_and_finishes_at_the_next_open(home: Path) -> None:
    mem = _open(home)
    write_canaries(mem)
    # The erasing transaction alone, as if the process died before compacting.
    event = Event(id=new_id(), at=mem.planner.clock(), action="forget", actor="t", scope=SCOPE)
    mem.store.batch([ForgetOp(SCOPE, event, "crash test")])
    store = mem.store
    assert isinstance(store, SqliteStore)
    store._conn.close()  # no clean close: no checkpoint on the way out
    assert _owed(home)

    _open(home).close()  # the next open finishes it
    assert _owed(home) == []
    assert scan(home) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_store_folder_and_files_are_private(tmp_path: Path) -> None:
    home = tmp_path / "fresh" / ".memstack"
    mem = _open(home)
    mem.add(SCOPE, f"Alice's word is {CANARY}")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for name in ("memstack.db", "memstack.db-wal", "memstack.db-shm"):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
    mem.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_older_readable_database_is_made_private(tmp_path: Path) -> None:
    mem = _open(tmp_path)
    mem.add(SCOPE, "Alice likes tea")
    mem.close()
    db = tmp_path / "memstack.db"
    os.chmod(db, 0o644)  # as an older memstack left it
    mem = _open(tmp_path)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    mem.close()
