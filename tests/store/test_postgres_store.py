"""The PostgreSQL store's own behaviour: opening, migrating, errors a user can act on."""

from __future__ import annotations

import pytest

from memstack import plugins
from memstack.errors import StoreError
from memstack.store import migrations
from tests import pg

LATEST_PG = max(m.version for m in migrations.load("postgres"))

pytestmark = pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason())


def test_migrating_again_after_reads_works_on_a_pooled_connection(pg_url: str) -> None:
    from memstack.store.postgres import PostgresStore

    store = PostgresStore(pg_url, pool_size=1)  # one connection: the read's is reused
    store.setup()
    assert store.scopes() == {}
    store.setup()
    assert store.schema_version() == LATEST_PG
    assert store.info()["backend"] == "postgres"
    store.close()


def test_a_blank_database_asks_for_migrate() -> None:
    url = pg.new_database(migrated=False)
    try:
        store = plugins.make("stores", "postgres", url=url)
        with pytest.raises(StoreError, match="schema version 0.*memstack migrate"):
            store.scopes()
        store.close()
    finally:
        pg.drop_database(url)


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError) as info:
        plugins.make(
            "stores", "postgres", url="postgresql://me:s3cret@/nodb?host=/nonexistent", timeout=1
        )
    assert "s3cret" not in str(info.value)
    assert "Cannot connect" in str(info.value)


def test_memory_opens_postgres_from_a_store_url(pg_url: str) -> None:
    from memstack import Memory

    assert pg_url.startswith("postgresql://")
    with Memory(store_url=pg_url) as mem:
        assert mem.store.name == "postgres"
        mem.add("acme/alice", "Alice likes green tea")
    # SQLAlchemy's driver suffix is accepted too.
    url = pg_url.replace("postgresql://", "postgresql+psycopg://", 1)
    with Memory(store_url=url) as mem:
        assert [h.memory.text for h in mem.search("acme/alice", "tea")] == ["Alice likes green tea"]


def test_memstack_migrate_store_url_migrates_a_blank_database() -> None:
    from click.testing import CliRunner

    from memstack.cli import main

    url = pg.new_database(migrated=False)
    try:
        result = CliRunner().invoke(main, ["migrate", "--store-url", url])
        assert result.exit_code == 0, result.output
        assert f"version 0 -> {LATEST_PG}" in result.output
        again = CliRunner().invoke(main, ["migrate", "--store-url", url])
        assert f"version {LATEST_PG} -> {LATEST_PG}" in again.output
    finally:
        pg.drop_database(url)


def test_retries_with_an_idempotency_key_store_nothing_twice(pg_url: str) -> None:
    from memstack import Conflict, Memory
    from memstack.embed.fake import FakeEmbedder

    with Memory(store_url=pg_url, embedder=FakeEmbedder()) as mem:
        items = [{"scope": "acme/alice", "text": f"note {i}"} for i in range(3)]
        first = mem.add_many(items, idempotency_key="batch-1")
        again = mem.add_many(items, idempotency_key="batch-1")
        assert [r.id for r in again] == [r.id for r in first]
        assert mem.count("acme/alice") == 3
        p = mem.propose("acme/alice", "Alice likes tea", kind="fact", idempotency_key="p-1")
        q = mem.propose("acme/alice", "Alice likes tea", kind="fact", idempotency_key="p-1")
        assert q.id == p.id and len(mem.proposals("acme/alice")) == 1
        with pytest.raises(Conflict):
            mem.propose("acme/alice", "Alice likes coffee", kind="fact", idempotency_key="p-1")


def test_a_failed_batch_leaves_its_connection_ready_for_the_next(pg_url: str) -> None:
    # One connection: every batch reuses the one a failed batch ran on. Batches open
    # their transactions themselves, so a failure must end its transaction, or the
    # next batch would run inside an aborted one.
    from memstack import Conflict, Memory, NotFound
    from memstack.embed.fake import FakeEmbedder
    from memstack.store.postgres import PostgresStore

    mem = Memory(store=PostgresStore(pg_url, pool_size=1), embedder=FakeEmbedder())
    first = mem.add("acme/a", "first version")
    mem.update(first.id, "second version")
    with pytest.raises(Conflict):
        mem.update(first.id, "a third, from a stale read")
    with pytest.raises(NotFound):
        mem.delete("0" * 26)
    assert [r.text for r in mem.list("acme/a")] == ["second version"]
    mem.add("acme/a", "after the failures")
    assert mem.count("acme/a") == 2
    mem.close()
