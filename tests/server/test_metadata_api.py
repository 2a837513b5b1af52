"""Metadata over HTTP: the client sends it, the server keeps it, filters come back the same."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from memstack import NeedsReview, UsageError

from .conftest import Server


def test_the_client_writes_filters_and_updates_metadata(server: Server) -> None:
    mem = server.client("reviewer")
    a = mem.add("acme/alice", "Alice likes green tea", metadata={"tag": "diet", "n": [1, None]})
    mem.add("acme/alice", "Alice rides a bike to green fields", metadata={"tag": "sport"})
    assert mem.get(a.id).metadata == {"tag": "diet", "n": [1, None]}
    assert [r.id for r in mem.list("acme/alice", metadata={"tag": "diet"})] == [a.id]
    assert mem.count("acme/alice", metadata={"tag": {"$in": ["diet", "sport"]}}) == 2
    hits = mem.search("acme/alice", "green", metadata={"tag": "sport"})
    assert [h.memory.metadata["tag"] for h in hits] == ["sport"]
    kept = mem.update(a.id, "Alice likes oolong tea")
    assert kept.metadata == a.metadata
    replaced = mem.update(kept.id, "Alice likes black tea", metadata={"tag": "drinks"})
    assert replaced.metadata == {"tag": "drinks"}
    assert mem.update(replaced.id, "Alice likes no tea", metadata=None).metadata == {}
    (batch,) = mem.add_many([{"scope": "acme/alice", "text": "x", "metadata": {"b": True}}])
    assert mem.get(batch.id).metadata == {"b": True}


def test_proposals_carry_metadata_and_valid_from_over_http(server: Server) -> None:
    when = datetime(2024, 1, 2, tzinfo=UTC)
    p = server.client("writer").propose(
        "acme/alice", "Alice is vegan", kind="fact", metadata={"from": "mem0"}, valid_from=when
    )
    assert p.metadata == {"from": "mem0"} and p.valid_from == when
    done = server.client("reviewer").approve(p.id, content_hash=p.content_hash)
    rec = server.client("reader").get(done.result_id or "")
    assert rec.metadata == {"from": "mem0"} and rec.valid_from == when


def test_a_writers_add_keeps_its_metadata_in_the_proposal(server: Server) -> None:
    with pytest.raises(NeedsReview) as info:
        server.client("writer").add("acme/bob", "Bob likes tea", metadata={"k": "v"})
    p = server.client("reviewer").proposal(info.value.proposal_id or "")
    assert p.metadata == {"k": "v"}


def test_bad_metadata_and_filters_are_400_with_the_reason(server: Server) -> None:
    mem = server.client("reviewer")
    with pytest.raises(UsageError, match="no NaN"):
        mem.add("acme/alice", "x", metadata={"x": float("nan")})
    http = server.http("reader")
    r = http.get("/v1/memories", params={"scope": "acme/alice", "metadata": "{not json"})
    assert r.status_code == 400 and "not valid JSON" in r.json()["message"]
    r = http.get("/v1/memories/count", params={"scope": "acme/alice", "metadata": '{"a": [1]}'})
    assert r.status_code == 400 and "JSON scalar" in r.json()["message"]


def test_the_langgraph_store_works_over_the_http_client(server: Server) -> None:
    pytest.importorskip("langgraph")
    from memstack.adapters.langgraph import MemstackStore

    store = MemstackStore(server.client("reviewer"), root="acme/agent")
    store.put(("users", "alice"), "diet", {"text": "Alice is vegan", "n": 1})
    store.put(("users", "bob"), "diet", {"text": "Bob eats fish", "n": 2})
    got = store.get(("users", "alice"), "diet")
    assert got is not None and got.value == {"text": "Alice is vegan", "n": 1}
    assert [i.key for i in store.search(("users",), filter={"n": 2})] == ["diet"]
    assert store.search(("users",), query="vegan")[0].namespace == ("users", "alice")
    assert store.list_namespaces() == [("users", "alice"), ("users", "bob")]
    store.delete(("users", "alice"), "diet")
    assert store.get(("users", "alice"), "diet") is None
