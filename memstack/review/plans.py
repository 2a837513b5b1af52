"""The review service's plans: propose, list, approve, reject, expire, policies.

Each function takes the :class:`~memstack.plan.Planner` (clock, embedder id,
default author) and returns a plan that ``Memory`` drives with blocking calls
and ``AsyncMemory`` with awaits, so every decision exists once.

Why the steps are ordered the way they are:

* Screening runs before anything is written. A secret is refused with nothing
  stored; an AI proposal that tried leaves a ``proposal.refused`` event that
  names the proposer and the kinds of finding, never the text or its hash.
* A new proposal, its ``proposal.created`` event and, when a policy decides at
  once, the decision (and for ``auto`` the record) land in one transaction.
* Approval re-reads the proposal, then writes the state change with a
  compare-and-set on state and content hash in the same transaction as the
  record: if the proposal was decided, expired or changed after the reviewer
  saw it, the store raises ``Conflict`` and nothing is written.
* Expiry is lazy: a pending proposal past ``expires_at`` becomes ``expired``
  (with an event) the first time it is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from ..errors import Conflict, NotFound, Refused, UsageError
from ..models import (
    PROPOSAL_OPS,
    SEVERITIES,
    Event,
    EventOp,
    Finding,
    GetOp,
    Kind,
    Op,
    Policy,
    PolicyListOp,
    PolicySetOp,
    Proposal,
    ProposalEventsOp,
    ProposalGetOp,
    ProposalListOp,
    ProposalOp,
    ProposalPutOp,
    ProposalState,
    ProposalTransitionOp,
    Record,
    Scope,
    Source,
    check_metadata,
    new_id,
    retried_proposal,
    utc,
)
from ..models import content_hash as hash_of
from ..plan import MAX_TEXT, Batch, Plan, Planner, check_key, check_kind, check_text, keyed_id
from ..plan.switch import require_writes, writes_on
from ..plan.validate import check_importance, inside
from .apply import approval_ops
from .policy import decide, parse_kind, parse_mode, parse_prefix
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

#: How long a proposal waits for review before it expires.
DEFAULT_TTL = timedelta(days=14)

#: Reviewer names of decisions taken by policy rather than a person.
AUTO, DENY, EXPIRY = "policy:auto", "policy:deny", "policy:expiry"


def _brief(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    # Category, severity and span only: event details never quote the text.
    return [
        {"category": f.category, "severity": f.severity, "start": f.start, "end": f.end}
        for f in findings
    ]


def _optional_text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"{name} must be a string, got {type(value).__name__}.")
    if len(value) > MAX_TEXT:
        raise UsageError(f"{name} is {len(value)} characters; the limit is {MAX_TEXT}.")
    return value or None


def _reviewer(planner: Planner, reviewer: str | None) -> str:
    name = planner.author if reviewer is None else reviewer
    if not isinstance(name, str) or not name.strip():
        raise UsageError("A reviewer must be a non-empty name.")
    if name.startswith("policy:"):
        raise UsageError(
            f"Reviewer names starting with 'policy:' are reserved for policies, got {name!r}."
        )
    return name


def _source(source: Source | Mapping[str, Any] | None) -> Source:
    if source is None:
        return Source(origin="ai")
    if isinstance(source, Mapping):
        return Source.from_dict(dict(source))
    if not isinstance(source, Source):
        raise UsageError(f"source must be a Source or a dict, got {type(source).__name__}.")
    return source


# -- propose ----------------------------------------------------------------------------


def propose(
    planner: Planner,
    scope: Scope | str,
    text: str | None = None,
    *,
    kind: str,
    op: str = "add",
    target: str | None = None,
    source: Source | Mapping[str, Any] | None = None,
    rationale: str | None = None,
    excerpt: str | None = None,
    topic: str | None = None,
    ttl: timedelta | None = DEFAULT_TTL,
    idempotency_key: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    valid_from: datetime | None = None,
    pinned: bool | None = None,
    importance: float | None = None,
    memory_expires_at: datetime | None = None,
) -> Plan[Proposal]:
    """Screen a suggested change, store it as a proposal and let its policy act on it.

    See :meth:`memstack.Memory.propose` for the arguments.
    """
    path = Scope.parse(scope).path
    key = check_key(idempotency_key) if idempotency_key is not None else None
    k = check_kind(kind)
    yield from require_writes(planner, [path])
    if op not in PROPOSAL_OPS:
        raise UsageError(f"Unknown proposal op {op!r}; use one of: {', '.join(PROPOSAL_OPS)}.")
    pop: ProposalOp = op
    src = _source(source)
    rationale = _optional_text("rationale", rationale)
    excerpt = _optional_text("excerpt", excerpt)
    if topic is not None and (not isinstance(topic, str) or not topic.strip() or "\n" in topic):
        raise UsageError(f"topic must be a one-line non-empty string, got {topic!r}.")
    if ttl is not None and ttl <= timedelta(0):
        raise UsageError(f"A proposal's time to live must be positive, got {ttl}.")
    if pop != "delete" and text is None:
        raise UsageError(f"A proposal to {pop} needs the text to store.")
    meta = None if metadata is None else check_metadata(metadata)
    if meta is not None and pop == "delete":
        raise UsageError("A delete proposal carries no metadata.")
    start = utc(valid_from) if valid_from is not None else None
    if pop == "delete" and (pinned, importance, memory_expires_at) != (None, None, None):
        raise UsageError("A delete proposal sets no pin, importance or expiry.")
    if pinned is not None and not isinstance(pinned, bool):
        raise UsageError(f"pinned must be true or false, got {pinned!r}.")
    weight = None if importance is None else check_importance(importance)
    until = None if memory_expires_at is None else utc(memory_expires_at)
    if pop == "add":
        if target is not None:
            raise UsageError("An add proposal has no target; use op='update' to change a memory.")
        body = check_text(text)
    else:
        if not isinstance(target, str) or not target:
            raise UsageError(f"A {pop} proposal needs target=<memory id>.")
        rec: Record | None = (yield Batch([GetOp(target)]))[0]
        if rec is None:
            raise NotFound(f"No memory with id {target!r}.", hint="List ids with 'memstack list'.")
        _check_target(rec, path, k, pop)
        if pop == "delete":
            if text is not None and text != rec.text:
                raise UsageError(
                    "A delete proposal's text is the target's text; put the reason in rationale.",
                    hint="Pass text=None.",
                )
            body = rec.text
        else:
            body = check_text(text)
            if body == rec.text:
                raise UsageError(
                    f"The proposed text is identical to memory {target}; nothing to {pop}."
                )
    try:
        findings = screen_proposal(
            "" if pop == "delete" else body, kind=k, topic=topic, source=src,
            rationale=rationale, excerpt=excerpt, metadata=meta,
        )  # fmt: skip
    except Refused as exc:
        yield Batch([EventOp(_refused_event(planner, path, pop, k, target, src, exc))])
        raise
    h = hash_of(body)
    now = planner.clock()
    pid = new_id()
    if key is not None:
        pid = keyed_id("proposal", path, key, 0)
        stored: Proposal | None = (yield Batch([ProposalGetOp(pid)]))[0]
        if stored is not None:  # a retry: whatever happened to it since, it is this proposal
            return retried_proposal(
                stored, scope=path, op=pop, kind=k, target=target, content_hash=h
            )
    same = ProposalListOp(scope=path, states=("pending",), content_hash=h, target=target)
    waiting: list[Proposal] = (yield Batch([same]))[0]
    for old in waiting:
        live = old.expires_at is None or old.expires_at > now
        same_meta = (old.metadata, old.valid_from, old.pinned, old.importance,
                     old.memory_expires_at) == (meta, start, pinned, weight, until)  # fmt: skip
        if old.scope == path and old.op == pop and old.kind == k and live and same_meta:
            return old  # the same change is already waiting for review
    rows: list[Policy] = (yield Batch([PolicyListOp()]))[0]
    decision = decide(rows, path, k, findings)
    p = Proposal(
        id=pid, scope=path, op=pop, kind=k, text=body, content_hash=h, state="pending",
        created_at=now, target=target, topic=topic, source=src, rationale=rationale,
        excerpt=excerpt, findings=findings, expires_at=now + ttl if ttl is not None else None,
        metadata=meta, valid_from=start, pinned=pinned, importance=weight,
        memory_expires_at=until,
    )  # fmt: skip
    info: dict[str, Any] = {
        "proposal": p.id, "op": pop, "kind": k, "origin": src.origin, "mode": decision.mode,
        "findings": _brief(findings),
    }  # fmt: skip
    if decision.mode == "auto" and decision.action == "queue":
        info["quarantined"] = True
    created = planner.event(
        "proposal.created", path, actor=src.author or src.origin, memory_id=target, after=body,
        after_hash=h, detail=info,
    )  # fmt: skip
    # The switch again, inside the write transaction: it may have changed since.
    ops: list[Op] = [writes_on([path]), ProposalPutOp(p, created, idempotent=key is not None)]
    if decision.action == "queue":
        yield Batch(ops)
        return p
    if decision.action == "reject":
        ev = _decided(planner, p, "proposal.rejected", DENY, reason=decision.reason)
        ops.append(ProposalTransitionOp(p.id, "rejected", now, DENY, ev, reason=decision.reason))
    else:
        applied = yield from approval_ops(planner, p, body, AUTO, now)
        ev = _decided(
            planner, p, "proposal.approved", AUTO, result=applied.result_id, reason=decision.reason
        )
        ops.append(
            ProposalTransitionOp(
                p.id,
                "approved",
                now,
                AUTO,
                ev,
                reason=decision.reason,
                result_id=applied.result_id,
                expect_hash=h,
            )
        )
        ops += applied.ops
    decided: Proposal = (yield Batch(ops))[2]
    return decided


def _check_target(rec: Record, scope: str, kind: Kind, op: str) -> None:
    if rec.scope != scope:
        # As if it did not exist: an error must not reveal where another scope's memory is.
        raise NotFound(
            f"No memory with id {rec.id!r} in scope {scope!r}.",
            hint=f"Propose the {op} in the scope that holds the memory.",
        )
    if rec.kind != kind:
        raise UsageError(f"Memory {rec.id} is a {rec.kind}; pass kind={rec.kind!r} to {op} it.")
    if rec.superseded_by is not None:
        raise Conflict(
            f"Memory {rec.id} was already superseded by {rec.superseded_by}.",
            hint="Propose the change against the current version.",
        )


def _refused_event(
    planner: Planner, scope: str, op: str, kind: str, target: str | None, src: Source, exc: Refused
) -> Event:
    from .screening import refused_findings

    return planner.event(
        "proposal.refused", scope, actor=src.author or src.origin, memory_id=target,
        detail={
            "op": op, "kind": kind, "origin": src.origin,
            "findings": _brief(refused_findings(exc)),
        },
    )  # fmt: skip


def _decided(
    planner: Planner,
    p: Proposal,
    action: str,
    reviewer: str,
    *,
    result: str | None = None,
    reason: str | None = None,
    detail: Mapping[str, Any] | None = None,
    before: str | None = None,
    after: str | None = None,
    after_hash: str | None = None,
) -> Event:
    info: dict[str, Any] = {"proposal": p.id, "op": p.op, "kind": p.kind}
    if reason:
        info["reason"] = reason
    info.update(detail or {})
    return planner.event(
        action, p.scope, actor=reviewer, memory_id=result or p.target, before=before, after=after,
        before_hash=p.content_hash, after_hash=after_hash, detail=info,
    )  # fmt: skip


# -- reads and expiry -------------------------------------------------------------------


def _expire_ops(planner: Planner, due: list[Proposal], now: datetime) -> list[Op]:
    ops: list[Op] = []
    for p in due:
        deadline = p.expires_at.isoformat(timespec="seconds") if p.expires_at else "its expiry"
        reason = f"not reviewed before {deadline}"
        ev = _decided(planner, p, "proposal.expired", EXPIRY, reason=reason)
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
        detail["findings"] = _brief(findings)
    ev = _decided(
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
    ev = _decided(planner, p, "proposal.rejected", who, reason=reason)
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
