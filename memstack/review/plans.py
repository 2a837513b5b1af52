"""The review service's plans: list, approve, reject, expire, policies (and propose, re-exported).

Each function takes the :class:`~memstack.plan.Planner` (clock, embedder id,
default author) and returns a plan that ``Memory`` drives with blocking calls
and ``AsyncMemory`` with awaits, so every decision exists once. Proposing is
:mod:`memstack.review.propose`; the events every step writes are built in
:mod:`memstack.review.events`.

Why the steps are ordered the way they are:

* Approval re-reads the proposal, then writes the state change with a
  compare-and-set on state and content hash in the same transaction as the
  record: if the proposal was decided, expired or changed after the reviewer
  saw it, the store raises ``Conflict`` and nothing is written.
* An edited approval is screened again, like a new proposal.
* Expiry is lazy: a pending proposal past ``expires_at`` becomes ``expired``
  (with an event) the first time it is read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import Conflict, NotFound, UsageError
from ..models import (
    SEVERITIES,
    Event,
    Finding,
    Op,
    Policy,
    PolicyListOp,
    PolicySetOp,
    Proposal,
    ProposalEventsOp,
    ProposalGetOp,
    ProposalListOp,
    ProposalState,
    ProposalTransitionOp,
    Scope,
)
from ..models import content_hash as hash_of
from ..plan import Batch, Plan, Planner, check_kind, check_text
from ..plan.switch import require_writes, writes_on
from ..plan.validate import inside
from .apply import approval_ops
from .events import AUTO, DENY, EXPIRY, decision_event, finding_summary
from .policy import parse_kind, parse_mode, parse_prefix
from .propose import DEFAULT_TTL, propose
from .screening import screen_proposal
from .state import check_transition, parse_state

__all__ = [
    "AUTO",
    "DEFAULT_TTL",
    "DENY",
    "EXPIRY",
    "approve",
    "expire_due",
    "get",
    "history",
    "list_proposals",
    "policies",
    "propose",
    "reject",
    "set_policy",
]

def _reviewer(planner: Planner, reviewer: str | None) -> str:
    name = planner.author if reviewer is None else reviewer
    if not isinstance(name, str) or not name.strip():
        raise UsageError("A reviewer must be a non-empty name.")
    if name.startswith("policy:"):
        raise UsageError(
            f"Reviewer names starting with 'policy:' are reserved for policies, got {name!r}."
        )
    return name


# -- reads and expiry -------------------------------------------------------------------


def _expire_ops(planner: Planner, due: list[Proposal], now: datetime) -> list[Op]:
    ops: list[Op] = []
    for p in due:
        deadline = p.expires_at.isoformat(timespec="seconds") if p.expires_at else "its expiry"
        reason = f"not reviewed before {deadline}"
        ev = decision_event(planner, p, "proposal.expired", EXPIRY, reason=reason)
        ops.append(
            ProposalTransitionOp(p.id, "expired", now, EXPIRY, ev, reason=reason, strict=False)
        )
    return ops


def expire_due(planner: Planner, scope: str | None = None) -> Plan[int]:
    """Expire every pending proposal past its ``expires_at`` (under ``scope`` if given).

    Returns:
        How many proposals expired now.
    """
    now = planner.clock()
    op = ProposalListOp(scope=scope, states=("pending",), due_at=now)
    due: list[Proposal] = (yield Batch([op]))[0]
    if not due:
        return 0
    done = yield Batch(_expire_ops(planner, due, now))
    return sum(1 for r in done if r is not None)


def get(planner: Planner, pid: str, *, within: str | None = None) -> Plan[Proposal]:
    """One proposal by id, expired first if it is past due.

    Outside ``within`` a proposal is as missing as an unknown id.
    """
    if not isinstance(pid, str) or not pid:
        raise UsageError(f"A proposal id must be a non-empty string, got {pid!r}.")
    p: Proposal | None = (yield Batch([ProposalGetOp(pid)]))[0]
    if p is None or not inside(p.scope, within):
        raise NotFound(f"No proposal with id {pid!r}.", hint="List them with 'memstack proposals'.")
    now = planner.clock()
    if p.state == "pending" and p.expires_at is not None and p.expires_at <= now:
        expired = (yield Batch(_expire_ops(planner, [p], now)))[0]
        if expired is None:  # decided by someone else in the meantime
            expired = (yield Batch([ProposalGetOp(pid)]))[0]
        p = expired
    assert p is not None
    return p


def list_proposals(
    planner: Planner,
    scope: Scope | str | None = None,
    *,
    state: str | None = "pending",
    limit: int | None = None,
    kind: str | None = None,
    proposer: str | None = None,
    severity: str | None = None,
) -> Plan[list[Proposal]]:
    """Proposals under ``scope`` (and below) in ``state`` (``None``: all), oldest first.

    ``kind``, ``proposer`` (``source.author``) and ``severity`` (a finding at that
    severity or above; ``"none"``: no finding at all) narrow the list.
    """
    path = Scope.parse(scope).path if scope is not None else None
    states: tuple[ProposalState, ...] = () if state in (None, "all") else (parse_state(str(state)),)
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise UsageError(f"limit must be a non-negative integer, got {limit!r}.")
    if kind is not None:
        check_kind(kind)
    if severity is not None and severity != "none" and severity not in SEVERITIES:
        raise UsageError(
            f"Unknown severity {severity!r}; use one of: none, {', '.join(SEVERITIES)}."
        )
    filtered = kind is not None or proposer is not None or severity is not None
    yield from expire_due(planner, path)
    op = ProposalListOp(scope=path, states=states, limit=None if filtered else limit)
    found: list[Proposal] = (yield Batch([op]))[0]
    if not filtered:
        return found
    found = [p for p in found if _matches(p, kind, proposer, severity)]
    return found if limit is None else found[:limit]


def _matches(p: Proposal, kind: str | None, proposer: str | None, severity: str | None) -> bool:
    if kind is not None and p.kind != kind:
        return False
    if proposer is not None and p.source.author != proposer:
        return False
    if severity == "none":
        return not p.findings
    if severity is not None:
        floor = SEVERITIES.index(severity)
        return any(SEVERITIES.index(f.severity) >= floor for f in p.findings)
    return True


def history(planner: Planner, pid: str, *, within: str | None = None) -> Plan[list[Event]]:
    """Every event of a proposal (created, decisions, and the record change), oldest first."""
    yield from get(planner, pid, within=within)
    events: list[Event] = (yield Batch([ProposalEventsOp(pid)]))[0]
    return events


# -- decisions --------------------------------------------------------------------------


def approve(
    planner: Planner,
    pid: str,
    *,
    reviewer: str | None = None,
    text: str | None = None,
    content_hash: str | None = None,
    within: str | None = None,
) -> Plan[Proposal]:
    """Approve a pending proposal (optionally with edited text) and apply it atomically.

    See :meth:`memstack.Memory.approve`.
    """
    who = _reviewer(planner, reviewer)
    if content_hash is not None and not isinstance(content_hash, str):
        raise UsageError(f"content_hash must be a string like 'sha256:…', got {content_hash!r}.")
    p = yield from get(planner, pid, within=within)
    check_transition(p, "approved")
    # An approved add is new memory, refused while writes are off (checked again in the
    # write transaction); changes and removals of existing memories apply, as update does.
    guard = [writes_on([p.scope])] if p.op == "add" else []
    if guard:
        yield from require_writes(planner, [p.scope])
    if content_hash is not None and content_hash != p.content_hash:
        raise Conflict(
            f"Proposal {p.id} changed after it was shown: you saw {content_hash}, "
            f"it is now {p.content_hash}.",
            hint="Show it again ('memstack proposals') and approve what you see.",
        )
    edited = text is not None and text != p.text
    final = p.text
    findings: tuple[Finding, ...] = ()
    if edited:
        if p.op == "delete":
            raise UsageError("A delete proposal cannot be edited; approve or reject it.")
        final = check_text(text)
        findings = screen_proposal(final, kind=p.kind)  # an edit is screened again
    now = planner.clock()
    applied = yield from approval_ops(planner, p, final, who, now)
    detail: dict[str, Any] = {"edited": edited}
    if edited:
        detail["findings"] = finding_summary(findings)
    ev = decision_event(
        planner, p, "proposal.approved", who, result=applied.result_id, detail=detail,
        before=p.text if edited else None, after=final if edited else None,
        after_hash=hash_of(final),
    )  # fmt: skip
    cas = ProposalTransitionOp(
        p.id, "approved", now, who, ev, result_id=applied.result_id,
        expect_hash=content_hash or p.content_hash,
    )  # fmt: skip
    result: Proposal = (yield Batch([*guard, cas, *applied.ops]))[len(guard)]
    return result


def reject(
    planner: Planner,
    pid: str,
    *,
    reviewer: str | None = None,
    reason: str,
    within: str | None = None,
) -> Plan[Proposal]:
    """Reject a pending proposal with a reason. See :meth:`ReviewAPI.reject`."""
    who = _reviewer(planner, reviewer)
    if not isinstance(reason, str) or not reason.strip():
        raise UsageError("A rejection needs a reason.", hint="Say why, e.g. reason='not true'.")
    p = yield from get(planner, pid, within=within)
    check_transition(p, "rejected")
    now = planner.clock()
    ev = decision_event(planner, p, "proposal.rejected", who, reason=reason)
    op = ProposalTransitionOp(p.id, "rejected", now, who, ev, reason=reason)
    result: Proposal = (yield Batch([op]))[0]
    return result


# -- policies ---------------------------------------------------------------------------


def set_policy(
    planner: Planner, scope_prefix: str, kind: str | None, mode: str, *, author: str | None = None
) -> Plan[Policy | None]:
    """Set (or with ``mode="inherit"`` remove) the policy for a scope prefix and kind."""
    prefix = parse_prefix(scope_prefix)
    k = parse_kind(kind)
    m = None if mode == "inherit" else parse_mode(mode)
    if k == "rule" and m in ("auto", "deny"):
        raise UsageError(
            f"Rules are always reviewed by a person; "
            f"a {m!r} policy for kind 'rule' would never apply.",
            hint="Set the policy for another kind, or for every kind (rules still go to a person).",
        )
    who = author or planner.author
    now = planner.clock()
    ev = planner.event(
        "policy.set" if m is not None else "policy.removed", prefix, actor=who,
        detail={"scope_prefix": prefix, "kind": k, "mode": m},
    )  # fmt: skip
    yield Batch([PolicySetOp(prefix, k, m, now, ev, who)])
    return Policy(prefix, k, m, now, who) if m is not None else None


def policies(planner: Planner) -> Plan[list[Policy]]:
    """Every stored policy, by scope prefix then kind."""
    rows: list[Policy] = (yield Batch([PolicyListOp()]))[0]
    return rows
