"""Search blocks saved beside the SQLite file (memstack/store/sqlite/blockfiles.py).

A new store object has an empty search cache, as a new process does; the one
test with a real second process checks that nothing else is shared. "Same
results" always means the same hits with the same scores as a store that
builds its blocks from rows (``block_files=None``) on the same file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import memstack
from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.sqlite import SqliteStore

SCOPE = "acme/alice"
WORDS = (
    "tea coffee green black milk sugar alice bob cooks vegan dinner lunch bike cello lisbon "
    "kelp garden painting adoption camping guitar school paris dog cat hiking running book"
).split()
QUERIES = ["green tea", "lisbon bike", "garden painting dog", "vegan dinner", "cello school"]
MODES = ("keyword", "dense", "hybrid")


def _open(path: Path, clock: Any, block_files: int | None = 50) -> Memory:
    store = SqliteStore(path, block_files=block_files)
    return Memory(store=store, embedder=FakeEmbedder(), clock=clock)


def _fill(mem: Memory, n: int = 300, seed: int = 3) -> None:
    rng = np.random.default_rng(seed)
    texts = [" ".join(rng.choice(WORDS, size=int(rng.integers(2, 10)))) for _ in range(n)]
    mem.add_many([{"scope": SCOPE, "text": t, "topic": t.split()[0]} for t in texts])
    turns = [{"role": "user", "content": t} for t in texts[:40]]
    mem.ingest_conversation(SCOPE, turns)  # episodes: keyword context from neighbours
    mem.add_many([{"scope": "acme", "text": t} for t in texts[:20]])  # an ancestor


def _results(mem: Memory) -> list[Any]:
    return [
        [(h.memory.id, round(h.score, 9)) for h in mem.search(SCOPE, q, mode=m, limit=15)]
        for q in QUERIES
        for m in MODES
    ]


def _rebuilt(path: Path, clock: Any) -> list[Any]:
    mem = _open(path, clock, block_files=None)
    try:
        return _results(mem)
    finally:
        mem.close()


def _files(path: Path) -> list[Path]:
    folder = Path(str(path) + "-blocks")
    return sorted(folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def path(tmp_path: Path, clock: Any) -> Path:
    db = tmp_path / "m.db"
    mem = _open(db, clock)
    _fill(mem)
    mem.search(SCOPE, "tea")  # loads the blocks and saves the large ones
    mem.close()
    return db


def test_large_blocks_are_saved_private_and_small_ones_not(path: Path) -> None:
    files = _files(path)
    assert len(files) == 2  # the scope's keyword and vector blocks; the ancestor is small
    folder = files[0].parent
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    assert not any(SCOPE.split("/")[-1] in f.name for f in files)  # no scope name on disk


def test_a_new_store_reuses_the_files_and_ranks_like_a_rebuild(path: Path, clock: Any) -> None:
    before = {f: f.stat().st_ino for f in _files(path)}
    mem = _open(path, clock)
    found = _results(mem)
    mem.close()
    assert {f: f.stat().st_ino for f in _files(path)} == before  # read, not written again
    assert found == _rebuilt(path, clock)
    assert any(found)


def test_a_new_process_reuses_the_files(path: Path, clock: Any) -> None:
    before = {f: f.stat().st_ino for f in _files(path)}
    child = textwrap.dedent(
        """
        import json, sys
        from memstack import Memory
        from memstack.embed.fake import FakeEmbedder
        from memstack.store.sqlite import SqliteStore
        from tests.conftest import T0
        store = SqliteStore(sys.argv[1], block_files=50)
        mem = Memory(store=store, embedder=FakeEmbedder(), clock=lambda: T0)
        hits = mem.search("acme/alice", "green tea", mode="hybrid", limit=15)
        print(json.dumps([[h.memory.id, round(h.score, 9)] for h in hits]))
        """
    )
    repo = str(Path(memstack.__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", child, str(path)], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": repo},
    )  # fmt: skip
    assert {f: f.stat().st_ino for f in _files(path)} == before
    mem = _open(path, clock, block_files=None)
    expected = [[h.memory.id, round(h.score, 9)] for h in mem.search(SCOPE, "green tea", limit=15)]
    mem.close()
    assert json.loads(out.stdout) == expected


def test_writes_after_the_file_are_applied_never_stale(path: Path, clock: Any) -> None:
    writer = _open(path, clock)
    added = writer.add(SCOPE, "green tea with kelp in lisbon")
    victims = writer.list(SCOPE, limit=3)
    writer.update(victims[0].id, "black coffee only, no green tea")
    writer.delete(victims[1].id)
    writer.add("acme/bob", "green tea lisbon")  # another scope: not in this block
    writer.close()
    mem = _open(path, clock)
    found = _results(mem)
    ids = {i for q in found for i, _ in q}
    mem.close()
    assert added.id in ids and victims[1].id not in ids and victims[0].id not in ids
    assert found == _rebuilt(path, clock)


def test_many_changes_rebuild_the_file(path: Path, clock: Any) -> None:
    before = {f.read_bytes() for f in _files(path)}
    writer = _open(path, clock, block_files=None)
    for rec in writer.list(SCOPE, limit=200):
        writer.delete(rec.id)
    writer.close()
    mem = _open(path, clock)
    found = _results(mem)
    mem.close()
    assert found == _rebuilt(path, clock)
    assert {f.read_bytes() for f in _files(path)}.isdisjoint(before)  # written again


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_file_is_rebuilt_never_an_error(path: Path, clock: Any, damage: str) -> None:
    for f in _files(path):
        data = bytearray(f.read_bytes())
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "flip":
            data[len(data) * 2 // 3] ^= 0xFF
        elif damage == "garbage":
            data[:64] = os.urandom(64)
        else:
            data = bytearray()
        f.write_bytes(bytes(data))
    mem = _open(path, clock)
    found = _results(mem)
    mem.close()
    assert found == _rebuilt(path, clock)
    # The rebuilt blocks were saved again, whole.
    mem = _open(path, clock)
    assert _results(mem) == found
    mem.close()
    assert all(f.stat().st_size > 1000 for f in _files(path))


def test_files_of_another_store_at_the_same_path_are_not_used(path: Path, clock: Any) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    mem = _open(path, clock)
    _fill(mem, seed=11)  # same scope, other memories, same change-log positions
    found = _results(mem)
    mem.close()
    assert found == _rebuilt(path, clock)


def test_forget_deletes_the_scope_files(path: Path, clock: Any) -> None:
    mem = _open(path, clock)
    mem.add_many([{"scope": "acme/bob", "text": f"bob note {i} green tea"} for i in range(60)])
    mem.search("acme/bob", "tea")
    mem.close()
    assert len(_files(path)) == 4
    mem = _open(path, clock)
    mem.forget(SCOPE)
    assert len(_files(path)) == 2  # bob's stay
    mem.forget("acme/bob", match="note 7")
    assert _files(path) == []
    texts = [h.memory.text for h in mem.search("acme/bob", "bob note", limit=100)]
    assert "bob note 7 green tea" not in texts and "bob note 8 green tea" in texts
    mem.close()


def test_an_erasure_by_another_store_reaches_memory_and_files(path: Path, clock: Any) -> None:
    reader = _open(path, clock)
    reader.search(SCOPE, "green tea")  # blocks in memory, from the files
    eraser = _open(path, clock, block_files=None)  # saves no blocks, still deletes files
    doomed = [h.memory.id for h in reader.search(SCOPE, "green tea", mode="keyword")]
    eraser.forget(SCOPE, ids=doomed)
    eraser.close()
    assert _files(path) == []
    assert not set(doomed) & {h.memory.id for h in reader.search(SCOPE, "green tea")}
    reader.close()


def test_a_file_left_from_before_an_erasure_is_deleted_not_used(path: Path, clock: Any) -> None:
    """As if a process wrote its file from an older snapshot just as another one erased."""
    kept = {f: f.read_bytes() for f in _files(path)}
    mem = _open(path, clock)
    doomed = [h.memory.id for h in mem.search(SCOPE, "green tea", mode="keyword")]
    mem.forget(SCOPE, ids=doomed)
    mem.close()
    for f, data in kept.items():
        f.write_bytes(data)
    fresh = _open(path, clock)
    found = _results(fresh)
    fresh.close()
    assert not set(doomed) & {i for q in found for i, _ in q}
    assert found == _rebuilt(path, clock)
    assert not any(f.read_bytes() == kept.get(f) for f in _files(path))
