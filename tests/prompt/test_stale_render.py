"""An old render never deletes or undoes memories changed after it (issue 10.8).

A render carries its version (the newest ``recorded_at`` it shows); ``apply``
refuses a render older than the scope's changes and names them, and the
deletes it makes are checked inside the write transaction.
"""

from __future__ import annotations

from typing import Any

import pytest

from memstack import Conflict, Memory
from memstack.compile.markdown import render_version
from memstack.models import DeleteOp, Op
from memstack.plan import run_plan
from memstack.prompt.plans import apply_markdown

from .conftest import Clock

SCOPE = "acme/alice"


def _texts(mem: Memory) -> list[str]:
    return sorted(r.text for r in mem.list(SCOPE))


def test_a_render_carries_the_version_of_what_it_shows(mem: Memory, clock: Clock) -> None:
    assert mem.render(SCOPE).endswith("\n<!-- memstack:as-of empty -->\n")
    mem.add(SCOPE, "Alice is vegetarian.")
    clock.advance(seconds=5)
    newest = mem.add(SCOPE, "Alice works at Acme.")
    clock.advance(seconds=5)
    doc = mem.render(SCOPE)
    assert render_version(doc) == newest.recorded_at
    assert mem.render(SCOPE) == doc  # still deterministic


def test_an_old_render_does_not_delete_a_memory_added_after_it(mem: Memory, clock: Clock) -> None:
    mem.add(SCOPE, "Alice is vegetarian.")
    old = mem.render(SCOPE)
    clock.advance(seconds=1)
    later = mem.add(SCOPE, "Alice moved to Berlin.")  # another tab, another person
    edited = old.replace("Alice is vegetarian.", "Alice is vegan.")
    with pytest.raises(Conflict) as err:
        mem.apply(SCOPE, edited, reviewer="bob")
    message = str(err.value)
    assert later.id in message and "Alice moved to Berlin." in message
    assert "Render the scope again" in message
    assert _texts(mem) == ["Alice is vegetarian.", "Alice moved to Berlin."]  # nothing applied
    # Re-rendered, the same edit applies and keeps the newer memory.
    fresh = mem.render(SCOPE).replace("Alice is vegetarian.", "Alice is vegan.")
    mem.apply(SCOPE, fresh, reviewer="bob")
    assert _texts(mem) == ["Alice is vegan.", "Alice moved to Berlin."]


def test_an_old_render_does_not_undo_an_update_made_after_it(mem: Memory, clock: Clock) -> None:
    job = mem.add(SCOPE, "Alice works at Acme.")
    old = mem.render(SCOPE)
    clock.advance(seconds=1)
    newer = mem.update(job.id, "Alice works at Initech.")
    with pytest.raises(Conflict, match=newer.id):
        mem.apply(SCOPE, old + "- Alice likes tea\n", reviewer="bob")
    assert _texts(mem) == ["Alice works at Initech."]


def test_a_deletion_the_user_made_in_a_current_render_still_applies(mem: Memory) -> None:
    keep = mem.add(SCOPE, "Alice is vegetarian.")
    drop = mem.add(SCOPE, "Alice works at Acme.")
    doc = "\n".join(ln for ln in mem.render(SCOPE).splitlines() if drop.id not in ln) + "\n"
    assert [r.id for r in mem.apply(SCOPE, doc, reviewer="bob").removed] == [drop.id]
    assert [r.id for r in mem.list(SCOPE)] == [keep.id]


class _Racing:
    """A store where another writer updates a memory just before the apply's write batch."""

    def __init__(self, mem: Memory, victim: str) -> None:
        self.mem, self.victim, self.raced = mem, victim, False

    def batch(self, ops: list[Op]) -> list[Any]:
        if not self.raced and any(isinstance(op, DeleteOp) for op in ops):
            self.raced = True
            self.mem.update(self.victim, "Alice works at Initech.")
        return self.mem.store.batch(ops)


def test_the_delete_is_checked_inside_the_write_transaction(mem: Memory, clock: Clock) -> None:
    job = mem.add(SCOPE, "Alice works at Acme.")
    mem.add(SCOPE, "Alice is vegetarian.")
    clock.advance(seconds=1)
    doc = "\n".join(ln for ln in mem.render(SCOPE).splitlines() if job.id not in ln) + "\n"
    racing = _Racing(mem, job.id)
    plan = apply_markdown(mem.planner, SCOPE, doc, reviewer="bob")
    with pytest.raises(Conflict, match=job.id):
        run_plan(plan, racing, mem.embedder)  # type: ignore[arg-type]
    assert racing.raced
    # The update made meanwhile survives; the apply wrote nothing.
    assert _texts(mem) == ["Alice is vegetarian.", "Alice works at Initech."]
