"""Erasure, export, retention and audit in the SQLite store.

Each function handles one op of :mod:`memstack.models.contract` inside the
batch's transaction. Selecting and removing what an erasure reaches is the
engine in :mod:`memstack.store.sqlite.erasure`; this module holds the ops
around it.

**Why compaction is separate.** FTS5 ``optimize`` could run in the erasing
transaction, but ``wal_checkpoint`` and ``VACUUM`` cannot run inside any
transaction. So erasure is two batches, both driven by the plan: the
:class:`~memstack.models.ForgetOp` (or ``GcOp``) transaction, all or nothing,
then a batch holding only a :class:`~memstack.models.CompactOp`, whose handler
ends the batch's (empty) transaction, runs :func:`compact`, and opens a new
empty one for ``batch`` to commit. ``SqliteStore.compact`` runs it for
maintenance outside a plan.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from ...errors import StoreError
from ...index import keyword
from ...models import (
    AuditOp,
    Compaction,
    CompactOp,
    ErasureCounts,
    Event,
    ExportOp,
    Extraction,
    ExtractionListOp,
    ForgetOp,
    GcOp,
    Holdings,
    Job,
    JobListOp,
    Policy,
    PolicyListOp,
    Proposal,
    ProposalListOp,
    new_id,
)
from .erasure import clear_caches, erase_selected, erase_tree, privacy_setup
from .rows import COLS, event_row, record_of, tree
from .tx import Handlers, Tx

__all__ = ["HANDLERS", "compact"]


# -- ops --------------------------------------------------------------------------


def _forget(tx: Tx, op: ForgetOp) -> ErasureCounts:
    privacy_setup(tx)
    receipt = op.event.id
    try:
        if op.ids or op.match is not None:
            counts = erase_selected(
                tx, op.scope, True, receipt=receipt, reason=op.reason,
                ids=op.ids, match=op.match, lineage=True,
            )  # fmt: skip
        else:
            counts = erase_tree(tx, op.scope, receipt=receipt, reason=op.reason)
    finally:
        clear_caches()
    tx.event(replace(op.event, detail={**op.event.detail, "counts": counts.to_dict()}))
    return counts


def _gc(tx: Tx, op: GcOp) -> ErasureCounts:
    privacy_setup(tx)
    scopes = [
        s
        for (s,) in tx.conn.execute(
            "SELECT DISTINCT scope FROM memories "
            "WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY scope",
            (op.now.timestamp(),),
        )
    ]
    receipt = str(op.event.detail.get("receipt") or op.event.id)
    total = ErasureCounts()
    # One pass per scope, exact (not its descendants), so each scope's gc event has its counts.
    try:
        for scope in scopes:
            counts = erase_selected(
                tx, scope, False, receipt=receipt, reason=op.reason, expired_at=op.now,
                lineage=False,
            )  # fmt: skip
            detail = {**op.event.detail, "counts": counts.to_dict()}
            tx.event(replace(op.event, id=new_id(), scope=scope, detail=detail))
            total += counts
    finally:
        clear_caches()
    return total


def _compact(tx: Tx, op: CompactOp) -> Compaction:
    conn = tx.conn
    # CompactOp is alone in its batch (the plans guarantee it), so this commits nothing.
    if conn.in_transaction:
        conn.execute("COMMIT")
    try:
        return compact(conn, tx.store.path)
    finally:
        conn.execute("BEGIN")  # an empty transaction for batch() to commit


def _export(tx: Tx, op: ExportOp) -> Holdings:
    c = tx.conn
    sql, params = tree("m.scope", op.scope)
    records = [
        record_of(r)
        for r in c.execute(
            f"SELECT {COLS} FROM memories m WHERE {sql} ORDER BY m.recorded_at, m.id", params
        )
    ]
    proposals: list[Proposal] = tx.run(ProposalListOp(scope=op.scope))
    extractions: list[Extraction] = tx.run(ExtractionListOp(scope=op.scope))
    extractions.sort(key=lambda x: (x.created_at, x.id))
    policies: list[Policy] = [
        p
        for p in tx.run(PolicyListOp())
        if p.scope_prefix == op.scope or p.scope_prefix.startswith(op.scope + "/")
    ]
    esql, eparams = tree("scope", op.scope)
    events = [
        event_row(r)
        for r in c.execute(
            "SELECT id, at, action, actor, scope, memory_id, before, after, before_hash, "
            f"after_hash, detail, seq FROM events WHERE {esql} ORDER BY at, seq",
            eparams,
        )
    ]
    jobs: list[Job] = tx.run(JobListOp(scope=op.scope))
    return Holdings(
        tuple(records),
        tuple(proposals),
        tuple(extractions),
        tuple(policies),
        tuple(events),
        tuple(jobs),
    )


def _audit(tx: Tx, op: AuditOp) -> list[Event]:
    sql, params = tree("scope", op.scope)
    if op.since is not None:
        sql += " AND at >= ?"
        params.append(op.since.timestamp())
    if op.actions:
        sql += f" AND action IN ({','.join('?' * len(op.actions))})"
        params += op.actions
    page = f" LIMIT {int(op.limit)}" if op.limit is not None else ""
    rows = tx.conn.execute(
        "SELECT id, at, action, actor, scope, memory_id, before, after, before_hash, "
        f"after_hash, detail, seq FROM events WHERE {sql} ORDER BY at DESC, seq DESC{page}",
        params,
    ).fetchall()
    return [event_row(r) for r in rows]


# -- physical erasure -------------------------------------------------------------


def compact(conn: sqlite3.Connection, path: str) -> Compaction:
    """Make deletions physical; call outside a transaction (see the module docstring).

    Steps: FTS5 ``optimize`` (merge segments, so deleted terms leave the
    index), ``wal_checkpoint(TRUNCATE)``, ``VACUUM``, ``wal_checkpoint(TRUNCATE)``
    (VACUUM writes through the WAL). ``secure_delete`` is on for the
    connection, so freed cells and pages were zeroed as rows were deleted.

    Args:
        conn: the store's write connection, outside a transaction.
        path: the database file (``":memory:"`` skips the checkpoints).

    Returns:
        The steps that ran; ``complete`` is False when another connection's
        reader kept a checkpoint or VACUUM from finishing (``…:busy``).

    Raises:
        StoreError: called inside a transaction, or SQLite failed otherwise.
    """
    if conn.in_transaction:
        raise StoreError("compact() must run outside a transaction.")
    steps: list[str] = []
    conn.execute("INSERT INTO memories_fts (memories_fts) VALUES ('optimize')")
    steps.append("fts_optimize")
    file_backed = path != ":memory:"
    if file_backed:
        steps.append(_checkpoint(conn))
    try:
        conn.execute("VACUUM")
        steps.append("vacuum")
    except sqlite3.OperationalError as exc:
        # Reported on the receipt (complete=False), and the next forget or gc retries.
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise StoreError(f"VACUUM failed on {path}: {exc}.") from exc
        steps.append("vacuum:busy")
    if file_backed:
        steps.append(_checkpoint(conn))
    # A process-wide cache of stemmed words; erased words should not outlive the rows.
    keyword.clear_caches()
    return Compaction(tuple(steps), not any(s.endswith(":busy") for s in steps))


def _checkpoint(conn: sqlite3.Connection) -> str:
    busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return "wal_checkpoint:busy" if busy else "wal_checkpoint"


HANDLERS: Handlers = {
    ForgetOp: _forget,
    GcOp: _gc,
    CompactOp: _compact,
    ExportOp: _export,
    AuditOp: _audit,
}
