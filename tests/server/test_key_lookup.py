"""Checking a key is a read: requests authenticate while another process holds the write lock."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from memstack.core import create_key, find_key, list_keys
from memstack.store.sqlite import SqliteStore


def test_key_lookups_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "memstack.db"
    store = SqliteStore(path, readers=1, busy_timeout=3.0)
    store.setup()
    secret, key = create_key(store, "acme", "reader")
    assert find_key(store, secret) == key  # the read connection is open (as in a running server)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process is in the middle of a write
    try:
        started = time.monotonic()
        assert find_key(store, secret) == key
        assert list_keys(store, "acme") == [key]
        assert time.monotonic() - started < 1.0
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()
