"""The memory switch in SQLite: one row per scope whose memory is turned off (migration 0008)."""

from __future__ import annotations

from datetime import UTC, datetime

from ...models import (
    MemorySwitch,
    SwitchListOp,
    SwitchSetOp,
    WritesOnOp,
    check_writes,
    switch_chain,
)
from .tx import Handlers, Tx


def _switch_set(tx: Tx, op: SwitchSetOp) -> None:
    if not (op.reads_off or op.writes_off):
        tx.conn.execute("DELETE FROM memory_switches WHERE scope = ?", (op.scope,))
    else:
        tx.conn.execute(
            "INSERT OR REPLACE INTO memory_switches (scope, reads_off, writes_off, updated_at, "
            "author) VALUES (?, ?, ?, ?, ?)",
            (op.scope, int(op.reads_off), int(op.writes_off), op.at.timestamp(), op.author),
        )
    tx.event(op.event)


def _switch_list(tx: Tx, op: SwitchListOp) -> list[MemorySwitch]:
    sql = "SELECT scope, reads_off, writes_off, updated_at, author FROM memory_switches"
    params: tuple[str, ...] = ()
    if op.scopes is not None:
        if not op.scopes:
            return []
        sql += f" WHERE scope IN ({', '.join('?' * len(op.scopes))})"
        params = op.scopes
    rows = tx.conn.execute(sql + " ORDER BY scope", params).fetchall()
    return [
        MemorySwitch(r[0], bool(r[1]), bool(r[2]), datetime.fromtimestamp(r[3], UTC), r[4])
        for r in rows
    ]


def _writes_on(tx: Tx, op: WritesOnOp) -> None:
    # Runs after BEGIN IMMEDIATE: the write lock keeps any switch from changing until commit.
    check_writes(op.scopes, _switch_list(tx, SwitchListOp(switch_chain(op.scopes))))


HANDLERS: Handlers = {
    SwitchSetOp: _switch_set, SwitchListOp: _switch_list, WritesOnOp: _writes_on,
}  # fmt: skip
