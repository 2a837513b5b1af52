"""Pydantic models of the HTTP edge: request bodies (``…In``) and responses (``…Out``) kept apart.

Inside, memstack passes frozen dataclasses (:mod:`memstack.models`); these
models exist only so the API validates what it is sent and documents what it
answers in ``/openapi.json``. Responses are built from the values' own
``to_dict`` forms (:mod:`memstack.core.wire`) and checked against these models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..core import DEFAULT_BUDGET, DEFAULT_RECALL, DEFAULT_RECALL_LIMIT

KindName = Literal["rule", "fact", "episode"]


_METADATA = "A JSON object kept with the memory (docs/metadata.md)."
_FILTER = 'Only memories whose metadata matches: {"key": value} or {"key": {"$in": [...]}}.'


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- requests -------------------------------------------------------------------------------


class SourceIn(_In):
    origin: Literal["human", "ai", "conversation", "import"] = "human"
    author: str | None = None
    conversation: str | None = None
    turns: list[str] = []
    speaker: str | None = None
    session: str | None = None
    event_time: datetime | None = Field(
        default=None, description="When the statement became true (an approval dates it so)."
    )


class MemoryItemIn(_In):
    scope: str = Field(examples=["acme/alice"])
    text: str = Field(examples=["Alice is vegetarian"])
    kind: KindName = "fact"
    topic: str | None = None
    pinned: bool = False
    importance: float | None = Field(default=None, ge=0, le=1)
    source: SourceIn | None = None
    author: str | None = None
    valid_from: datetime | None = None
    expires_at: datetime | None = None
    metadata: dict[str, Any] | None = Field(default=None, description=_METADATA)


_IDEMPOTENCY = "The caller's key for this write: a retry with the same key stores nothing twice."


class MemoryIn(MemoryItemIn):
    idempotency_key: str | None = Field(default=None, description=_IDEMPOTENCY)


class MemoriesIn(_In):
    items: list[MemoryItemIn]
    idempotency_key: str | None = Field(
        default=None, description=_IDEMPOTENCY + " Each item's id derives from it and its position."
    )
    strict: bool = Field(
        default=True,
        description="true: one bad item (invalid, or holding a secret) fails the whole batch. "
        "false: the good items are stored and the bad ones listed in 'refused'.",
    )


class MemoryUpdateIn(_In):
    text: str
    topic: str | None = None
    pinned: bool | None = None
    importance: float | None = Field(default=None, ge=0, le=1)
    valid_from: datetime | None = None
    reason: str | None = None
    author: str | None = None
    metadata: dict[str, Any] | None = Field(
        default=None, description="The new version's metadata (not sent: kept; null: cleared)."
    )
    expires_at: datetime | None = Field(
        default=None, description="When the new version expires (not sent: kept; null: never)."
    )


class SearchIn(_In):
    scope: str
    query: str
    limit: int = Field(default=10, ge=1, le=1000)
    kind: KindName | list[KindName] | None = None
    topic: str | None = None
    as_of: datetime | None = None
    include_descendants: bool = False
    include_superseded: bool = False
    mode: Literal["hybrid", "keyword", "dense"] = "hybrid"
    metadata: dict[str, Any] | None = Field(default=None, description=_FILTER)


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    content: str
    name: str | None = None
    id: str | None = None
    timestamp: str | float | None = Field(
        default=None,
        description="When the message was said: ISO 8601 (no zone: UTC) or epoch seconds; "
        "default: the session time.",
    )
    created_at: str | float | None = Field(
        default=None, description="Read when timestamp is absent, in the same forms."
    )


class ConversationIn(_In):
    scope: str
    messages: list[MessageIn]
    session_time: datetime | None = None
    conversation: str | None = None
    session: str | None = None


class RememberIn(_In):
    scope: str
    messages: list[MessageIn]
    session_time: datetime | None = None
    conversation: str | None = None


class ProposeIn(_In):
    scope: str
    text: str | None = None
    kind: KindName
    op: Literal["add", "update", "supersede", "delete"] = "add"
    target: str | None = None
    source: SourceIn | None = None
    rationale: str | None = None
    excerpt: str | None = None
    topic: str | None = None
    idempotency_key: str | None = Field(default=None, description=_IDEMPOTENCY)
    metadata: dict[str, Any] | None = Field(default=None, description=_METADATA)
    valid_from: datetime | None = None
    pinned: bool | None = Field(default=None, description="Pin the approved memory.")
    importance: float | None = Field(default=None, ge=0, le=1)
    memory_expires_at: datetime | None = Field(
        default=None, description="When the approved memory expires (default: retention)."
    )


class ApproveIn(_In):
    content_hash: str = Field(description="Proposal.content_hash of the text the reviewer saw.")
    text: str | None = Field(default=None, description="Approve this text instead (an edit).")
    reviewer: str | None = None


class RejectIn(_In):
    reason: str
    reviewer: str | None = None


class BulkItemIn(_In):
    id: str
    content_hash: str | None = None


class BulkIn(_In):
    action: Literal["approve", "reject"]
    items: list[BulkItemIn]
    reason: str | None = None
    reviewer: str | None = None


class CompileIn(_In):
    scope: str
    query: str | None = None
    budget_tokens: int = Field(default=DEFAULT_BUDGET, ge=0, le=1_000_000)
    recall_tokens: int = Field(default=DEFAULT_RECALL, ge=0, le=1_000_000)
    provider: Literal["anthropic", "openai", "text"] = "anthropic"
    recall_limit: int = Field(default=DEFAULT_RECALL_LIMIT, ge=1, le=1000)
    history: list[str] | None = None
    messages: list[dict[str, Any]] | None = Field(
        default=None, description="If given, the answer includes the provider payload around them."
    )


class ApplyIn(_In):
    scope: str
    markdown: str
    reviewer: str | None = None
    dry_run: bool = False
    base_digest: str | None = Field(
        default=None,
        description="render_digest of the render the edit started from; a newer render: 409.",
    )


class ForgetIn(_In):
    scope: str
    match: str | None = None
    ids: list[str] | None = None
    reason: str | None = None
    author: str | None = None


class PolicyIn(_In):
    scope_prefix: str
    kind: KindName | None = None
    mode: Literal["human", "auto", "deny", "inherit"]
    author: str | None = None


class SwitchIn(_In):
    scope: str
    reads_off: bool | None = None  # None: keep that half as it is
    writes_off: bool | None = None
    author: str | None = None


class SignInIn(_In):
    key: str


# -- responses ------------------------------------------------------------------------------


class SourceOut(BaseModel):
    origin: str
    author: str | None = None
    conversation: str | None = None
    turns: list[str] = []
    speaker: str | None = None
    session: str | None = None
    event_time: datetime | None = None


class RecordOut(BaseModel):
    id: str
    scope: str
    kind: str
    text: str
    topic: str | None
    pinned: bool
    importance: float
    source: SourceOut
    valid_from: datetime
    valid_to: datetime | None
    recorded_at: datetime
    superseded_by: str | None
    expires_at: datetime | None
    content_hash: str
    metadata: dict[str, Any] = {}


class RecordsOut(BaseModel):
    data: list[RecordOut]
    count: int


class TurnChangeOut(BaseModel):
    index: int = Field(description="The message's position in the request (0-based).")
    turn: str = Field(description="The turn id kept in the episodes' source.")
    secrets: list[str] = Field(description="What each removed secret was.")
    parts: int = Field(description="Episodes the turn was stored as (over 1: split).")


class IngestedOut(RecordsOut):
    changes: list[TurnChangeOut] = Field(
        description="The turns stored other than verbatim (a secret removed, a long turn split)."
    )


class ItemRefusedOut(BaseModel):
    index: int
    error: str
    message: str


class AddedOut(RecordsOut):
    refused: list[ItemRefusedOut] = Field(
        default_factory=list, description="Items not stored (only with strict=false)."
    )


class PartsOut(BaseModel):
    keyword_rank: int | None
    keyword_score: float | None
    dense_rank: int | None
    dense_score: float | None
    fused: float
    recency: float
    importance: float
    temporal: float | None = Field(
        default=None, description="Closeness to a time the query names (1: inside it)."
    )


class HitOut(BaseModel):
    memory: RecordOut
    score: float
    parts: PartsOut


class HitsOut(BaseModel):
    data: list[HitOut]
    count: int
    memory_off: bool = Field(
        default=False, description="Memory is off for reads in the scope: no hits, on purpose."
    )


class EventOut(BaseModel):
    id: str
    at: datetime
    action: str
    actor: str
    scope: str
    memory_id: str | None
    before: str | None
    after: str | None
    before_hash: str | None
    after_hash: str | None
    detail: dict[str, Any]


class EventsOut(BaseModel):
    data: list[EventOut]
    count: int


class FindingOut(BaseModel):
    category: str
    severity: str
    message: str
    start: int
    end: int


class ProposalOut(BaseModel):
    id: str
    scope: str
    op: str
    kind: str
    text: str
    content_hash: str
    state: str
    target: str | None
    topic: str | None
    source: SourceOut
    rationale: str | None
    excerpt: str | None
    findings: list[FindingOut]
    created_at: datetime
    expires_at: datetime | None
    reviewed_at: datetime | None
    reviewer: str | None
    reason: str | None
    result_id: str | None
    metadata: dict[str, Any] | None = None
    valid_from: datetime | None = None
    pinned: bool | None = None
    importance: float | None = None
    memory_expires_at: datetime | None = None


class ProposalsOut(BaseModel):
    data: list[ProposalOut]
    count: int


class BulkResultOut(BaseModel):
    id: str
    ok: bool
    proposal: ProposalOut | None = None
    error: dict[str, Any] | None = None


class BulkOut(BaseModel):
    data: list[BulkResultOut]
    count: int


class RememberOut(BaseModel):
    data: list[ProposalOut]
    count: int
    extraction: dict[str, Any] | None


class PolicyOut(BaseModel):
    scope_prefix: str
    kind: str | None
    mode: str
    updated_at: datetime
    author: str | None


class SwitchOut(BaseModel):
    scope: str
    reads_off: bool
    writes_off: bool
    updated_at: datetime | None
    author: str | None


class SwitchesOut(BaseModel):
    data: list[SwitchOut]
    count: int


class PoliciesOut(BaseModel):
    data: list[PolicyOut]
    count: int


class PromptOut(BaseModel):
    stable: str
    recall: str
    stable_digest: str
    stable_tokens: int
    recall_tokens: int
    history_tokens: int | None
    stable_ids: list[str]
    recall_ids: list[str]
    provider: str
    memory_off: bool = False
    payload: dict[str, Any] | None = None


class RenderOut(BaseModel):
    scope: str
    markdown: str
    render_digest: str


class ChangeSetOut(BaseModel):
    added: list[dict[str, Any]]
    edited: list[dict[str, Any]]
    removed: list[RecordOut]
    unchanged: list[RecordOut]


class CountsOut(BaseModel):
    records: int
    versions: int
    proposals: int
    extractions: int
    extraction_jobs: int
    policies: int
    events_tombstoned: int
    keyword_rows: int
    keyword_contexts: int
    vectors: int


class ReceiptOut(BaseModel):
    id: str
    scope: str
    match: str | None
    ids: list[str]
    reason: str
    actor: str
    counts: CountsOut
    started_at: datetime
    finished_at: datetime
    physical: list[str]
    complete: bool
    copies: list[str] = Field(
        default_factory=list,
        description="Exports and agent files written from the scope: copies memstack cannot erase.",
    )


class ScopesOut(BaseModel):
    data: dict[str, int]
    count: int


class CountOut(BaseModel):
    count: int


class StatsOut(BaseModel):
    tenant: str | None
    scopes: int
    memories: int
    pending_proposals: int
    embedder: str


class HealthOut(BaseModel):
    ok: bool
    version: str


class WhoAmIOut(BaseModel):
    tenant: str | None
    role: str
    key_id: str | None
    actor: str
    csrf: str | None = None


class ErrorOut(BaseModel):
    ok: Literal[False]
    status: int
    error: str
    message: str
    hint: str | None
    request_id: str | None
