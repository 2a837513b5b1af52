"""Plans of the memory switch: turn memory off or on per scope, and ask whether it is off.

A switch set on a scope covers it and every scope below it, so the state of a scope
is read from its whole ancestor chain in one read op: reads (writes) are off if any
scope of the chain has them off. Turning memory on removes the scope's own switch;
if an ancestor still has memory off, the result says so, and nothing is silently on.
"""

from __future__ import annotations

from typing import Any, TypeVar

from ..models import (
    MemorySwitch,
    Scope,
    SwitchListOp,
    SwitchSetOp,
    WritesOnOp,
    check_writes,
    is_write,
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
    """Run ``plan``, unless memory is off for reads in ``scope``: then answer ``off``.

    The switch is read in the plan's first transaction when that one only reads (a
    search's keyword pass): one store call fewer, and the answer and the switch come
    from one snapshot. The plan's reads are then thrown away if memory is off.
    """
    path = Scope.parse(scope).path
    step = _first(plan)
    if isinstance(step, StopIteration):
        state = yield from status(planner, path)
        return off if state.reads_off else step.value
    if not isinstance(step, Batch) or any(is_write(op) for op in step.ops):
        state = yield from status(planner, path)
        if state.reads_off:
            plan.close()
            return off
        result: T = yield from _resume(plan, step)
        return result
    got = yield Batch([SwitchListOp(Scope.parse(path).ancestors()), *step.ops])
    if _effective(path, got[0]).reads_off:
        plan.close()
        return off
    result = yield from _resume(plan, None, sent=list(got[1:]))
    return result


def _first(plan: Plan[T]) -> Any:
    """The plan's first request, or its StopIteration if it asked for nothing."""
    try:
        return next(plan)
    except StopIteration as stop:
        return stop


_UNSENT: Any = object()


def _resume(plan: Plan[T], step: Any, *, sent: Any = _UNSENT) -> Plan[T]:
    """Go on with ``plan`` whose first request was taken: ``step`` still to ask, or the
    answer to ``sent`` to it; as ``yield from`` would, errors thrown here reach ``plan``."""
    try:
        if sent is not _UNSENT:
            step = plan.send(sent)
        while True:
            try:
                answer = yield step
            except GeneratorExit:
                plan.close()
                raise
            except BaseException as exc:
                step = plan.throw(exc)
            else:
                step = plan.send(answer)
    except StopIteration as stop:
        value: T = stop.value
        return value
