"""Routes of the memory switch: see and set, per scope, whether memory is off for reads/writes.

The switch itself is enforced by the facade (``Memory.memory_off``), so every route
already respects it: compile answers ``memory_off: true`` with empty blocks, search
no hits with ``memory_off: true``, and writes answer 423 ``MemoryOff`` (checked inside
the write's transaction, so a write racing the switch never lands after it).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ...models import MemorySwitch
from ..deps import Caller, Door
from ..schemas import SwitchesOut, SwitchIn, SwitchOut

router = APIRouter(tags=["switch"])


def _to(s: MemorySwitch) -> dict[str, Any]:
    return {"scope": s.scope, "reads_off": s.reads_off, "writes_off": s.writes_off,
            "updated_at": s.updated_at, "author": s.author}  # fmt: skip


@router.get("/switches", response_model=SwitchesOut)
async def switches(caller: Caller, door: Door) -> Any:
    """The scopes of the key's tenant with memory switched off."""
    caller.require("reader")
    found = [s for s in await door.mem.memory_switches() if caller.sees(s.scope)]
    return {"data": [_to(s) for s in found], "count": len(found)}


@router.get("/switches/{scope:path}", response_model=SwitchOut)
async def switch_status(scope: str, caller: Caller, door: Door) -> Any:
    """Whether memory is off for reads and writes in a scope (its own switch or an ancestor's)."""
    caller.require("reader")
    return _to(await door.mem.memory_status(caller.scope(scope)))


@router.put("/switches", response_model=SwitchOut)
async def set_switch(body: SwitchIn, caller: Caller, door: Door) -> Any:
    """Change a scope's own switch: ``true`` turns that half off, ``false`` on, absent keeps it.

    Answers the scope's state afterwards, which stays off where an ancestor is off.
    """
    caller.require("admin")
    path = caller.scope(body.scope)
    who = body.author or caller.actor
    state = None
    on_r, on_w = body.reads_off is False, body.writes_off is False
    if on_r or on_w:
        state = await door.mem.memory_on(path, reads=on_r, writes=on_w, author=who)
    if body.reads_off or body.writes_off:
        state = await door.mem.memory_off(
            path, reads=bool(body.reads_off), writes=bool(body.writes_off), author=who
        )
    return _to(state or await door.mem.memory_status(path))
