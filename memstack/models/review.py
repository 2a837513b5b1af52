"""Values and store ops of the review service: proposals, policies, the extraction log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeAlias

from .values import (
    Event,
    Finding,
    Kind,
    Proposal,
    ProposalOp,
    ProposalState,
    _check_utc,
)

# --- review ops ---------------------------------------------------------------
# Values and store ops of the review service (memstack.review): proposals, their
# state machine, review policies and the extraction log. Kept in one delimited
# section so the review service owns it.

PolicyMode = Literal["human", "auto", "deny"]
POLICY_MODES: tuple[PolicyMode, ...] = ("human", "auto", "deny")
PROPOSAL_STATES: tuple[ProposalState, ...] = ("pending", "approved", "rejected", "expired")
PROPOSAL_OPS: tuple[ProposalOp, ...] = ("add", "update", "supersede", "delete")

#: The proposal state machine: the states each state may move to. Every
#: backend checks a transition against this table inside its transaction.
PROPOSAL_TRANSITIONS: dict[ProposalState, frozenset[ProposalState]] = {
    "pending": frozenset({"approved", "rejected", "expired"}),
    "approved": frozenset(),
    "rejected": frozenset(),
    "expired": frozenset(),
}

#: The ``scope_prefix`` of a policy that applies to every scope.
ANY_SCOPE = "*"


@dataclass(frozen=True, slots=True)
class Policy:
    """How proposals under a scope prefix (and optionally of one kind) are reviewed.

    Attributes:
        scope_prefix: a scope path whose scope and descendants the policy covers,
            or ``"*"`` for every scope.
        kind: the kind it covers, or ``None`` for every kind.
        mode: ``human`` (wait for a person), ``auto`` (apply when screening finds
            nothing above low severity) or ``deny`` (reject at once).
        updated_at: when it was set.
        author: who set it.
    """

    scope_prefix: str
    kind: Kind | None
    mode: PolicyMode
    updated_at: datetime
    author: str | None = None

    def __post_init__(self) -> None:
        _check_utc("updated_at", self.updated_at)


@dataclass(frozen=True, slots=True)
class Extraction:
    """One run of the extractor over a conversation: what the model said and cost.

    Attributes:
        id: a :func:`new_id`.
        scope: the scope the conversation belongs to.
        status: ``ok`` or ``failed``.
        created_at: when the run finished.
        reason: why it failed (or a note), if any.
        raw: the model's raw answer, for debugging a failed parse.
        model: the model id.
        input_tokens, output_tokens, cost_usd: usage and cost, when known.
        proposals: ids of the proposals it produced.
    """

    id: str
    scope: str
    status: Literal["ok", "failed"]
    created_at: datetime
    reason: str | None = None
    raw: str | None = None
    model: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    cost_usd: float | None = None
    proposals: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_utc("created_at", self.created_at)


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """A JSON-ready dict of a finding (the form stored in ``proposals.findings``)."""
    return {
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "start": f.start,
        "end": f.end,
    }


def finding_from_dict(data: dict[str, Any]) -> Finding:
    """Inverse of :func:`finding_to_dict`."""
    return Finding(
        category=str(data["category"]),
        severity=data["severity"],
        message=str(data["message"]),
        start=int(data.get("start", 0)),
        end=int(data.get("end", 0)),
    )


def proposal_to_dict(p: Proposal) -> dict[str, Any]:
    """A JSON-ready dict of a proposal (ISO 8601 times)."""

    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "id": p.id,
        "scope": p.scope,
        "op": p.op,
        "kind": p.kind,
        "text": p.text,
        "content_hash": p.content_hash,
        "state": p.state,
        "target": p.target,
        "topic": p.topic,
        "source": p.source.to_dict(),
        "rationale": p.rationale,
        "excerpt": p.excerpt,
        "findings": [finding_to_dict(f) for f in p.findings],
        "created_at": iso(p.created_at),
        "expires_at": iso(p.expires_at),
        "reviewed_at": iso(p.reviewed_at),
        "reviewer": p.reviewer,
        "reason": p.reason,
        "result_id": p.result_id,
    }


@dataclass(frozen=True, slots=True)
class ProposalPutOp:
    """Insert a new proposal with its ``proposal.created`` event (the id must be new).

    Returns ``None``. With ``idempotent=True`` (the id derived from a caller's
    idempotency key), an id that already holds a proposal of the same scope,
    op, kind, target and content is a retry: nothing is written and the stored
    proposal (in whatever state it is now) is returned; any other proposal
    under that id raises ``Conflict``.
    """

    proposal: Proposal
    event: Event
    idempotent: bool = False

    def retried(self, stored: Proposal) -> Proposal:
        """The stored proposal if this put is its retry, else ``Conflict``."""
        from ..errors import Conflict

        if not self.idempotent:
            raise Conflict(f"A proposal with id {stored.id!r} already exists.")
        p = self.proposal
        return retried_proposal(
            stored, scope=p.scope, op=p.op, kind=p.kind, target=p.target,
            content_hash=p.content_hash,
        )  # fmt: skip


def retried_proposal(
    stored: Proposal,
    *,
    scope: str,
    op: str,
    kind: str,
    target: str | None,
    content_hash: str,
) -> Proposal:
    """``stored`` if a keyed proposal of this content is its retry, else ``Conflict``."""
    from ..errors import Conflict

    if (stored.scope, stored.op, stored.kind, stored.target, stored.content_hash) != (
        scope, op, kind, target, content_hash,
    ):  # fmt: skip
        raise Conflict(
            f"The idempotency key of this proposal was already used for proposal "
            f"{stored.id} with other content.",
            hint="Use a new idempotency key for a different change.",
        )
    return stored


@dataclass(frozen=True, slots=True)
class ProposalGetOp:
    """Fetch one proposal by id (``None`` if missing)."""

    id: str


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of one item of a bulk review (:meth:`memstack.Memory.decide`).

    Attributes:
        id: the proposal id.
        proposal: the decided proposal, or ``None`` if this item failed.
        error: why it failed (a :class:`~memstack.errors.MemstackError`), else ``None``.
    """

    id: str
    proposal: Proposal | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        """True if the proposal was decided."""
        return self.error is None


SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")


@dataclass(frozen=True, slots=True)
class ProposalListOp:
    """Proposals matching every given condition, oldest first (``created_at``, then id).

    Attributes:
        scope: this scope and its descendants (segment-wise); ``None``: every scope.
        states: only these states (empty: all).
        due_at: only those whose ``expires_at`` is at or before this time.
        content_hash: only proposals of exactly this text.
        target: only proposals aimed at this memory id.
        limit: at most this many.
    """

    scope: str | None = None
    states: tuple[ProposalState, ...] = ()
    due_at: datetime | None = None
    content_hash: str | None = None
    target: str | None = None
    limit: int | None = None

    def matches(self, p: Proposal) -> bool:
        """The conditions applied to one proposal (reference semantics for every backend)."""
        if self.scope is not None and not (
            p.scope == self.scope or p.scope.startswith(self.scope + "/")
        ):
            return False
        if self.states and p.state not in self.states:
            return False
        if self.due_at is not None and (p.expires_at is None or p.expires_at > self.due_at):
            return False
        if self.content_hash is not None and p.content_hash != self.content_hash:
            return False
        return self.target is None or p.target == self.target


@dataclass(frozen=True, slots=True)
class ProposalTransitionOp:
    """Move a proposal along the state machine, compare-and-set style.

    The backend checks, inside the transaction, that the proposal is in
    ``expect_state`` and (if given) still has ``expect_hash``, and that
    ``expect_state -> state`` is in :data:`PROPOSAL_TRANSITIONS`. On success it
    writes the new state, review fields and ``event``, and returns the updated
    :class:`Proposal`. On a mismatch it raises ``Conflict`` (nothing is written),
    or with ``strict=False`` returns ``None`` and writes nothing (used by expiry,
    which must not fail a read because a reviewer was faster).
    """

    id: str
    state: ProposalState
    at: datetime
    reviewer: str
    event: Event
    reason: str | None = None
    result_id: str | None = None
    expect_state: ProposalState = "pending"
    expect_hash: str | None = None
    strict: bool = True

    def refusal(self, current: Proposal) -> str | None:
        """Why this transition may not run on ``current`` (``None``: it may).

        The same check in every backend, run inside the transaction.
        """
        if self.state not in PROPOSAL_TRANSITIONS[self.expect_state]:
            return f"A proposal cannot move from {self.expect_state} to {self.state}."
        if current.state != self.expect_state:
            by = f" by {current.reviewer}" if current.reviewer else ""
            return f"Proposal {current.id} is {current.state}{by}, not {self.expect_state}."
        if self.expect_hash is not None and current.content_hash != self.expect_hash:
            return (
                f"Proposal {current.id} changed after it was shown: its content hash is "
                f"{current.content_hash}, the reviewer saw {self.expect_hash}."
            )
        return None

    def applied(self, current: Proposal) -> Proposal:
        """``current`` after this transition."""
        from dataclasses import replace

        return replace(
            current,
            state=self.state,
            reviewed_at=self.at,
            reviewer=self.reviewer,
            reason=self.reason,
            result_id=self.result_id,
        )


@dataclass(frozen=True, slots=True)
class ProposalEventsOp:
    """Events of one proposal (``detail["proposal"] == id``), oldest first."""

    id: str


@dataclass(frozen=True, slots=True)
class PolicySetOp:
    """Set (``mode`` given) or remove (``mode=None``) the policy for ``(scope_prefix, kind)``."""

    scope_prefix: str
    kind: Kind | None
    mode: PolicyMode | None
    at: datetime
    event: Event
    author: str | None = None


@dataclass(frozen=True, slots=True)
class PolicyListOp:
    """Every stored policy, ordered by scope prefix, then kind (any-kind first)."""


@dataclass(frozen=True, slots=True)
class ExtractionLogOp:
    """Append one extraction run to the log."""

    extraction: Extraction


@dataclass(frozen=True, slots=True)
class ExtractionListOp:
    """Extraction runs, newest first, optionally for a scope (and descendants) or status."""

    scope: str | None = None
    status: Literal["ok", "failed"] | None = None
    limit: int | None = None


ReviewOp: TypeAlias = (
    ProposalPutOp
    | ProposalGetOp
    | ProposalListOp
    | ProposalTransitionOp
    | ProposalEventsOp
    | PolicySetOp
    | PolicyListOp
    | ExtractionLogOp
    | ExtractionListOp
)

__all__ = [
    "ANY_SCOPE",
    "SEVERITIES",
    "Decision",
    "Extraction",
    "ExtractionListOp",
    "ExtractionLogOp",
    "POLICY_MODES",
    "PROPOSAL_OPS",
    "PROPOSAL_STATES",
    "PROPOSAL_TRANSITIONS",
    "Policy",
    "PolicyListOp",
    "PolicyMode",
    "PolicySetOp",
    "ProposalEventsOp",
    "ProposalGetOp",
    "ProposalListOp",
    "ProposalPutOp",
    "ProposalTransitionOp",
    "ReviewOp",
    "finding_to_dict",
    "finding_from_dict",
    "proposal_to_dict",
    "retried_proposal",
]
# --- end review ops ---
