"""The SQLite store remembers what fusion needs of candidate rows; a remembered row is never stale.

SQLite reuses the rowid of a deleted last row, so a remembered (rowid → id) pair
would name the wrong memory if a change did not drop it: by this store object or
by another process's store on the same file.
"""

from __future__ import annotations

from pathlib import Path

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.sqlite import SqliteStore


def _rowid(path: Path, memory_id: str) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return int(
            conn.execute("SELECT rowid FROM memories WHERE id = ?", (memory_id,)).fetchone()[0]
        )


def test_a_reused_rowid_is_reported_with_its_new_memory(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    emb = FakeEmbedder()
    searcher = Memory(store=SqliteStore(path), embedder=emb)
    other = Memory(store=SqliteStore(path), embedder=emb)  # another process's store object
    searcher.add("t/a", "green tea in the morning")
    old = searcher.add("t/a", "green tea with lemon")
    assert [h.memory.id for h in searcher.search("t/a", "green tea lemon")][0] == old.id
    for writer in (searcher, other):
        was = _rowid(path, old.id)
        writer.delete(old.id)
        new = writer.add("t/a", "green tea with lemon and honey")
        assert _rowid(path, new.id) == was  # SQLite gave the row number out again
        hits = searcher.search("t/a", "green tea lemon honey")
        assert hits[0].memory.id == new.id
        assert hits[0].memory.text == "green tea with lemon and honey"
        assert old.id not in {h.memory.id for h in hits}
        old = new
    searcher.close()
    other.close()


def test_erasure_forgets_the_remembered_rows(tmp_path: Path) -> None:
    mem = Memory(store=SqliteStore(tmp_path / "m.db"), embedder=FakeEmbedder())
    mem.add("t/a", "secret project falcon")
    mem.add("t/b", "project falcon budget")
    assert mem.search("t/a", "falcon")
    store = mem.store
    assert isinstance(store, SqliteStore)
    assert store.cache.stubs
    mem.forget("t/a")
    assert mem.search("t/b", "falcon")  # the cache refills from what is left
    ids = {s.id for s in store.cache.stubs.values()}
    assert ids == {h.memory.id for h in mem.search("t/b", "falcon")}
    mem.close()
