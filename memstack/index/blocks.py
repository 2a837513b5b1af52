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
from collections.abc import Collection, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from .columns import Columns

__all__ = ["Block", "BlockCache"]


class Block(Protocol):
    """What a per-scope block offers its cache: filter columns and row upkeep."""

    cols: Columns

    def __len__(self) -> int: ...

    def keys(self) -> list[int]: ...

    def add(self, row: Any) -> None: ...

    def close(self, key: int, valid_to: float, superseded: bool) -> None: ...

    def remove(self, keys: set[int]) -> None: ...

    def flush(self) -> None: ...


B = TypeVar("B", bound=Block)


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

    def scope_of(self, key: int) -> str | None:
        """The scope whose loaded block holds the row ``key`` (None: not loaded)."""
        return self._where.get(key)

    @property
    def rows(self) -> int:
        """Rows held, counted when loaded and appended (an upper bound after deletes)."""
        return self._total

    def _install(self, scope: str, block: B, keys: Sequence[int]) -> None:
        self.drop([scope])
        self._blocks[scope] = block
        self._rows[scope] = len(keys)
        self._total += len(keys)
        self._where.update(dict.fromkeys(keys, scope))

    def install(self, scope: str, block: B) -> None:
        """Install a block built elsewhere (e.g. restored from a file) for ``scope``."""
        with self.lock:
            self._install(scope, block, block.keys())

    def block(self, scope: str) -> B | None:
        """The loaded block of ``scope``, if any (not marked as used)."""
        return self._blocks.get(scope)

    def _use(self, scope: str) -> B | None:
        """The block of ``scope``, marked as most recently used."""
        block = self._blocks.pop(scope, None)
        if block is not None:
            self._blocks[scope] = block
        return block

    def add(self, scope: str, row: Any) -> None:
        """Append a row to a loaded block; unloaded scopes load from the store later."""
        with self.lock:
            block = self._blocks.get(scope)
            if block is not None:
                block.add(row)
                self._rows[scope] = self._rows.get(scope, 0) + 1
                self._total += 1
                self._where[row.key] = scope

    def close(self, key: int, valid_to: float, superseded: bool) -> None:
        """End a row's validity (an update or supersession) in whichever block holds it."""
        with self.lock:
            scope = self._where.get(key)
            block = self._blocks.get(scope) if scope is not None else None
            if block is not None:
                block.close(key, valid_to, superseded)

    def remove(self, keys: Sequence[int]) -> None:
        """Forget rows (deleted or erased) in whichever blocks hold them."""
        with self.lock:
            by_scope: dict[str, set[int]] = {}
            for key in keys:
                scope = self._where.pop(key, None)
                if scope is not None:
                    by_scope.setdefault(scope, set()).add(key)
            for scope, group in by_scope.items():
                block = self._blocks.get(scope)
                if block is not None:
                    block.remove(group)

    def masked(
        self,
        scopes: Sequence[str],
        *,
        now: float,
        kinds: Sequence[str],
        topic: str | None,
        as_of: float | None,
        include_superseded: bool,
        allow: npt.NDArray[np.int64] | None = None,
    ) -> Iterator[tuple[B, npt.NDArray[np.bool_]]]:
        """Each loaded, non-empty block of ``scopes`` with the rows the filter lets through.

        ``allow``: if given, only rows with these keys pass too (a condition the
        blocks do not hold a column for, e.g. on metadata, answered by the store
        before the search). Call with :attr:`lock` held; marks the blocks as
        recently used.
        """
        for scope in scopes:
            block = self._use(scope)
            if block is None or not len(block):
                continue
            block.flush()
            mask = block.cols.mask(
                now=now, kinds=kinds, topic=topic, as_of=as_of,
                include_superseded=include_superseded,
            )  # fmt: skip
            if allow is not None:
                mask &= np.isin(block.cols.keys, allow)
            yield block, mask

    def drop(self, scopes: Sequence[str] | None = None) -> None:
        """Forget cached blocks (all, or the given scopes)."""
        with self.lock:
            for scope in list(self._blocks) if scopes is None else scopes:
                block = self._blocks.pop(scope, None)
                self._total -= self._rows.pop(scope, 0)
                if block is not None:
                    for key in block.keys():
                        self._where.pop(key, None)

    def evict(self, budget: int | None, keep: Collection[str] = ()) -> bool:
        """Drop least recently used blocks (never those in ``keep``) down to ``budget`` rows.

        Returns False if the blocks in ``keep`` alone are over the budget: nothing more
        can go until they may (a caller loading many scopes stops asking then, so a
        tenant-wide search over 10,000 scopes does not walk every block per scope).
        """
        if budget is None:
            return True
        with self.lock:
            if self._total <= budget:
                return True
            protected = keep if isinstance(keep, (set, frozenset)) else frozenset(keep)
            for scope in [s for s in self._blocks if s not in protected]:
                if self._total <= budget:
                    break
                self.drop([scope])
            return self._total <= budget
