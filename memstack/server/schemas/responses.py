"""Response bodies of the HTTP API (``…Out``), as documented in ``/openapi.json``.

They are built from the values' own ``to_dict`` forms (:mod:`memstack.core.wire`)
and checked against these models, so the documented shape is the one sent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


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
