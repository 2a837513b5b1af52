"""export(): everything held about a scope, as JSON and Markdown, recorded in the audit log."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from memstack import Memory
from memstack.privacy import EXPORT_FORMAT, Export

from .canary import OTHER, SCOPE


def _fill(mem: Memory, clock: Any) -> dict[str, str]:
    v1 = mem.add(SCOPE, "Alice lives in Lyon", topic="home")
    clock.advance(days=1)
    v2 = mem.update(v1.id, "Alice lives in Paris")
    mem.add(f"{SCOPE}/work", "Alice works on the *billing* team\n# not a heading")
    mem.add(SCOPE, "Short-lived note", expires_at=clock.now + timedelta(hours=1))
    clock.advance(days=1)  # the note has expired: hidden from reads, still held until gc
    pending = mem.propose(SCOPE, "Alice prefers mornings", kind="fact", rationale="said so")
    mem.add(OTHER, "Not Alice's")
    return {"v1": v1.id, "v2": v2.id, "pending": pending.id}


def test_export_holds_every_version_proposal_and_event(mem: Memory, clock: Any) -> None:
    ids = _fill(mem, clock)
    data = mem.export(SCOPE)
    assert isinstance(data, Export) and data.scope == SCOPE and data.exported_at == clock.now
    texts = [r.text for r in data.records]
    assert "Alice lives in Lyon" in texts and "Alice lives in Paris" in texts
    assert "Short-lived note" in texts  # expired but not yet collected: still held, so exported
    assert "Not Alice's" not in texts
    assert [p.id for p in data.proposals] == [ids["pending"]]
    assert {e.action for e in data.events} >= {"add", "update", "proposal.created"}
    assert data.counts() == {
        "memories": 3, "versions": 4, "proposals": 1, "extractions": 0, "policies": 0,
        "events": len(data.events), "jobs": 0,
    }  # fmt: skip


def test_json_is_one_document_with_every_field(mem: Memory, clock: Any) -> None:
    ids = _fill(mem, clock)
    doc = json.loads(mem.export(SCOPE).to_json())
    assert doc["format"] == EXPORT_FORMAT and doc["scope"] == SCOPE
    by_id = {m["id"]: m for m in doc["memories"]}
    assert by_id[ids["v1"]]["superseded_by"] == ids["v2"] and by_id[ids["v1"]]["valid_to"]
    assert doc["proposals"][0]["rationale"] == "said so"
    assert all({"at", "action", "actor", "before", "after"} <= set(e) for e in doc["events"])


def test_markdown_groups_versions_and_escapes_text(mem: Memory, clock: Any) -> None:
    ids = _fill(mem, clock)
    md = mem.export(SCOPE).to_markdown()
    assert md.startswith(f"# memstack export: `{SCOPE}`\n")
    assert f"## Scope `{SCOPE}`" in md and f"## Scope `{SCOPE}/work`" in md
    # The current text first, the earlier version under it.
    assert (
        md.index("Alice lives in Paris")
        < md.index(f"earlier version `{ids['v1']}`")
        < md.index("Alice lives in Lyon")
    )
    assert "\n# not a heading" not in md and "team\\n# not a heading" in md  # one line, escaped
    assert "### Proposals" in md and "### History" in md


def test_rendering_is_deterministic(mem: Memory, clock: Any) -> None:
    _fill(mem, clock)
    data = mem.export(SCOPE)
    assert data.to_json() == data.to_json() and data.to_markdown() == data.to_markdown()


def test_each_export_is_recorded_without_content(mem: Memory, clock: Any) -> None:
    _fill(mem, clock)
    data = mem.export(SCOPE, author="dpo")
    (event,) = mem.audit(SCOPE, action="export")
    assert event.actor == "dpo" and event.scope == SCOPE
    assert event.detail == {"format": EXPORT_FORMAT, "counts": data.counts()}
    assert event.before is None and event.after is None


def test_export_after_forget_shows_only_tombstones(mem: Memory, clock: Any) -> None:
    _fill(mem, clock)
    mem.forget(SCOPE)
    data = mem.export(SCOPE)
    assert data.records == () and data.proposals == ()
    assert all(e.before is None and e.after is None for e in data.events)
    assert "*(erased)*" in data.to_markdown()
