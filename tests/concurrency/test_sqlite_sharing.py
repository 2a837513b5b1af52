"""Several SQLite connections and processes on one file: visibility, caches, locks, erasure.

* a write acknowledged by one process is found by another's next search, even
  though the reader's search blocks were loaded before the write;
* the reader keeps its blocks (patched from the change log, not dropped);
* after ``forget`` in one process, no search block of another process holds
  the erased text at its next call, and none of this process's after it returns;
* reads go on while another connection holds the write lock, and a write
  waits for that lock instead of failing with "database is locked".
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.sqlite import SqliteStore

SCOPE = "acme/alice"
CANARY = "zqxcanaryword"


def _open(home: Path) -> Memory:
    return Memory(home, embedder=FakeEmbedder())


def _in_process(target: Any, *args: Any) -> None:
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    p = ctx.Process(target=target, args=args)
    p.start()
    p.join(60)
    assert p.exitcode == 0


def _add(home: str, text: str) -> None:
    with Memory(home, embedder=FakeEmbedder()) as mem:
        mem.add(SCOPE, text)


def _update_first(home: str, text: str) -> None:
    with Memory(home, embedder=FakeEmbedder()) as mem:
        first = mem.list(SCOPE)[0]
        mem.update(first.id, text)


def _forget(home: str, needle: str) -> None:
    with Memory(home, embedder=FakeEmbedder()) as mem:
        mem.forget(SCOPE, match=needle)


def _block_texts(store: SqliteStore) -> str:
    """Everything the keyword blocks of ``store`` hold, as one string."""
    out = []
    for block in store.cache.kindex._blocks.values():
        out += [terms + " " + context for terms, context in block.docs]
        out += [r.terms + " " + r.context for r in block.pending]
    return " ".join(out)


def test_another_process_write_is_visible_at_once_and_blocks_survive(tmp_path: Path) -> None:
    mem = _open(tmp_path)
    for i in range(30):
        mem.add(SCOPE, f"Alice note number {i} about gardening")
    assert mem.search(SCOPE, "gardening", mode="keyword")  # loads the blocks
    store = mem.store
    assert isinstance(store, SqliteStore)
    block = store.cache.kindex._blocks[SCOPE]

    _in_process(_add, str(tmp_path), "Alice started learning the theremin")
    hits = mem.search(SCOPE, "theremin", mode="keyword")
    assert [h.memory.text for h in hits] == ["Alice started learning the theremin"]
    assert store.cache.kindex._blocks[SCOPE] is block  # patched, not reloaded
    dense = mem.search(SCOPE, "Alice started learning the theremin", mode="dense", limit=1)
    assert dense[0].memory.text == "Alice started learning the theremin"

    _in_process(_update_first, str(tmp_path), "Alice stopped gardening for good")
    texts = [h.memory.text for h in mem.search(SCOPE, "gardening", mode="keyword", limit=50)]
    assert "Alice note number 0 about gardening" not in texts  # superseded elsewhere
    assert "Alice stopped gardening for good" in texts
    mem.close()


def test_forget_in_another_process_purges_this_process_blocks(tmp_path: Path) -> None:
    mem = _open(tmp_path)
    for i in range(10):
        mem.add(SCOPE, f"Alice note {i}")
    mem.add(SCOPE, f"Alice's secret word is {CANARY}")
    assert mem.search(SCOPE, CANARY, mode="keyword")
    store = mem.store
    assert isinstance(store, SqliteStore)
    assert CANARY in _block_texts(store)

    _in_process(_forget, str(tmp_path), CANARY)
    assert mem.search(SCOPE, "note", mode="keyword")  # the next call to the store
    assert CANARY not in _block_texts(store)
    assert not mem.search(SCOPE, CANARY, mode="keyword")
    mem.close()


def test_forget_purges_this_process_blocks_before_it_returns(tmp_path: Path) -> None:
    mem = _open(tmp_path)
    mem.add(SCOPE, "Alice likes tea")
    mem.add(SCOPE, f"Alice's secret word is {CANARY}")
    assert mem.search(SCOPE, CANARY, mode="keyword")
    store = mem.store
    assert isinstance(store, SqliteStore)
    mem.forget(SCOPE, match=CANARY)
    assert CANARY not in _block_texts(store)
    mem.close()


def test_reads_proceed_while_another_connection_holds_the_write_lock(tmp_path: Path) -> None:
    mem = _open(tmp_path)
    m = mem.add(SCOPE, "Alice likes tea")
    blocker = sqlite3.connect(tmp_path / "memstack.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    blocker.execute("UPDATE memories SET importance = importance WHERE 0")
    done = threading.Event()

    def read() -> None:
        assert mem.get(m.id).text == "Alice likes tea"
        assert mem.search(SCOPE, "tea")
        done.set()

    t = threading.Thread(target=read)
    t.start()
    finished = done.wait(20)
    blocker.execute("COMMIT")
    t.join()
    blocker.close()
    assert finished, "reads waited for another connection's write transaction"
    mem.close()


def test_a_write_waits_for_the_lock_instead_of_failing(tmp_path: Path) -> None:
    mem = _open(tmp_path)
    mem.add(SCOPE, "Alice likes tea")
    blocker = sqlite3.connect(
        tmp_path / "memstack.db", isolation_level=None, check_same_thread=False
    )
    blocker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(3.0, lambda: blocker.execute("COMMIT"))  # longer than SQLite's wait
    release.start()
    started = time.monotonic()
    mem.add(SCOPE, "Alice likes coffee")  # must not raise "database is locked"
    assert time.monotonic() - started >= 2.5
    release.join()
    blocker.close()
    assert mem.count(SCOPE) == 2
    mem.close()


def test_a_store_opens_while_another_process_holds_the_write_lock(tmp_path: Path) -> None:
    """Opening (and a first read on a new read connection) never waits on another's write."""
    _open(tmp_path).close()
    blocker = sqlite3.connect(tmp_path / "memstack.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        mem = Memory(tmp_path, embedder=FakeEmbedder(), migrate=False)
        assert mem.count(SCOPE) == 0
        mem.close()
    finally:
        blocker.execute("COMMIT")
        blocker.close()
