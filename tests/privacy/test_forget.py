"""forget() semantics, on every backend: what it selects, what it erases, what it keeps."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory, NotFound, UsageError
from memstack.models import (
    ErasureReceipt,
    Extraction,
    ExtractionLogOp,
    content_hash,
    normalize_match,
)

from .canary import CANARY, CANARY_ZH, OTHER, SCOPE, write_bystander, write_canaries
from .conftest import BACKENDS, open_memory


def _everything(mem: Memory, scope: str) -> dict[str, int]:
    data = mem.export(scope)
    return {
        "versions": len(data.records),
        "proposals": len(data.proposals),
        "extractions": len(data.extractions),
        "policies": len(data.policies),
        "jobs": len(data.jobs),
        "content_events": sum(1 for e in data.events if e.before or e.after),
    }


def test_forget_scope_erases_everything_in_it_and_below(mem: Memory) -> None:
    write_canaries(mem)
    bystander = write_bystander(mem)
    sibling = mem.add("acme/u-4f2c2", "A scope whose name starts the same is a sibling.")
    receipt = mem.forget(SCOPE, reason="ticket 7")
    assert isinstance(receipt, ErasureReceipt)
    assert receipt.scope == SCOPE and receipt.reason == "ticket 7" and receipt.actor == "tester"
    assert _everything(mem, SCOPE) == {
        "versions": 0, "proposals": 0, "extractions": 0, "policies": 0, "jobs": 0,
        "content_events": 0,
    }  # fmt: skip
    assert mem.count(SCOPE, include_descendants=True, include_superseded=True) == 0
    assert mem.search(SCOPE, CANARY, include_descendants=True) == []
    assert mem.get(bystander) and mem.get(sibling.id)
    assert mem.proposals(SCOPE, state=None) == []
    assert [p.scope_prefix for p in mem.policies()] == []


def test_receipt_counts_every_artifact(mem: Memory) -> None:
    a = mem.add(SCOPE, "first version")
    mem.update(a.id, "second version")
    mem.add(f"{SCOPE}/x", "nested")
    receipt = mem.forget(SCOPE)
    c = receipt.counts
    assert (c.records, c.versions, c.keyword_rows, c.vectors, c.events_tombstoned) == (
        2,
        3,
        3,
        3,
        3,
    )
    assert receipt.started_at <= receipt.finished_at and receipt.complete
    assert receipt.to_dict()["counts"]["versions"] == 3


def test_history_becomes_tombstones_that_keep_ids_hashes_and_reason(mem: Memory) -> None:
    a = mem.add(SCOPE, f"secret plan {CANARY}", source={"author": CANARY})
    b = mem.update(a.id, "new plan", reason=f"because {CANARY}")
    receipt = mem.forget(SCOPE, ids=[b.id], reason="GDPR art. 17")
    events = mem.history(b.id)  # the lineage is still walkable: tombstones keep "supersedes"
    assert [e.action for e in events] == ["add", "update"]
    for e in events:
        assert e.before is None and e.after is None
        assert e.detail["erased"] == receipt.id and e.detail["reason"] == "GDPR art. 17"
        assert CANARY not in repr(e)
        assert e.actor.startswith("sha256:")
    assert events[0].after_hash == content_hash(f"secret plan {CANARY}")
    assert events[0].actor == content_hash(CANARY)
    assert events[1].detail["supersedes"] == a.id and events[1].memory_id == b.id


def test_the_forget_event_is_a_content_free_receipt(mem: Memory) -> None:
    mem.add(SCOPE, f"note {CANARY}")
    receipt = mem.forget(SCOPE, match=CANARY, reason="request 9")
    (event,) = mem.audit(SCOPE, action="forget")
    assert event.id == receipt.id and event.actor == "tester"
    assert event.detail["match_hash"] == content_hash(normalize_match(CANARY))
    assert event.detail["counts"] == receipt.counts.to_dict()
    assert CANARY not in repr(event) and CANARY.lower() not in repr(event)
    # A later forget of the whole scope keeps the receipt intact.
    mem.forget(SCOPE)
    assert [e.detail for e in mem.audit(SCOPE, action="forget")][-1] == event.detail


def test_ids_follow_the_supersede_chain_both_ways(mem: Memory) -> None:
    v1 = mem.add(SCOPE, "v1")
    v2 = mem.update(v1.id, "v2")
    v3 = mem.update(v2.id, "v3")
    other = mem.add(SCOPE, "unrelated")
    receipt = mem.forget(SCOPE, ids=[v2.id])
    assert (receipt.counts.records, receipt.counts.versions) == (1, 3)
    for rid in (v1.id, v2.id, v3.id):
        with pytest.raises(NotFound):
            mem.get(rid)
    assert mem.get(other.id).text == "unrelated"


def test_ids_reach_versions_only_the_history_still_knows(mem: Memory) -> None:
    v1 = mem.add(SCOPE, f"v1 {CANARY}")
    v2 = mem.update(v1.id, "v2")
    mem.delete(v2.id)  # v1 is left with a superseded_by that points at nothing
    receipt = mem.forget(SCOPE, ids=[v1.id])
    assert receipt.counts.versions == 1 and receipt.counts.events_tombstoned == 3
    assert all(e.before is None and e.after is None for e in mem.history(v2.id))


def test_an_id_outside_the_scope_is_not_found_and_nothing_changes(mem: Memory) -> None:
    mine = mem.add(SCOPE, "mine")
    theirs = mem.add(OTHER, "theirs")
    with pytest.raises(NotFound, match="under scope"):
        mem.forget(SCOPE, ids=[mine.id, theirs.id])
    assert mem.get(mine.id).text == "mine" and mem.get(theirs.id).text == "theirs"
    assert mem.history(mine.id)[0].after == "mine"
    assert mem.audit(SCOPE, action="forget") == []


def test_match_is_a_case_insensitive_substring_over_every_version(mem: Memory) -> None:
    hit = mem.add(SCOPE, "Alice lives on ELM Street")
    old = mem.add(SCOPE, "Bob lived on elm street")
    newer = mem.update(old.id, "Bob moved away")
    wide = mem.add(SCOPE, "ｅｌｍ ｓｔｒｅｅｔ in full-width letters")
    miss = mem.add(SCOPE, "Elmstreet without the space")
    child = mem.add(f"{SCOPE}/kid", "elm street in a child scope")
    receipt = mem.forget(SCOPE, match="Elm Street")
    assert receipt.counts.records == 4 and receipt.counts.versions == 5
    for rid in (hit.id, old.id, newer.id, wide.id, child.id):
        with pytest.raises(NotFound):
            mem.get(rid)
    assert mem.get(miss.id)


def test_match_finds_text_kept_only_in_the_history(mem: Memory) -> None:
    gone = mem.add(SCOPE, f"deleted earlier {CANARY_ZH}")
    mem.delete(gone.id)
    receipt = mem.forget(SCOPE, match=CANARY_ZH)
    assert receipt.counts.versions == 0 and receipt.counts.events_tombstoned == 2
    assert all(e.before is None and e.after is None for e in mem.history(gone.id))


def test_match_erases_proposals_their_results_and_extraction_logs(mem: Memory) -> None:
    pending = mem.propose(SCOPE, f"pending {CANARY}", kind="fact")
    approved = mem.approve(mem.propose(SCOPE, f"approved {CANARY}", kind="fact").id)
    clean = mem.propose(SCOPE, "nothing to see", kind="fact")
    mem.store.batch(
        [
            ExtractionLogOp(
                Extraction("x1", SCOPE, "ok", datetime.now(UTC), raw="...", proposals=(pending.id,))
            ),
            ExtractionLogOp(
                Extraction("x2", SCOPE, "ok", datetime.now(UTC), raw="...", proposals=(clean.id,))
            ),
        ]
    )
    receipt = mem.forget(SCOPE, match=CANARY)
    assert (receipt.counts.proposals, receipt.counts.extractions, receipt.counts.records) == (
        2,
        1,
        1,
    )
    assert [p.id for p in mem.proposals(SCOPE, state=None)] == [clean.id]
    assert approved.result_id is not None
    with pytest.raises(NotFound):
        mem.get(approved.result_id)
    trail = [e for e in mem.audit(SCOPE, limit=None) if e.detail.get("proposal") == approved.id]
    assert trail and all(
        e.before is None and e.after is None and "erased" in e.detail for e in trail
    )
    assert [x.id for x in mem.export(SCOPE).extractions] == ["x2"]


def test_forgetting_a_memory_erases_the_proposal_that_produced_it(mem: Memory) -> None:
    approved = mem.approve(mem.propose(SCOPE, "Alice is vegan", kind="fact").id)
    assert approved.result_id
    receipt = mem.forget(SCOPE, ids=[approved.result_id])
    assert receipt.counts.proposals == 1
    assert mem.proposals(SCOPE, state=None) == []


def test_match_erases_conversations_queued_for_extraction(mem: Memory) -> None:
    hit = mem.remember(
        SCOPE, [{"role": "user", "content": f"Remember {CANARY_ZH}"}], background=True
    )
    miss = mem.remember(SCOPE, [{"role": "user", "content": "Remember green tea"}], background=True)
    assert hit.job is not None and miss.job is not None
    receipt = mem.forget(SCOPE, match=CANARY_ZH)
    assert receipt.counts.extraction_jobs == 1
    assert [j.id for j in mem.jobs(SCOPE)] == [miss.job.id]


def test_match_cleans_the_keyword_context_of_neighbouring_turns(mem: Memory) -> None:
    turns = mem.ingest_conversation(
        SCOPE,
        [
            {"role": "user", "content": "Where did we park the car yesterday?"},
            {"role": "assistant", "content": "In the zeppelin hangar on level three."},
            {"role": "user", "content": "Right, thanks."},
        ],
    )
    assert {h.memory.id for h in mem.search(SCOPE, "zeppelin", mode="keyword")} == {
        t.id for t in turns
    }
    receipt = mem.forget(SCOPE, ids=[turns[1].id])
    assert receipt.counts.keyword_contexts == 2
    assert mem.search(SCOPE, "zeppelin", mode="keyword") == []
    assert [h.memory.id for h in mem.search(SCOPE, "park car", mode="keyword")][0] == turns[0].id


def test_search_never_returns_erased_memories_even_from_warm_caches(mem: Memory) -> None:
    keep = mem.add(SCOPE, "violet umbrella in the hallway")
    drop = mem.add(SCOPE, "violet umbrella on the balcony")
    assert len(mem.search(SCOPE, "violet umbrella", mode="dense")) == 2  # loads the vector blocks
    mem.forget(SCOPE, ids=[drop.id])
    assert [h.memory.id for h in mem.search(SCOPE, "violet umbrella", mode="dense")] == [keep.id]
    mem.forget(SCOPE)
    assert mem.search(SCOPE, "violet umbrella", mode="dense") == []
    again = mem.add(SCOPE, "violet umbrella returned")
    assert [h.memory.id for h in mem.search(SCOPE, "violet umbrella")] == [again.id]


def test_forget_is_idempotent(mem: Memory) -> None:
    mem.add(SCOPE, "once")
    first = mem.forget(SCOPE)
    second = mem.forget(SCOPE)
    assert first.counts.versions == 1 and second.counts.total == 0 and second.id != first.id


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"match": ""}, "match must be a non-empty string"),
        ({"match": "x", "ids": ["a"]}, "either match or ids"),
        ({"ids": "01ABC"}, "not a single string"),
        ({"ids": []}, "ids is empty"),
        ({"reason": ""}, "reason must be"),
        ({"reason": "two\nlines"}, "reason must be"),
    ],
)
def test_bad_arguments_are_usage_errors(
    mem: Memory, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        mem.forget(SCOPE, **kwargs)  # type: ignore[arg-type]


def test_whole_canary_set_is_erased_on_both_backends(mem: Memory) -> None:
    write_canaries(mem)
    before = _everything(mem, SCOPE)
    receipt = mem.forget(SCOPE)
    assert receipt.counts.versions == before["versions"]
    assert receipt.counts.proposals == before["proposals"] == 4
    assert receipt.counts.extraction_jobs == 1 and mem.jobs(SCOPE) == []
    data = mem.export(SCOPE)
    assert CANARY not in data.to_json() and CANARY_ZH not in data.to_json()


@pytest.mark.parametrize("mode", ["scope", "match", "match_zh", "ids"])
def test_both_backends_erase_exactly_the_same(home: Path, clock: Any, mode: str) -> None:
    """The in-memory store and SQLite agree on every count, for every kind of selection."""
    receipts = []
    for i, backend in enumerate(BACKENDS):
        mem = open_memory(backend, home / str(i), clock)
        ids = write_canaries(mem)
        write_bystander(mem)
        if mode == "scope":
            receipt = mem.forget(SCOPE)
        elif mode == "match":
            receipt = mem.forget(SCOPE, match=CANARY.lower())
        elif mode == "match_zh":
            receipt = mem.forget(SCOPE, match=CANARY_ZH)
        else:
            receipt = mem.forget(SCOPE, ids=[ids["new"], ids["deleted"], ids["approved"]])
        receipts.append(receipt.counts)
        mem.close()
    assert receipts[0] == receipts[1]
    assert receipts[0].total > 0


def test_an_erasure_that_fails_half_way_leaves_everything_as_it_was(
    mem: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The receipt event is written last; if that fails, every deletion and tombstone is undone."""
    write_canaries(mem)
    before = mem.export(SCOPE)
    if hasattr(mem.store, "_append_event"):
        target: Any = mem.store
        real = mem.store._append_event

        def failing(event: Any, *args: Any) -> None:
            if event.action == "forget":
                raise RuntimeError("disk full")
            real(event, *args)

        monkeypatch.setattr(target, "_append_event", failing)
    else:
        import importlib

        # The backend's own Tx (memstack.store.sqlite.tx; PostgreSQL: its blocking door's).
        package = type(mem.store).__module__.rsplit(".", 1)[0]
        tx_module = f"{package}._sync.tx" if package.endswith("postgres") else f"{package}.tx"
        Tx = importlib.import_module(tx_module).Tx

        real_tx = Tx.event

        def failing_tx(tx: Any, event: Any) -> None:
            if event.action == "forget":
                raise RuntimeError("disk full")
            real_tx(tx, event)

        monkeypatch.setattr(Tx, "event", failing_tx)
    with pytest.raises(RuntimeError, match="disk full"):
        mem.forget(SCOPE, match=CANARY)
    monkeypatch.undo()
    after = mem.export(SCOPE)
    assert after.records == before.records and after.proposals == before.proposals
    assert after.extractions == before.extractions and after.jobs == before.jobs
    assert after.events[: len(before.events)] == before.events  # no tombstone survived
    assert [e.action for e in after.events[len(before.events) :]] == ["export"]
    assert {h.memory.id for h in mem.search(SCOPE, CANARY, mode="keyword")}  # keyword rows back
