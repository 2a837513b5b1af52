"""The erasure auditor on PostgreSQL: after forget, no byte of the canary in the database's files.

The scan reads every file of the test database's folder in the server's data
directory (``base/<oid>``: tables, their TOAST tables, indexes, free-space
and visibility maps), after ``forget`` has rewritten the tables and
checkpointed. It does not read the write-ahead log (``pg_wal``), which holds
the data until its segments are recycled: the receipt and ``docs/privacy.md``
say so. The control test proves the scan finds the canary when nothing was
forgotten. Runs when this session started the server (``pgserver``); an
external ``MEMSTACK_TEST_PG`` server's files are not ours to read.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from tests import pg

from .canary import CANARY, CANARY_ZH, OTHER, SCOPE, scan, write_bystander, write_canaries

pytestmark = pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason())


@pytest.fixture
def db(pg_url: str) -> Iterator[tuple[str, Path]]:
    """A fresh database and its folder in the data directory."""
    import psycopg

    pg.admin_url()
    pgdata = pg.data_directory()
    if pgdata is None:
        pytest.skip("the PostgreSQL server is external (MEMSTACK_TEST_PG): its files are not here")
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
        oid = row.fetchone()[0]  # type: ignore[index]
    yield pg_url, Path(pgdata) / "base" / str(oid)


def _open(url: str) -> Memory:
    from memstack.store.postgres import PostgresStore

    return Memory(store=PostgresStore(url), embedder=FakeEmbedder(dimensions=16))


def _run(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


def test_the_scan_finds_the_canary_when_nothing_was_forgotten(db: tuple[str, Path]) -> None:
    url, folder = db
    mem = _open(url)
    write_canaries(mem)
    mem.close()
    _run(url, "CHECKPOINT")
    found = {word for _, word, _ in scan(folder)}
    assert CANARY in found and CANARY_ZH in found


def test_forget_leaves_no_byte_of_the_canary_in_the_database_files(db: tuple[str, Path]) -> None:
    url, folder = db
    mem = _open(url)
    write_canaries(mem)
    bystander = write_bystander(mem)
    # Statistics hold sampled values (most common values, histograms): they must go too.
    _run(url, "ANALYZE")
    receipt = mem.forget(SCOPE, reason="erasure request #1")
    mem.close()
    assert receipt.complete
    assert receipt.physical[0] == "vacuum_full" and "checkpoint" in receipt.physical
    c = receipt.counts
    assert c.versions >= 8 and c.proposals == 4 and c.extractions == 2 and c.policies == 1
    assert c.keyword_rows == c.versions and c.vectors == c.versions
    assert scan(folder) == []
    mem = _open(url)
    assert mem.get(bystander).text.startswith("Bob prefers")
    assert [h.memory.id for h in mem.search(OTHER, "green tea")] == [bystander]
    mem.close()


def test_forget_by_match_leaves_no_trace_of_the_matched_text(db: tuple[str, Path]) -> None:
    url, folder = db
    mem = _open(url)
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
    receipt = mem.forget(SCOPE, match=CANARY.lower())
    mem.close()
    assert receipt.complete
    assert receipt.counts.records == 2 and receipt.counts.keyword_contexts == 2
    assert scan(folder, {CANARY, CANARY.lower(), "7f3a9c2e5b"}) == []
    mem = _open(url)
    assert mem.get(keep.id).text == "Alice likes green tea."
    mem.close()


def test_a_crash_between_erasure_and_compaction_is_finished_by_the_next_store(
    db: tuple[str, Path],
) -> None:
    """The erasing transaction committed but its process died before compacting."""
    from memstack.models import Event, ForgetOp, new_id

    url, folder = db
    mem = _open(url)
    write_canaries(mem)
    event = Event(id=new_id(), at=datetime.now(UTC), action="forget", actor="t", scope=SCOPE)
    mem.store.batch([ForgetOp(SCOPE, event, "erasure request")])  # no CompactOp follows
    mem.close()
    _run(url, "CHECKPOINT")
    assert scan(folder) != []  # deleted, not yet rewritten: the bytes are still there
    mem = _open(url)
    assert mem.count(OTHER) == 0  # the first call finishes the owed compaction
    mem.close()
    assert scan(folder) == []
