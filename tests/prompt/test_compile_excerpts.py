"""``Memory.compile`` with a query: long recalled memories come as excerpts to expand by id."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from memstack import Memory

ALICE = "acme/web/alice"
ANSWER = "Use an autocommit block so CREATE INDEX CONCURRENTLY runs outside the transaction."
PADDING = " ".join(
    f"Step {n}: check the dashboards, the replica lag and the nightly report timings."
    for n in range(1, 25)
)
LONG = f"Here is how to handle the Alembic migration. {PADDING} {ANSWER} {PADDING}"


def test_a_long_episode_is_excerpted_around_the_query_and_its_id_reads_it_whole(
    mem: Memory,
) -> None:
    mem.ingest_conversation(
        ALICE,
        [
            {"role": "user", "name": "alice", "content": "How do I add an index in Alembic?"},
            {"role": "assistant", "content": LONG},
        ],
        session_time=datetime(2025, 5, 20, 14, 0, tzinfo=UTC),
        session="S1",
    )
    query = "How do I run CREATE INDEX CONCURRENTLY in an Alembic migration?"
    p = mem.compile(ALICE, query, recall_tokens=1500)
    assert ANSWER in p.recall and "Here is how to handle the Alembic migration." in p.recall
    assert p.recall.count("Step ") < 10  # most of the padding is left out
    found = re.search(r"· excerpt, id ([0-9A-Z]{26})\]", p.recall)
    assert found is not None and found.group(1) in p.recall_ids
    assert mem.get(found.group(1)).text == LONG  # what the id reads: the whole memory
    again = mem.compile(ALICE, "Which steps mention the dashboards?", recall_tokens=1500)
    assert again.stable == p.stable and again.stable_digest == p.stable_digest
    assert mem.compile(ALICE, query, recall_tokens=1500).recall == p.recall  # deterministic


def test_forget_empties_the_memoised_analysis_of_long_texts(mem: Memory) -> None:
    from memstack.compile.excerpt import _analysed  # the cache an erasure must reach

    _analysed.cache_clear()
    mem.ingest_conversation(ALICE, [{"role": "assistant", "content": LONG}], session="S2")
    p = mem.compile(ALICE, "How do I run CREATE INDEX CONCURRENTLY?", recall_tokens=1500)
    assert "· excerpt, id " in p.recall
    assert _analysed.cache_info().currsize == 1
    mem.forget(ALICE)
    assert _analysed.cache_info().currsize == 0
