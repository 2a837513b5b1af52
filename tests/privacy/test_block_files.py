"""Erasure reaches the search blocks SQLite saves beside the database (``<db>-blocks/``).

Every block is saved here (``block_files=1``), so the canary scope's keyword
terms and vectors are in files before ``forget``; after it, no file under the
home folder holds a canary term or a byte string of one of the scope's vectors.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.sqlite import SqliteStore

from .canary import CANARY, OTHER, SCOPE, scan, write_bystander, write_canaries


def _open(home: Path) -> Memory:
    store = SqliteStore(home / "memstack.db", block_files=1)
    return Memory(home, store=store, embedder=FakeEmbedder(dimensions=16))


def _vectors(home: Path) -> list[bytes]:
    conn = sqlite3.connect(home / "memstack.db")
    try:
        rows = conn.execute(
            "SELECT v.vec FROM vectors v JOIN memories m ON m.rowid = v.memory "
            "WHERE m.scope = ? OR m.scope GLOB ?",
            (SCOPE, SCOPE + "/*"),
        ).fetchall()
    finally:
        conn.close()
    return [bytes(r[0]) for r in rows]


def _holding(home: Path, blobs: list[bytes]) -> list[str]:
    return [
        p.name
        for p in sorted(home.rglob("*"))
        if p.is_file() and any(b in p.read_bytes() for b in blobs)
    ]


def test_forget_leaves_no_term_or_vector_of_the_scope_in_block_files(home: Path) -> None:
    mem = _open(home)
    write_canaries(mem)
    write_bystander(mem)
    for scope in (SCOPE, f"{SCOPE}/notes", OTHER):
        mem.search(scope, f"code word {CANARY}")  # loads, then saves, the scope's blocks
    blocks = home / "memstack.db-blocks"
    saved = sorted(p.name for p in blocks.iterdir())
    vectors = _vectors(home)
    assert len(vectors) >= 8
    # Control: the files hold the canary's terms and the scope's vectors.
    assert {name for name, _, _ in scan(home)} & set(saved)
    assert set(_holding(blocks, vectors)) & set(saved)
    receipt = mem.forget(SCOPE, reason="erasure request")
    assert receipt.complete
    mem.close()
    assert scan(home) == []
    assert _holding(home, vectors) == []
    # The bystander's blocks stay, and still answer.
    assert len(list(blocks.iterdir())) == 2
    mem = _open(home)
    assert [h.memory.text for h in mem.search(OTHER, "green tea")] == [
        "Bob prefers green tea in the morning."
    ]
    mem.close()
