"""The PostgreSQL store's batched writes and its per-tenant keyword statistics.

``add_many`` sends its puts in batches; the store writes a batch with one
statement per table (memories, keyword rows, postings, statistics, vectors,
events) instead of one per row. What a user relies on: the result is what
SQLite stores for the same calls, a batch that fails leaves nothing behind, and
the tenant statistics BM25 reads (``kw_tenant``, ``kw_tenant_df``, migration
0006) always equal the per-scope rows summed, through writes, deletes and
erasure, and after the migration fills them on an existing database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from memstack import Conflict, Memory
from memstack.embed.fake import FakeEmbedder
from tests import pg

pytestmark = pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason())

WORDS = "garden coffee lisbon guitar bread river piano tennis museum market winter doctor".split()


def _items(n: int, scopes: int = 7) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(3 + i % 5)]
        scope = "acme/big" if i % 3 == 0 else f"acme/u{i % scopes}"
        out.append({"scope": scope, "text": " ".join(words) + f" note {i}"})
    return out


@pytest.fixture
def pair(pg_url: str, tmp_path: Path) -> Iterator[tuple[Memory, Memory]]:
    from memstack.store.postgres import PostgresStore
    from memstack.store.sqlite import SqliteStore

    emb = FakeEmbedder()
    lite = Memory(store=SqliteStore(tmp_path / "m.db"), embedder=emb)
    post = Memory(store=PostgresStore(pg_url), embedder=emb)
    yield lite, post
    lite.close()
    post.close()


def _rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [tuple(r) for r in conn.execute(sql).fetchall()]


def _tenant_stats_agree(url: str) -> None:
    """The tenant tables hold exactly the per-scope statistics summed per tenant."""
    by_scope = _rows(
        url,
        "SELECT split_part(scope, '/', 1), sum(rows)::bigint, sum(length)::bigint FROM kw_stats "
        "GROUP BY 1 HAVING sum(rows) <> 0 ORDER BY 1",
    )
    by_tenant = _rows(
        url,
        "SELECT tenant, sum(rows)::bigint, sum(length)::bigint FROM kw_tenant "
        "GROUP BY 1 HAVING sum(rows) <> 0 ORDER BY 1",
    )
    assert by_tenant == by_scope
    df_scope = _rows(
        url,
        "SELECT split_part(scope, '/', 1), term, sum(own)::bigint, sum(anywhere)::bigint "
        "FROM kw_df GROUP BY 1, 2 ORDER BY 1, 2",
    )
    df_tenant = _rows(
        url,
        "SELECT tenant, term, sum(own)::bigint, sum(anywhere)::bigint FROM kw_tenant_df "
        "GROUP BY 1, 2 ORDER BY 1, 2",
    )
    assert df_tenant == df_scope
    assert _rows(url, "SELECT count(*) FROM kw_tenant_df WHERE anywhere <= 0") == [(0,)]


def test_add_many_of_a_thousand_stores_what_sqlite_stores(
    pair: tuple[Memory, Memory], pg_url: str
) -> None:
    lite, post = pair
    items = _items(1000)
    a = lite.add_many(items, idempotency_key="load-1", batch_size=400)
    b = post.add_many(items, idempotency_key="load-1", batch_size=400)
    assert [r.id for r in b] == [r.id for r in a]
    assert [(r.scope, r.text, r.content_hash) for r in b] == [
        (r.scope, r.text, r.content_hash) for r in a
    ]
    assert post.count("acme", include_descendants=True) == 1000
    assert post.scopes() == lite.scopes()
    got = post.get(a[500].id)
    assert got is not None and got.text == items[500]["text"]
    assert len(post.history(a[500].id)) == len(lite.history(a[500].id)) == 1
    # Ranking reads the statistics the batch wrote: same hits, same scores.
    for scope, query in (("acme/big", "garden coffee"), ("acme/u3", "piano note"),
                         ("acme", "lisbon river")):  # fmt: skip
        wide = scope == "acme"
        want = lite.search(scope, query, mode="keyword", limit=20, include_descendants=wide)
        hits = post.search(scope, query, mode="keyword", limit=20, include_descendants=wide)
        assert [h.memory.id for h in hits] == [h.memory.id for h in want]
        assert [h.parts.keyword_score for h in hits] == pytest.approx(
            [h.parts.keyword_score for h in want], rel=1e-9
        )
        want = lite.search(scope, query, mode="dense", limit=20, include_descendants=wide)
        hits = post.search(scope, query, mode="dense", limit=20, include_descendants=wide)
        assert [h.memory.id for h in hits] == [h.memory.id for h in want]
        assert [h.parts.dense_score for h in hits] == pytest.approx(
            [h.parts.dense_score for h in want], abs=1e-6
        )
    _tenant_stats_agree(pg_url)
    # A retry of the whole call writes nothing and returns the same records.
    again = post.add_many(items, idempotency_key="load-1", batch_size=400)
    assert [r.id for r in again] == [r.id for r in a]
    assert post.count("acme", include_descendants=True) == 1000
    _tenant_stats_agree(pg_url)


def test_a_batch_that_fails_leaves_nothing_behind(pg_url: str) -> None:
    from memstack.store.postgres import PostgresStore

    mem = Memory(store=PostgresStore(pg_url), embedder=FakeEmbedder())
    first = mem.add_many([{"scope": "acme/a", "text": "garden coffee"}], idempotency_key="k")
    before = {
        table: _rows(pg_url, f"SELECT count(*) FROM {table}")
        for table in ("memories", "keywords", "postings", "vectors", "events", "kw_tenant_df")
    }
    stats = _rows(pg_url, "SELECT * FROM kw_tenant ORDER BY 1, 2")
    # Position 0 of key "k" already holds other content: the batch of 500 is refused
    # as a whole, after its other 499 rows were sent in the same statement.
    items = [{"scope": "acme/a", "text": f"piano river lisbon {i}"} for i in range(500)]
    with pytest.raises(Conflict, match=first[0].id):
        mem.add_many(items, idempotency_key="k", batch_size=500)
    after = {table: _rows(pg_url, f"SELECT count(*) FROM {table}") for table in before}
    assert after == before
    assert _rows(pg_url, "SELECT * FROM kw_tenant ORDER BY 1, 2") == stats
    assert mem.search("acme/a", "piano", mode="keyword") == []
    assert [r.id for r in mem.list("acme/a")] == [first[0].id]
    mem.close()


def test_tenant_statistics_follow_updates_deletes_and_erasure(pg_url: str) -> None:
    from memstack.store.postgres import PostgresStore

    mem = Memory(store=PostgresStore(pg_url), embedder=FakeEmbedder())
    recs = mem.add_many(_items(300, scopes=40))
    mem.add_many([{"scope": "other/x", "text": "garden party"}])
    mem.add("acme/u5", "zanzibar is where Bo lives", kind="fact")
    _tenant_stats_agree(pg_url)
    mem.update(recs[4].id, "an updated text about zanzibar")
    mem.delete(recs[5].id)
    _tenant_stats_agree(pg_url)
    mem.forget("acme/u5")
    _tenant_stats_agree(pg_url)
    # The erased words are nowhere in the statistics any more (the term's rows went).
    left = {t for (t,) in _rows(pg_url, "SELECT term FROM kw_tenant_df")}
    assert "zanzibar" in left  # still held by the updated memory in acme/u4
    mem.forget("acme", reason="tenant leaves")
    _tenant_stats_agree(pg_url)
    assert {t for (_, t) in _rows(pg_url, "SELECT tenant, term FROM kw_tenant_df")} == {
        t for (_, t) in _rows(pg_url, "SELECT 'other', term FROM kw_df WHERE scope = 'other/x'")
    }
    mem.close()


def test_migration_0006_fills_the_tenant_statistics_of_an_existing_database(
    pg_url: str,
) -> None:
    from memstack.store.postgres import PostgresStore

    mem = Memory(store=PostgresStore(pg_url), embedder=FakeEmbedder())
    mem.add_many(_items(200, scopes=30))
    want = mem.search("acme/u3", "garden coffee", mode="keyword", limit=20)
    mem.close()
    written = _rows(pg_url, "SELECT * FROM kw_tenant_df ORDER BY 1, 2, 3")
    # Back to the state before 0006, as a database written by an older memstack,
    # then the migration as setup() runs it.
    import psycopg

    from memstack.store import migrations

    (mig,) = [m for m in migrations.load("postgres") if m.version == 6]
    with psycopg.connect(pg_url) as conn:
        conn.execute("DROP TABLE kw_tenant, kw_tenant_df")
        conn.execute("DROP FUNCTION kw_stripe(text)")
        conn.execute(mig.sql.encode())
    store = PostgresStore(pg_url)
    assert _rows(pg_url, "SELECT * FROM kw_tenant_df ORDER BY 1, 2, 3") == written
    _tenant_stats_agree(pg_url)
    mem = Memory(store=store, embedder=FakeEmbedder())
    got = mem.search("acme/u3", "garden coffee", mode="keyword", limit=20)
    assert [(h.memory.id, h.score) for h in got] == [(h.memory.id, h.score) for h in want]
    mem.close()
