"""``Memory.compile``: stable candidates and recall gathered from the store, on every backend."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from memstack import AsyncMemory, InvalidScope, Memory, UsageError
from memstack.embed.fake import FakeEmbedder

from .conftest import Clock, make_store

ALICE = "acme/web/alice"
SAID = datetime(2025, 5, 20, 14, 0, tzinfo=UTC)


def seed(mem: Memory) -> dict[str, str]:
    ids = {
        "org_rule": mem.add("acme", "Answer in British English.", kind="rule").id,
        "team_rule": mem.add("acme/web", "Never deploy on Fridays.", kind="rule", topic="ops").id,
        "pinned": mem.add(ALICE, "Alice is vegetarian.", topic="diet", pinned=True).id,
        "core": mem.add(ALICE, "Alice works on the billing service.", importance=0.9).id,
        "sibling": mem.add("acme/web/bob", "Bob likes jazz and the Lisbon trams.").id,
    }
    mem.ingest_conversation(
        ALICE,
        [
            {"role": "user", "name": "alice", "content": "I am moving to Lisbon in July."},
            {"role": "assistant", "content": "Lovely! Do you need help with the move?"},
        ],
        session_time=SAID,
        session="S1",
    )
    return ids


def test_stable_block_holds_rules_and_facts_of_the_scope_and_its_ancestors(mem: Memory) -> None:
    ids = seed(mem)
    p = mem.compile(ALICE)
    assert set(p.stable_ids) == {ids["org_rule"], ids["team_rule"], ids["pinned"], ids["core"]}
    assert p.stable_ids[:2] == (ids["org_rule"], ids["team_rule"])  # rules first
    assert "Bob" not in p.stable and "Lisbon" not in p.stable  # no sibling, no episode
    assert p.recall == "" and p.recall_ids == ()
    assert p.stable_tokens <= 2000 and p.provider == "anthropic"


def test_recall_quotes_episodes_with_their_date_and_speaker(mem: Memory) -> None:
    seed(mem)
    p = mem.compile(ALICE, "Where is Alice moving to?", recall_tokens=400)
    assert '- [2025-05-20 14:00 UTC · alice said] "I am moving to Lisbon in July."' in p.recall
    assert "Bob" not in p.recall  # siblings never leak, even through search
    assert not set(p.recall_ids) & set(p.stable_ids)
    body = p.payload([{"role": "user", "content": "Where is Alice moving to?"}])
    assert body["system"][-1] == {
        "type": "text", "text": p.stable, "cache_control": {"type": "ephemeral"}
    }
    assert body["messages"][-1]["content"][0]["text"] == p.recall  # after the breakpoint


def test_a_blank_query_or_zero_recall_budget_recalls_nothing(mem: Memory) -> None:
    seed(mem)
    assert mem.compile(ALICE, "   ").recall == ""
    assert mem.compile(ALICE, "Lisbon", recall_tokens=0).recall == ""


def test_the_budget_is_respected_and_rules_come_first(mem: Memory) -> None:
    ids = seed(mem)
    full = mem.compile(ALICE)
    rules_only = mem.compile(ALICE, budget_tokens=full.stable_tokens - 5)
    assert rules_only.stable_tokens <= full.stable_tokens - 5
    assert ids["org_rule"] in rules_only.stable_ids and ids["team_rule"] in rules_only.stable_ids
    assert len(rules_only.stable_ids) < len(full.stable_ids)
    assert mem.compile(ALICE, budget_tokens=0).stable == ""


def test_openai_and_text_payloads(mem: Memory) -> None:
    seed(mem)
    p = mem.compile(ALICE, "Lisbon", provider="openai")
    body = p.payload([{"role": "user", "content": "Lisbon?"}])
    assert body["messages"][0] == {"role": "system", "content": p.stable}
    assert body["prompt_cache_key"] == "ms-" + p.stable_digest[:32]
    text = mem.compile(ALICE, provider="text").payload([{"role": "user", "content": "hi"}])
    assert text["text"].endswith("user: hi")


def test_history_reports_what_replaying_would_cost(mem: Memory) -> None:
    assert mem.compile(ALICE, history=["hello there", "general kenobi"]).history_tokens == 5
    assert mem.compile(ALICE).history_tokens is None


def test_digest_changes_only_when_approved_memory_in_the_block_changes(
    mem: Memory, clock: Clock
) -> None:
    ids = seed(mem)
    budget = mem.compile(ALICE).stable_tokens  # the block is exactly full
    before = mem.compile(ALICE, budget_tokens=budget)

    # Recall-only memory: more conversation, and low-importance facts beyond the budget.
    clock.advance(days=3)
    mem.ingest_conversation(
        ALICE, [{"role": "user", "name": "alice", "content": "My sister Zoe visits in August."}],
        session_time=clock.now,
    )  # fmt: skip
    trivia = mem.add(ALICE, "Alice once owned a teal bicycle named Comet.", importance=0.1)
    mem.add("acme/web/bob", "Bob's rule of thumb: tabs.", kind="rule")  # a sibling's rule
    seen = {}
    for query in ("Who visits in August?", "What was the bicycle called?", "Lisbon", None):
        # Two hits: the fake embedder's hashed vectors are close to noise, and its best
        # cosine counts as much as the best keyword match, so the first hit may be a
        # memory of the stable block, which recall leaves out.
        p = mem.compile(ALICE, query, budget_tokens=budget, recall_limit=2)
        assert p.stable_digest == before.stable_digest, query
        assert p.stable == before.stable
        seen[query] = p.recall
    assert "Zoe" in seen["Who visits in August?"]
    assert trivia.id not in before.stable_ids and "Comet" in seen["What was the bicycle called?"]
    assert "Lisbon" in seen["Lisbon"] and seen[None] == ""
    assert len({seen[q] for q in seen}) == len(seen)  # recall did change with every query

    # An approved change inside the block changes the digest.
    new = mem.update(ids["team_rule"], "Never deploy on Fridays or before holidays.")
    after = mem.compile(ALICE, "Lisbon", budget_tokens=budget + 20)
    assert after.stable_digest != before.stable_digest
    assert new.id in after.stable_ids and "before holidays" in after.stable
    # ... and so does removing a memory from it.
    mem.delete(ids["core"])
    assert mem.compile(ALICE, budget_tokens=budget + 20).stable_digest != after.stable_digest


def test_bad_arguments_are_usage_errors(mem: Memory) -> None:
    with pytest.raises(UsageError, match="Unknown provider"):
        mem.compile(ALICE, provider="gemini")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="budget_tokens"):
        mem.compile(ALICE, budget_tokens=-1)
    with pytest.raises(UsageError, match="recall_limit"):
        mem.compile(ALICE, "x", recall_limit=0)
    with pytest.raises(InvalidScope):
        mem.compile("acme//alice")


def test_async_door_compiles_the_same_prompt(backend: str, tmp_path: Path, clock: Clock) -> None:
    store = make_store(backend, tmp_path)
    sync = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    seed(sync)
    aio = AsyncMemory(store=store, embedder=FakeEmbedder(), clock=clock)
    try:
        a = asyncio.run(aio.compile(ALICE, "Where is Alice moving to?"))
        s = sync.compile(ALICE, "Where is Alice moving to?")
        assert a == s
    finally:
        store.close()
