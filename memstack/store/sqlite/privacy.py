"""Erasure, export, retention and audit in the SQLite store.

Each function handles one op of :mod:`memstack.models.contract` inside the
batch's transaction. Selecting and removing what an erasure reaches is the
engine in :mod:`memstack.store.sqlite.erasure`; this module holds the ops
around it.

**Why compaction is separate, and why it costs what was erased.** The erasing
transaction deletes the rows (``secure_delete`` zeroes their bytes in every
page it touches) and merges the FTS5 index (``optimize``), which rewrites the
keyword index without the erased terms; all of that lands or none of it. What
cannot run in a transaction runs after it, in a batch holding only a
:class:`~memstack.models.CompactOp`: ``wal_checkpoint(TRUNCATE)`` (the WAL still
holds page images from before the deletion) and, on stores created with
incremental auto-vacuum, ``incremental_vacuum`` (returns the freed, already
zeroed pages to the file system). Nothing rewrites the whole database: no
``VACUUM``, so erasing one memory from a large store takes milliseconds plus
the keyword-index merge, and needs no free disk the size of the database.

The erasing transaction also records the compaction as owed
(``owed_compaction``, migration 0005); a complete compaction clears it. A
reader holding an old snapshot (the checkpoint answers busy), a full disk or a
crash leave it owed: the receipt says so (``complete=False``, ``owed``), and the
store finishes it at its next open or write.
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

__all__ = ["HANDLERS", "compact", "owed"]


# -- ops --------------------------------------------------------------------------


def _merge_keyword_index(tx: Tx) -> None:
    """Rewrite the FTS5 index without the deleted rows' terms (inside the erasing transaction)."""
    tx.conn.execute("INSERT INTO memories_fts (memories_fts) VALUES ('optimize')")


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
    _merge_keyword_index(tx)
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
    _merge_keyword_index(tx)
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
    """Make committed deletions physical; call outside a transaction (see the module docstring).

    Steps: ``wal_checkpoint(TRUNCATE)`` (copies the zeroed pages into the file and
    empties the WAL, which held the pages from before the deletion), then
    ``incremental_vacuum`` where the store was created with incremental
    auto-vacuum, then a last checkpoint. The cost is proportional to what was
    erased, not to the database. Errors never escape: the erasure has committed,
    so the caller must get its receipt; what did not finish stays owed.

    Args:
        conn: the store's write connection, outside a transaction.
        path: the database file (``":memory:"`` has no WAL and nothing to compact).

    Returns:
        The steps that ran; ``complete`` is False, with ``owed`` saying why, when a
        reader's snapshot kept the checkpoint from finishing or SQLite failed.
    """
    if conn.in_transaction:
        raise StoreError("compact() must run outside a transaction.")
    steps: list[str] = []
    problem: str | None = None
    try:
        if path != ":memory:":
            steps.append(_checkpoint(conn))
            if conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2:  # incremental
                conn.execute("PRAGMA incremental_vacuum")
                steps.append("incremental_vacuum")
                steps.append(_checkpoint(conn))
    except sqlite3.Error as exc:
        steps.append("compaction:failed")
        problem = f"SQLite failed while compacting: {exc}"
    # A process-wide cache of stemmed words; erased words should not outlive the rows.
    keyword.clear_caches()
    if problem is None and any(s.endswith(":busy") for s in steps):
        problem = (
            "another connection was reading an older snapshot, so the write-ahead log "
            "still holds pages from before the erasure"
        )
    try:
        if problem is None:
            conn.execute("DELETE FROM owed_compaction")
        else:
            conn.execute(
                "UPDATE owed_compaction SET attempts = attempts + 1, reason = ?", (problem,)
            )
    except sqlite3.Error as exc:  # still owed: the next open or write retries
        problem = problem or f"could not record the compaction: {exc}"
    owed = (
        None
        if problem is None
        else f"WAL checkpoint: {problem}; finished at the next open or write"
    )
    return Compaction(tuple(steps), problem is None, owed)


def owed(conn: sqlite3.Connection) -> bool:
    """True if an erasure's compaction is still owed (by this or any process)."""
    try:
        return conn.execute("SELECT 1 FROM owed_compaction").fetchone() is not None
    except sqlite3.OperationalError:  # before migration 0005
        return False


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
