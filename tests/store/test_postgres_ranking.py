"""PostgreSQL ranks exactly like SQLite: the same BM25 scores and the same dense scores.

The keyword index on PostgreSQL is memstack's own (analysed terms, postings and
per-scope statistics in tables, BM25 in SQL), not FTS5; this holds it to FTS5's
``bm25()`` on the same corpus, with and without descendants and context terms.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from memstack import Memory
from memstack.config import Settings
from memstack.embed.fake import FakeEmbedder
from memstack.index.keyword import analyze
from memstack.models import Filter, SearchOp
from memstack.store.sqlite import SqliteStore
from tests import pg

from .test_conformance import QUERIES, T0, _corpus, assert_same_ranking, make_record, put_op

pytestmark = pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason())


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Memory]]:
    if not pg.available():
        pytest.fail(pg.skip_reason())
    from memstack.store.postgres import PostgresStore

    folder = tmp_path_factory.mktemp("pgtwin")
    settings = Settings(home=str(folder))
    url = pg.new_database()
    mems = [
        Memory(
            store=SqliteStore(folder / "twin.db"), embedder=FakeEmbedder(), settings=settings,
            clock=lambda: T0,
        ),
        Memory(
            store=PostgresStore(url), embedder=FakeEmbedder(), settings=settings, clock=lambda: T0
        ),
    ]  # fmt: skip
    # Conversation turns indexed with a neighbour's terms as context.
    recs = [
        (make_record("ctx", "Alice plays the cello"), ""),
        (make_record("ctx", "Bob rides a bike"), analyze("cello lessons every week")),
        (make_record("ctx", "A quiet evening"), ""),
    ]
    for m in mems:
        m.add_many(_corpus())
        m.store.batch([replace(put_op(r), context=c) for r, c in recs])
    yield mems
    for m in mems:
        m.close()
    pg.drop_database(url)


@pytest.mark.parametrize("descendants", [True, False])
@pytest.mark.parametrize("query", QUERIES)
def test_bm25_scores_equal_sqlite(twins: list[Memory], query: str, descendants: bool) -> None:
    results = [
        [
            (h.memory.scope, h.memory.text, h.parts.keyword_score)
            for h in m.search(
                "acme/web/alice", query, mode="keyword", limit=100,
                include_descendants=descendants,
            )
        ]  # fmt: skip
        for m in twins
    ]
    sql_hits, pg_hits = results
    assert len(sql_hits) > 3
    assert_same_ranking(
        [((s, t), x) for s, t, x in pg_hits], [((s, t), x) for s, t, x in sql_hits], rel=1e-9
    )


@pytest.mark.parametrize("weight", [0.0, 0.3, 1.0])
def test_context_weights_score_as_fts5_does(twins: list[Memory], weight: float) -> None:
    flt = Filter(scopes=("ctx",), now=T0)
    op = SearchOp(flt, "cello", None, None, 5, context_weight=weight)
    sql_hits, pg_hits = [[(r.id, s) for r, s in m.store.search(op).keyword] for m in twins]
    assert_same_ranking(pg_hits, sql_hits, rel=1e-9)
    assert len(sql_hits) == (2 if weight else 1)


@pytest.mark.parametrize("query", QUERIES)
def test_dense_scores_equal_sqlite(twins: list[Memory], query: str) -> None:
    results = [
        [
            (h.memory.text, h.parts.dense_score)
            for h in m.search(
                "acme/web/alice", query, mode="dense", limit=30, include_descendants=True
            )
        ]
        for m in twins
    ]
    sql_hits, pg_hits = results
    assert len(sql_hits) == 30
    assert_same_ranking(pg_hits, sql_hits, tol=1e-5)
