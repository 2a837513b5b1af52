"""Proposals and review: list (with filters), propose, approve with the content hash, edit,
reject, bulk; conversations (ingest as episodes, remember into proposals); review policies.

Approving needs the ``content_hash`` the reviewer saw (``Proposal.content_hash``):
if the proposal changed since, the answer is 409 and nothing is applied.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from ...core.wire import policy_to
from ...errors import MemstackError, TooLarge
from ...models import Proposal, Source, proposal_to_dict
from ..deps import Caller, Config, Door, Principal
from ..errors import error_body
from ..schemas import (
    ApproveIn,
    BulkIn,
    BulkOut,
    ConversationIn,
    EventsOut,
    IngestedOut,
    PoliciesOut,
    PolicyIn,
    PolicyOut,
    ProposalOut,
    ProposalsOut,
    ProposeIn,
    RejectIn,
    RememberIn,
)
from .memories import BoundQuery

router = APIRouter(tags=["review"])

@router.get("/proposals", response_model=ProposalsOut)
async def list_proposals(
    caller: Caller,
    door: Door,
    scope: str | None = None,
    state: Literal["pending", "approved", "rejected", "expired", "all"] = "pending",
    kind: Literal["rule", "fact", "episode"] | None = None,
    proposer: str | None = None,
    severity: Annotated[
        Literal["none", "low", "medium", "high", "critical"] | None,
        Query(description="Only proposals with a finding of this severity or higher "
              "(none: only those without findings)."),
    ] = None,
    order: Literal["oldest", "newest"] = "oldest",
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> Any:
    """Proposals under a scope (default: the key's whole tenant) and its descendants."""
    caller.require("reader")
    found: list[Proposal] = await door.mem.proposals(
        caller.default_scope(scope), state=state, kind=kind, proposer=proposer, severity=severity
    )
    found = [p for p in found if caller.sees(p.scope)]
    if order == "newest":
        found.reverse()
    if limit is not None:
        found = found[:limit]
    return {"data": [proposal_to_dict(p) for p in found], "count": len(found)}


@router.post("/proposals", response_model=ProposalOut, status_code=201)
async def propose(body: ProposeIn, caller: Caller, door: Door) -> Any:
    """Suggest a change; it is screened and handed to the scope's review policy."""
    caller.require("writer")
    scope = caller.scope(body.scope)
    if body.target is not None:
        await door.record(caller, body.target)
    source = body.source.model_dump() if body.source else _ai(caller)
    p: Proposal = await door.mem.propose(
        scope, body.text, kind=body.kind, op=body.op, target=body.target,
        source=source, rationale=body.rationale, excerpt=body.excerpt, topic=body.topic,
        idempotency_key=body.idempotency_key, metadata=body.metadata, valid_from=body.valid_from,
        pinned=body.pinned, importance=body.importance, memory_expires_at=body.memory_expires_at,
    )  # fmt: skip
    return proposal_to_dict(p)


def _ai(caller: Principal) -> dict[str, Any]:
    return Source(origin="ai", author=caller.actor).to_dict()


@router.get("/proposals/{id}", response_model=ProposalOut)
async def get_proposal(id: str, caller: Caller, door: Door, scope: BoundQuery = None) -> Any:
    """One proposal by id."""
    caller.require("reader")
    return proposal_to_dict(await door.proposal(caller, id, caller.default_scope(scope)))


@router.get("/proposals/{id}/history", response_model=EventsOut)
async def proposal_history(id: str, caller: Caller, door: Door, scope: BoundQuery = None) -> Any:
    """The proposal's events: created, its decision, the record change."""
    caller.require("reader")
    bound = caller.default_scope(scope)
    await door.proposal(caller, id, bound)
    events = await door.mem.proposal_history(id, scope=bound)
    return {"data": [e.to_dict() for e in events], "count": len(events)}


@router.post("/proposals/{id}/approve", response_model=ProposalOut)
async def approve(
    id: str, body: ApproveIn, caller: Caller, door: Door, scope: BoundQuery = None
) -> Any:
    """Approve (``text``: edit, then approve) a pending proposal and apply it in one transaction."""
    caller.require("reviewer")
    bound = caller.default_scope(scope)
    await door.proposal(caller, id, bound)
    p = await door.mem.approve(
        id, reviewer=body.reviewer or caller.actor, text=body.text,
        content_hash=body.content_hash, scope=bound,
    )  # fmt: skip
    return proposal_to_dict(p)


@router.post("/proposals/{id}/reject", response_model=ProposalOut)
async def reject(
    id: str, body: RejectIn, caller: Caller, door: Door, scope: BoundQuery = None
) -> Any:
    """Reject a pending proposal, with a reason."""
    caller.require("reviewer")
    bound = caller.default_scope(scope)
    await door.proposal(caller, id, bound)
    p = await door.mem.reject(
        id, reviewer=body.reviewer or caller.actor, reason=body.reason, scope=bound
    )
    return proposal_to_dict(p)


@router.post("/proposals/bulk", response_model=BulkOut)
async def bulk(body: BulkIn, caller: Caller, door: Door, config: Config) -> Any:
    """Approve or reject many proposals; each succeeds or fails on its own (see ``ok``)."""
    caller.require("reviewer")
    if len(body.items) > config.max_batch:
        raise TooLarge(f"{len(body.items)} items; the server takes at most {config.max_batch}.")
    decisions = await door.mem.decide(
        [(i.id, i.content_hash) for i in body.items], action=body.action,
        reviewer=body.reviewer or caller.actor, reason=body.reason, scope=caller.tenant,
    )  # fmt: skip
    out: list[dict[str, Any]] = []
    for d in decisions:
        if d.proposal is not None:
            out.append({"id": d.id, "ok": True, "proposal": proposal_to_dict(d.proposal)})
        else:
            exc = d.error if isinstance(d.error, MemstackError) else MemstackError(str(d.error))
            error = error_body(exc.status, type(exc).__name__, exc.message, hint=exc.hint)
            out.append({"id": d.id, "ok": False, "error": error})
    return {"data": out, "count": len(out)}


# -- conversations ----------------------------------------------------------------------------


def _messages(body: ConversationIn | RememberIn, config: Any) -> list[dict[str, Any]]:
    if len(body.messages) > config.max_batch:
        raise TooLarge(
            f"{len(body.messages)} messages; the server takes at most {config.max_batch}."
        )
    return [m.model_dump(exclude_none=True) for m in body.messages]


@router.post(
    "/conversations", response_model=IngestedOut, status_code=201, tags=["conversations"]
)
async def ingest(body: ConversationIn, caller: Caller, door: Door, config: Config) -> Any:
    """Archive a conversation's turns verbatim as ``episode`` memories."""
    caller.require("writer")
    records = await door.mem.ingest_conversation(
        caller.scope(body.scope), _messages(body, config),
        session_time=body.session_time, conversation=body.conversation, session=body.session,
    )  # fmt: skip
    return {
        "data": [r.to_dict() for r in records], "count": len(records),
        "changes": [c.to_dict() for c in records.changes],
    }  # fmt: skip


@router.post("/conversations/remember", status_code=201, tags=["conversations"])
async def remember(body: RememberIn, caller: Caller, door: Door, config: Config) -> Any:
    """Extract proposals from a conversation (extract, reconcile, screen, propose)."""
    caller.require("writer")
    found = await door.mem.remember(
        caller.scope(body.scope), _messages(body, config),
        session_time=body.session_time, conversation=body.conversation,
    )  # fmt: skip
    # The model's raw answer stays in the log: it may quote the conversation at length.
    extraction = None
    if found.extraction is not None:
        extraction = {k: v for k, v in _fields(found.extraction).items() if k != "raw"}
    return {
        "data": [proposal_to_dict(p) for p in found],
        "count": len(found),
        "extraction": extraction,
        "changes": [c.to_dict() for c in found.changes],
    }


def _fields(value: Any) -> dict[str, Any]:
    out = {}
    for name in value.__dataclass_fields__:
        v = getattr(value, name)
        out[name] = v.isoformat() if hasattr(v, "isoformat") else v
    return out


# -- policies ---------------------------------------------------------------------------------


@router.get("/policies", response_model=PoliciesOut, tags=["policies"])
async def policies(caller: Caller, door: Door) -> Any:
    """The review policies of the key's tenant."""
    caller.require("reader")
    found = [
        p
        for p in await door.mem.policies()
        if caller.tenant is None or (p.scope_prefix != "*" and caller.sees(p.scope_prefix))
    ]
    return {"data": [policy_to(p) for p in found], "count": len(found)}


@router.put("/policies", response_model=PolicyOut | None, tags=["policies"])
async def set_policy(body: PolicyIn, caller: Caller, door: Door) -> Any:
    """Set how proposals under a scope prefix (and kind) are reviewed; ``inherit`` removes it."""
    caller.require("admin")
    unscoped = body.scope_prefix == "*" and caller.tenant is None  # only without auth
    prefix = "*" if unscoped else caller.scope(body.scope_prefix)
    p = await door.mem.set_policy(prefix, body.kind, body.mode, author=body.author or caller.actor)
    return None if p is None else policy_to(p)
