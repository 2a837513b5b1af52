"""``Memory.render`` and ``Memory.apply``: a deterministic view, applied back by id, atomically."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from memstack import AsyncMemory, Memory, NotFound, Refused, UsageError
from memstack.compile import render
from memstack.embed.fake import FakeEmbedder
from memstack.models import DeleteOp, Op, SupersedeOp
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore

from .conftest import Clock, make_store

SCOPE = "acme/alice"
SECRET = "ghp_Zq7xR2mK9vL4nP8sT1wY5bC3dF6gH0jA2eU7"


def seed(mem: Memory) -> dict[str, Any]:
    return {
        "rule": mem.add(SCOPE, "Answer in British English.", kind="rule"),
        "diet": mem.add(SCOPE, "Alice is vegetarian.", topic="diet"),
        "job": mem.add(SCOPE, "Alice works at Acme.", importance=0.8),
        "said": mem.ingest_conversation(
            SCOPE, [{"role": "user", "name": "alice", "content": "I moved to Berlin."}]
        )[0],
        "parent": mem.add("acme", "Use uv.", kind="rule"),
        "child": mem.add(SCOPE + "/notes", "A note below the scope."),
        "sibling": mem.add("acme/bob", "Bob likes jazz."),
    }


def test_render_is_deterministic_and_shows_only_the_scope(mem: Memory, clock: Clock) -> None:
    s = seed(mem)
    doc = mem.render(SCOPE)
    assert doc == mem.render(SCOPE)
    own = [r for r in mem.list(SCOPE) if r.scope == SCOPE]
    for seed_ in range(3):  # same records, in any order, same bytes
        random.Random(seed_).shuffle(own)
        assert render(SCOPE, own) == doc
    for key in ("parent", "child", "sibling"):
        assert s[key].text not in doc
    for key in ("rule", "diet", "job", "said"):
        assert f"<!-- m:{s[key].id} -->" in doc
    clock.advance(days=30)  # time passing changes nothing
    mem.add("acme/bob", "More about Bob.")
    assert mem.render(SCOPE) == doc
    assert mem.apply(SCOPE, doc, reviewer="bob").empty  # render -> apply is a no-op
    assert mem.render(SCOPE) == doc


def edit(doc: str, s: dict[str, Any]) -> str:
    """Change the diet fact, pin the rule, remove the job, add a pinned fact under 'diet'."""
    doc = doc.replace("Alice is vegetarian.", "Alice is vegan.")
    doc = doc.replace(f"<!-- m:{s['rule'].id} -->", f"<!-- m:{s['rule'].id} pinned -->")
    doc = doc.replace(f"- Alice works at Acme. <!-- m:{s['job'].id} -->\n", "")
    return doc.replace("### diet\n\n", "### diet\n\n- Allergic to nuts <!-- pinned -->\n")


def test_apply_adds_edits_and_removes_as_human_authored_changes(mem: Memory) -> None:
    s = seed(mem)
    before = mem.render(SCOPE)
    doc = edit(before, s)

    preview = mem.apply(SCOPE, doc, reviewer="bob", dry_run=True)
    assert mem.render(SCOPE) == before  # a dry run writes nothing
    assert [i.text for i in preview.added] == ["Allergic to nuts"]
    assert {e.record.id: e.fields for e in preview.edited} == {
        s["rule"].id: ("pinned",),
        s["diet"].id: ("text",),
    }
    assert [r.id for r in preview.removed] == [s["job"].id]

    changes = mem.apply(SCOPE, doc, reviewer="bob")
    assert changes == preview
    current = {r.text: r for r in mem.list(SCOPE) if r.scope == SCOPE}
    assert set(current) == {
        "Answer in British English.", "Alice is vegan.", "Allergic to nuts", "I moved to Berlin."
    }  # fmt: skip
    nuts, vegan = current["Allergic to nuts"], current["Alice is vegan."]
    assert (nuts.kind, nuts.topic, nuts.pinned) == ("fact", "diet", True)
    assert nuts.source.origin == "human" and nuts.source.author == "bob"
    assert current["Answer in British English."].pinned
    assert mem.get(s["diet"].id).superseded_by == vegan.id
    with pytest.raises(NotFound):
        mem.get(s["job"].id)
    history = mem.history(vegan.id)
    assert [(e.action, e.actor) for e in history][-1] == ("update", "bob")
    assert history[-1].before == "Alice is vegetarian." and history[-1].after == "Alice is vegan."
    # The new render diffs clean, and the applied document (new bullets had no id) re-applies
    # only as "nothing to change" once rendered again.
    assert mem.apply(SCOPE, mem.render(SCOPE), reviewer="bob").empty


def test_kind_and_topic_moves_are_new_versions(mem: Memory) -> None:
    s = seed(mem)
    doc = mem.render(SCOPE)
    line = f"- Alice works at Acme. <!-- m:{s['job'].id} -->\n"
    doc = doc.replace(line, "").replace("## Rules\n\n", "## Rules\n\n" + line)
    (e,) = mem.apply(SCOPE, doc, reviewer="bob").edited
    assert e.fields == ("kind",)
    assert [r.text for r in mem.list(SCOPE, kind="rule") if r.scope == SCOPE] == [
        "Answer in British English.", "Alice works at Acme."
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d, s: d.replace(s["diet"].id, "01HXFAKEFAKEFAKEFAKEFAKE"), "not a current"),
        (lambda d, s: d.replace(f"m:{s['diet'].id}", f"m:{s['job'].id}"), "already appears"),
        (lambda d, s: d.replace(f"{s['diet'].id} -->", f"{s['diet'].id} pined -->"), "malformed"),
        (lambda d, s: d.replace(f"{s['diet'].id} -->", s["diet"].id), "malformed"),
        (lambda d, s: d.replace("# Memory: acme/alice", "# Memory: acme/bob"), "acme/bob"),
        (lambda d, s: d.replace("## Facts", "## Fakts"), "unknown section"),
        (lambda d, s: d + "Free text that is not a bullet.\n", "not a memory bullet"),
    ],
    ids=["unknown-id", "copied-marker", "bad-flag", "unclosed", "other-scope", "section", "prose"],
)
def test_unknown_or_tampered_markers_are_errors_and_nothing_is_written(
    mem: Memory, change: Any, message: str
) -> None:
    s = seed(mem)
    before = mem.render(SCOPE)
    doc = change(before.replace("Alice is vegetarian.", "Alice is vegan."), s) + "- Something new\n"
    for dry_run in (True, False):
        with pytest.raises(UsageError, match=message):
            mem.apply(SCOPE, doc, reviewer="bob", dry_run=dry_run)
    assert mem.render(SCOPE) == before


def test_a_stale_document_is_refused_after_someone_else_changed_a_line(mem: Memory) -> None:
    s = seed(mem)
    stale = mem.render(SCOPE).replace("Alice works at Acme.", "Alice works at Initech.")
    mem.update(s["diet"].id, "Alice is pescatarian.")
    with pytest.raises(UsageError, match="render the scope again"):
        mem.apply(SCOPE, stale, reviewer="bob")
    assert "Initech" not in mem.render(SCOPE)


def test_a_secret_refuses_the_whole_document(mem: Memory) -> None:
    seed(mem)
    before = mem.render(SCOPE)
    doc = before.replace("Alice is vegetarian.", "Alice is vegan.")
    doc = doc.replace("## Episodes", f"- The deploy token is {SECRET}\n\n## Episodes")
    for dry_run in (True, False):
        with pytest.raises(Refused, match="secret") as err:
            mem.apply(SCOPE, doc, reviewer="bob", dry_run=dry_run)
        assert SECRET not in str(err.value)
    assert mem.render(SCOPE) == before


def test_reviewer_is_required_and_policy_names_are_reserved(mem: Memory) -> None:
    doc = mem.render(SCOPE)
    for who in ("", "  ", "policy:auto"):
        with pytest.raises(UsageError):
            mem.apply(SCOPE, doc, reviewer=who)


class _Racing:
    """A store that lets another writer delete ``race`` just before a batch that changes records."""

    race: tuple[str, Any] | None = None

    def batch(self, ops: Sequence[Op]) -> list[Any]:
        if self.race and any(isinstance(op, SupersedeOp | DeleteOp) for op in ops):
            (rid, event), self.race = self.race, None
            super().batch([DeleteOp(rid, event)])  # type: ignore[misc]
        return super().batch(ops)  # type: ignore[misc, no-any-return]


class RacingMemoryStore(_Racing, InMemoryStore):
    pass


class RacingSqliteStore(_Racing, SqliteStore):
    pass


def test_apply_is_one_transaction(backend: str, tmp_path: Path, clock: Clock) -> None:
    store = RacingMemoryStore() if backend == "memory" else RacingSqliteStore(tmp_path / "race.db")
    mem = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    try:
        s = seed(mem)
        before = mem.render(SCOPE)
        doc = edit(before, s)
        # Another writer deletes the diet fact between the read and the write: the
        # supersede fails inside the transaction, after the new fact was put.
        rid = s["diet"].id
        store.race = (rid, mem.planner.event("delete", SCOPE, actor="eve", memory_id=rid))
        with pytest.raises(NotFound):
            mem.apply(SCOPE, doc, reviewer="bob")
        after = {r.text for r in mem.list(SCOPE) if r.scope == SCOPE}
        assert "Allergic to nuts" not in after and "Alice works at Acme." in after
        assert "Alice is vegetarian." not in after  # only the other writer's delete landed
        assert not mem.search(SCOPE, "nuts allergic", mode="keyword")
    finally:
        mem.close()


def test_async_door_renders_and_applies_the_same(
    backend: str, tmp_path: Path, clock: Clock
) -> None:
    store = make_store(backend, tmp_path)
    sync = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    s = seed(sync)
    aio = AsyncMemory(store=store, embedder=FakeEmbedder(), clock=clock)
    try:
        doc = asyncio.run(aio.render(SCOPE))
        assert doc == sync.render(SCOPE)
        changes = asyncio.run(aio.apply(SCOPE, edit(doc, s), reviewer="bob"))
        assert len(changes.added) == 1 and len(changes.removed) == 1
        assert "Alice is vegan." in sync.render(SCOPE)
    finally:
        store.close()
