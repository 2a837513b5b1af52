"""Ranking is per tenant: what one tenant stores never moves another tenant's scores.

BM25's collection statistics (rows, average length, document frequencies)
were global to the store, so a tenant storing many memories with a word
changed another tenant's keyword scores for that word, and could learn from
``Hit.parts`` which words the other tenant's memories contain.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from memstack import Memory
from memstack.store import migrations

A = "acme/alice"
A_TEXTS = [
    "Alice ordered green tea at the station",
    "Alice keeps a garden with tomatoes",
    "Alice reads about tea ceremonies on Sundays",
    "Alice rides her bike to work",
]


def _ranking(mem: Memory, query: str, **kw: object) -> list[tuple[str, float, float | None]]:
    hits = mem.search(A, query, mode="keyword", limit=10, **kw)  # type: ignore[arg-type]
    return [(h.memory.text, round(h.score, 9), h.parts.keyword_score) for h in hits]


def test_another_tenant_cannot_move_a_tenants_keyword_scores(mem: Memory) -> None:
    for text in A_TEXTS:
        mem.add(A, text)
    before = {q: _ranking(mem, q) for q in ("tea", "garden tea", "bike tea station")}
    before_tree = _ranking(mem, "tea", include_descendants=True)
    # Another tenant floods the store with the query words.
    mem.add_many([{"scope": "globex/bob", "text": f"tea tea garden note {i}"} for i in range(200)])
    mem.add_many([{"scope": "globex", "text": f"station bike tea {i}"} for i in range(50)])
    after = {q: _ranking(mem, q) for q in before}
    assert after == before
    assert _ranking(mem, "tea", include_descendants=True) == before_tree
    # Within the tenant, statistics still move as they should.
    mem.add_many([{"scope": "acme/carol", "text": f"tea tasting {i}"} for i in range(20)])
    assert _ranking(mem, "tea") != before["tea"]


def test_erasing_another_tenant_leaves_scores_as_they_were(mem: Memory) -> None:
    for text in A_TEXTS:
        mem.add(A, text)
    mem.add_many([{"scope": "globex/bob", "text": f"tea garden {i}"} for i in range(30)])
    before = _ranking(mem, "garden tea")
    mem.forget("globex")
    assert _ranking(mem, "garden tea") == before


def test_migration_counts_match_what_writes_keep(tmp_path: Path) -> None:
    """Migration 0006 fills keyword_stats from existing rows exactly as writes maintain it."""
    from memstack.embed.fake import FakeEmbedder

    with Memory(tmp_path, embedder=FakeEmbedder()) as mem:
        for text in A_TEXTS:
            mem.add(A, text)
        mem.ingest_conversation(
            "globex/bob",
            [{"role": "user", "content": "I like tea"}, {"role": "assistant", "content": "Nice."}],
        )
        m = mem.add("globex", "Globex sells bikes")
        mem.update(m.id, "Globex sells bikes and scooters")
        mem.forget("acme", ids=[mem.list(A)[0].id])
    conn = sqlite3.connect(tmp_path / "memstack.db")
    kept = sorted(conn.execute("SELECT tenant, rows, length FROM keyword_stats"))
    conn.execute("DELETE FROM keyword_stats")
    sql = next(m.sql for m in migrations.load("sqlite") if m.name == "keyword_stats")
    for stmt in migrations.split_statements(sql):
        if stmt.startswith("INSERT"):
            conn.execute(stmt)
    assert sorted(conn.execute("SELECT tenant, rows, length FROM keyword_stats")) == kept
    assert {t for t, _, _ in kept} == {"acme", "globex"}
    conn.close()


def test_document_frequencies_agree_with_one_tenant_or_several(tmp_path: Path) -> None:
    """A store of one tenant counts a term's rows without the tenant filter: same scores."""
    from memstack.embed.fake import FakeEmbedder

    def fresh() -> Memory:  # a new process's view: nothing cached
        return Memory(tmp_path, embedder=FakeEmbedder())

    with fresh() as mem:
        for text in A_TEXTS:
            mem.add(A, text)
        mem.add_many([{"scope": "acme/carol", "text": f"tea tasting {i}"} for i in range(7)])
    def keyword_scores(mem: Memory) -> dict[str, list[tuple[str, float | None]]]:
        return {
            q: [(text, kw) for text, _, kw in _ranking(mem, q)]
            for q in ("tea", "garden tea", "bike tea station")
        }

    with fresh() as mem:  # one tenant: document frequencies counted without the filter
        alone = keyword_scores(mem)
    assert alone["tea"][0][1] is not None
    with fresh() as mem:
        mem.add_many([{"scope": "globex/bob", "text": f"tea tea garden {i}"} for i in range(40)])
    with fresh() as mem:  # two tenants: counted inside acme's scope terms
        assert keyword_scores(mem) == alone
