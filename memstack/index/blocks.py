"""Per-scope block caches with a row budget, shared by the dense and keyword indexes.

Both in-memory indexes keep one block per scope, loaded on first use. A server
that searches many scopes would otherwise keep every block it ever loaded; the
owner (a store) calls :meth:`BlockCache.evict` after loading, which drops the
least recently searched blocks until the cache holds at most ``budget`` rows.
Blocks a query is using are never dropped, so a single scope larger than the
budget still works (it is reloaded when needed again).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from typing import Generic, Protocol, TypeVar

__all__ = ["BlockCache", "Sized"]


class Sized(Protocol):
    def __len__(self) -> int: ...

    def keys(self) -> list[int]: ...


B = TypeVar("B", bound=Sized)


class BlockCache(Generic[B]):
    """Blocks by scope, least recently used first, with a running row count."""

    def __init__(self) -> None:
        self._blocks: dict[str, B] = {}
        self._rows: dict[str, int] = {}
        self._total = 0
        self._where: dict[int, str] = {}
        self.lock = threading.RLock()

    def loaded(self, scope: str) -> bool:
        return scope in self._blocks

    @property
    def rows(self) -> int:
        """Rows held, counted when loaded and appended (an upper bound after deletes)."""
        return self._total

    def _install(self, scope: str, block: B, keys: Sequence[int]) -> None:
        self.drop([scope])
        self._blocks[scope] = block
        self._rows[scope] = len(keys)
        self._total += len(keys)
        for key in keys:
            self._where[key] = scope

    def _use(self, scope: str) -> B | None:
        """The block of ``scope``, marked as most recently used."""
        block = self._blocks.pop(scope, None)
        if block is not None:
            self._blocks[scope] = block
        return block

    def _grew(self, scope: str, key: int) -> None:
        self._rows[scope] = self._rows.get(scope, 0) + 1
        self._total += 1
        self._where[key] = scope

    def drop(self, scopes: Sequence[str] | None = None) -> None:
        """Forget cached blocks (all, or the given scopes)."""
        with self.lock:
            for scope in list(self._blocks) if scopes is None else scopes:
                block = self._blocks.pop(scope, None)
                self._total -= self._rows.pop(scope, 0)
                if block is not None:
                    for key in block.keys():
                        self._where.pop(key, None)

    def evict(self, budget: int | None, keep: Collection[str] = ()) -> None:
        """Drop least recently used blocks (never those in ``keep``) down to ``budget`` rows."""
        if budget is None:
            return
        with self.lock:
            if self._total <= budget:
                return
            for scope in list(self._blocks):
                if self._total <= budget:
                    break
                if scope not in keep:
                    self.drop([scope])
