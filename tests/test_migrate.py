"""Schema migrations of the SQLite store.

Like simonw/llm's ``tests/test_migrate.py``: build a blank database, run the
migrations and assert the exact schema. Each migration lists what it adds in
:data:`MIGRATIONS` below; a new migration has to add its entry here, which is
the point: every schema change is reviewed in this file.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from memstack import Memory, StoreError
from memstack.embed.fake import FakeEmbedder
from memstack.store import migrations
from memstack.store.sqlite import SqliteStore

Columns = list[tuple[str, str, int, int]]  # (name, declared type, not null, primary-key position)
Indexes = dict[str, tuple[str, list[str | None]]]  # name -> (table, columns; None = expression)

BOOKKEEPING: Columns = [
    ("version", "INTEGER", 0, 1),
    ("name", "TEXT", 1, 0),
    ("applied_at", "REAL", 1, 0),
]

# version -> (name, tables it creates, indexes it creates)
MIGRATIONS: dict[int, tuple[str, dict[str, Columns], Indexes]] = {
    1: (
        "initial",
        {
            "memories": [
                ("rowid", "INTEGER", 0, 1),
                ("id", "TEXT", 1, 0),
                ("scope", "TEXT", 1, 0),
                ("kind", "TEXT", 1, 0),
                ("text", "TEXT", 1, 0),
                ("topic", "TEXT", 0, 0),
                ("pinned", "INTEGER", 1, 0),
                ("importance", "REAL", 1, 0),
                ("source", "TEXT", 1, 0),
                ("valid_from", "REAL", 1, 0),
                ("valid_to", "REAL", 0, 0),
                ("recorded_at", "REAL", 1, 0),
                ("superseded_by", "TEXT", 0, 0),
                ("expires_at", "REAL", 0, 0),
                ("content_hash", "TEXT", 1, 0),
            ],
            "memories_fts": [("terms", "", 0, 0), ("context", "", 0, 0), ("scopes", "", 0, 0)],
            "vectors": [
                ("memory", "INTEGER", 1, 1),
                ("embedder", "TEXT", 1, 2),
                ("dim", "INTEGER", 1, 0),
                ("vec", "BLOB", 1, 0),
            ],
            "events": [
                ("seq", "INTEGER", 0, 1),
                ("id", "TEXT", 1, 0),
                ("at", "REAL", 1, 0),
                ("action", "TEXT", 1, 0),
                ("actor", "TEXT", 1, 0),
                ("scope", "TEXT", 1, 0),
                ("memory_id", "TEXT", 0, 0),
                ("before", "TEXT", 0, 0),
                ("after", "TEXT", 0, 0),
                ("before_hash", "TEXT", 0, 0),
                ("after_hash", "TEXT", 0, 0),
                ("detail", "TEXT", 1, 0),
            ],
        },
        {
            "memories_scope": ("memories", ["scope", "kind", "recorded_at"]),
            "memories_hash": ("memories", ["content_hash"]),
            "memories_expires": ("memories", ["expires_at"]),
            "vectors_embedder": ("vectors", ["embedder"]),
            "events_memory": ("events", ["memory_id"]),
            "events_scope": ("events", ["scope", "at"]),
        },
    ),
    2: (
        "review",
        {
            "proposals": [
                ("id", "TEXT", 0, 1),
                ("scope", "TEXT", 1, 0),
                ("op", "TEXT", 1, 0),
                ("kind", "TEXT", 1, 0),
                ("text", "TEXT", 1, 0),
                ("content_hash", "TEXT", 1, 0),
                ("state", "TEXT", 1, 0),
                ("target", "TEXT", 0, 0),
                ("topic", "TEXT", 0, 0),
                ("source", "TEXT", 1, 0),
                ("rationale", "TEXT", 0, 0),
                ("excerpt", "TEXT", 0, 0),
                ("findings", "TEXT", 1, 0),
                ("created_at", "REAL", 1, 0),
                ("expires_at", "REAL", 0, 0),
                ("reviewed_at", "REAL", 0, 0),
                ("reviewer", "TEXT", 0, 0),
                ("reason", "TEXT", 0, 0),
                ("result_id", "TEXT", 0, 0),
            ],
            "policies": [
                ("scope_prefix", "TEXT", 1, 1),
                ("kind", "TEXT", 1, 2),
                ("mode", "TEXT", 1, 0),
                ("updated_at", "REAL", 1, 0),
                ("author", "TEXT", 0, 0),
            ],
            "extractions": [
                ("id", "TEXT", 0, 1),
                ("scope", "TEXT", 1, 0),
                ("status", "TEXT", 1, 0),
                ("reason", "TEXT", 0, 0),
                ("raw", "TEXT", 0, 0),
                ("model", "TEXT", 0, 0),
                ("input_tokens", "INTEGER", 0, 0),
                ("output_tokens", "INTEGER", 0, 0),
                ("cost_usd", "REAL", 0, 0),
                ("created_at", "REAL", 1, 0),
                ("proposals", "TEXT", 1, 0),
            ],
        },
        {
            "events_proposal": ("events", [None]),
            "proposals_state": ("proposals", ["state", "scope", "created_at"]),
            "proposals_due": ("proposals", ["expires_at"]),
            "proposals_target": ("proposals", ["target"]),
            "extractions_scope": ("extractions", ["scope", "created_at"]),
        },
    ),
    3: (
        "extract",
        {
            "extraction_jobs": [
                ("id", "TEXT", 0, 1),
                ("scope", "TEXT", 1, 0),
                ("messages", "TEXT", 1, 0),
                ("session_time", "TEXT", 0, 0),
                ("conversation", "TEXT", 0, 0),
                ("state", "TEXT", 1, 0),
                ("attempts", "INTEGER", 1, 0),
                ("created_at", "REAL", 1, 0),
                ("not_before", "REAL", 1, 0),
                ("lease_until", "REAL", 0, 0),
                ("error", "TEXT", 0, 0),
            ],
        },
        {
            "extraction_jobs_due": ("extraction_jobs", ["state", "not_before", "created_at"]),
            "extraction_jobs_scope": ("extraction_jobs", ["scope", "created_at"]),
        },
    ),
    4: (
        "changes",
        {
            "changes": [
                ("seq", "INTEGER", 0, 1),
                ("memory", "INTEGER", 0, 0),
                ("what", "TEXT", 1, 0),
            ],
            "sqlite_sequence": [("name", "", 0, 0), ("seq", "", 0, 0)],
        },
        {},
    ),
    5: (
        "owed",
        {
            "owed_compaction": [
                ("id", "INTEGER", 0, 1),
                ("since", "REAL", 1, 0),
                ("attempts", "INTEGER", 1, 0),
                ("reason", "TEXT", 0, 0),
            ],
        },
        {},
    ),
    6: (
        "keyword_stats",
        {
            "keyword_stats": [
                ("tenant", "TEXT", 1, 1),
                ("rows", "INTEGER", 1, 0),
                ("length", "INTEGER", 1, 0),
            ],
        },
        {},
    ),
    7: (
        "keys",
        {
            "api_keys": [
                ("id", "TEXT", 0, 1),
                ("tenant", "TEXT", 1, 0),
                ("role", "TEXT", 1, 0),
                ("secret_hash", "TEXT", 1, 0),
                ("prefix", "TEXT", 1, 0),
                ("name", "TEXT", 0, 0),
                ("created_at", "REAL", 1, 0),
                ("revoked_at", "REAL", 0, 0),
            ],
        },
        {
            "api_keys_tenant": ("api_keys", ["tenant", "created_at"]),
        },
    ),
    8: (
        "switches",
        {
            "memory_switches": [
                ("scope", "TEXT", 0, 1),
                ("reads_off", "INTEGER", 1, 0),
                ("writes_off", "INTEGER", 1, 0),
                ("updated_at", "REAL", 1, 0),
                ("author", "TEXT", 0, 0),
            ],
        },
        {},
    ),
}

# 9 adds columns: the caller's metadata on memories, and on proposals with their valid_from.
MIGRATIONS[9] = (
    "metadata",
    {
        "memories": [*MIGRATIONS[1][1]["memories"], ("metadata", "TEXT", 0, 0)],
        "proposals": [
            *MIGRATIONS[2][1]["proposals"],
            ("metadata", "TEXT", 0, 0),
            ("valid_from", "REAL", 0, 0),
        ],
    },
    {},
)

# 10 adds what a proposal's memory gets besides its text: pin, importance, expiry.
MIGRATIONS[10] = (
    "proposal_options",
    {
        "proposals": [
            *MIGRATIONS[9][1]["proposals"],
            ("pinned", "INTEGER", 0, 0),
            ("importance", "REAL", 0, 0),
            ("memory_expires_at", "REAL", 0, 0),
        ],
    },
    {},
)

# 11 moves vectors into a rowid table: each vector fits in its B-tree leaf (no overflow page).
MIGRATIONS[11] = (
    "vector_rows",
    {
        "vectors": [
            ("memory", "INTEGER", 1, 0),
            ("embedder", "TEXT", 1, 0),
            ("dim", "INTEGER", 1, 0),
            ("vec", "BLOB", 1, 0),
        ],
    },
    {"vectors_embedder": ("vectors", ["embedder"])},
)

#: Triggers by migration: every change to memories and vectors lands in the change log.
TRIGGERS = {
    4: {
        "memories_put", "memories_update", "memories_delete",
        "vectors_put", "vectors_update", "vectors_delete",
    },
    11: {"vectors_put", "vectors_update", "vectors_delete"},
}  # fmt: skip

FTS_SHADOW_TABLES = {f"memories_fts_{s}" for s in ("config", "content", "data", "docsize", "idx")}
LATEST = max(MIGRATIONS)


def expected_after(version: int) -> tuple[dict[str, Columns], Indexes]:
    """The schema once migrations 1..version have run."""
    tables: dict[str, Columns] = {"_migrations": BOOKKEEPING}
    indexes: Indexes = {}
    for v in range(1, version + 1):
        tables.update(MIGRATIONS[v][1])
        indexes.update(MIGRATIONS[v][2])
    return tables, indexes


def assert_schema(conn: sqlite3.Connection, version: int) -> None:
    tables, indexes = expected_after(version)
    found = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert found == set(tables) | FTS_SHADOW_TABLES
    for table, columns in tables.items():
        info = [(r[1], r[2], r[3], r[5]) for r in conn.execute(f"PRAGMA table_info('{table}')")]
        assert info == columns, table
    named = dict(
        conn.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
    )
    assert named == {name: table for name, (table, _) in indexes.items()}
    for name, (_, columns) in indexes.items():
        assert [r[2] for r in conn.execute(f"PRAGMA index_info('{name}')")] == columns, name
    other = {
        n
        for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('view', 'trigger')")
    }
    assert other == set().union(*(TRIGGERS.get(v, set()) for v in range(1, version + 1)))


def database_at(path: Path, version: int) -> None:
    """A database as an older memstack left it: migrations 1..version applied."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(
        "CREATE TABLE _migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)"
    )
    for mig in migrations.load("sqlite"):
        if mig.version > version:
            break
        for stmt in migrations.split_statements(mig.sql):
            conn.execute(stmt)
        conn.execute(
            "INSERT INTO _migrations VALUES (?, ?, ?)", (mig.version, mig.name, time.time())
        )
    conn.execute("COMMIT")
    conn.close()


@pytest.fixture
def migrated(tmp_path: Path) -> Any:
    store = SqliteStore(tmp_path / "schema.db")
    store.setup()
    yield store.connection
    store.close()


def test_every_migration_has_its_expected_schema_here() -> None:
    found = [(m.version, m.name) for m in migrations.load("sqlite")]
    listed = [(v, name) for v, (name, _, _) in sorted(MIGRATIONS.items())]
    assert found == listed, "a migration was added or renamed: list what it creates in MIGRATIONS"
    assert [v for v, _ in found] == list(range(1, len(found) + 1)), "migration numbers have a gap"


def test_blank_database_gets_the_exact_schema(migrated: sqlite3.Connection) -> None:
    assert_schema(migrated, LATEST)


@pytest.mark.parametrize("version", sorted(MIGRATIONS))
def test_each_migration_adds_exactly_its_part(tmp_path: Path, version: int) -> None:
    path = tmp_path / "step.db"
    database_at(path, version)
    conn = sqlite3.connect(path)
    assert_schema(conn, version)
    conn.close()


def test_keyword_table_uses_our_analysed_terms_tokenizer(migrated: sqlite3.Connection) -> None:
    sql = migrated.execute("SELECT sql FROM sqlite_master WHERE name = 'memories_fts'").fetchone()[
        0
    ]
    assert "USING fts5" in sql
    assert "tokenize = 'unicode61 remove_diacritics 0'" in sql


def test_bookkeeping_rows(migrated: sqlite3.Connection) -> None:
    rows = migrated.execute(
        "SELECT version, name, applied_at FROM _migrations ORDER BY version"
    ).fetchall()
    assert [(v, n) for v, n, _ in rows] == [(v, m[0]) for v, m in sorted(MIGRATIONS.items())]
    assert all(abs(at - time.time()) < 600 for _, _, at in rows)


def test_constructor_runs_no_ddl(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "lazy.db")
    assert store.schema_version() == 0
    assert store.connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    store.close()


def test_setup_is_idempotent(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "twice.db")
    store.setup()
    store.setup()
    assert store.schema_version() == LATEST
    assert store.connection.execute("SELECT count(*) FROM _migrations").fetchone()[0] == LATEST
    store.close()


def test_blank_database_without_migrate_says_run_memstack_migrate(tmp_path: Path) -> None:
    mem = Memory(tmp_path / "h", embedder=FakeEmbedder(), migrate=False)
    with pytest.raises(StoreError) as err:
        mem.list("acme")
    assert f"is at schema version 0; memstack needs {LATEST}" in str(err.value)
    assert "memstack migrate" in str(err.value)
    mem.close()


@pytest.mark.parametrize("version", range(1, LATEST))
def test_older_database_fails_with_hint_then_migrates_keeping_data(
    tmp_path: Path, clock: Any, version: int
) -> None:
    path = tmp_path / "old.db"
    database_at(path, version)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "INSERT INTO memories (id, scope, kind, text, valid_from, recorded_at, content_hash) "
        "VALUES ('01OLD', 'acme', 'fact', 'written by an older memstack', 0, 0, 'sha256:x')"
    )
    conn.execute(
        "INSERT INTO memories_fts (rowid, terms, scopes) SELECT rowid, 'older', '' FROM memories"
    )
    conn.close()

    store = SqliteStore(path)
    expected = f"schema version {version}; memstack needs {LATEST}. Run 'memstack migrate'"
    with pytest.raises(StoreError, match=expected):
        store.batch([])
    assert store.schema_version() == version
    store.setup()
    assert store.schema_version() == LATEST
    assert_schema(store.connection, LATEST)
    with Memory(store=store, embedder=FakeEmbedder(), clock=clock) as mem:
        assert mem.get("01OLD").text == "written by an older memstack"
        rec = mem.add("acme", "written after the upgrade")
        assert mem.search("acme", "upgrade", mode="keyword")[0].memory == rec


def test_vectors_survive_the_move_to_a_rowid_table(tmp_path: Path, clock: Any) -> None:
    path = tmp_path / "v10.db"
    database_at(path, 10)
    emb = FakeEmbedder()
    vec = np.asarray(emb.embed(["the lighthouse keeper"])[0], "<f4")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "INSERT INTO memories (id, scope, kind, text, valid_from, recorded_at, content_hash) "
        "VALUES ('01VEC', 'acme', 'fact', 'the lighthouse keeper', 0, 0, 'sha256:v')"
    )
    conn.execute(
        "INSERT INTO memories_fts (rowid, terms, scopes) SELECT rowid, 'lighthous', '' "
        "FROM memories"
    )
    conn.execute(
        "INSERT INTO vectors (memory, embedder, dim, vec) SELECT rowid, ?, ?, ? FROM memories",
        (emb.id, len(vec), vec.tobytes()),
    )
    conn.close()
    store = SqliteStore(path)
    store.setup()
    rows = store.connection.execute("SELECT embedder, dim, vec FROM vectors").fetchall()
    assert rows == [(emb.id, len(vec), vec.tobytes())]
    with Memory(store=store, embedder=emb, clock=clock) as mem:
        hits = mem.search("acme", "the lighthouse keeper", mode="dense")
        assert [h.memory.id for h in hits] == ["01VEC"]
        # the change log still follows vector writes on the new table
        before = store.connection.execute("SELECT count(*) FROM changes").fetchone()[0]
        mem.add("acme", "a second memory")
        kinds = [w for (w,) in store.connection.execute("SELECT what FROM changes")][before:]
        assert sorted(kinds) == ["put", "vector"]


def test_split_statements_keeps_triggers_whole() -> None:
    sql = """
    -- a comment
    CREATE TABLE a (x);
    CREATE TRIGGER t AFTER INSERT ON a BEGIN
        INSERT INTO a VALUES (1);
        INSERT INTO a VALUES (2);
    END;
    -- trailing comment
    """
    parts = migrations.split_statements(sql)
    assert len(parts) == 2
    assert parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")
