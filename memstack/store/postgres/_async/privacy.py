"""Erasure, export, retention and audit in the PostgreSQL store.

Each function handles one op of :mod:`memstack.models.contract` inside the
batch's transaction; selecting and removing what an erasure reaches is the
engine in :mod:`.erasure`.

**Physical erasure.** A DELETE in PostgreSQL leaves the old row versions in
the table and index files until they are overwritten. So, as on SQLite, the
plan runs a second batch holding only a :class:`~memstack.models.CompactOp`,
which the store runs outside any transaction (:func:`compact`): ``VACUUM
FULL`` rewrites every table that held the data (and its indexes and TOAST
table) into new files and removes the old ones, then ``CHECKPOINT`` flushes
the rewrite. The planner's statistics (``pg_statistic``) sample column values
and an ANALYZE of an emptied table keeps its old ones, so the columns that
hold text are never sampled (``SET STATISTICS 0`` in migration 0001): the
erasure test found a canary there before that.

``VACUUM FULL`` locks each table while it runs; if another session holds a
lock longer than the lock timeout, the step is reported
``…:busy`` and the receipt is marked incomplete (the next forget or gc
retries). Write-ahead log segments (and any base backups or replicas) keep
the old bytes until they are recycled: see ``docs/privacy.md``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import psycopg
from psycopg import sql

from ....errors import StoreError
from ....index import keyword
from ....models import (
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
from ..rows import COLS, ECOLS, event_row, record_of, tree
from .erasure import erase_selected, erase_tree, privacy_setup
from .tx import AsyncTx, Handlers

__all__ = ["COMPACTED", "HANDLERS", "compact", "owed"]

#: Tables an erasure may leave bytes in, rewritten by :func:`compact`.
COMPACTED = (
    "memories", "keywords", "postings", "kw_df", "kw_stats", "kw_tenant", "kw_tenant_df",
    "vectors", "events", "proposals", "extractions", "extraction_jobs", "policies",
)  # fmt: skip


async def _owe(tx: AsyncTx) -> None:
    """Record, in the erasing transaction, that compaction is owed until it completes."""
    await tx.execute(
        "INSERT INTO owed_compaction (id, since) VALUES (1, extract(epoch FROM now())) "
        "ON CONFLICT (id) DO NOTHING"
    )


async def _forget(tx: AsyncTx, op: ForgetOp) -> ErasureCounts:
    await privacy_setup(tx)
    await _owe(tx)
    receipt = op.event.id
    if op.ids or op.match is not None:
        counts = await erase_selected(
            tx, op.scope, True, receipt=receipt, reason=op.reason,
            ids=op.ids, match=op.match, lineage=True,
        )  # fmt: skip
    else:
        counts = await erase_tree(tx, op.scope, receipt=receipt, reason=op.reason)
    await tx.event(replace(op.event, detail={**op.event.detail, "counts": counts.to_dict()}))
    return counts


async def _gc(tx: AsyncTx, op: GcOp) -> ErasureCounts:
    await privacy_setup(tx)
    await _owe(tx)
    scopes = [
        s
        for (s,) in await tx.all(
            "SELECT DISTINCT scope FROM memories "
            "WHERE expires_at IS NOT NULL AND expires_at <= %s ORDER BY scope",
            (op.now.timestamp(),),
        )
    ]
    receipt = str(op.event.detail.get("receipt") or op.event.id)
    total = ErasureCounts()
    for scope in scopes:
        counts = await erase_selected(
            tx, scope, False, receipt=receipt, reason=op.reason, expired_at=op.now,
            lineage=False,
        )  # fmt: skip
        detail = {**op.event.detail, "counts": counts.to_dict()}
        await tx.event(replace(op.event, id=new_id(), scope=scope, detail=detail))
        total += counts
    return total


async def _compact(tx: AsyncTx, op: CompactOp) -> Compaction:
    # The store runs a batch of CompactOp outside any transaction (PostgresStore.batch);
    # here, inside one, VACUUM cannot run.
    raise StoreError(
        "CompactOp must be alone in its batch.", hint="Send it as its own batch([CompactOp()])."
    )


async def _export(tx: AsyncTx, op: ExportOp) -> Holdings:
    msql, params = tree("m.scope", op.scope)
    records = [
        record_of(r)
        for r in await tx.all(
            f"SELECT {COLS} FROM memories m WHERE {msql} ORDER BY m.recorded_at, m.id", params
        )
    ]
    proposals: list[Proposal] = await tx.run(ProposalListOp(scope=op.scope))
    extractions: list[Extraction] = await tx.run(ExtractionListOp(scope=op.scope))
    extractions.sort(key=lambda x: (x.created_at, x.id))
    policies: list[Policy] = [
        p
        for p in await tx.run(PolicyListOp())
        if p.scope_prefix == op.scope or p.scope_prefix.startswith(op.scope + "/")
    ]
    esql, eparams = tree("scope", op.scope)
    events = [
        event_row(r)
        for r in await tx.all(f"SELECT {ECOLS} FROM events WHERE {esql} ORDER BY at, seq", eparams)
    ]
    jobs: list[Job] = await tx.run(JobListOp(scope=op.scope))
    return Holdings(
        tuple(records), tuple(proposals), tuple(extractions), tuple(policies), tuple(events),
        tuple(jobs),
    )  # fmt: skip


async def _audit(tx: AsyncTx, op: AuditOp) -> list[Event]:
    where, params = tree("scope", op.scope)
    if op.since is not None:
        where += " AND at >= %s"
        params.append(op.since.timestamp())
    if op.actions:
        where += " AND action = ANY(%s)"
        params.append(list(op.actions))
    page = f" LIMIT {int(op.limit)}" if op.limit is not None else ""
    rows = await tx.all(
        f"SELECT {ECOLS} FROM events WHERE {where} ORDER BY at DESC, seq DESC{page}", params
    )
    return [event_row(r) for r in rows]


async def compact(conn: psycopg.AsyncConnection[Any], *, lock_timeout: str = "10s") -> Compaction:
    """Make committed deletions physical; ``conn`` must be in autocommit mode (see module doc).

    Errors never escape: the erasure has committed, so the caller must get its
    receipt; what did not finish stays owed (``owed_compaction``) and is
    finished when a store next opens the database.

    Returns:
        The steps that ran; ``complete`` is False, with ``owed`` saying why, when a
        table stayed locked by another session past ``lock_timeout``
        (``vacuum_full:<table>:busy``), the role may not run ``CHECKPOINT``
        (``checkpoint:denied``) or PostgreSQL failed (``compaction:failed``).
    """
    steps: list[str] = []
    problem: str | None = None
    try:
        await conn.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(lock_timeout)))
        busy = []
        for table in COMPACTED:
            try:
                # ANALYZE too: the planner's estimates follow the erasure. (Columns that
                # hold text never get statistics, see migration 0001: none is sampled.)
                await conn.execute(
                    sql.SQL("VACUUM (FULL, ANALYZE) {}").format(sql.Identifier(table))
                )
            except psycopg.errors.LockNotAvailable:
                busy.append(table)
        steps.append("vacuum_full")
        steps += [f"vacuum_full:{t}:busy" for t in busy]
        if busy:
            problem = f"other sessions held locks on {', '.join(busy)} past {lock_timeout}"
        try:
            await conn.execute("CHECKPOINT")
            steps.append("checkpoint")
        except psycopg.errors.InsufficientPrivilege:
            steps.append("checkpoint:denied")
            problem = problem or (
                "this role may not run CHECKPOINT (grant pg_checkpoint); rewritten files "
                "reach the disk at the server's next checkpoint"
            )
    except psycopg.Error as exc:
        steps.append("compaction:failed")
        problem = f"PostgreSQL failed while compacting: {exc}"
    keyword.clear_caches()
    try:
        if problem is None:
            await conn.execute("DELETE FROM owed_compaction")
        else:
            await conn.execute(
                "UPDATE owed_compaction SET attempts = attempts + 1, reason = %s", (problem,)
            )
    except psycopg.Error as exc:  # still owed: the next open retries
        problem = problem or f"could not record the compaction: {exc}"
    owed = None if problem is None else f"{problem}; finished when a store next opens"
    return Compaction(tuple(steps), problem is None, owed)


async def owed(conn: psycopg.AsyncConnection[Any]) -> bool:
    """True if an erasure's compaction is still owed (by this or any replica)."""
    cur = await conn.execute("SELECT 1 FROM owed_compaction")
    return await cur.fetchone() is not None


HANDLERS: Handlers = {
    ForgetOp: _forget,
    GcOp: _gc,
    CompactOp: _compact,
    ExportOp: _export,
    AuditOp: _audit,
}
