"""The memory switch in the dict store: scope -> switch, undone with the batch on failure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...models import (
    MemorySwitch,
    SwitchListOp,
    SwitchSetOp,
    WritesOnOp,
    check_writes,
    switch_chain,
)
from .tx import Handlers, Undo

if TYPE_CHECKING:
    from .store import InMemoryStore


def _switch_set(st: InMemoryStore, op: SwitchSetOp, undo: Undo) -> None:
    table = st.switches
    previous = table.get(op.scope)
    if not (op.reads_off or op.writes_off):
        table.pop(op.scope, None)
    else:
        table[op.scope] = MemorySwitch(op.scope, op.reads_off, op.writes_off, op.at, op.author)

    def restore() -> None:
        if previous is None:
            table.pop(op.scope, None)
        else:
            table[op.scope] = previous

    undo.append(restore)
    st._append_event(op.event, undo)


def _switch_list(st: InMemoryStore, op: SwitchListOp, undo: Undo) -> list[MemorySwitch]:
    wanted = None if op.scopes is None else set(op.scopes)
    return [s for scope, s in sorted(st.switches.items()) if wanted is None or scope in wanted]


def _writes_on(st: InMemoryStore, op: WritesOnOp, undo: Undo) -> None:
    # The store's lock is held for the whole batch, so no switch changes before it ends.
    table = st.switches
    check_writes(op.scopes, [table[s] for s in switch_chain(op.scopes) if s in table])


HANDLERS: Handlers = {
    SwitchSetOp: _switch_set, SwitchListOp: _switch_list, WritesOnOp: _writes_on,
}  # fmt: skip
