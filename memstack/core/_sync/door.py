# Generated from memstack/core/_async/door.py by scripts/unasync.py: do not edit.
"""The door: how this side of the facade carries out a plan.

Every public method of the facade builds a plan and hands it to ``self._run``.
"""

from __future__ import annotations

from typing import Self, TypeVar

from ...plan import Plan, run_plan
from ..base import MemoryBase, not_text

__all__ = ["Door"]

T = TypeVar("T")


class Door(MemoryBase):
    """Drives plans: store batches, embeddings and provider calls, one request at a time."""

    def _run(self, plan: Plan[T]) -> T:
        try:
            return run_plan(plan, self.store, self.embedder)
        except UnicodeError as exc:  # text no validator caught reached an encoder
            raise not_text(exc) from None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        # close(); an awaited store closes its pool on this event loop, before the loop ends.
        self._release()
        self.store.close()
