"""The background extraction queue in the in-memory store.

Mixin for :class:`memstack.store.memory.InMemoryStore`: each ``_op_<OpName>(self, op, undo)``
method handles one op type from :mod:`memstack.models`; ``batch`` dispatches to
it inside the store's lock. Same semantics and ordering as the SQLite mixin;
every write registers an undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..errors import UsageError
from ..models import Job, JobClaimOp, JobDoneOp, JobListOp, JobPutOp, JobReleaseOp

__all__ = ["MemoryExtractOps"]

Undo = list[Callable[[], None]]


class MemoryExtractOps:
    """Extraction-queue ops for the in-memory store."""

    @property
    def _jobs(self) -> dict[str, Job]:
        # Created on first use: the host store's constructor knows nothing of extraction.
        jobs: dict[str, Job] | None = self.__dict__.get("_extraction_jobs")
        if jobs is None:
            jobs = self.__dict__["_extraction_jobs"] = {}
        return jobs

    def _job_set(self, job: Job, undo: Undo) -> None:
        jobs, old = self._jobs, self._jobs.get(job.id)
        jobs[job.id] = job

        def restore() -> None:
            if old is None:
                del jobs[job.id]
            else:
                jobs[job.id] = old

        undo.append(restore)

    def _op_JobPutOp(self, op: JobPutOp, undo: Undo) -> None:
        if op.job.id in self._jobs:
            raise UsageError(f"A job with id {op.job.id!r} already exists.")
        self._job_set(replace(op.job, not_before=op.job.not_before or op.job.created_at), undo)

    def _op_JobClaimOp(self, op: JobClaimOp, undo: Undo) -> Job | None:
        def claimable(j: Job) -> bool:
            if j.state == "pending":
                return j.not_before is None or j.not_before <= op.now
            return j.lease_until is not None and j.lease_until <= op.now

        ready = sorted(
            (j for j in self._jobs.values() if claimable(j)),
            key=lambda j: (j.not_before or j.created_at, j.created_at, j.id),
        )
        if not ready:
            return None
        job = replace(
            ready[0], state="running", attempts=ready[0].attempts + 1, lease_until=op.lease_until
        )
        self._job_set(job, undo)
        return job

    def _op_JobReleaseOp(self, op: JobReleaseOp, undo: Undo) -> None:
        job = self._jobs.get(op.id)
        if job is not None:
            self._job_set(
                replace(
                    job, state="pending", not_before=op.not_before, lease_until=None, error=op.error
                ),
                undo,
            )

    def _op_JobDoneOp(self, op: JobDoneOp, undo: Undo) -> None:
        jobs = self._jobs
        job = jobs.pop(op.id, None)
        if job is not None:
            undo.append(lambda: jobs.__setitem__(op.id, job))

    def _op_JobListOp(self, op: JobListOp, undo: Undo) -> list[Job]:
        found = [
            j
            for j in self._jobs.values()
            if op.scope is None or j.scope == op.scope or j.scope.startswith(op.scope + "/")
        ]
        found.sort(key=lambda j: (j.created_at, j.id))
        return found if op.limit is None else found[: op.limit]
