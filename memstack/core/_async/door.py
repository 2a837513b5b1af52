"""The door: how this side of the facade carries out a plan.

Every public method of the facade builds a plan and hands it to ``self._run``.
"""

from __future__ import annotations

from typing import Self, TypeVar

from ...plan import Plan, arun_plan
from ..base import MemoryBase, not_text

__all__ = ["AsyncDoor"]

T = TypeVar("T")


class AsyncDoor(MemoryBase):
    """Drives plans: store batches, embeddings and provider calls, one request at a time."""

    async def _run(self, plan: Plan[T]) -> T:
        try:
            return await arun_plan(plan, self.store, self.embedder)
        except UnicodeError as exc:  # text no validator caught reached an encoder
            raise not_text(exc) from None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        # close(); an awaited store closes its pool on this event loop, before the loop ends.
        self._release()
        await self.store.aclose()
