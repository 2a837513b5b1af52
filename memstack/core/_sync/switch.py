# Generated from memstack/core/_async/switch.py by scripts/unasync.py: do not edit.
"""The memory switch: turn memory off or on per scope (plans in :mod:`memstack.plan.switch`).

The switch is enforced below the facade, in the plans every door shares: compile
answers an empty prompt flagged ``memory_off``, search answers nothing, and writes
(add, add_many, ingest, propose, remember, import, a session's spill) are refused with
:class:`~memstack.errors.MemoryOff` (a session drops the turns it would have archived).
"""

from __future__ import annotations

import builtins

from ...models import MemorySwitch, Scope
from ...plan import switch
from .door import Door

__all__ = ["SwitchMethods"]


class SwitchMethods(Door):
    """The memory-switch methods of :class:`~memstack.Memory`."""

    def memory_off(
        self,
        scope: Scope | str,
        /,
        *,
        reads: bool = True,
        writes: bool = True,
        author: str | None = None,
    ) -> MemorySwitch:
        """Turn memory off for ``scope`` and every scope below it.

        Args:
            scope: the scope, e.g. ``"acme/alice"``.
            reads: stop using its memory: search answers nothing and compile gives an
                empty prompt flagged ``memory_off``.
            writes: stop it from growing: add, ingest, propose and remember are refused
                with :class:`~memstack.errors.MemoryOff`; forget and delete still work.
            author: who switches (default: the configured author).

        Returns:
            The scope's state afterwards (its own switch and its ancestors').

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> _ = mem.add("acme/alice", "Alice is vegetarian")
            >>> mem.memory_off("acme/alice", writes=False).reads_off
            True
            >>> hits = mem.search("acme/alice", "vegetarian")
            >>> list(hits), hits.memory_off, mem.compile("acme/alice").memory_off
            ([], True, True)
        """
        plan = switch.set_switch(
            self.planner, scope, reads_off=True if reads else None,
            writes_off=True if writes else None, author=author,
        )  # fmt: skip
        return self._run(plan)

    def memory_on(
        self,
        scope: Scope | str,
        /,
        *,
        reads: bool = True,
        writes: bool = True,
        author: str | None = None,
    ) -> MemorySwitch:
        """Turn memory back on for ``scope`` (reads, writes or both).

        Only the scope's own switch changes: if an ancestor has memory off, the
        returned state still says off.
        """
        plan = switch.set_switch(
            self.planner, scope, reads_off=False if reads else None,
            writes_off=False if writes else None, author=author,
        )  # fmt: skip
        return self._run(plan)

    def memory_status(self, scope: Scope | str, /) -> MemorySwitch:
        """Whether memory is off for reads and writes in ``scope`` (by it or an ancestor)."""
        return self._run(switch.status(self.planner, scope))

    def memory_switches(self) -> builtins.list[MemorySwitch]:
        """Every scope with memory switched off, by scope."""
        return self._run(switch.switches(self.planner))
