"""The store contract: every backend handles exactly the listed ops, and each op runs on each.

A new backend (PostgreSQL) is done with its handler table when the first test
passes, and behaves like the others when the scripted run below passes for it:
that run drives every op of :mod:`memstack.models.contract`, raw, through
``Store.batch``, and checks what each returns and what each refuses.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from memstack import Conflict, MemoryOff, NotFound, UsageError
from memstack.models import (
    READ_OPS,
    WRITE_OPS,
    ApiKey,
    AuditOp,
    CompactOp,
    CountOp,
    DeleteOp,
    Event,
    EventOp,
    ExportOp,
    Extraction,
    ExtractionListOp,
    ExtractionLogOp,
    ForgetOp,
    GcOp,
    GetManyOp,
    GetOp,
    HistoryOp,
    Job,
    JobClaimOp,
    JobDoneOp,
    JobListOp,
    JobPutOp,
    JobReleaseOp,
    KeyGetOp,
    KeyListOp,
    KeyPutOp,
    KeyRevokeOp,
    ListOp,
    PolicyListOp,
    PolicySetOp,
    Proposal,
    ProposalEventsOp,
    ProposalGetOp,
    ProposalListOp,
    ProposalPutOp,
    ProposalTransitionOp,
    PutOp,
    ScopesOp,
    SupersedeOp,
    SwitchListOp,
    SwitchSetOp,
    VectorLookupOp,
    VectorPurgeOp,
    VectorPutOp,
    VectorsOp,
    WritesOnOp,
    check_filter,
    content_hash,
    is_write,
    meta_matches,
    new_id,
)
from memstack.store.base import Store

from .test_conformance import EMB, T0, make_record, put_op, search_op, visible

BACKEND_MODULES = ["memstack.store.memory", "memstack.store.sqlite", "memstack.store.postgres"]


def test_reads_and_writes_split_the_contract() -> None:
    assert not set(READ_OPS) & set(WRITE_OPS)
    assert all(not is_write(t.__new__(t)) for t in READ_OPS)
    assert all(is_write(t.__new__(t)) for t in WRITE_OPS)


@pytest.mark.parametrize("module", BACKEND_MODULES)
def test_every_backend_handles_exactly_the_contract(module: str) -> None:
    handlers = importlib.import_module(module).HANDLERS
    contract = set(READ_OPS) | set(WRITE_OPS)
    assert set(handlers) - contract == set(), "handles ops outside the contract"
    assert contract - set(handlers) == set(), "lacks handlers"


def _event(action: str, scope: str, memory_id: str | None = None, **detail: Any) -> Event:
    return Event(
        id=new_id(), at=T0, action=action, actor="tester", scope=scope, memory_id=memory_id,
        detail=detail,
    )  # fmt: skip


class Tracking:
    """Runs batches on a store and notes every op type it ran."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.ran: set[type] = set()

    def __call__(self, *ops: Any) -> list[Any]:
        self.ran.update(type(op) for op in ops)
        return self.store.batch(list(ops))


def test_every_op_runs_on_every_backend(store: Store) -> None:
    run = Tracking(store)
    scope = "acme/alice"
    a = make_record(scope, "Alice likes green tea")
    b = make_record(scope, "Alice rides a bike", at=T0 + timedelta(seconds=1))

    # records
    assert run(put_op(a), put_op(b)) == [a, b]
    retry = PutOp(a, _event("add", scope, a.id), idempotent=True)
    assert run(retry) == [a]  # the same write again: nothing new
    clash = replace(a, text="Alice likes black coffee", content_hash=content_hash("x"))
    with pytest.raises(Conflict, match=a.id):
        run(PutOp(clash, _event("add", scope, a.id), idempotent=True))
    got, many, listed, count = run(
        GetOp(a.id),
        GetManyOp((a.id, b.id, "missing")),
        ListOp(visible(scope)),
        CountOp(visible(scope)),
    )
    assert got == a and set(many) == {a.id, b.id} and [r.id for r in listed] == [a.id, b.id]
    assert count == 2
    (cands,) = run(search_op(visible(scope), "green tea"))
    assert cands.keyword[0][0].id == a.id and cands.dense
    (scopes,) = run(ScopesOp("acme"))
    assert scopes == {scope: 2}
    (stats,) = run(VectorsOp(EMB.id, 10))
    assert stats.by_embedder == {EMB.id: 2} and stats.missing == 0
    (known,) = run(VectorLookupOp((a.content_hash,), EMB.id))
    assert set(known) == {a.content_hash}

    # supersede: the second close of the same version is refused, and its batch undone
    c = make_record(scope, "Alice likes oolong tea", at=T0 + timedelta(seconds=2))
    run(SupersedeOp(a.id, T0 + timedelta(seconds=2), c.id), put_op(c))
    d = make_record(scope, "Alice likes jasmine tea", at=T0 + timedelta(seconds=3))
    with pytest.raises(Conflict, match=a.id):
        run(put_op(d), SupersedeOp(a.id, T0 + timedelta(seconds=3), d.id))
    assert run(GetOp(d.id)) == [None]
    (history,) = run(HistoryOp((a.id, c.id)))
    assert [e.memory_id for e in history] == [a.id, c.id]

    # a delete expecting a current version refuses a superseded one; its batch is undone
    delete_b = DeleteOp(b.id, _event("delete", scope, b.id), current=True)
    with pytest.raises(Conflict, match=a.id):
        run(delete_b, DeleteOp(a.id, _event("delete", scope, a.id), current=True))
    assert run(GetOp(b.id)) == [b]
    run(delete_b, EventOp(_event("export", scope)))
    assert run(GetOp(b.id)) == [None]
    run(VectorPutOp((c.id,), "other-embedder", [EMB.embed_one("x")]))
    run(VectorPurgeOp("other-embedder"))
    (stats,) = run(VectorsOp("other-embedder", 10))
    assert stats.by_embedder == {"other-embedder": 1}

    # review
    text = "Alice prefers mornings"
    p = Proposal(
        id=new_id(), scope=scope, op="add", kind="fact", text=text,
        content_hash=content_hash(text), state="pending", created_at=T0,
    )  # fmt: skip
    run(ProposalPutOp(p, _event("proposal.created", scope, proposal=p.id)))
    assert run(ProposalGetOp(p.id)) == [p]
    assert run(ProposalListOp(scope="acme", states=("pending",))) == [[p]]
    approve = ProposalTransitionOp(
        p.id, "approved", T0, "bob", _event("proposal.approved", scope, proposal=p.id),
        expect_hash=p.content_hash,
    )  # fmt: skip
    (done,) = run(approve)
    assert done.state == "approved" and done.reviewer == "bob"
    with pytest.raises(Conflict):
        run(approve)  # applied at most once
    (events,) = run(ProposalEventsOp(p.id))
    assert [e.action for e in events] == ["proposal.created", "proposal.approved"]
    run(PolicySetOp("acme", "fact", "auto", T0, _event("policy.set", "acme")))
    (policies,) = run(PolicyListOp())
    assert [(x.scope_prefix, x.kind, x.mode) for x in policies] == [("acme", "fact", "auto")]
    # the memory switch: set, changed, listed (all or by exact scopes), removed when both on
    run(SwitchSetOp("acme", True, False, T0, _event("memory.off", "acme"), "bob"))
    run(SwitchSetOp("acme/alice", True, False, T0, _event("memory.off", scope)))
    run(SwitchSetOp("acme/alice", False, True, T0, _event("memory.off", scope)))
    (switches,) = run(SwitchListOp())
    assert [(w.scope, w.reads_off, w.writes_off, w.author) for w in switches] == [
        ("acme", True, False, "bob"), ("acme/alice", False, True, None),
    ]  # fmt: skip
    assert switches[0].updated_at == T0
    (chain,) = run(SwitchListOp(("acme/alice", "acme/bob")))
    assert [w.scope for w in chain] == ["acme/alice"]
    # a write batch's switch precondition: checked with ancestors; a refusal undoes the batch
    bob = make_record("acme/bob", "Bob likes tea")
    assert run(WritesOnOp(("acme/bob",)), put_op(bob)) == [None, bob]
    below = make_record("acme/alice/work", "Alice works late")
    with pytest.raises(MemoryOff, match="acme/alice/work \\(switched off on acme/alice\\)"):
        run(put_op(below), WritesOnOp(("acme/bob", "acme/alice/work")))
    assert run(GetOp(below.id)) == [None]
    run(DeleteOp(bob.id, _event("delete", "acme/bob", bob.id)))
    run(SwitchSetOp("acme", False, False, T0, _event("memory.on", "acme")))
    assert [w.scope for w in run(SwitchListOp())[0]] == ["acme/alice"]
    x = Extraction(id=new_id(), scope=scope, status="ok", created_at=T0, proposals=(p.id,))
    run(ExtractionLogOp(x))
    assert run(ExtractionListOp(scope=scope)) == [[x]]

    # extraction jobs
    job = Job(
        id=new_id(), scope=scope, messages=({"role": "user", "content": "hi"},), created_at=T0
    )
    run(JobPutOp(job))
    (claimed,) = run(JobClaimOp(T0, T0 + timedelta(minutes=5)))
    assert claimed.id == job.id and claimed.state == "running"
    assert run(JobClaimOp(T0, T0 + timedelta(minutes=5))) == [None]  # never claimed twice
    run(JobReleaseOp(job.id, T0, "boom"))
    (jobs,) = run(JobListOp(scope=scope))
    assert [(j.id, j.state, j.error) for j in jobs] == [(job.id, "pending", "boom")]
    run(JobDoneOp(job.id))
    assert run(JobListOp()) == [[]]

    # the server's API keys: found by hash, listed per tenant, revoked once
    k1 = ApiKey(
        id=new_id(), tenant="acme", role="writer", secret_hash="sha256:aa", prefix="msk_aa",
        created_at=T0, name="ci",
    )  # fmt: skip
    k2 = replace(k1, id=new_id(), role="admin", secret_hash="sha256:bb", prefix="msk_bb",
                 created_at=T0 + timedelta(seconds=1))  # fmt: skip
    other = replace(k1, id=new_id(), tenant="acme2", secret_hash="sha256:cc")
    run(KeyPutOp(k1), KeyPutOp(k2), KeyPutOp(other))
    with pytest.raises(UsageError):
        run(KeyPutOp(replace(k1, id=new_id())))  # the same secret twice
    assert run(KeyGetOp("sha256:aa"), KeyGetOp("sha256:zz")) == [k1, None]
    assert run(KeyListOp("acme")) == [[k1, k2]]
    (revoked,) = run(KeyRevokeOp(k1.id, T0 + timedelta(hours=1)))
    assert revoked.revoked_at == T0 + timedelta(hours=1) and not revoked.active
    (again,) = run(KeyRevokeOp(k1.id, T0 + timedelta(hours=2)))
    assert again.revoked_at == revoked.revoked_at  # the first revocation stands
    with pytest.raises(NotFound):
        run(KeyRevokeOp("missing", T0))
    assert run(KeyListOp("acme"), KeyListOp("acme", include_revoked=True)) == [
        [k2], [revoked, k2]
    ]  # fmt: skip
    assert run(KeyGetOp("sha256:aa")) == [revoked]  # revoked keys are found (and refused)

    # privacy
    (held,) = run(ExportOp(scope))
    assert {r.id for r in held.records} == {a.id, c.id}
    (audit,) = run(AuditOp(scope, limit=3))
    assert len(audit) == 3 and audit[0].at >= audit[-1].at
    expiring = make_record("acme/bob", "Bob's trial ends", expires_at=T0 + timedelta(days=1))
    run(put_op(expiring))
    (gc,) = run(GcOp(T0 + timedelta(days=2), _event("gc", "acme"), "retention"))
    assert gc.records == 1 and run(GetOp(expiring.id)) == [None]
    (counts,) = run(ForgetOp(scope, _event("forget", scope), "user request"))
    assert (counts.records, counts.versions) == (1, 2)  # one lineage, two versions
    assert run(ListOp(visible(scope, include_superseded=True))) == [[]]
    (compaction,) = run(CompactOp())
    assert compaction.steps

    assert run.ran == set(READ_OPS) | set(WRITE_OPS)


# -- metadata ---------------------------------------------------------------------------

#: Stored metadata objects, chosen to tell JSON types apart (1 vs 1.0 vs true vs "1").
METAS: list[dict[str, Any]] = [
    {"n": 1, "tag": "a", "src": "mem0"},
    {"n": 1.0, "tag": "b", "deep": {"x": [1, {"y": None}]}},
    {"n": True, "tag": "a", "none": None},
    {"n": "1", "tag": "c", 'odd "key".$[0]': "quoted"},
    {"n": 2.5, "tag": None, "unicode": "Grüße 東京"},
    {"nest": {"tag": "a"}, "q": 'say "hi" \\ \u2028 ok', "tagged": "a"},
    {},
]
FILTERS: list[dict[str, Any]] = [
    {"n": 1}, {"n": 1.0}, {"n": True}, {"n": False}, {"n": "1"}, {"n": 2.5},
    {"tag": "a"}, {"tag": None}, {"none": None}, {"missing": None},
    {"tag": {"$in": ["a", "c"]}}, {"n": {"$in": [1, "1"]}}, {"n": {"$eq": True}},
    {"tag": "a", "n": 1}, {'odd "key".$[0]': "quoted"}, {"unicode": "Grüße 東京"},
    {"src": {"$in": ["mem0", "langgraph"]}, "tag": "b"},
    {"q": 'say "hi" \\ \u2028 ok'}, {"tagged": {"$in": ["a", "z"]}},
]  # fmt: skip


def test_metadata_is_stored_filtered_and_returned_alike(store: Store) -> None:
    scope = "acme/meta"
    recs = [
        make_record(scope, f"Note {i} about green tea", at=T0 + timedelta(seconds=i), metadata=m)
        for i, m in enumerate(METAS)
    ]
    other = make_record("acme/other", "Note about green tea elsewhere", metadata={"tag": "a"})
    store.batch([put_op(r) for r in [*recs, other]])
    got = store.batch([GetManyOp(tuple(r.id for r in recs))])[0]
    assert [got[r.id].metadata for r in recs] == METAS  # lossless, nested and unicode included
    for spec in FILTERS:
        flt = check_filter(spec)
        want = [r.id for r in recs if meta_matches(r.metadata, flt)]
        listed, count, cands = store.batch(
            [
                ListOp(visible(scope, metadata=flt)),
                CountOp(visible(scope, metadata=flt)),
                search_op(visible(scope, metadata=flt), "green tea"),
            ]
        )
        assert [r.id for r in listed] == want, spec
        assert count == len(want), spec
        assert sorted(r.id for r, _ in cands.keyword) == sorted(want), spec
        assert sorted(r.id for r, _ in cands.dense) == sorted(want), spec
    # one reference case by hand, so the reference itself is checked too
    one = check_filter({"n": 1})
    assert [r.metadata.get("n") for r in recs if meta_matches(r.metadata, one)] == [1, 1.0]


def test_metadata_filter_is_applied_before_the_limit(store: Store) -> None:
    scope = "acme/limit"
    # Twenty close matches without the tag rank above the two tagged memories.
    noise = [make_record(scope, "green tea green tea green tea") for _ in range(20)]
    tagged = [
        make_record(scope, "a note that mentions tea once", metadata={"tag": "keep"}),
        make_record(scope, "another note with tea", metadata={"tag": "keep"}),
    ]
    store.batch([put_op(r) for r in [*noise, *tagged]])
    flt = visible(scope, metadata=check_filter({"tag": "keep"}))
    (cands,) = store.batch([search_op(flt, "green tea", limit=2)])
    assert sorted(r.id for r, _ in cands.keyword) == sorted(r.id for r in tagged)
    assert sorted(r.id for r, _ in cands.dense) == sorted(r.id for r in tagged)
    (page,) = store.batch([ListOp(flt, limit=1, offset=1)])
    assert [r.id for r in page] == [tagged[1].id]


def test_proposals_carry_metadata_and_valid_from(store: Store) -> None:
    text = "Alice prefers tea"
    p = Proposal(
        id=new_id(), scope="acme/alice", op="add", kind="fact", text=text,
        content_hash=content_hash(text), state="pending", created_at=T0,
        metadata={"from": "mem0", "ids": [1, 2]}, valid_from=T0 - timedelta(days=30),
        pinned=True, importance=0.25, memory_expires_at=T0 + timedelta(days=365),
    )  # fmt: skip
    bare = replace(
        p, id=new_id(), metadata=None, valid_from=None, pinned=None, importance=None,
        memory_expires_at=None,
    )  # fmt: skip
    store.batch([ProposalPutOp(p, _event("proposal.created", "acme/alice", proposal=p.id))])
    store.batch([ProposalPutOp(bare, _event("proposal.created", "acme/alice", proposal=bare.id))])
    assert store.batch([ProposalGetOp(p.id), ProposalGetOp(bare.id)]) == [p, bare]
