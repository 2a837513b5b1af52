"""Values and store ops of the extraction service: background jobs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeAlias

from .reports import TurnChange
from .review import Extraction
from .values import Proposal, _check_utc

# --- extraction ops -----------------------------------------------------------
# Values and store ops of the extraction service (memstack.extract): the queue of
# background extraction jobs, and what remember() returns. The extraction log
# itself (Extraction, ExtractionLogOp, ExtractionListOp) is in the review section.

JobState = Literal["pending", "running"]


@dataclass(frozen=True, slots=True)
class Job:
    """A queued extraction: a conversation waiting for a worker (``memstack worker``).

    The messages are kept only until the job is processed; then the row is
    deleted, whatever the outcome (the extraction log keeps what happened).

    Attributes:
        id: a :func:`new_id`.
        scope: where the conversation belongs.
        messages: the OpenAI-style messages, as given.
        created_at: when it was queued.
        session_time: when the conversation happened (its zone decides "yesterday").
        conversation: a conversation id for the proposals' source.
        state: ``pending`` or ``running`` (claimed by a worker until ``lease_until``).
        attempts: how many times a worker claimed it.
        not_before: not to be claimed before this time (a retry's back-off).
        lease_until: a running job whose worker vanished is claimable again after this.
        error: the last failure, for a job waiting to be retried.
    """

    id: str
    scope: str
    messages: tuple[dict[str, Any], ...]
    created_at: datetime
    session_time: datetime | None = None
    conversation: str | None = None
    state: JobState = "pending"
    attempts: int = 0
    not_before: datetime | None = None
    lease_until: datetime | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        for name in ("created_at", "session_time", "not_before", "lease_until"):
            _check_utc(name, getattr(self, name))

    def to_dict(self, *, messages: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; the messages only when asked for (they are personal data)."""

        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value is not None else None

        out: dict[str, Any] = {
            "id": self.id,
            "scope": self.scope,
            "state": self.state,
            "attempts": self.attempts,
            "turns": len(self.messages),
            "created_at": iso(self.created_at),
            "session_time": iso(self.session_time),
            "conversation": self.conversation,
            "not_before": iso(self.not_before),
            "lease_until": iso(self.lease_until),
            "error": self.error,
        }
        if messages:
            out["messages"] = list(self.messages)
        return out


@dataclass(frozen=True, slots=True)
class JobPutOp:
    """Queue a new job (``state`` pending; the id must be new)."""

    job: Job


@dataclass(frozen=True, slots=True)
class JobClaimOp:
    """Claim the oldest claimable job for one worker; returns the claimed :class:`Job` or ``None``.

    Claimable: ``pending`` with ``not_before`` at or before ``now``, or
    ``running`` with ``lease_until`` at or before ``now`` (its worker vanished).
    The claim sets ``running``, ``lease_until`` and ``attempts + 1`` in the
    batch's transaction, so two workers never claim the same job.
    """

    now: datetime
    lease_until: datetime


@dataclass(frozen=True, slots=True)
class JobReleaseOp:
    """Put a claimed job back to ``pending`` until ``not_before`` (a retry after a failure)."""

    id: str
    not_before: datetime
    error: str


@dataclass(frozen=True, slots=True)
class JobDoneOp:
    """Delete a job and its messages (processed, or given up on). Missing ids are ignored."""

    id: str


@dataclass(frozen=True, slots=True)
class JobListOp:
    """Queued jobs, oldest first, optionally under a scope (and its descendants)."""

    scope: str | None = None
    limit: int | None = None


ExtractOp: TypeAlias = JobPutOp | JobClaimOp | JobReleaseOp | JobDoneOp | JobListOp


class Remembered(list[Proposal]):
    """What :meth:`Memory.remember` returns: the proposals, plus how they came about.

    It is a ``list[Proposal]`` (iterate, index, ``len``), with three attributes:

    Attributes:
        extraction: the logged extraction run (usage, cost, note), or ``None``
            for a queued job.
        job: the queued :class:`Job` when ``background=True``, else ``None``.
        changes: one :class:`TurnChange` per message not read whole (longer than a
            memory may be: read in ``parts``), so nothing is changed silently.
    """

    extraction: Extraction | None
    job: Job | None
    changes: tuple[TurnChange, ...]

    def __init__(
        self,
        proposals: Sequence[Proposal] = (),
        *,
        extraction: Extraction | None = None,
        job: Job | None = None,
        changes: Iterable[TurnChange] = (),
    ) -> None:
        super().__init__(proposals)
        self.extraction = extraction
        self.job = job
        self.changes = tuple(changes)

    def __repr__(self) -> str:
        about = (
            f"extraction={self.extraction.id}"
            if self.extraction
            else f"job={self.job.id if self.job else None}"
        )
        return f"Remembered({list.__repr__(self)}, {about})"


__all__ = [
    "ExtractOp",
    "Job",
    "JobClaimOp",
    "JobDoneOp",
    "JobListOp",
    "JobPutOp",
    "JobReleaseOp",
    "JobState",
    "Remembered",
]
# --- end extraction ops ---
