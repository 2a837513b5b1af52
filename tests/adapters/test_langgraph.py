"""The LangGraph store adapter: inside a compiled graph, against LangGraph's own store, and alone.

``MemstackStore`` is checked three ways: a compiled ``StateGraph`` whose first
node writes through the injected store and a later node searches it (sync over
``Memory``, async over ``AsyncMemory``); the same scripted ops run on
LangGraph's ``InMemoryStore`` and on ours must give the same items, filters and
namespaces; and the memstack-specific parts (the scope mapping, TTL as
``expires_at``, history, proposals, refusals).
"""

from __future__ import annotations

import asyncio
import doctest
import json
from datetime import timedelta
from pathlib import Path
from typing import Any, TypedDict

import pytest

pytest.importorskip("langgraph")

from langgraph.graph import END, START, StateGraph  # noqa: E402
from langgraph.store.base import BaseStore, InvalidNamespaceError  # noqa: E402
from langgraph.store.memory import InMemoryStore as LangGraphMemoryStore  # noqa: E402

from memstack import AsyncMemory, Memory, Refused, UsageError  # noqa: E402
from memstack.adapters.langgraph import (  # noqa: E402
    MemstackStore,
    decode_label,
    dump_store,
    encode_label,
)
from memstack.embed.fake import FakeEmbedder  # noqa: E402
from memstack.store.memory import InMemoryStore  # noqa: E402
from memstack.store.sqlite import SqliteStore  # noqa: E402


def _memory(clock: Any = None, store: Any = None) -> Memory:
    return Memory(store=store or InMemoryStore(), embedder=FakeEmbedder(), clock=clock)


class State(TypedDict, total=False):
    user: str
    said: str
    found: list[str]


def _graph(store: BaseStore) -> Any:
    def remember(state: State, *, store: BaseStore) -> State:
        store.put(("users", state["user"], "facts"), "diet", {"text": state["said"]})
        return {}

    def recall(state: State, *, store: BaseStore) -> State:
        hits = store.search(("users", state["user"]), query="what does she eat", limit=3)
        return {"found": [h.value["text"] for h in hits]}

    g = StateGraph(State)
    g.add_node("remember", remember)
    g.add_node("recall", recall)
    g.add_edge(START, "remember")
    g.add_edge("remember", "recall")
    g.add_edge("recall", END)
    return g.compile(store=store)


def test_a_compiled_graph_writes_then_a_later_node_finds_it() -> None:
    mem = _memory()
    graph = _graph(MemstackStore(mem, root="acme/agent"))
    out = graph.invoke({"user": "alice", "said": "Alice eats only vegan food"})
    assert out["found"] == ["Alice eats only vegan food"]
    # It is an ordinary memory: visible to memstack, with the value as metadata.
    (rec,) = mem.list("acme/agent/users/alice/facts/_")
    assert rec.metadata["text"] == "Alice eats only vegan food" and rec.metadata["$key"] == "diet"


def test_the_same_graph_runs_async_over_async_memory() -> None:
    async def run() -> Any:
        amem = AsyncMemory(store=InMemoryStore(), embedder=FakeEmbedder())
        graph = _graph(MemstackStore(amem))
        return await graph.ainvoke({"user": "bob", "said": "Bob eats fish on Fridays"})

    assert asyncio.run(run())["found"] == ["Bob eats fish on Fridays"]


# -- the same ops on LangGraph's own store ------------------------------------------------

SCRIPT: list[tuple[tuple[str, ...], str, dict[str, Any] | None]] = [
    (("users", "alice"), "diet", {"text": "Alice is vegan", "tag": "food", "n": 1}),
    (("users", "alice"), "city", {"text": "Alice lives in Berlin", "tag": "place", "n": 2}),
    (("users", "bob"), "diet", {"text": "Bob eats fish", "tag": "food", "n": 1.0}),
    (("users", "bob", "work"), "team", {"text": "Bob is on the data team", "tag": "work"}),
    (("docs",), "readme", {"text": "How to deploy", "nested": {"a": [1, {"b": None}]}}),
    (("users", "alice"), "city", {"text": "Alice lives in Munich", "tag": "place", "n": 3}),
    (("users", "alice"), "diet", None),  # delete (the namespace keeps an item: LangGraph's
    # in-memory store goes on listing a namespace whose last item was deleted)
    (("odd ns", "ü/x_y"), "k", {"text": "labels with odd characters"}),
]
FILTERS: list[dict[str, Any]] = [
    {}, {"tag": "food"}, {"tag": {"$eq": "place"}}, {"n": 1}, {"tag": "nothing"},
]  # fmt: skip
PREFIXES = [(), ("users",), ("users", "alice"), ("users", "bob"), ("odd ns",)]


def _apply(store: BaseStore) -> None:
    for ns, key, value in SCRIPT:
        if value is None:
            store.delete(ns, key)
        else:
            store.put(ns, key, value)


def _view(items: Any) -> list[tuple[tuple[str, ...], str, Any]]:
    return sorted((tuple(i.namespace), i.key, i.value) for i in items)


def _canon(value: Any) -> str:
    # Equal values, whatever their key order (JSON objects have none; SQLite and jsonb sort).
    return json.dumps(value, sort_keys=True)


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_items_filters_and_namespaces_equal_langgraphs_own_store(
    backend: str, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "lg.db") if backend == "sqlite" else None
    if store is not None:
        store.setup()
    ours, theirs = MemstackStore(_memory(store=store)), LangGraphMemoryStore()
    _apply(ours)
    _apply(theirs)
    for ns, key, _ in SCRIPT:
        a, b = ours.get(ns, key), theirs.get(ns, key)
        assert (a and (a.value, a.key, a.namespace)) == (b and (b.value, b.key, b.namespace))
    for prefix in PREFIXES:
        for flt in FILTERS:
            got = _view(ours.search(prefix, filter=flt or None, limit=50))
            assert got == _view(theirs.search(prefix, filter=flt or None, limit=50)), (prefix, flt)
    for kw in [{}, {"prefix": ("users",)}, {"suffix": ("work",)}, {"max_depth": 1},
               {"prefix": ("users", "*")}, {"prefix": ("users",), "max_depth": 2}]:  # fmt: skip
        assert ours.list_namespaces(**kw) == theirs.list_namespaces(**kw), kw
    page = {_canon(v) for v in _view(ours.search((), limit=2, offset=1))}
    assert len(page) == 2 and page <= {_canon(v) for v in _view(theirs.search((), limit=50))}


def test_dump_store_reads_any_store_and_equals_for_both() -> None:
    ours, theirs = MemstackStore(_memory()), LangGraphMemoryStore()
    _apply(ours)
    _apply(theirs)
    strip = [(d["namespace"], d["key"], d["value"]) for d in dump_store(theirs)]
    assert sorted(map(repr, strip)) == sorted(
        repr((d["namespace"], d["key"], d["value"])) for d in dump_store(ours)
    )
    assert {"created_at", "updated_at"} <= set(dump_store(theirs)[0])


# -- memstack specifics ---------------------------------------------------------------------


def test_labels_map_to_scope_segments_and_back() -> None:
    for label in ["alice", "a b", "x_y", "_", "Grüße/2024", "-", "東京", "a%2F"]:
        seg = encode_label(label)
        assert decode_label(seg) == label and seg != "_"
        assert all(c.isalnum() or c in "-_" for c in seg) and seg.isascii()
    store = MemstackStore(_memory(), root="acme")
    assert store.scope(("a b", "c")) == "acme/a_20b/c/_"
    assert store.namespace("acme/a_20b/c/_") == ("a b", "c")
    assert store.namespace("acme/a_20b/c") is None  # a namespace path, not an item scope
    with pytest.raises(InvalidNamespaceError, match="too deep"):
        store.put(tuple("abcdefg"), "k", {"v": 1})
    with pytest.raises(InvalidNamespaceError, match="at most 64"):
        store.put(("é" * 20,), "k", {"v": 1})


def test_put_again_is_a_new_version_with_history_and_the_first_created_at(clock: Any) -> None:
    mem = _memory(clock)
    store = MemstackStore(mem)
    store.put(("u",), "k", {"text": "first"})
    first = store.get(("u",), "k")
    clock.advance(minutes=5)
    store.put(("u",), "k", {"text": "second"})
    item = store.get(("u",), "k")
    assert item is not None and first is not None
    assert item.value == {"text": "second"} and item.created_at == first.created_at
    assert item.updated_at == first.updated_at + timedelta(minutes=5)
    (rec,) = mem.list("langgraph/u/_")
    assert [e.action for e in mem.history(rec.id)] == ["add", "update"]


def test_ttl_becomes_expires_at_and_the_item_goes_away(clock: Any) -> None:
    mem = _memory(clock)
    store = MemstackStore(mem)
    store.put(("u",), "short", {"text": "soon gone"}, ttl=10)
    store.put(("u",), "long", {"text": "stays"})
    (rec,) = mem.list("langgraph/u/_", metadata={"$key": "short"})
    assert rec.expires_at == clock() + timedelta(minutes=10)
    clock.advance(minutes=11)
    assert store.get(("u",), "short") is None
    assert [i.key for i in store.search(("u",))] == ["long"]


def test_index_fields_choose_the_text_and_the_value_stays_whole() -> None:
    mem = _memory()
    store = MemstackStore(mem, index=["title"])
    value = {"title": "Deploy checklist", "body": {"steps": ["build", "ship"]}}
    store.put(("docs",), "d1", value)
    store.put(("docs",), "d2", {"title": "Lunch menu"}, index=False)
    store.put(("docs",), "d3", {"notes": [{"t": "alpha"}, {"t": "beta"}]}, index=["notes[*].t"])
    texts = {r.metadata["$key"]: r.text for r in mem.list("langgraph/docs/_")}
    assert texts == {"d1": "Deploy checklist", "d2": "d2", "d3": "alpha\nbeta"}
    got = store.get(("docs",), "d1")
    assert got is not None and got.value == value


def test_propose_mode_waits_for_review_before_reads_see_it() -> None:
    mem = _memory()
    store = MemstackStore(mem, writes="propose")
    store.put(("u",), "k", {"text": "Alice is vegan"})
    assert store.get(("u",), "k") is None
    (p,) = mem.proposals("langgraph/u/_")
    assert p.metadata == {"text": "Alice is vegan", "$key": "k"}
    mem.approve(p.id)
    got = store.get(("u",), "k")
    assert got is not None and got.value == {"text": "Alice is vegan"}
    store.delete(("u",), "k")
    assert store.get(("u",), "k") is not None  # the delete waits for review too
    mem.approve(mem.proposals("langgraph/u/_")[0].id)
    assert store.get(("u",), "k") is None


def test_refusals_are_clear_errors() -> None:
    store = MemstackStore(_memory())
    with pytest.raises(UsageError, match="reserved key"):
        store.put(("u",), "k", {"$key": "x"})
    with pytest.raises(UsageError, match=r"\$gt is not supported"):
        store.search(("u",), filter={"n": {"$gt": 1}})
    with pytest.raises(Refused):
        store.put(("u",), "k", {"token": "sk-proj-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCD"})
    with pytest.raises(UsageError, match="writes must be"):
        MemstackStore(_memory(), writes="sometimes")  # type: ignore[arg-type]


def test_filters_apply_before_the_limit() -> None:
    store = MemstackStore(_memory())
    for i in range(30):
        store.put(("u",), f"noise{i}", {"text": "green tea green tea", "tag": "noise"})
    store.put(("u",), "keep", {"text": "a note on tea", "tag": "keep"})
    found = store.search(("u",), query="green tea", filter={"tag": "keep"}, limit=1)
    assert [i.key for i in found] == ["keep"]


def test_the_docstring_examples_run() -> None:
    import memstack.adapters.langgraph as module

    result = doctest.testmod(module, report=True)
    assert result.attempted > 0 and result.failed == 0
