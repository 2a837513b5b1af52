"""Safe retries and scope bounds through the server: idempotency keys, partial updates."""

from __future__ import annotations

import pytest

from memstack import Conflict, Memory, NeedsReview, NotFound
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore

from .conftest import Server


def test_add_with_a_key_stores_once_and_refuses_the_key_for_other_text(server: Server) -> None:
    mem = server.client("reviewer")
    first = mem.add("acme/alice", "Alice is vegan", topic="food", idempotency_key="req-1")
    again = mem.add("acme/alice", "Alice is vegan", topic="food", idempotency_key="req-1")
    assert again == first
    assert mem.count("acme/alice") == 1
    with pytest.raises(Conflict):
        mem.add("acme/alice", "Alice eats fish", idempotency_key="req-1")
    assert [r.text for r in mem.list("acme/alice")] == ["Alice is vegan"]


def test_add_many_retried_stores_nothing_twice_across_batches(server: Server) -> None:
    mem = server.client("reviewer")
    items = [{"scope": "acme/bob", "text": f"Bob note {i}"} for i in range(5)]
    first = mem.add_many(items, batch_size=2, idempotency_key="import-7")
    # A retry after a failure part-way: the same call again.
    again = mem.add_many(items, batch_size=2, idempotency_key="import-7")
    assert [r.id for r in again] == [r.id for r in first]
    assert mem.count("acme/bob") == 5


def test_a_one_batch_add_many_gets_the_same_ids_as_embedded(server: Server) -> None:
    items = [{"scope": "acme/bob", "text": f"Bob note {i}"} for i in range(3)]
    remote = server.client("reviewer").add_many(items, idempotency_key="import-8")
    local = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    embedded = local.add_many(items, idempotency_key="import-8")
    local.close()
    assert [r.id for r in remote] == [r.id for r in embedded]


def test_a_writers_retried_add_is_one_proposal(server: Server) -> None:
    mem = server.client("writer")
    ids = []
    for _ in range(2):
        with pytest.raises(NeedsReview) as info:
            mem.add("acme/alice", "Alice likes tea", idempotency_key="w-1")
        ids.append(info.value.proposal_id)
    assert ids[0] == ids[1]
    assert [p.id for p in server.client("reviewer").proposals("acme")] == [ids[0]]


def test_propose_with_a_key_returns_the_first_proposal(server: Server) -> None:
    mem = server.client("writer")
    p = mem.propose("acme/alice", "Alice likes jazz", kind="fact", idempotency_key="p-1")
    assert mem.propose("acme/alice", "Alice likes jazz", kind="fact", idempotency_key="p-1") == p
    assert len(mem.proposals("acme")) == 1


def test_update_keeps_fields_not_given_and_clears_a_topic_given_as_none(server: Server) -> None:
    mem = server.client("reviewer")
    rec = mem.add("acme/alice", "Alice is vegan", topic="food", pinned=True, importance=0.9)
    kept = mem.update(rec.id, "Alice is vegetarian")
    assert (kept.topic, kept.pinned, kept.importance) == ("food", True, 0.9)
    cleared = mem.update(kept.id, "Alice is vegetarian again", topic=None, importance=0.2)
    assert (cleared.topic, cleared.pinned, cleared.importance) == (None, True, 0.2)


def test_id_calls_bound_to_a_scope_see_nothing_outside_it(server: Server) -> None:
    mem = server.client("reviewer")
    rec = mem.add("acme/alice", "Alice is vegan")
    assert mem.get(rec.id, scope="acme/alice") == rec
    assert mem.get(rec.id, scope="acme") == rec  # a bound covers the scopes below it
    with pytest.raises(NotFound):
        mem.get(rec.id, scope="acme/bob")
    with pytest.raises(NotFound):
        mem.update(rec.id, "Alice is vegetarian", scope="acme/bob")
    with pytest.raises(NotFound):
        mem.delete(rec.id, scope="acme/bob")
    assert mem.get(rec.id) == rec  # nothing changed
    p = server.client("writer").propose("acme/bob", "Bob likes figs", kind="fact")
    with pytest.raises(NotFound):
        mem.approve(p.id, content_hash=p.content_hash, scope="acme/alice")
    assert mem.approve(p.id, content_hash=p.content_hash, scope="acme/bob").state == "approved"
