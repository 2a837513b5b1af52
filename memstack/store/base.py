"""The store protocol: one method to implement, everything else built on it.

A backend implements :meth:`Store.batch`, which executes a list of ops in ONE
transaction and returns one result per op. The ops are the closed list in
:mod:`memstack.models.contract`; a backend keeps one handler per op type (a
test checks the table against the contract) and checks each write op's
preconditions inside the transaction. Everything a caller needs (``get``,
``list``, ``search`` …) is a one-liner on top that builds an op, so a new
backend is small and every backend behaves the same; the conformance suite in
``tests/store`` holds them to it.

Write ops in a batch land together or not at all: a record, its history event,
its keyword row and its vector are never partly written.
"""

from __future__ import annotations

import asyncio
import builtins
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

from ..models import (
    AnyOp,
    Candidates,
    Event,
    Filter,
    GetOp,
    HistoryOp,
    ListOp,
    Record,
    ScopesOp,
    SearchOp,
)

__all__ = ["Store"]


class Store(ABC):
    """Base class of every backend."""

    #: A short name for messages and ``memstack stats``.
    name: str = "store"

    @abstractmethod
    def batch(self, ops: Sequence[AnyOp]) -> builtins.list[Any]:
        """Execute ``ops`` in order, in one transaction.

        Args:
            ops: read and write ops from :mod:`memstack.models`.

        Returns:
            One result per op (see each op's docstring).

        Raises:
            NotFound: a write names a record that does not exist (nothing is written).
            Conflict: a write's precondition failed (nothing is written).
            StoreError: the backend failed (nothing is written).
        """

    async def abatch(self, ops: Sequence[AnyOp]) -> builtins.list[Any]:
        """Async door; the default runs :meth:`batch` in a worker thread."""
        return await asyncio.to_thread(self.batch, ops)

    def setup(self) -> None:  # noqa: B027 (optional: a backend without a schema skips it)
        """Create or migrate the schema. Explicit: constructors never run DDL."""

    def close(self) -> None:  # noqa: B027 (optional: a backend without connections skips it)
        """Release connections and caches."""

    async def aclose(self) -> None:
        """:meth:`close` inside an event loop (a backend with async connections awaits them)."""
        self.close()

    def info(self) -> dict[str, Any]:
        """Facts for ``memstack stats``: backend, location, schema version, size."""
        return {"backend": self.name}

    # -- one-liners -----------------------------------------------------------------

    def get(self, id: str) -> Record | None:
        result: Record | None = self.batch([GetOp(id)])[0]
        return result

    def list(self, filter: Filter, *, limit: int | None = None, offset: int = 0) -> list[Record]:
        result: list[Record] = self.batch([ListOp(filter, limit, offset)])[0]
        return result

    def search(self, op: SearchOp) -> Candidates:
        result: Candidates = self.batch([op])[0]
        return result

    def history(self, ids: Sequence[str]) -> builtins.list[Event]:
        result: builtins.list[Event] = self.batch([HistoryOp(tuple(ids))])[0]
        return result

    def scopes(self, prefix: str | None = None) -> dict[str, int]:
        result: dict[str, int] = self.batch([ScopesOp(prefix)])[0]
        return result

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
