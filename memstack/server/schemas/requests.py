"""Request bodies of the HTTP API (``…In``): what a caller may send, and nothing else.

Every body forbids unknown fields (``_In``), so a misspelt option is a 422 naming
it rather than a silently ignored default. Responses are in
:mod:`memstack.server.schemas.responses`; both are re-exported by
:mod:`memstack.server.schemas`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ...core import DEFAULT_BUDGET, DEFAULT_RECALL, DEFAULT_RECALL_LIMIT

KindName = Literal["rule", "fact", "episode"]


_METADATA = "A JSON object kept with the memory (docs/metadata.md)."
_FILTER = 'Only memories whose metadata matches: {"key": value} or {"key": {"$in": [...]}}.'


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


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
