"""Erasure, export, retention and audit in the SQLite store.

Mixin for :class:`memstack.store.sqlite.SqliteStore`: each
``_op_<OpName>(self, op, touched)`` method handles one op type from
:mod:`memstack.models`; ``batch`` dispatches to it inside the store's transaction.

Selecting and removing what an erasure reaches is the engine in
:mod:`memstack.store.sqlite_erasure`; this module holds the ops around it.

**Why compaction is separate.** FTS5 ``optimize`` could run in the erasing
transaction, but ``wal_checkpoint`` and ``VACUUM`` cannot run inside any
transaction. So erasure is two batches, both driven by the plan: the
:class:`~memstack.models.ForgetOp` (or ``GcOp``) transaction, all or nothing,
then a batch holding only a :class:`~memstack.models.CompactOp`, whose handler
ends the batch's (empty) transaction, runs :meth:`compact`, and opens a new
empty one for ``batch`` to commit. ``compact`` is public, too, for
maintenance outside a plan.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..index import keyword
from ..models import (
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
from .sqlite_erasure import SqliteErasure, clear_caches
from .sqlite_rows import COLS, event_row, record_of, tree

__all__ = ["SqlitePrivacyOps"]


class SqlitePrivacyOps(SqliteErasure):
    """Privacy ops for the SQLite store (see the module docstring)."""

    if TYPE_CHECKING:
        _conn: sqlite3.Connection
        _lock: threading.RLock
        path: str

        def _event(self, e: Event) -> None: ...

        def _one(self, op: Any, touched: set[str]) -> Any: ...

    # -- ops --------------------------------------------------------------------------

    def _op_ForgetOp(self, op: ForgetOp, touched: set[str]) -> ErasureCounts:
        self._privacy_setup()
        receipt = op.event.id
        try:
            if op.ids or op.match is not None:
                counts = self._erase_selected(
                    op.scope, True, touched, receipt=receipt, reason=op.reason,
                    ids=op.ids, match=op.match, lineage=True,
                )  # fmt: skip
            else:
                counts = self._erasetree(op.scope, touched, receipt=receipt, reason=op.reason)
        finally:
            clear_caches()
        self._event(replace(op.event, detail={**op.event.detail, "counts": counts.to_dict()}))
        return counts

    def _op_GcOp(self, op: GcOp, touched: set[str]) -> ErasureCounts:
        self._privacy_setup()
        scopes = [
            s
            for (s,) in self._conn.execute(
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
                counts = self._erase_selected(
                    scope, False, touched, receipt=receipt, reason=op.reason, expired_at=op.now,
                    lineage=False,
                )  # fmt: skip
                detail = {**op.event.detail, "counts": counts.to_dict()}
                self._event(replace(op.event, id=new_id(), scope=scope, detail=detail))
                total += counts
        finally:
            clear_caches()
        return total

    def _op_CompactOp(self, op: CompactOp, touched: set[str]) -> Compaction:
        conn = self._conn
        # CompactOp is alone in its batch (the plans guarantee it), so this commits nothing.
        if conn.in_transaction:
            conn.execute("COMMIT")
        try:
            return self.compact()
        finally:
            conn.execute("BEGIN")  # an empty transaction for batch() to commit

    def _op_ExportOp(self, op: ExportOp, touched: set[str]) -> Holdings:
        c = self._conn
        sql, params = tree("m.scope", op.scope)
        records = [
            record_of(r)
            for r in c.execute(
                f"SELECT {COLS} FROM memories m WHERE {sql} ORDER BY m.recorded_at, m.id", params
            )
        ]
        proposals: list[Proposal] = self._one(ProposalListOp(scope=op.scope), touched)
        extractions: list[Extraction] = self._one(ExtractionListOp(scope=op.scope), touched)
        extractions.sort(key=lambda x: (x.created_at, x.id))
        policies: list[Policy] = [
            p
            for p in self._one(PolicyListOp(), touched)
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
        jobs: list[Job] = self._one(JobListOp(scope=op.scope), touched)
        return Holdings(
            tuple(records),
            tuple(proposals),
            tuple(extractions),
            tuple(policies),
            tuple(events),
            tuple(jobs),
        )

    def _op_AuditOp(self, op: AuditOp, touched: set[str]) -> list[Event]:
        sql, params = tree("scope", op.scope)
        if op.since is not None:
            sql += " AND at >= ?"
            params.append(op.since.timestamp())
        if op.actions:
            sql += f" AND action IN ({','.join('?' * len(op.actions))})"
            params += op.actions
        page = f" LIMIT {int(op.limit)}" if op.limit is not None else ""
        rows = self._conn.execute(
            "SELECT id, at, action, actor, scope, memory_id, before, after, before_hash, "
            f"after_hash, detail, seq FROM events WHERE {sql} ORDER BY at DESC, seq DESC{page}",
            params,
        ).fetchall()
        return [event_row(r) for r in rows]

    # -- physical erasure -------------------------------------------------------------

    def compact(self) -> Compaction:
        """Make deletions physical; call outside a transaction (see the module docstring).

        Steps: FTS5 ``optimize`` (merge segments, so deleted terms leave the
        index), ``wal_checkpoint(TRUNCATE)``, ``VACUUM``, ``wal_checkpoint(TRUNCATE)``
        (VACUUM writes through the WAL). ``secure_delete`` is on for the
        connection, so freed cells and pages were zeroed as rows were deleted.

        Returns:
            The steps that ran; ``complete`` is False when another connection's
            reader kept a checkpoint or VACUUM from finishing (``…:busy``).

        Raises:
            StoreError: called inside a transaction, or SQLite failed otherwise.
        """
        with self._lock:
            conn = self._conn
            if conn.in_transaction:
                raise StoreError("compact() must run outside a transaction.")
            steps: list[str] = []
            conn.execute("INSERT INTO memories_fts (memories_fts) VALUES ('optimize')")
            steps.append("fts_optimize")
            file_backed = self.path != ":memory:"
            if file_backed:
                steps.append(self._checkpoint())
            try:
                conn.execute("VACUUM")
                steps.append("vacuum")
            except sqlite3.OperationalError as exc:
                # Reported on the receipt (complete=False), and the next forget or gc retries.
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise StoreError(f"VACUUM failed on {self.path}: {exc}.") from exc
                steps.append("vacuum:busy")
            if file_backed:
                steps.append(self._checkpoint())
            # A process-wide cache of stemmed words; erased words should not outlive the rows.
            keyword._stem.cache_clear()
            return Compaction(tuple(steps), not any(s.endswith(":busy") for s in steps))

    def _checkpoint(self) -> str:
        busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return "wal_checkpoint:busy" if busy else "wal_checkpoint"
