"""The background extraction queue in the PostgreSQL store (table ``extraction_jobs``).

Each function handles one op of :mod:`memstack.models.contract` inside the
batch's transaction.

A claim locks the job it picks (``FOR UPDATE SKIP LOCKED``): two workers, on
one replica or several, never claim the same job, and neither waits for the
other's job. A worker that dies leaves its job
``running``; once ``lease_until`` has passed, the job is claimable again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg

from ....errors import UsageError
from ....models import Job, JobClaimOp, JobDoneOp, JobListOp, JobPutOp, JobReleaseOp
from ..rows import tree
from .tx import AsyncTx, Handlers

__all__ = ["HANDLERS"]

_COLS = (
    "id, scope, messages, session_time, conversation, state, attempts, created_at, not_before, "
    "lease_until, error"
)


def _ts(value: datetime | None) -> float | None:
    return None if value is None else value.timestamp()


def _dt(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


def _job(r: Sequence[Any]) -> Job:
    return Job(
        id=r[0], scope=r[1], messages=tuple(json.loads(r[2])),
        session_time=datetime.fromisoformat(r[3]) if r[3] else None, conversation=r[4],
        state=r[5], attempts=r[6], created_at=_dt(r[7]), not_before=_dt(r[8]),  # type: ignore[arg-type]
        lease_until=_dt(r[9]), error=r[10],
    )  # fmt: skip


async def _job_put(tx: AsyncTx, op: JobPutOp) -> None:
    j = op.job
    try:
        await tx.execute(
            f"INSERT INTO extraction_jobs ({_COLS}) VALUES ({', '.join(['%s'] * 11)})",
            (
                j.id, j.scope, json.dumps(list(j.messages), ensure_ascii=False),
                j.session_time.isoformat() if j.session_time else None, j.conversation,
                j.state, j.attempts, _ts(j.created_at), _ts(j.not_before or j.created_at),
                _ts(j.lease_until), j.error,
            ),
        )  # fmt: skip
    except psycopg.errors.UniqueViolation as exc:
        raise UsageError(f"A job with id {j.id!r} already exists.") from exc


async def _job_claim(tx: AsyncTx, op: JobClaimOp) -> Job | None:
    now = op.now.timestamp()
    row = await tx.one(
        "SELECT id FROM extraction_jobs WHERE (state = 'pending' AND not_before <= %s) "
        "OR (state = 'running' AND lease_until <= %s) "
        "ORDER BY not_before, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
        (now, now),
    )
    if row is None:
        return None
    claimed = await tx.one(
        "UPDATE extraction_jobs SET state = 'running', attempts = attempts + 1, "
        f"lease_until = %s WHERE id = %s RETURNING {_COLS}",
        (op.lease_until.timestamp(), row[0]),
    )
    return _job(claimed)


async def _job_release(tx: AsyncTx, op: JobReleaseOp) -> None:
    await tx.execute(
        "UPDATE extraction_jobs SET state = 'pending', not_before = %s, lease_until = NULL, "
        "error = %s WHERE id = %s",
        (op.not_before.timestamp(), op.error, op.id),
    )


async def _job_done(tx: AsyncTx, op: JobDoneOp) -> None:
    await tx.execute("DELETE FROM extraction_jobs WHERE id = %s", (op.id,))


async def _job_list(tx: AsyncTx, op: JobListOp) -> list[Job]:
    sql = f"SELECT {_COLS} FROM extraction_jobs"
    params: list[Any] = []
    if op.scope is not None:
        tsql, params = tree("scope", op.scope)
        sql += f" WHERE {tsql}"
    sql += " ORDER BY created_at, id"
    if op.limit is not None:
        sql += f" LIMIT {int(op.limit)}"
    return [_job(r) for r in await tx.all(sql, params)]


HANDLERS: Handlers = {
    JobPutOp: _job_put,
    JobClaimOp: _job_claim,
    JobReleaseOp: _job_release,
    JobDoneOp: _job_done,
    JobListOp: _job_list,
}
