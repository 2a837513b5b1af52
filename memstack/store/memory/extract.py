"""The background extraction queue in the in-memory store.

Each function handles one op of :mod:`memstack.models.contract` with the same
semantics and ordering as the SQLite handlers; every write registers an undo step.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...errors import UsageError
from ...models import Job, JobClaimOp, JobDoneOp, JobListOp, JobPutOp, JobReleaseOp
from .tx import Handlers, Undo

if TYPE_CHECKING:
    from .store import InMemoryStore

__all__ = ["HANDLERS"]


def _job_set(st: InMemoryStore, job: Job, undo: Undo) -> None:
    jobs, old = st.jobs, st.jobs.get(job.id)
    jobs[job.id] = job

    def restore() -> None:
        if old is None:
            del jobs[job.id]
        else:
            jobs[job.id] = old

    undo.append(restore)


def _job_put(st: InMemoryStore, op: JobPutOp, undo: Undo) -> None:
    if op.job.id in st.jobs:
        raise UsageError(f"A job with id {op.job.id!r} already exists.")
    _job_set(st, replace(op.job, not_before=op.job.not_before or op.job.created_at), undo)


def _job_claim(st: InMemoryStore, op: JobClaimOp, undo: Undo) -> Job | None:
    def claimable(j: Job) -> bool:
        if j.state == "pending":
            return j.not_before is None or j.not_before <= op.now
        return j.lease_until is not None and j.lease_until <= op.now

    ready = sorted(
        (j for j in st.jobs.values() if claimable(j)),
        key=lambda j: (j.not_before or j.created_at, j.created_at, j.id),
    )
    if not ready:
        return None
    job = replace(
        ready[0], state="running", attempts=ready[0].attempts + 1, lease_until=op.lease_until
    )
    _job_set(st, job, undo)
    return job


def _job_release(st: InMemoryStore, op: JobReleaseOp, undo: Undo) -> None:
    job = st.jobs.get(op.id)
    if job is not None:
        _job_set(
            st,
            replace(
                job, state="pending", not_before=op.not_before, lease_until=None, error=op.error
            ),
            undo,
        )


def _job_done(st: InMemoryStore, op: JobDoneOp, undo: Undo) -> None:
    jobs = st.jobs
    job = jobs.pop(op.id, None)
    if job is not None:
        undo.append(lambda: jobs.__setitem__(op.id, job))


def _job_list(st: InMemoryStore, op: JobListOp, undo: Undo) -> list[Job]:
    found = [
        j
        for j in st.jobs.values()
        if op.scope is None or j.scope == op.scope or j.scope.startswith(op.scope + "/")
    ]
    found.sort(key=lambda j: (j.created_at, j.id))
    return found if op.limit is None else found[: op.limit]


HANDLERS: Handlers = {
    JobPutOp: _job_put,
    JobClaimOp: _job_claim,
    JobReleaseOp: _job_release,
    JobDoneOp: _job_done,
    JobListOp: _job_list,
}
