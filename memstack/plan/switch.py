"""Plans of the memory switch: turn memory off or on per scope, and ask whether it is off.

A switch set on a scope covers it and every scope below it, so the state of a scope
is read from its whole ancestor chain in one read op: reads (writes) are off if any
scope of the chain has them off. Turning memory on removes the scope's own switch;
if an ancestor still has memory off, the result says so, and nothing is silently on.
"""

from __future__ import annotations

from typing import TypeVar

from ..models import (
    MemorySwitch,
    Scope,
    SwitchListOp,
    SwitchSetOp,
    WritesOnOp,
    check_writes,
    switch_chain,
)
from .planner import Planner
from .requests import Batch, Plan

__all__ = [
    "require_writes", "set_switch", "status", "switches", "unless_reads_off", "writes_on",
]  # fmt: skip

T = TypeVar("T")


def _effective(scope: str, rows: list[MemorySwitch]) -> MemorySwitch:
    """The state of ``scope`` from the switches on its ancestor chain (most specific last)."""
    reads = any(r.reads_off for r in rows)
    writes = any(r.writes_off for r in rows)
    latest = max(rows, key=lambda r: len(r.scope), default=None)
    return MemorySwitch(
        scope, reads, writes, latest.updated_at if latest else None,
        latest.author if latest else None,
    )  # fmt: skip


def _chain(planner: Planner, scope: Scope | str) -> Plan[list[MemorySwitch]]:
    s = Scope.parse(scope)
    rows: list[MemorySwitch] = (yield Batch([SwitchListOp(s.ancestors())]))[0]
    return rows


def status(planner: Planner, scope: Scope | str) -> Plan[MemorySwitch]:
    """Whether memory is off for reads and writes in ``scope`` (its own switch or an ancestor's)."""
    rows = yield from _chain(planner, scope)
    return _effective(Scope.parse(scope).path, rows)


def set_switch(
    planner: Planner,
    scope: Scope | str,
    *,
    reads_off: bool | None,
    writes_off: bool | None,
    author: str | None = None,
) -> Plan[MemorySwitch]:
    """Change the switch of ``scope`` (``None`` keeps that half as it is); the new state."""
    path = Scope.parse(scope).path
    rows = yield from _chain(planner, path)
    own = next((r for r in rows if r.scope == path), MemorySwitch(path, False, False))
    reads = own.reads_off if reads_off is None else reads_off
    writes = own.writes_off if writes_off is None else writes_off
    who = author or planner.author
    now = planner.clock()
    off = reads or writes
    ev = planner.event(
        "memory.off" if off else "memory.on", path, actor=who,
        detail={"reads_off": reads, "writes_off": writes},
    )  # fmt: skip
    yield Batch([SwitchSetOp(path, reads, writes, now, ev, who)])
    others = [r for r in rows if r.scope != path]
    if off:
        others.append(MemorySwitch(path, reads, writes, now, who))
    return _effective(path, others)


def switches(planner: Planner) -> Plan[list[MemorySwitch]]:
    """Every stored switch, by scope."""
    rows: list[MemorySwitch] = (yield Batch([SwitchListOp()]))[0]
    return rows


def require_writes(planner: Planner, scopes: list[str]) -> Plan[None]:
    """Raise :class:`MemoryOff` early if memory is off for writes in any of ``scopes``.

    A cheap read before the work a write needs (embedding, a model call), so a refused
    write costs nothing. It is not the check that counts: a switch may change after it,
    so every write batch also carries :func:`writes_on`, checked in its transaction.
    """
    wanted = switch_chain(scopes)
    if not wanted:
        return
    rows: list[MemorySwitch] = (yield Batch([SwitchListOp(wanted)]))[0]
    check_writes(scopes, rows)


def writes_on(scopes: list[str]) -> WritesOnOp:
    """The precondition op a write batch adding to ``scopes`` starts with."""
    return WritesOnOp(tuple(dict.fromkeys(scopes)))


def unless_reads_off(planner: Planner, scope: Scope | str, plan: Plan[T], off: T) -> Plan[T]:
    """Run ``plan``, unless memory is off for reads in ``scope``: then answer ``off``."""
    state = yield from status(planner, scope)
    if state.reads_off:
        plan.close()
        return off
    result: T = yield from plan
    return result
