# Generated from memstack/store/postgres/_async/switch.py by scripts/unasync.py: do not edit.
"""The memory switch in PostgreSQL: one row per scope whose memory is turned off (0003)."""

from __future__ import annotations

from datetime import UTC, datetime

from ....models import (
    MemorySwitch,
    SwitchListOp,
    SwitchSetOp,
    WritesOnOp,
    check_writes,
    switch_chain,
)
from .tx import Handlers, Tx

#: The transaction-level advisory lock between switch changes and guarded writes: a
#: guarded write holds it shared until it commits, a switch change exclusively, so a
#: write either commits before a switch that refuses it or sees that switch.
SWITCH_LOCK = 0x6D656D5377  # "memSw"


def _switch_set(tx: Tx, op: SwitchSetOp) -> None:
    tx.execute("SELECT pg_advisory_xact_lock(%s)", (SWITCH_LOCK,))
    if not (op.reads_off or op.writes_off):
        tx.execute("DELETE FROM memory_switches WHERE scope = %s", (op.scope,))
    else:
        tx.execute(
            "INSERT INTO memory_switches (scope, reads_off, writes_off, updated_at, author) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (scope) DO UPDATE SET "
            "reads_off = excluded.reads_off, writes_off = excluded.writes_off, "
            "updated_at = excluded.updated_at, author = excluded.author",
            (op.scope, op.reads_off, op.writes_off, op.at.timestamp(), op.author),
        )
    tx.event(op.event)


def _switch_list(tx: Tx, op: SwitchListOp) -> list[MemorySwitch]:
    sql = "SELECT scope, reads_off, writes_off, updated_at, author FROM memory_switches"
    params: tuple[object, ...] = ()
    if op.scopes is not None:
        sql += " WHERE scope = ANY(%s)"
        params = (list(op.scopes),)
    rows = tx.all(sql + " ORDER BY scope", params)
    return [
        MemorySwitch(r[0], bool(r[1]), bool(r[2]), datetime.fromtimestamp(r[3], UTC), r[4])
        for r in rows
    ]


def _writes_on(tx: Tx, op: WritesOnOp) -> None:
    # Taken before the read: under READ COMMITTED the select then sees any switch that
    # committed while this transaction waited for the lock.
    tx.execute("SELECT pg_advisory_xact_lock_shared(%s)", (SWITCH_LOCK,))
    check_writes(op.scopes, _switch_list(tx, SwitchListOp(switch_chain(op.scopes))))


HANDLERS: Handlers = {
    SwitchSetOp: _switch_set, SwitchListOp: _switch_list, WritesOnOp: _writes_on,
}  # fmt: skip
