"""Proposals, review events and extraction logs in the PostgreSQL store.

Each function handles one op of :mod:`memstack.models.contract` inside the
batch's transaction.

A transition is a compare-and-set inside that transaction: the row is read
``FOR UPDATE`` (a second reviewer, on any replica, waits for the first to
commit and then reads the new state), checked with
:meth:`ProposalTransitionOp.refusal` (the same check the other stores run)
and updated, so two reviewers racing on one proposal cannot both win, and an
approval's record ops roll back with a lost race. Review events name their
proposal in ``detail.proposal``, which an expression index on ``events`` serves.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from ....errors import Conflict, NotFound, UsageError
from ....models import (
    ANY_SCOPE,
    Event,
    Extraction,
    ExtractionListOp,
    ExtractionLogOp,
    Policy,
    PolicyListOp,
    PolicySetOp,
    Proposal,
    ProposalEventsOp,
    ProposalGetOp,
    ProposalListOp,
    ProposalPutOp,
    ProposalTransitionOp,
    Source,
    finding_from_dict,
    finding_to_dict,
)
from ..rows import ECOLS, event_row, load_metadata, tree
from .tx import AsyncTx, Handlers

__all__ = ["HANDLERS"]

_PCOLS = (
    "id, scope, op, kind, text, content_hash, state, target, topic, source, rationale, excerpt, "
    "findings, created_at, expires_at, reviewed_at, reviewer, reason, result_id, metadata, "
    "valid_from, pinned, importance, memory_expires_at"
)
_XCOLS = (
    "id, scope, status, reason, raw, model, input_tokens, output_tokens, cost_usd, created_at, "
    "proposals"
)


def _ts(value: datetime | None) -> float | None:
    return None if value is None else value.timestamp()


def _dt(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _proposal(r: Sequence[Any]) -> Proposal:
    return Proposal(
        id=r[0], scope=r[1], op=r[2], kind=r[3], text=r[4], content_hash=r[5], state=r[6],
        target=r[7], topic=r[8], source=Source.from_dict(json.loads(r[9])), rationale=r[10],
        excerpt=r[11], findings=tuple(finding_from_dict(f) for f in json.loads(r[12])),
        created_at=_dt(r[13]), expires_at=_dt(r[14]), reviewed_at=_dt(r[15]),  # type: ignore[arg-type]
        reviewer=r[16], reason=r[17], result_id=r[18],
        metadata=None if r[19] is None else load_metadata(r[19]), valid_from=_dt(r[20]),
        pinned=None if r[21] is None else bool(r[21]), importance=r[22],
        memory_expires_at=_dt(r[23]),
    )  # fmt: skip


def _extraction(r: Sequence[Any]) -> Extraction:
    return Extraction(
        id=r[0], scope=r[1], status=r[2], reason=r[3], raw=r[4], model=r[5], input_tokens=r[6],
        output_tokens=r[7], cost_usd=r[8], created_at=_dt(r[9]),  # type: ignore[arg-type]
        proposals=tuple(r[10]),
    )  # fmt: skip


def _scope_clause(scope: str | None, params: list[Any]) -> list[str]:
    if scope is None:
        return []
    sql, more = tree("scope", scope)
    params += more
    return [sql]


async def _get_proposal(tx: AsyncTx, pid: str, *, lock: bool = False) -> Proposal | None:
    lock_sql = " FOR UPDATE" if lock else ""
    row = await tx.one(f"SELECT {_PCOLS} FROM proposals WHERE id = %s{lock_sql}", (pid,))
    return None if row is None else _proposal(row)


async def _proposal_put(tx: AsyncTx, op: ProposalPutOp) -> Proposal | None:
    p = op.proposal
    row = await tx.one(
        f"INSERT INTO proposals ({_PCOLS}) VALUES ({', '.join(['%s'] * 24)}) "
        "ON CONFLICT (id) DO NOTHING RETURNING id",
        (
            p.id, p.scope, p.op, p.kind, p.text, p.content_hash, p.state, p.target, p.topic,
            _json(p.source.to_dict()), p.rationale, p.excerpt,
            _json([finding_to_dict(f) for f in p.findings]), _ts(p.created_at),
            _ts(p.expires_at), _ts(p.reviewed_at), p.reviewer, p.reason, p.result_id,
            None if p.metadata is None else Jsonb(p.metadata), _ts(p.valid_from),
            p.pinned, p.importance, _ts(p.memory_expires_at),
        ),
    )  # fmt: skip
    if row is None:
        # The id is taken (ON CONFLICT waited for any transaction inserting it to end).
        stored = await _get_proposal(tx, p.id)
        if not op.idempotent or stored is None:
            raise UsageError(f"A proposal with id {p.id!r} already exists.")
        return op.retried(stored)
    await tx.event(op.event)
    return None


async def _proposal_get(tx: AsyncTx, op: ProposalGetOp) -> Proposal | None:
    return await _get_proposal(tx, op.id)


async def _proposal_list(tx: AsyncTx, op: ProposalListOp) -> list[Proposal]:
    params: list[Any] = []
    clauses = _scope_clause(op.scope, params)
    if op.states:
        clauses.append("state = ANY(%s)")
        params.append(list(op.states))
    if op.due_at is not None:
        clauses.append("expires_at IS NOT NULL AND expires_at <= %s")
        params.append(op.due_at.timestamp())
    if op.content_hash is not None:
        clauses.append("content_hash = %s")
        params.append(op.content_hash)
    if op.target is not None:
        clauses.append("target = %s")
        params.append(op.target)
    sql = f"SELECT {_PCOLS} FROM proposals"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY created_at, id"
    if op.limit is not None:
        sql += f" LIMIT {int(op.limit)}"
    return [_proposal(r) for r in await tx.all(sql, params)]


async def _proposal_transition(tx: AsyncTx, op: ProposalTransitionOp) -> Proposal | None:
    current = await _get_proposal(tx, op.id, lock=True)
    if current is None:
        raise NotFound(f"No proposal with id {op.id!r}.")
    refusal = op.refusal(current)
    if refusal is not None:
        if op.strict:
            raise Conflict(refusal)
        return None
    await tx.execute(
        "UPDATE proposals SET state = %s, reviewed_at = %s, reviewer = %s, reason = %s, "
        "result_id = %s WHERE id = %s",
        (op.state, _ts(op.at), op.reviewer, op.reason, op.result_id, op.id),
    )
    await tx.event(op.event)
    return op.applied(current)


async def _proposal_events(tx: AsyncTx, op: ProposalEventsOp) -> list[Event]:
    rows = await tx.all(
        f"SELECT {ECOLS} FROM events WHERE detail ->> 'proposal' = %s ORDER BY at, seq",
        (op.id,),
    )
    return [event_row(r) for r in rows]


async def _policy_set(tx: AsyncTx, op: PolicySetOp) -> None:
    kind = op.kind or "*"
    if op.mode is None:
        await tx.execute(
            "DELETE FROM policies WHERE scope_prefix = %s AND kind = %s", (op.scope_prefix, kind)
        )
    else:
        await tx.execute(
            "INSERT INTO policies (scope_prefix, kind, mode, updated_at, author) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (scope_prefix, kind) DO UPDATE SET "
            "mode = excluded.mode, updated_at = excluded.updated_at, author = excluded.author",
            (op.scope_prefix, kind, op.mode, op.at.timestamp(), op.author),
        )
    await tx.event(op.event)


async def _policy_list(tx: AsyncTx, op: PolicyListOp) -> list[Policy]:
    rows = await tx.all(
        "SELECT scope_prefix, kind, mode, updated_at, author FROM policies "
        "ORDER BY scope_prefix = %s DESC, scope_prefix, kind = '*' DESC, kind",
        (ANY_SCOPE,),
    )
    return [
        Policy(r[0], None if r[1] == "*" else r[1], r[2], _dt(r[3]), r[4])  # type: ignore[arg-type]
        for r in rows
    ]


async def _extraction_log(tx: AsyncTx, op: ExtractionLogOp) -> None:
    x = op.extraction
    try:
        await tx.execute(
            f"INSERT INTO extractions ({_XCOLS}) VALUES ({', '.join(['%s'] * 11)})",
            (
                x.id, x.scope, x.status, x.reason, x.raw, x.model, x.input_tokens,
                x.output_tokens, x.cost_usd, _ts(x.created_at), _json(list(x.proposals)),
            ),
        )  # fmt: skip
    except psycopg.errors.UniqueViolation as exc:
        raise UsageError(f"An extraction with id {x.id!r} already exists.") from exc


async def _extraction_list(tx: AsyncTx, op: ExtractionListOp) -> list[Extraction]:
    params: list[Any] = []
    clauses = _scope_clause(op.scope, params)
    if op.status is not None:
        clauses.append("status = %s")
        params.append(op.status)
    sql = f"SELECT {_XCOLS} FROM extractions"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY created_at DESC, id DESC"
    if op.limit is not None:
        sql += f" LIMIT {int(op.limit)}"
    return [_extraction(r) for r in await tx.all(sql, params)]


HANDLERS: Handlers = {
    ProposalPutOp: _proposal_put,
    ProposalGetOp: _proposal_get,
    ProposalListOp: _proposal_list,
    ProposalTransitionOp: _proposal_transition,
    ProposalEventsOp: _proposal_events,
    PolicySetOp: _policy_set,
    PolicyListOp: _policy_list,
    ExtractionLogOp: _extraction_log,
    ExtractionListOp: _extraction_list,
}
