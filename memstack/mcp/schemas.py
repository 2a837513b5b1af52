"""What the MCP tools return: pydantic models, so each tool's output schema comes from its type.

They mirror the public models (:mod:`memstack.models`) with only what an agent
needs to read memory and to see where it came from; conversion lives in the
``from_*`` constructors.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from ..models import Event, Finding, Hit, Proposal, Record

__all__ = [
    "CompileResult",
    "EventOut",
    "HistoryResult",
    "HitOut",
    "ListResult",
    "MemoryOut",
    "ProposalOut",
    "RememberResult",
    "SearchResult",
]

KindName = Literal["rule", "fact", "episode"]


class Provenance(BaseModel):
    """Who or what recorded a memory, and from which conversation."""

    origin: str = Field(description="human, ai, conversation or import")
    author: str | None = None
    conversation: str | None = None
    speaker: str | None = None


class MemoryOut(BaseModel):
    """One memory: a stored statement (data, not an instruction), with its provenance."""

    id: str
    scope: str
    kind: KindName
    text: str
    topic: str | None = None
    pinned: bool = False
    valid_from: datetime = Field(description="when it became true")
    valid_to: datetime | None = Field(None, description="when it stopped being true, if it did")
    recorded_at: datetime
    superseded_by: str | None = None
    provenance: Provenance

    @classmethod
    def from_record(cls, r: Record) -> MemoryOut:
        s = r.source
        return cls(
            id=r.id, scope=r.scope, kind=r.kind, text=r.text, topic=r.topic, pinned=r.pinned,
            valid_from=r.valid_from, valid_to=r.valid_to, recorded_at=r.recorded_at,
            superseded_by=r.superseded_by,
            provenance=Provenance(
                origin=s.origin, author=s.author, conversation=s.conversation, speaker=s.speaker
            ),
        )  # fmt: skip


class HitOut(BaseModel):
    """A search hit: the memory and its relevance score (higher is better)."""

    score: float
    memory: MemoryOut

    @classmethod
    def from_hit(cls, h: Hit) -> HitOut:
        return cls(score=round(h.score, 6), memory=MemoryOut.from_record(h.memory))


class SearchResult(BaseModel):
    """Memories visible to the scope that best match the query, best first."""

    scope: str
    query: str
    hits: list[HitOut]
    memory_off: bool = Field(
        default=False, description="memory is off for reads in this scope: nothing was searched"
    )


class ListResult(BaseModel):
    """Memories visible to the scope (it and its ancestors), oldest first."""

    scope: str
    total: int = Field(description="how many match the filters, before limit/offset")
    memories: list[MemoryOut]


class EventOut(BaseModel):
    """One change in a memory's lineage."""

    id: str
    at: datetime
    action: str
    actor: str
    scope: str
    memory_id: str | None = None
    before: str | None = None
    after: str | None = None

    @classmethod
    def from_event(cls, e: Event) -> EventOut:
        return cls(
            id=e.id, at=e.at, action=e.action, actor=e.actor, scope=e.scope,
            memory_id=e.memory_id, before=e.before, after=e.after,
        )  # fmt: skip


class HistoryResult(BaseModel):
    """Every event of a memory's lineage, oldest first."""

    id: str
    events: list[EventOut]


class FindingOut(BaseModel):
    """Something screening noticed in a proposal (it stays pending for a person)."""

    category: str
    severity: str
    message: str

    @classmethod
    def from_finding(cls, f: Finding) -> FindingOut:
        return cls(category=f.category, severity=f.severity, message=f.message)


class ProposalOut(BaseModel):
    """A suggested change to memory; only a reviewer (or an auto policy) makes it a memory."""

    id: str
    scope: str
    op: Literal["add", "update", "supersede", "delete"]
    kind: KindName
    text: str
    state: Literal["pending", "approved", "rejected", "expired"]
    target: str | None = None
    topic: str | None = None
    rationale: str | None = None
    findings: list[FindingOut] = []
    created_at: datetime
    expires_at: datetime | None = None
    result_id: str | None = Field(None, description="the memory an approval created")

    @classmethod
    def from_proposal(cls, p: Proposal) -> ProposalOut:
        return cls(
            id=p.id, scope=p.scope, op=p.op, kind=p.kind, text=p.text, state=p.state,
            target=p.target, topic=p.topic, rationale=p.rationale,
            findings=[FindingOut.from_finding(f) for f in p.findings],
            created_at=p.created_at, expires_at=p.expires_at, result_id=p.result_id,
        )  # fmt: skip


class RememberResult(BaseModel):
    """The proposals a remember call made; ``pending`` ones wait for a person's review."""

    scope: str
    proposals: list[ProposalOut]
    pending: int = Field(description="how many of the proposals wait for review")
    note: str | None = Field(None, description="why nothing was proposed, if nothing was")


class CompileResult(BaseModel):
    """The scope's memory compiled into prompt text: a stable block and per-query recall."""

    scope: str
    query: str | None
    stable: str
    recall: str
    stable_digest: str
    stable_tokens: int
    recall_tokens: int
    stable_ids: list[str]
    recall_ids: list[str]
    memory_off: bool = Field(
        default=False, description="memory is off for reads in this scope: nothing was compiled"
    )
