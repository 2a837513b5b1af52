"""Values and store ops of the memory switch: memory turned off per scope, for reads or writes.

Like ChatGPT's "memory off": a person may stop a scope's memory from being used
(reads: search and compile answer nothing) or from growing (writes: nothing new is
stored or proposed), or both. A switch set on a scope covers the scope and every
scope below it; turning one back on removes the row. Switches are data in the
store, so every process, the server and MCP see the same state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..errors import MemoryOff
from .values import Event, Scope

__all__ = [
    "MemorySwitch", "SwitchListOp", "SwitchSetOp", "WritesOnOp", "check_writes", "switch_chain",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class MemorySwitch:
    """Whether memory is off for a scope (and the scopes below it).

    Attributes:
        scope: the scope the switch was set on.
        reads_off: search and compile of the scope answer nothing (flagged as off).
        writes_off: adding, proposing, remembering and ingesting into it are refused.
        updated_at: when it was last set.
        author: who set it.
    """

    scope: str
    reads_off: bool
    writes_off: bool
    updated_at: datetime | None = None
    author: str | None = None

    @property
    def off(self) -> bool:
        """True if reads or writes are off."""
        return self.reads_off or self.writes_off

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (ISO 8601 time)."""
        return {
            "scope": self.scope,
            "reads_off": self.reads_off,
            "writes_off": self.writes_off,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "author": self.author,
        }


@dataclass(frozen=True, slots=True)
class SwitchSetOp:
    """Store the switch of ``scope``; with both flags false, remove its row. Adds ``event``."""

    scope: str
    reads_off: bool
    writes_off: bool
    at: datetime
    event: Event
    author: str | None = None


@dataclass(frozen=True, slots=True)
class SwitchListOp:
    """Stored switches, by scope; only those of ``scopes`` (exact paths) when given."""

    scopes: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class WritesOnOp:
    """Precondition of a write batch: memory is on for writes in every scope of ``scopes``.

    Checked inside the write transaction against the switches of each scope and its
    ancestors; a scope switched off raises :class:`~memstack.errors.MemoryOff` and
    nothing of the batch is written. Returns ``None``. Put it first in the batch.
    """

    scopes: tuple[str, ...]


def switch_chain(scopes: Iterable[str]) -> tuple[str, ...]:
    """Every scope of ``scopes`` with its ancestors, sorted: the switches that govern them."""
    return tuple(sorted({a for s in scopes for a in Scope.parse(s).ancestors()}))


def check_writes(scopes: Iterable[str], switches: Iterable[MemorySwitch]) -> None:
    """Raise :class:`MemoryOff` if a switch in ``switches`` turns writes off for a scope.

    Args:
        scopes: the scopes a write adds to.
        switches: stored switches (at least those of the scopes' ancestor chains).

    Raises:
        MemoryOff: naming the first refused scope and the scope whose switch refuses it.
    """
    blocking = {r.scope for r in switches if r.writes_off}
    if not blocking:
        return
    for s in dict.fromkeys(scopes):
        by = next((a for a in Scope.parse(s).ancestors() if a in blocking), None)
        if by is not None:
            where = s if by == s else f"{s} (switched off on {by})"
            raise MemoryOff(
                f"Memory is off for writes in {where}: nothing was stored.",
                hint=f"Turn it back on with 'memstack scope on {by}'.",
            )
