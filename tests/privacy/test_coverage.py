"""Erasure covers every table: the list of scope-bearing tables (models.HELD) matches the schema.

When a migration adds a table, this test fails until the table is either
listed in :data:`memstack.models.HELD` (so forget, gc and export cover it) or
added to the handled-by-name set below with a reason.
"""

from __future__ import annotations

from pathlib import Path

from memstack.models import HELD, Extraction, Job, Policy, Proposal
from memstack.store.memory import InMemoryStore
from memstack.store.memory.privacy import held_table
from memstack.store.sqlite import SqliteStore

#: Tables erasure handles by name in store/sqlite_erasure.py, and bookkeeping.
BY_NAME = {
    "memories",  # rows, with their FTS rows and vectors
    "vectors",
    "events",  # tombstoned, never deleted
    "_migrations",  # schema bookkeeping, no data about anyone
    "changes",  # row numbers of changed memories for the search caches: no text, no scopes
    "sqlite_sequence",  # SQLite's AUTOINCREMENT counters
    "keyword_stats",  # row and token counts per tenant; a tenant's row goes with its last memory
    "owed_compaction",  # whether an erasure's compaction is still owed: a time and a reason
    "api_keys",  # server keys: a tenant, a role and a secret's hash; no memory content
    # memory switches: a scope path and two flags. Kept by forget on purpose: "writes off"
    # on a forgotten person's scope is what stops memstack from remembering them again.
    "memory_switches",
}


def test_every_table_is_covered_by_erasure(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "schema.db")
    store.setup()
    tables = {
        n
        for (n,) in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    fts = {t for t in tables if t == "memories_fts" or t.startswith("memories_fts_")}
    assert tables - fts - BY_NAME - {h.name for h in HELD} == set()
    for h in HELD:
        columns = {row[1] for row in store.connection.execute(f"PRAGMA table_info({h.name})")}
        named = {h.scope, *h.memory_refs, *h.results, *h.proposal_refs, *h.texts}
        assert named <= columns, (h.name, named - columns)
        if not h.whole_scope_only:
            assert "id" in columns, h.name
    store.close()


def test_held_fields_are_fields_of_the_value_types() -> None:
    types = {
        "proposals": Proposal,
        "extractions": Extraction,
        "extraction_jobs": Job,
        "policies": Policy,
    }
    for h in HELD:
        fields = set(types[h.name].__dataclass_fields__)
        assert {h.scope, *h.memory_refs, *h.results, *h.proposal_refs, *h.texts} <= fields, h.name


def test_the_memory_store_keeps_every_held_collection() -> None:
    store = InMemoryStore()
    for h in HELD:
        assert isinstance(held_table(store, h), dict), h.name
