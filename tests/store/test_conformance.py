"""One conformance suite for every store backend (see ``conftest.py`` for the list).

Each behaviour is checked through the ``Memory`` facade, which is what users
call, and where it matters through raw store ops too, which is what a new
backend implements. A backend is correct when this whole file passes for it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from memstack import Conflict, EmbedderMismatch, Memory, NotFound
from memstack.config import Settings
from memstack.embed.fake import FakeEmbedder
from memstack.index.keyword import analyze, query_terms
from memstack.models import (
    CountOp,
    DeleteOp,
    Event,
    Filter,
    GetManyOp,
    GetOp,
    HistoryOp,
    ListOp,
    PutOp,
    Record,
    Scope,
    ScopesOp,
    SearchOp,
    Source,
    SupersedeOp,
    VectorLookupOp,
    VectorsOp,
    content_hash,
    new_id,
)
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore

T0 = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)
EMB = FakeEmbedder()


# -- raw-op helpers -------------------------------------------------------------------


def make_record(scope: str, text: str, *, at: datetime = T0, **fields: Any) -> Record:
    return Record(
        id=new_id(),
        scope=scope,
        kind=fields.pop("kind", "fact"),
        text=text,
        recorded_at=at,
        valid_from=at,
        **fields,
    )


def put_op(rec: Record, *, embedder: FakeEmbedder = EMB) -> PutOp:
    event = Event(
        id=new_id(),
        at=rec.recorded_at,
        action="add",
        actor="tester",
        scope=rec.scope,
        memory_id=rec.id,
        after=rec.text,
        after_hash=rec.content_hash,
    )
    vec = embedder.embed_one(rec.text, input_type="document")
    return PutOp(rec, event, analyze(rec.text), vec, embedder.id)


def visible(scope: str, *, now: datetime = T0, descendants: bool = False, **kw: Any) -> Filter:
    ancestors = Scope.parse(scope).ancestors()
    return Filter(scopes=ancestors, now=now, prefixes=(scope,) if descendants else (), **kw)


def search_op(
    flt: Filter, query: str, *, limit: int = 50, embedder: FakeEmbedder = EMB
) -> SearchOp:
    terms = " ".join(query_terms(query)) or None
    return SearchOp(flt, terms, embedder.embed_one(query), embedder.id, limit)


def texts(records: Any) -> list[str]:
    return [r.text for r in records]


def hit_texts(hits: Any) -> list[str]:
    return [h.memory.text for h in hits]


MODES = ("keyword", "dense", "hybrid")


# -- put / get / list / count --------------------------------------------------------


def test_add_then_get_returns_the_same_record(mem: Memory, clock: Any) -> None:
    rec = mem.add(
        "acme/alice",
        "Alice is vegan",
        kind="fact",
        topic="diet",
        pinned=True,
        importance=0.8,
        source={"origin": "human", "author": "ann", "conversation": "c1", "turns": ["t1", "t2"]},
    )
    assert mem.get(rec.id) == rec
    assert rec.scope == "acme/alice" and rec.topic == "diet" and rec.pinned
    assert rec.source == Source(origin="human", author="ann", conversation="c1", turns=("t1", "t2"))
    assert rec.recorded_at == rec.valid_from == clock.now
    assert rec.content_hash == content_hash("Alice is vegan")
    assert rec.valid_to is None and rec.superseded_by is None


def test_list_is_oldest_first_with_paging_and_count(mem: Memory, clock: Any) -> None:
    for text in ("first", "second", "third"):
        mem.add("acme/alice", text)
        clock.advance(minutes=1)
    assert texts(mem.list("acme/alice")) == ["first", "second", "third"]
    assert texts(mem.list("acme/alice", limit=2)) == ["first", "second"]
    assert texts(mem.list("acme/alice", limit=2, offset=2)) == ["third"]
    assert mem.count("acme/alice") == 3


def test_raw_ops_put_get_list_count(store: Any) -> None:
    a = make_record("acme/alice", "Alice likes green tea")
    b = make_record("acme/alice", "Alice rides a bike", at=T0 + timedelta(seconds=5))
    assert store.batch([put_op(b), put_op(a)]) == [b, a]  # a put returns the stored record
    got, listed, count = store.batch(
        [GetOp(a.id), ListOp(visible("acme/alice")), CountOp(visible("acme"))]
    )
    assert got == a
    assert listed == [a, b]  # by recorded_at, not insertion order
    assert count == 0  # acme cannot see its child acme/alice
    assert store.batch([GetOp("missing")]) == [None]
    assert store.batch([ListOp(visible("acme/alice"), 1, 1)])[0] == [b]


def test_get_many_returns_what_exists(store: Any) -> None:
    a = make_record("acme/alice", "Alice likes green tea")
    b = make_record("acme/alice", "Alice rides a bike")
    store.batch([put_op(a), put_op(b)])
    assert store.batch([GetManyOp((b.id, "missing", a.id))]) == [{a.id: a, b.id: b}]


def test_search_with_stubs_names_the_same_candidates(store: Any) -> None:
    # Stubs carry what fusion reads; a backend may answer with full records instead.
    records = [make_record("acme/alice", f"Alice likes green tea number {i}") for i in range(5)]
    store.batch([put_op(r) for r in records])
    flt = visible("acme/alice")
    full = store.batch([SearchOp(flt, "green tea", None, None, 3)])[0]
    light = store.batch([SearchOp(flt, "green tea", None, None, 3, stubs=True)])[0]
    assert [(c.id, s) for c, s in light.keyword] == [(r.id, s) for r, s in full.keyword]
    by_id = {r.id: r for r in records}
    for cand, _ in light.keyword:
        assert cand.valid_from == by_id[cand.id].valid_from
        assert cand.importance == by_id[cand.id].importance


# -- scope visibility ----------------------------------------------------------------

SCOPES = ["acme", "acme/alice", "acme/alice/notes", "acme/bob", "acme2", "acme2/alice"]


def _fill_scopes(mem: Memory) -> None:
    for scope in SCOPES:
        mem.add(scope, f"green tea note for {scope}")


def test_reader_sees_itself_and_ancestors_never_siblings(mem: Memory) -> None:
    _fill_scopes(mem)
    assert {r.scope for r in mem.list("acme/alice")} == {"acme", "acme/alice"}
    assert mem.count("acme/alice") == 2
    for mode in MODES:
        found = {
            h.memory.scope for h in mem.search("acme/alice", "green tea note", mode=mode, limit=50)
        }
        assert found == {"acme", "acme/alice"}, mode


def test_include_descendants_stays_inside_the_segment(mem: Memory) -> None:
    _fill_scopes(mem)
    expected = {"acme", "acme/alice", "acme/alice/notes", "acme/bob"}
    assert {r.scope for r in mem.list("acme", include_descendants=True)} == expected
    for mode in MODES:
        hits = mem.search("acme", "green tea note", mode=mode, limit=50, include_descendants=True)
        assert {h.memory.scope for h in hits} == expected, mode
    assert set(mem.scopes("acme")) == expected
    assert set(mem.scopes("acme2")) == {"acme2", "acme2/alice"}


def test_raw_filter_scope_rules(store: Any) -> None:
    recs = {s: make_record(s, f"green tea note for {s}") for s in SCOPES}
    store.batch([put_op(r) for r in recs.values()])
    listed = store.batch([ListOp(visible("acme/alice"))])[0]
    assert {r.scope for r in listed} == {"acme", "acme/alice"}
    below = store.batch([ListOp(visible("acme", descendants=True))])[0]
    assert {r.scope for r in below} == {"acme", "acme/alice", "acme/alice/notes", "acme/bob"}
    cands = store.batch([search_op(visible("acme", descendants=True), "green tea note")])[0]
    assert {r.scope for r, _ in cands.keyword} == {r.scope for r, _ in cands.dense}
    assert {r.scope for r, _ in cands.keyword} == {
        "acme",
        "acme/alice",
        "acme/alice/notes",
        "acme/bob",
    }
    assert store.batch([ScopesOp("acme")])[0] == {
        "acme": 1,
        "acme/alice": 1,
        "acme/alice/notes": 1,
        "acme/bob": 1,
    }


def test_scope_counts_leave_out_expired_memories(store: Any) -> None:
    kept = make_record("acme", "still here")
    gone = make_record("acme", "short lived", expires_at=T0 + timedelta(hours=1))
    store.batch([put_op(kept), put_op(gone)])
    assert store.batch([ScopesOp("acme", now=T0)])[0] == {"acme": 2}
    assert store.batch([ScopesOp("acme", now=T0 + timedelta(hours=2))])[0] == {"acme": 1}


def test_like_wildcards_in_scopes_do_not_leak(mem: Memory) -> None:
    # '_' is a LIKE wildcard and legal in a segment: 'a_b' must not match 'aXb'.
    for scope in ("a_b", "a_b/c", "aXb", "aXb/c", "a_bc", "a_b_c/d"):
        mem.add(scope, f"shared words in {scope}")
    assert {r.scope for r in mem.list("a_b", include_descendants=True)} == {"a_b", "a_b/c"}
    assert mem.count("a_b", include_descendants=True) == 2
    assert set(mem.scopes("a_b")) == {"a_b", "a_b/c"}
    for mode in MODES:
        hits = mem.search("a_b", "shared words", mode=mode, include_descendants=True, limit=50)
        assert {h.memory.scope for h in hits} == {"a_b", "a_b/c"}, mode
    assert {r.scope for r in mem.list("aXb/c")} == {"aXb", "aXb/c"}


# -- kind and topic ------------------------------------------------------------------


def test_kind_and_topic_filters(mem: Memory) -> None:
    mem.add("acme/alice", "Always answer in French", kind="rule", topic="style")
    mem.add("acme/alice", "Alice drinks green tea", kind="fact", topic="diet")
    mem.add("acme/alice", "Alice: I had green tea today", kind="episode")
    assert texts(mem.list("acme/alice", kind="rule")) == ["Always answer in French"]
    assert len(mem.list("acme/alice", kind=["fact", "episode"])) == 2
    assert texts(mem.list("acme/alice", topic="diet")) == ["Alice drinks green tea"]
    assert mem.count("acme/alice", kind="episode") == 1
    for mode in MODES:
        hits = mem.search("acme/alice", "green tea", kind="fact", mode=mode)
        assert hit_texts(hits) == ["Alice drinks green tea"], mode
        hits = mem.search("acme/alice", "Alice French tea", topic="diet", mode=mode)
        assert hit_texts(hits) == ["Alice drinks green tea"], mode


# -- versions ------------------------------------------------------------------------


def test_update_supersedes_and_history_keeps_both(mem: Memory, clock: Any) -> None:
    t0 = clock.now
    old = mem.add("acme/alice", "Alice lives in Paris", author="ann")
    t1 = clock.advance(days=3)
    new = mem.update(old.id, "Alice lives in Lisbon", author="bob", reason="moved")
    assert new.id != old.id
    assert new.valid_from == new.recorded_at == t1
    closed = mem.get(old.id)
    assert closed.valid_to == t1 and closed.superseded_by == new.id
    assert closed.text == "Alice lives in Paris"

    for rid in (old.id, new.id):
        events = mem.history(rid)
        assert [(e.action, e.actor, e.at) for e in events] == [
            ("add", "ann", t0),
            ("update", "bob", t1),
        ]
        assert (
            events[1].before == "Alice lives in Paris"
            and events[1].after == "Alice lives in Lisbon"
        )
        assert events[1].detail["supersedes"] == old.id and events[1].detail["reason"] == "moved"

    assert texts(mem.list("acme/alice")) == ["Alice lives in Lisbon"]
    assert texts(mem.list("acme/alice", include_superseded=True)) == [
        "Alice lives in Paris",
        "Alice lives in Lisbon",
    ]
    for mode in MODES:
        current = hit_texts(mem.search("acme/alice", "where does Alice live Paris", mode=mode))
        assert current == ["Alice lives in Lisbon"], mode
        found = hit_texts(
            mem.search("acme/alice", "Alice lives", mode=mode, include_superseded=True)
        )
        assert sorted(found) == ["Alice lives in Lisbon", "Alice lives in Paris"], mode


def test_as_of_sees_the_version_valid_then(mem: Memory, clock: Any) -> None:
    old = mem.add("acme/alice", "Alice lives in Paris")
    between = clock.advance(days=1)
    clock.advance(days=1)
    mem.update(old.id, "Alice lives in Lisbon")
    clock.advance(days=1)
    assert texts(mem.list("acme/alice", as_of=between)) == ["Alice lives in Paris"]
    assert texts(mem.list("acme/alice", as_of=clock.now)) == ["Alice lives in Lisbon"]
    assert mem.list("acme/alice", as_of=old.valid_from - timedelta(seconds=1)) == []
    for mode in MODES:
        assert hit_texts(mem.search("acme/alice", "Alice lives", as_of=between, mode=mode)) == [
            "Alice lives in Paris"
        ], mode


def test_updating_a_superseded_version_is_a_conflict(mem: Memory) -> None:
    old = mem.add("acme/alice", "v1")
    mem.update(old.id, "v2")
    with pytest.raises(Conflict, match="already superseded"):
        mem.update(old.id, "v3")


# -- expiry and delete ---------------------------------------------------------------


def test_expired_memory_never_appears_even_before_gc(mem: Memory, clock: Any) -> None:
    mem.add(
        "acme/alice", "The door code is 4711 this week", expires_at=clock.now + timedelta(hours=1)
    )
    mem.add("acme/alice", "The door is painted green")
    assert mem.count("acme/alice") == 2
    clock.advance(hours=2)
    assert texts(mem.list("acme/alice")) == ["The door is painted green"]
    assert texts(mem.list("acme/alice", include_superseded=True)) == ["The door is painted green"]
    assert mem.count("acme/alice") == 1
    for mode in MODES:
        hits = mem.search("acme/alice", "door code 4711", mode=mode, include_superseded=True)
        assert "The door code is 4711 this week" not in hit_texts(hits), mode


def test_raw_expiry_is_relative_to_filter_now(store: Any) -> None:
    rec = make_record("acme", "temporary green tea note", expires_at=T0 + timedelta(minutes=10))
    store.batch([put_op(rec)])
    assert store.batch([ListOp(visible("acme"))])[0] == [rec]
    later = visible("acme", now=T0 + timedelta(minutes=10))
    assert store.batch([ListOp(later), CountOp(later)]) == [[], 0]
    cands = store.batch([search_op(later, "temporary green tea note")])[0]
    assert cands.keyword == [] and cands.dense == []


def test_delete_removes_everywhere_but_history_keeps_an_event(mem: Memory, clock: Any) -> None:
    rec = mem.add("acme/alice", "Alice owns a cello")
    keep = mem.add("acme/alice", "Alice owns a bike")
    for mode in MODES:  # warm any caches before the delete
        assert "Alice owns a cello" in hit_texts(mem.search("acme/alice", "cello", mode=mode))
    t1 = clock.advance(minutes=5)
    mem.delete(rec.id, author="ann", reason="asked")
    with pytest.raises(NotFound):
        mem.get(rec.id)
    assert texts(mem.list("acme/alice", include_superseded=True)) == [keep.text]
    for mode in MODES:
        assert "Alice owns a cello" not in hit_texts(
            mem.search("acme/alice", "Alice owns a cello", mode=mode)
        )
    events = mem.history(rec.id)
    assert [(e.action, e.actor) for e in events] == [("add", "tester"), ("delete", "ann")]
    assert events[1].at == t1 and events[1].before == "Alice owns a cello"
    assert events[1].detail == {"reason": "asked"}
    with pytest.raises(NotFound):
        mem.delete(rec.id)


# -- atomic batches ------------------------------------------------------------------


def _assert_absent(store: Any, rec: Record) -> Any:
    flt = visible(rec.scope, descendants=True)
    got, listed, cands, events, stats, known = store.batch(
        [
            GetOp(rec.id),
            ListOp(flt),
            search_op(flt, rec.text),
            HistoryOp((rec.id,)),
            VectorsOp(EMB.id),
            VectorLookupOp((rec.content_hash,), EMB.id),
        ]
    )
    assert got is None
    assert rec.id not in {r.id for r in listed}
    assert rec.id not in {r.id for r, _ in cands.keyword}, "keyword row survived a failed batch"
    assert rec.id not in {r.id for r, _ in cands.dense}, "vector survived a failed batch"
    assert events == []
    assert rec.content_hash not in known
    return stats


def test_failed_batch_writes_nothing(store: Any) -> None:
    rec = make_record("acme/alice", "Alice collects rare purple orchids")
    with pytest.raises(NotFound):
        store.batch([put_op(rec), SupersedeOp("no-such-id", valid_to=T0)])
    stats = _assert_absent(store, rec)
    assert stats.by_embedder == {} and stats.missing == 0


def test_failed_batch_after_search_leaves_caches_clean(store: Any) -> None:
    kept = make_record("acme/alice", "Alice collects old stamps")
    store.batch([put_op(kept)])
    flt = visible("acme/alice")
    store.batch([search_op(flt, "Alice collects")])  # loads any lazy index
    rec = make_record("acme/alice", "Alice collects rare purple orchids")
    with pytest.raises(NotFound):
        store.batch([put_op(rec), SupersedeOp("no-such-id", valid_to=T0)])
    stats = _assert_absent(store, rec)
    assert stats.by_embedder == {EMB.id: 1}
    cands = store.batch([search_op(flt, "Alice collects")])[0]
    assert [r.id for r, _ in cands.dense] == [kept.id]
    # The next write may reuse the failed row's internal id: no stale vector may answer for it.
    later = make_record("acme/alice", "Bob repairs bikes")
    store.batch([put_op(later)])
    q = EMB.embed_one("rare purple orchids")
    cands = store.batch([SearchOp(flt, None, q, EMB.id, 10)])[0]
    assert {r.id for r, _ in cands.dense} == {kept.id, later.id}
    for r, score in cands.dense:
        assert score == pytest.approx(
            float(EMB.embed_one(r.text, input_type="document") @ q), abs=1e-5
        )


def test_failed_batch_undoes_a_supersede(store: Any) -> None:
    old = make_record("acme", "The office is in Berlin")
    store.batch([put_op(old)])
    flt = visible("acme")
    store.batch([search_op(flt, "office Berlin")])
    later = T0 + timedelta(days=1)
    gone = Event(id=new_id(), at=later, action="delete", actor="t", scope="acme", memory_id="x")
    with pytest.raises(NotFound):
        store.batch([SupersedeOp(old.id, valid_to=later, superseded_by="new"), DeleteOp("x", gone)])
    assert store.batch([GetOp(old.id)])[0] == old
    now = visible("acme", now=later + timedelta(days=1))
    cands = store.batch([search_op(now, "office Berlin")])[0]
    assert [r.id for r, _ in cands.keyword] == [old.id]
    assert [r.id for r, _ in cands.dense] == [old.id]
    assert [e.action for e in store.batch([HistoryOp((old.id,))])[0]] == ["add"]


def test_facade_failed_update_of_missing_id_writes_nothing(mem: Memory) -> None:
    with pytest.raises(NotFound):
        mem.update("01HZZZZZZZZZZZZZZZZZZZZZZZ", "new text")
    assert mem.list("acme", include_descendants=True) == []


# -- keyword search ------------------------------------------------------------------


def test_chinese_text_found_by_chinese_query(mem: Memory) -> None:
    mem.add("acme/li", "我喜欢喝绿茶")
    mem.add("acme/li", "我喜欢喝咖啡")
    mem.add("acme/li", "I like green tea")
    assert hit_texts(mem.search("acme/li", "绿茶", mode="keyword")) == ["我喜欢喝绿茶"]
    assert hit_texts(mem.search("acme/li", "咖啡", mode="keyword")) == ["我喜欢喝咖啡"]
    assert hit_texts(mem.search("acme/li", "绿茶", mode="hybrid"))[0] == "我喜欢喝绿茶"
    assert hit_texts(mem.search("acme/li", "茶", mode="keyword")) == ["我喜欢喝绿茶"]


def test_japanese_text_found_by_japanese_query(mem: Memory) -> None:
    mem.add("acme/ken", "私は緑茶が好きです")
    mem.add("acme/ken", "毎朝コーヒーを飲みます")
    assert hit_texts(mem.search("acme/ken", "緑茶", mode="keyword")) == ["私は緑茶が好きです"]
    assert hit_texts(mem.search("acme/ken", "コーヒー", mode="keyword")) == [
        "毎朝コーヒーを飲みます"
    ]


def test_context_terms_rank_lower_and_weight_zero_ignores_them(store: Any) -> None:
    own = make_record("acme", "Alice adopted a kitten")
    near = make_record("acme", "That is lovely news")
    near_op = put_op(near)
    near_op = PutOp(
        near_op.record,
        near_op.event,
        near_op.keywords,
        near_op.vector,
        near_op.embedder,
        analyze("Alice adopted a kitten"),
    )
    store.batch([put_op(own), near_op])
    flt = visible("acme")
    op = SearchOp(flt, "kitten", None, None, 10, 0.3)
    assert [r.id for r, _ in store.batch([op])[0].keyword] == [own.id, near.id]
    op = SearchOp(flt, "kitten", None, None, 10, 0.0)
    assert [r.id for r, _ in store.batch([op])[0].keyword] == [own.id]


def test_equal_keyword_scores_are_ordered_by_id(store: Any) -> None:
    # The contract (docs/architecture.md): ties break by id, whatever order rows were
    # written in. Written newest id first, so row order and id order disagree.
    recs = [make_record("acme", "Alice likes green tea") for _ in range(4)]
    store.batch([put_op(r) for r in reversed(recs)])
    found = store.batch([SearchOp(visible("acme"), "green tea", None, None, 3)])[0].keyword
    assert len({score for _, score in found}) == 1
    assert [r.id for r, _ in found] == [r.id for r in recs[:3]]


def test_search_counts_query_terms_in_the_searched_scopes(store: Any) -> None:
    # The counts are the searched scopes' own (not the tenant's), terms or context.
    recs = [
        make_record("acme/a", "Alice adopted a kitten"),
        make_record("acme/a", "Alice rides a bike"),
        make_record("acme/a", "Bob walks"),
        make_record("acme/b", "Alice and Alice again"),
    ]
    ops = [put_op(r) for r in recs]
    ops[2] = replace(ops[2], context=analyze("Alice said so"))
    store.batch(ops)
    op = SearchOp(visible("acme/a"), "alic kitten walrus", None, None, 10)
    (cands,) = store.batch([op])
    assert cands.scope_rows == 3
    assert dict(cands.scope_df) == {"alic": 3, "kitten": 1, "walrus": 0}
    (both,) = store.batch([replace(op, filter=visible("acme", descendants=True))])
    assert both.scope_rows == 4 and both.scope_df["alic"] == 4
    (dense_only,) = store.batch([SearchOp(visible("acme/a"), None, EMB.embed_one("x"), EMB.id, 10)])
    assert dense_only.scope_rows == 0 and not dense_only.scope_df


# -- vectors -------------------------------------------------------------------------


class RecordingEmbedder(FakeEmbedder):
    """The fake embedder, also remembering every text it embedded."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.texts: list[str] = []

    def embed_batch(self, texts: Any, *, input_type: Any = "document") -> Any:
        self.texts.extend(texts)
        return super().embed_batch(texts, input_type=input_type)


def test_same_text_is_embedded_once(store: Any, clock: Any) -> None:
    emb = RecordingEmbedder()
    mem = Memory(store=store, embedder=emb, clock=clock)
    mem.add("acme/alice", "Alice is vegan")
    assert emb.calls == 1
    mem.add("acme/bob", "Alice is vegan")
    assert emb.calls == 1, "a text with a stored vector was embedded again"
    mem.add_many([{"scope": "acme", "text": t} for t in ("new one", "new one", "Alice is vegan")])
    assert emb.texts == ["Alice is vegan", "new one"]
    assert mem.stats()["vectors"] == {emb.id: 5}
    # Every copy is still found by dense search.
    hits = mem.search("acme", "Alice is vegan", mode="dense", include_descendants=True)
    assert hit_texts(hits).count("Alice is vegan") == 3


def test_embedder_switch_needs_reindex(backend: Any, clock: Any) -> None:
    old = Memory(store=backend.open(), embedder=FakeEmbedder(seed=0), clock=clock)
    for text in ("Alice is vegan", "Bob plays the cello", "Carol runs marathons"):
        old.add("acme/team", text)
    old.close()

    new_emb = FakeEmbedder(seed=1)
    mem = Memory(store=backend.open(), embedder=new_emb, clock=clock)
    with pytest.raises(EmbedderMismatch, match="memstack reindex") as err:
        mem.search("acme/team", "cello")
    assert "fake:64:0" in str(err.value)
    with pytest.raises(EmbedderMismatch):
        mem.add("acme/team", "Dan likes chess")
    assert mem.count("acme/team") == 3  # the refused add wrote nothing

    assert mem.reindex() == 3
    assert (
        hit_texts(mem.search("acme/team", "Bob plays the cello", mode="dense"))[0]
        == "Bob plays the cello"
    )
    mem.add("acme/team", "Dan likes chess")
    stats = mem.stats()
    assert stats["vectors"] == {new_emb.id: 4}
    assert stats["missing_vectors"] == 0
    assert stats["embedder"] == new_emb.id
    assert mem.reindex() == 0


# -- SQLite specifics ----------------------------------------------------------------


def test_sqlite_persists_across_reopen(tmp_path: Path, clock: Any) -> None:
    path = tmp_path / "p.db"
    with Memory(store=SqliteStore(path), embedder=FakeEmbedder(), clock=clock) as mem:
        rec = mem.add("acme/alice", "Alice is vegan", topic="diet")
        new = mem.update(rec.id, "Alice is vegetarian")
    with Memory(store=SqliteStore(path), embedder=FakeEmbedder(), clock=clock) as mem:
        assert mem.get(new.id) == new
        assert texts(mem.list("acme/alice")) == ["Alice is vegetarian"]
        assert [e.action for e in mem.history(rec.id)] == ["add", "update"]
        assert hit_texts(mem.search("acme/alice", "vegetarian")) == ["Alice is vegetarian"]


def test_sqlite_runs_in_wal_mode_with_secure_delete(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "w.db")
    store.setup()
    try:
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        store.close()


def test_sqlite_vector_cache_follows_writes_after_first_search(tmp_path: Path, clock: Any) -> None:
    mem = Memory(store=SqliteStore(tmp_path / "c.db"), embedder=FakeEmbedder(), clock=clock)
    mem.add("acme/alice", "Alice plays the cello")
    assert hit_texts(mem.search("acme/alice", "cello", mode="dense")) == ["Alice plays the cello"]

    added = mem.add("acme/alice", "Alice repairs bicycles")
    mem.add("acme", "The office bicycle shed is open")
    dense = hit_texts(mem.search("acme/alice", "repairs bicycles", mode="dense"))
    assert set(dense) == {
        "Alice plays the cello",
        "Alice repairs bicycles",
        "The office bicycle shed is open",
    }
    assert dense[0] == "Alice repairs bicycles"

    mem.delete(added.id)
    assert "Alice repairs bicycles" not in hit_texts(
        mem.search("acme/alice", "bicycles", mode="dense")
    )

    cello = mem.list("acme/alice")[0]
    mem.update(cello.id, "Alice plays the viola")
    dense = hit_texts(mem.search("acme/alice", "Alice plays", mode="dense"))
    assert "Alice plays the viola" in dense and "Alice plays the cello" not in dense
    old = hit_texts(mem.search("acme/alice", "Alice plays", mode="dense", include_superseded=True))
    assert {"Alice plays the viola", "Alice plays the cello"} <= set(old)

    # A scope first written after the cache was built is found too.
    mem.add("acme/alice/notes", "Alice's note about the viola")
    hits = mem.search("acme/alice", "viola note", mode="dense", include_descendants=True)
    assert "Alice's note about the viola" in hit_texts(hits)
    mem.close()


# -- the same ranking on every backend -----------------------------------------------


def assert_same_ranking(
    got: list[tuple[Any, float]], want: list[tuple[Any, float]], *, rel: float = 0, tol: float = 0
) -> None:
    """Two backends rank alike: same hits, same scores, same order between different scores.

    Hits whose scores are equal (within the tolerance: two backends may sum the same
    float terms in another order) form a group whose order only the tie-break decides.
    Keyword ties break by id on every backend, but the twins' ids differ, and dense ties
    are not ordered by the contract; so a group is compared as a multiset of keys.
    """
    assert len(got) == len(want), (got, want)
    assert [s for _, s in got] == pytest.approx([s for _, s in want], rel=rel, abs=tol)
    for hits in (got, want):  # best first
        pairs = zip(hits, hits[1:], strict=False)
        assert all(a[1] >= b[1] - tol - rel * abs(b[1]) for a, b in pairs)
    start = 0
    for end in range(1, len(want) + 1):
        if end == len(want) or want[end][1] != pytest.approx(want[start][1], rel=rel, abs=tol):
            group = sorted(map(repr, (k for k, _ in want[start:end])))
            assert sorted(map(repr, (k for k, _ in got[start:end]))) == group, (start, end)
            start = end

CORPUS_WORDS = (
    "tea coffee green black milk sugar alice bob cooks vegan dinner lunch bike cello lisbon "
    "kelp ocean running marathon birthday cake almond peanut allergy garden"
).split()
CORPUS_SCOPES = ("acme", "acme/web", "acme/web/alice", "acme/web/alice/x/y", "acme/bob")
QUERIES = (
    "green tea",
    "alice cooks vegan dinner",
    "bike cello",
    "peanut allergy cake almond",
    "marathon",
    "milk sugar garden tea",
)


def _corpus() -> list[dict[str, str]]:
    rng = np.random.default_rng(7)
    items = []
    for _ in range(120):
        words = rng.choice(CORPUS_WORDS, size=int(rng.integers(2, 13)))
        items.append({"scope": str(rng.choice(CORPUS_SCOPES)), "text": " ".join(words)})
    return items


@pytest.fixture(scope="module")
def twin_memories(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("twin")
    # Module scope runs before the per-test environment guard: pass settings, read nothing.
    settings = Settings(home=str(folder))
    mems = [
        Memory(store=InMemoryStore(), embedder=FakeEmbedder(), settings=settings, clock=lambda: T0),
        Memory(
            store=SqliteStore(folder / "twin.db"),
            embedder=FakeEmbedder(),
            settings=settings,
            clock=lambda: T0,
        ),
    ]
    for m in mems:
        m.add_many(_corpus())
    yield mems
    for m in mems:
        m.close()


@pytest.mark.parametrize("query", QUERIES)
def test_bm25_ranking_is_the_same_on_memory_and_sqlite(
    twin_memories: list[Memory], query: str
) -> None:
    results = [
        [
            (h.memory.scope, h.memory.text, h.parts.keyword_score)
            for h in m.search(
                "acme/web/alice", query, mode="keyword", limit=100, include_descendants=True
            )
        ]
        for m in twin_memories
    ]
    mem_hits, sql_hits = results
    assert len(mem_hits) > 5
    assert_same_ranking(
        [((s, t), x) for s, t, x in mem_hits], [((s, t), x) for s, t, x in sql_hits], rel=1e-6
    )


@pytest.mark.parametrize("query", QUERIES)
def test_dense_candidates_are_the_same_on_memory_and_sqlite(
    twin_memories: list[Memory], query: str
) -> None:
    results = [
        [
            (h.memory.text, h.parts.dense_score)
            for h in m.search(
                "acme/web/alice", query, mode="dense", limit=30, include_descendants=True
            )
        ]
        for m in twin_memories
    ]
    mem_hits, sql_hits = results
    assert len(mem_hits) == 30
    assert_same_ranking(mem_hits, sql_hits, tol=1e-5)
