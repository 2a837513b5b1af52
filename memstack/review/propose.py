"""The propose plan: screen a suggested change, store it as a proposal, let its policy act.

Screening runs before anything is written: a secret is refused with nothing
stored, and an AI proposal that tried leaves only a ``proposal.refused`` event.
The new proposal, its ``proposal.created`` event and, when a policy decides at
once, the decision (for ``auto`` with the record) land in one transaction. The
same change already waiting, or a retry under the same idempotency key, returns
the proposal that holds it instead of a second one. The decisions a person
takes later (approve, reject) and expiry are in :mod:`memstack.review.plans`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from ..errors import Conflict, NotFound, Refused, UsageError
from ..models import (
    PROPOSAL_OPS,
    EventOp,
    GetOp,
    Kind,
    Op,
    Policy,
    PolicyListOp,
    Proposal,
    ProposalGetOp,
    ProposalListOp,
    ProposalOp,
    ProposalPutOp,
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
from ..plan import (
    MAX_TEXT,
    Batch,
    Embed,
    Plan,
    Planner,
    check_key,
    check_kind,
    check_text,
    keyed_id,
)  # fmt: skip
from ..plan.switch import require_writes, writes_on
from ..plan.validate import check_importance
from .apply import approval_ops
from .events import AUTO, DENY, decision_event, finding_summary, refused_event
from .policy import decide
from .screening import hand_over, screen_proposal, vectors_wanted

__all__ = ["DEFAULT_TTL", "propose"]

#: How long a proposal waits for review before it expires.
DEFAULT_TTL = timedelta(days=14)


def _optional_text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"{name} must be a string, got {type(value).__name__}.")
    if len(value) > MAX_TEXT:
        raise UsageError(f"{name} is {len(value)} characters; the limit is {MAX_TEXT}.")
    return value or None


def _source(source: Source | Mapping[str, Any] | None) -> Source:
    if source is None:
        return Source(origin="ai")
    if isinstance(source, Mapping):
        return Source.from_dict(dict(source))
    if not isinstance(source, Source):
        raise UsageError(f"source must be a Source or a dict, got {type(source).__name__}.")
    return source


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
    # The learned screen reads sentence vectors of the shipped embedder: when that is
    # the store's embedder too, the door computes them (batched, off the event loop).
    shown = "" if pop == "delete" else body
    wanted = vectors_wanted([shown], k, planner.embedder_id)
    wanted += vectors_wanted([topic, rationale, excerpt], "fact", planner.embedder_id)
    if wanted:
        wanted = list(dict.fromkeys(wanted))
        hand_over(wanted, (yield Embed(wanted, "document")), planner.embedder_id)
    try:
        findings = screen_proposal(
            shown, kind=k, topic=topic, source=src,
            rationale=rationale, excerpt=excerpt, metadata=meta,
        )  # fmt: skip
    except Refused as exc:
        yield Batch([EventOp(refused_event(planner, path, pop, k, target, src, exc))])
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
        "findings": finding_summary(findings),
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
        ev = decision_event(planner, p, "proposal.rejected", DENY, reason=decision.reason)
        ops.append(ProposalTransitionOp(p.id, "rejected", now, DENY, ev, reason=decision.reason))
    else:
        applied = yield from approval_ops(planner, p, body, AUTO, now)
        ev = decision_event(
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
