"""The erasure auditor: after forget, no byte of the canary is left in any file of the store.

The canary goes everywhere a scope's data can live (see :mod:`.canary`). After
``forget``, every file in the store folder (the database, ``-wal``, ``-shm``
and anything else) is scanned byte by byte for the canary in UTF-8, UTF-16-LE
and UTF-16-BE, and for its analysed keyword terms (the FTS index stores
lower-cased, stemmed terms). The control tests prove the scanner finds the
canary when nothing was forgotten, after a clean close and after a crash.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import memstack
from memstack import Memory
from memstack.embed.fake import FakeEmbedder

from .canary import CANARY, CANARY_ZH, OTHER, SCOPE, needles, scan, write_bystander, write_canaries

REPO = Path(memstack.__file__).resolve().parents[1]


def _open(home: Path) -> Memory:
    return Memory(home, embedder=FakeEmbedder(dimensions=16))


def test_the_scan_finds_the_canary_when_nothing_was_forgotten(home: Path) -> None:
    mem = _open(home)
    write_canaries(mem)
    mem.close()
    hits = scan(home)
    found = {word for _, word, _ in hits}
    assert CANARY in found and CANARY_ZH in found
    # Analysed index terms are on disk too, so scanning for them is meaningful.
    assert found & (needles() - {CANARY, CANARY_ZH, CANARY.lower()})


def test_forget_leaves_no_byte_of_the_canary_in_any_file(home: Path) -> None:
    mem = _open(home)
    write_canaries(mem)
    bystander = write_bystander(mem)
    receipt = mem.forget(SCOPE, reason="erasure request #1")
    mem.close()
    assert receipt.complete
    # No VACUUM: the checkpoint and the incremental vacuum cost what was erased.
    assert receipt.physical == ("wal_checkpoint", "incremental_vacuum", "wal_checkpoint")
    c = receipt.counts
    assert c.versions >= 8 and c.proposals == 4 and c.extractions == 2 and c.policies == 1
    assert c.extraction_jobs == 1
    assert c.keyword_rows == c.versions and c.vectors == c.versions
    files = sorted(p.name for p in home.iterdir())
    assert "memstack.db" in files
    assert scan(home) == []
    # The bystander scope is untouched.
    mem = _open(home)
    assert mem.get(bystander).text.startswith("Bob prefers")
    assert [h.memory.id for h in mem.search(OTHER, "green tea")] == [bystander]
    mem.close()


def test_forget_by_match_leaves_no_trace_of_the_matched_text(home: Path) -> None:
    """A selective erasure: versions, history, episodes' neighbours (keyword context), proposals."""
    mem = _open(home)
    keep = mem.add(SCOPE, "Alice likes green tea.")
    old = mem.add(SCOPE, f"Door code {CANARY}.")
    mem.update(old.id, "Door code changed, ask Alice.")
    mem.ingest_conversation(
        SCOPE,
        [
            {"role": "user", "content": "What is the door code again please?"},
            {"role": "assistant", "content": f"It is {CANARY} for now."},
            {"role": "user", "content": "Great, thanks a lot for your help."},
        ],
    )
    p = mem.propose(SCOPE, f"The door code is {CANARY}", kind="fact")
    receipt = mem.forget(SCOPE, match=CANARY.lower())
    mem.close()
    assert receipt.counts.records == 2 and receipt.counts.versions == 3
    assert receipt.counts.proposals == 1 and receipt.counts.keyword_contexts == 2
    assert scan(home, {CANARY, CANARY.lower(), "7f3a9c2e5b"}) == []
    mem = _open(home)
    assert mem.get(keep.id).text == "Alice likes green tea."
    assert len(mem.list(SCOPE, kind="episode")) == 2
    assert p.id not in [x.id for x in mem.proposals(SCOPE)]
    mem.close()


_CHILD = textwrap.dedent(
    """
    import sys, time
    from memstack import Memory
    from memstack.embed.fake import FakeEmbedder
    from tests.privacy.canary import SCOPE, write_bystander, write_canaries

    mem = Memory(sys.argv[1], embedder=FakeEmbedder(dimensions=16))
    write_canaries(mem)
    write_bystander(mem)
    if sys.argv[2] == "forget":
        mem.forget(SCOPE, reason="crash test")
    print("READY", flush=True)
    time.sleep(120)
    """
)


def _write_then_kill(home: Path, mode: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "MEMSTACK_EMBEDDER": "fake"}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(home), mode],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=home.parent, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "READY", child.stderr.read() if child.stderr else line
        os.kill(child.pid, signal.SIGKILL)  # no close, no atexit, no checkpoint on the way out
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.slow
def test_a_crash_right_after_forget_leaves_no_canary(home: Path) -> None:
    started = time.monotonic()
    _write_then_kill(home, "forget")
    assert (home / "memstack.db").exists()
    assert scan(home) == []
    # The store opens cleanly after the crash, and the bystander is intact.
    mem = _open(home)
    assert mem.count(OTHER) == 1 and mem.count(SCOPE, include_descendants=True) == 0
    mem.close()
    assert time.monotonic() - started < 60


@pytest.mark.slow
def test_a_crash_without_forget_leaves_the_canary_findable(home: Path) -> None:
    """Control for the crash test: the scan sees what a killed process left (WAL included)."""
    _write_then_kill(home, "keep")
    hits = scan(home)
    assert {CANARY, CANARY_ZH} <= {word for _, word, _ in hits}


def test_a_reader_blocking_the_checkpoint_makes_the_receipt_incomplete_until_gc(home: Path) -> None:
    import sqlite3

    mem = _open(home)
    write_canaries(mem)
    mem.store.connection.execute("PRAGMA busy_timeout = 50")  # fail fast instead of waiting 5 s
    reader = sqlite3.connect(home / "memstack.db")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM memories").fetchone()  # holds a snapshot of the old pages
    receipt = mem.forget(SCOPE)
    assert not receipt.complete and "wal_checkpoint:busy" in receipt.physical
    assert receipt.counts.versions > 0  # the logical erasure is committed all the same
    reader.rollback()
    reader.close()
    finished = mem.gc()  # always compacts: this finishes the physical part
    assert finished.complete and finished.counts.total == 0
    mem.close()
    assert scan(home) == []


def test_an_in_memory_sqlite_database_compacts_too(tmp_path: Path) -> None:
    from memstack.store.sqlite import SqliteStore

    mem = Memory(store=SqliteStore(":memory:"), embedder=FakeEmbedder(dimensions=16))
    mem.add(SCOPE, f"note {CANARY}")
    receipt = mem.forget(SCOPE)
    assert receipt.physical == () and receipt.complete  # no file, no WAL: nothing to compact
    mem.close()
