"""Dense search through pgvector's HNSW index: used for large scopes, answers as the exact scan."""

from __future__ import annotations

import time

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from tests import pg

pytestmark = pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason())


def test_large_scopes_use_the_hnsw_index_and_find_what_the_exact_scan_finds(pg_url: str) -> None:
    from memstack.store.postgres import PostgresStore

    emb = FakeEmbedder()
    exact = Memory(store=PostgresStore(pg_url, exact_limit=None), embedder=emb)
    exact.add_many([{"scope": "big", "text": f"note {i} about topic {i % 17}"} for i in range(300)])
    exact.add_many([{"scope": "small", "text": f"other {i}"} for i in range(30)])
    approx = Memory(store=PostgresStore(pg_url, exact_limit=100), embedder=emb)
    store = approx.store
    assert isinstance(store, PostgresStore)
    name = store.build_vector_index(emb.id, emb.dimensions)
    assert store.build_vector_index(emb.id, emb.dimensions) == name  # idempotent

    import psycopg

    with psycopg.connect(pg_url) as conn:
        conn.execute("SET enable_seqscan = off")
        plan = conn.execute(
            f"EXPLAIN SELECT memory FROM vectors v WHERE v.embedder = '{emb.id}' "
            f"AND v.dim = {emb.dimensions} ORDER BY (v.vec::vector({emb.dimensions})) "
            f"<=> (SELECT vec FROM vectors LIMIT 1)::vector({emb.dimensions}) LIMIT 5"
        ).fetchall()
    assert any(name in line[0] for line in plan), plan

    for query in ("note about topic 3", "topic 11", "note 250"):
        want = [
            (h.memory.id, h.parts.dense_score) for h in exact.search("big", query, mode="dense")
        ]
        got = [
            (h.memory.id, h.parts.dense_score) for h in approx.search("big", query, mode="dense")
        ]
        # HNSW is approximate, but on 300 vectors with ef_search >= 40 it finds the same top 10.
        assert [i for i, _ in got] == [i for i, _ in want]
        assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-5)
    # A small scope is scanned exactly, whatever the index.
    small = [h.memory.text for h in approx.search("small", "other 7", mode="dense", limit=30)]
    assert len(small) == 30
    exact.close()
    approx.close()  # its sessions end, and report their index scans
    for _ in range(50):
        with psycopg.connect(pg_url) as conn:
            scans = conn.execute(
                "SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = %s", (name,)
            ).fetchone()
        if scans and scans[0] >= 3:
            break
        time.sleep(0.1)
    assert scans is not None and scans[0] >= 3  # the three searches of "big" used the index
