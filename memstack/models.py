"""The values memstack passes around: scopes, records, events, hits, proposals and store ops.

Everything here is a frozen dataclass so a value can be shared between threads,
cached and compared without defensive copies. Nothing in this module does I/O or
reads the clock: callers pass times in. Times are timezone-aware UTC
``datetime`` objects; naive datetimes are rejected at construction so a value
never silently changes meaning between machines.

A scope is validated once, when it is built (:meth:`Scope.parse`), and every
other layer can trust it. The visibility rule lives on the scope too: a read of
``acme/web/alice`` sees ``acme/web/alice``, ``acme/web`` and ``acme`` and never a
sibling; ``acme`` is a segment, so it never matches ``acme2``.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, TypeAlias

from .errors import InvalidScope, UsageError

__all__ = [
    "KINDS",
    "Candidates",
    "CountOp",
    "DeleteOp",
    "Event",
    "EventOp",
    "Filter",
    "Finding",
    "GetOp",
    "Hit",
    "HistoryOp",
    "Kind",
    "ListOp",
    "Op",
    "Proposal",
    "PutOp",
    "Record",
    "ScopesOp",
    "Scope",
    "ScoreParts",
    "SearchOp",
    "Source",
    "SupersedeOp",
    "VectorLookupOp",
    "VectorPurgeOp",
    "VectorPutOp",
    "VectorStats",
    "VectorsOp",
    "content_hash",
    "new_id",
]

Kind = Literal["rule", "fact", "episode"]
KINDS: tuple[Kind, ...] = ("rule", "fact", "episode")

_SEGMENT = re.compile(r"[A-Za-z0-9._-]+")
MAX_SEGMENTS = 8
MAX_SEGMENT_LEN = 64

HASH_PREFIX = "sha256:"


def content_hash(text: str) -> str:
    """Hash a memory's text, tagged with its algorithm so the scheme can change later.

    Args:
        text: the exact text.

    Returns:
        ``"sha256:<hex>"`` of the UTF-8 bytes.

    Example:
        >>> content_hash("Alice is vegan")[:15]
        'sha256:6d0bd6bb'
    """
    return HASH_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_id_lock = threading.Lock()
_last = 0


def new_id(at_ms: int | None = None) -> str:
    """Return a new ULID-style id: 26 characters, sortable by creation time.

    Args:
        at_ms: milliseconds since the epoch to encode; defaults to now.

    Returns:
        A 26-character Crockford base32 string (48 bits of time, 80 random bits).
    """
    global _last
    ms = int(time.time() * 1000) if at_ms is None else at_ms
    value = (ms << 80) | int.from_bytes(os.urandom(10), "big")
    # Monotonic within this process: ids made in the same millisecond still sort in order.
    if at_ms is None:
        with _id_lock:
            if value <= _last:
                value = _last + 1
            _last = value
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def _check_utc(name: str, value: datetime | None) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise UsageError(
            f"{name} must be timezone-aware, got naive datetime {value.isoformat()}.",
            hint="Pass e.g. datetime(2024, 5, 1, tzinfo=timezone.utc).",
        )


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a memory belongs: a slash path of 1–8 segments, tenant first.

    Build one with :meth:`parse`; the constructor validates too.

    Example:
        >>> Scope.parse("acme/web/alice").ancestors()
        ('acme', 'acme/web', 'acme/web/alice')
        >>> Scope.parse("acme").contains("acme2/x")
        False
    """

    path: str

    def __post_init__(self) -> None:
        path = self.path
        if not isinstance(path, str):
            raise InvalidScope(f"A scope must be a string like 'acme/alice', got {type(path).__name__}.")
        if not path:
            raise InvalidScope("A scope must not be empty; use a path like 'acme/alice'.")
        segments = path.split("/")
        if len(segments) > MAX_SEGMENTS:
            raise InvalidScope(
                f"Scope {path!r} has {len(segments)} segments; at most {MAX_SEGMENTS} are allowed."
            )
        for i, seg in enumerate(segments, 1):
            if not seg:
                raise InvalidScope(
                    f"Scope {path!r} has an empty segment at position {i}; "
                    "remove leading, trailing or doubled '/'."
                )
            if not _SEGMENT.fullmatch(seg):
                bad = next(c for c in seg if not _SEGMENT.fullmatch(c))
                raise InvalidScope(
                    f"Scope {path!r}: segment {seg!r} contains {bad!r}; "
                    "segments may only use letters A-Z a-z, digits, '.', '_' and '-'."
                )
            if set(seg) == {"."}:
                raise InvalidScope(f"Scope {path!r}: segment {seg!r} may not consist only of dots.")
            if len(seg) > MAX_SEGMENT_LEN:
                raise InvalidScope(
                    f"Scope {path!r}: segment {i} is {len(seg)} characters; "
                    f"at most {MAX_SEGMENT_LEN} are allowed."
                )

    @classmethod
    def parse(cls, value: Scope | str) -> Scope:
        """Validate ``value`` and return it as a :class:`Scope`.

        Raises:
            InvalidScope: with a message naming the offending segment.
        """
        return value if isinstance(value, Scope) else cls(value)

    @property
    def segments(self) -> tuple[str, ...]:
        """The path split on ``/``."""
        return tuple(self.path.split("/"))

    @property
    def tenant(self) -> str:
        """The first segment; the server binds every API key to one tenant."""
        return self.path.split("/", 1)[0]

    def ancestors(self) -> tuple[str, ...]:
        """This scope and every ancestor, root first (the scopes a read may see)."""
        segs = self.segments
        return tuple("/".join(segs[: i + 1]) for i in range(len(segs)))

    def contains(self, other: Scope | str) -> bool:
        """True if ``other`` is this scope or one of its descendants (segment-wise)."""
        path = other.path if isinstance(other, Scope) else other
        return path == self.path or path.startswith(self.path + "/")

    def __str__(self) -> str:
        return self.path


@dataclass(frozen=True, slots=True)
class Source:
    """Provenance of a memory: who or what wrote it, and from which conversation turns.

    Attributes:
        origin: ``human`` (typed or approved by a person), ``ai`` (a model or tool),
            ``conversation`` (archived turns), ``import`` (read from a file).
        author: who: a user name, reviewer, model or tool id.
        conversation: the conversation id the memory came from.
        turns: ids of the turns it came from.
        speaker: for episodes, who said it.
        session: for episodes, the conversation session id.
    """

    origin: Literal["human", "ai", "conversation", "import"] = "human"
    author: str | None = None
    conversation: str | None = None
    turns: tuple[str, ...] = ()
    speaker: str | None = None
    session: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with empty fields left out."""
        out: dict[str, Any] = {"origin": self.origin}
        for name in ("author", "conversation", "speaker", "session"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.turns:
            out["turns"] = list(self.turns)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Source:
        """Inverse of :meth:`to_dict`; unknown keys are an error."""
        if not data:
            return cls()
        known = {"origin", "author", "conversation", "turns", "speaker", "session"}
        extra = set(data) - known
        if extra:
            raise UsageError(f"Unknown source field(s): {', '.join(sorted(extra))}.")
        kwargs = dict(data)
        if "turns" in kwargs:
            kwargs["turns"] = tuple(str(t) for t in kwargs["turns"])
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class Record:
    """One stored memory: an atomic statement with its scope, kind and lifetime.

    ``valid_from``/``valid_to`` say when the statement is true (valid time);
    ``recorded_at`` says when memstack learned it (transaction time). An update
    never edits a record: it closes the old one (``valid_to``, ``superseded_by``)
    and writes a new one, so the past stays queryable with ``as_of``.
    """

    id: str
    scope: str
    kind: Kind
    text: str
    recorded_at: datetime
    valid_from: datetime
    topic: str | None = None
    pinned: bool = False
    source: Source = field(default_factory=Source)
    valid_to: datetime | None = None
    superseded_by: str | None = None
    expires_at: datetime | None = None
    importance: float = 0.5
    content_hash: str = ""

    def __post_init__(self) -> None:
        for name in ("recorded_at", "valid_from", "valid_to", "expires_at"):
            _check_utc(name, getattr(self, name))
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))

    def is_current(self, now: datetime) -> bool:
        """True if not superseded, not closed and not expired at ``now``."""
        if self.superseded_by is not None:
            return False
        if self.valid_to is not None and self.valid_to <= now:
            return False
        return self.expires_at is None or self.expires_at > now

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (ISO 8601 times)."""

        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value is not None else None

        return {
            "id": self.id,
            "scope": self.scope,
            "kind": self.kind,
            "text": self.text,
            "topic": self.topic,
            "pinned": self.pinned,
            "importance": self.importance,
            "source": self.source.to_dict(),
            "valid_from": iso(self.valid_from),
            "valid_to": iso(self.valid_to),
            "recorded_at": iso(self.recorded_at),
            "superseded_by": self.superseded_by,
            "expires_at": iso(self.expires_at),
            "content_hash": self.content_hash,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """An append-only history row: who did what, when, with the text before and after.

    Erasure replaces ``before``/``after`` with ``None`` and keeps the hashes
    (a tombstone), so the audit trail survives without the content.
    """

    id: str
    at: datetime
    action: str
    actor: str
    scope: str
    memory_id: str | None = None
    before: str | None = None
    after: str | None = None
    before_hash: str | None = None
    after_hash: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScoreParts:
    """Why a hit ranked where it did: each retriever's rank and score, and the fused result.

    Ranks are 1-based; ``None`` means the retriever did not return the memory.
    """

    keyword_rank: int | None
    keyword_score: float | None
    dense_rank: int | None
    dense_score: float | None
    fused: float
    recency: float
    importance: float


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: the memory, its final score and the parts of that score."""

    memory: Record
    score: float
    parts: ScoreParts


@dataclass(frozen=True, slots=True)
class Finding:
    """Something screening found in a proposed text.

    Attributes:
        category: ``injection``, ``breakout``, ``invisible``, ``exfiltration``,
            ``encoded``, ``secret`` or ``personal``.
        severity: ``low``, ``medium``, ``high`` or ``critical`` (secrets: refused).
        message: what was found, for the reviewer.
        start, end: character span in the text.
    """

    category: str
    severity: Literal["low", "medium", "high", "critical"]
    message: str
    start: int = 0
    end: int = 0


ProposalState = Literal["pending", "approved", "rejected", "expired"]
ProposalOp = Literal["add", "update", "supersede", "delete"]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A suggested change that waits for review (AI proposes, a human approves)."""

    id: str
    scope: str
    op: ProposalOp
    kind: Kind
    text: str
    content_hash: str
    state: ProposalState
    created_at: datetime
    target: str | None = None
    topic: str | None = None
    source: Source = field(default_factory=Source)
    rationale: str | None = None
    excerpt: str | None = None
    findings: tuple[Finding, ...] = ()
    expires_at: datetime | None = None
    reviewed_at: datetime | None = None
    reviewer: str | None = None
    reason: str | None = None
    result_id: str | None = None


# ---------------------------------------------------------------------------
# Store ops. A backend implements batch(ops); everything else builds ops.
# ---------------------------------------------------------------------------

Vector: TypeAlias = Sequence[float]


@dataclass(frozen=True, slots=True)
class Filter:
    """Which records a read may see.

    Attributes:
        scopes: exact scopes visible (a scope and its ancestors).
        prefixes: scopes whose descendants are visible too.
        kinds: kinds to include (empty: all).
        topic: only this topic, if set.
        now: the current time, for expiry and closed records.
        as_of: look at the past: records valid at this time, superseded or not.
        include_superseded: include closed and superseded records too.
    """

    scopes: tuple[str, ...]
    now: datetime
    prefixes: tuple[str, ...] = ()
    kinds: tuple[Kind, ...] = ()
    topic: str | None = None
    as_of: datetime | None = None
    include_superseded: bool = False

    def scope_visible(self, scope: str) -> bool:
        """True if a record in ``scope`` passes the scope part of the filter."""
        if scope in self.scopes:
            return True
        return any(scope.startswith(p + "/") for p in self.prefixes)

    def matches(self, r: Record) -> bool:
        """The whole filter applied to one record (reference semantics for every backend)."""
        if not self.scope_visible(r.scope):
            return False
        if self.kinds and r.kind not in self.kinds:
            return False
        if self.topic is not None and r.topic != self.topic:
            return False
        if r.expires_at is not None and r.expires_at <= self.now:
            return False
        if self.as_of is not None:
            if r.valid_from > self.as_of:
                return False
            return r.valid_to is None or r.valid_to > self.as_of
        if self.include_superseded:
            return True
        return r.superseded_by is None and (r.valid_to is None or r.valid_to > self.now)


@dataclass(frozen=True, slots=True)
class PutOp:
    """Insert a new record with its history event, keyword text and vector.

    ``keywords`` are the analysed terms to index (default: the text's);
    ``context`` are analysed terms of surrounding material (neighbouring turns),
    indexed with a lower weight.
    """

    record: Record
    event: Event
    keywords: str | None = None
    vector: Vector | None = None
    embedder: str | None = None
    context: str | None = None


@dataclass(frozen=True, slots=True)
class SupersedeOp:
    """Close a record: set ``valid_to`` and, if replaced, ``superseded_by``."""

    id: str
    valid_to: datetime
    superseded_by: str | None = None


@dataclass(frozen=True, slots=True)
class DeleteOp:
    """Remove a record with its keyword row and vector; the event keeps the history."""

    id: str
    event: Event


@dataclass(frozen=True, slots=True)
class EventOp:
    """Append an event that changes no record (e.g. an export)."""

    event: Event


@dataclass(frozen=True, slots=True)
class GetOp:
    """Fetch one record by id (``None`` if missing)."""

    id: str


@dataclass(frozen=True, slots=True)
class ListOp:
    """Records passing a filter, ordered by ``recorded_at`` then id."""

    filter: Filter
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class CountOp:
    """How many records pass a filter."""

    filter: Filter


@dataclass(frozen=True, slots=True)
class SearchOp:
    """Candidate lists from each retriever; fusion happens above the store.

    Attributes:
        filter: which records may be returned.
        query: keyword query (already analysed terms joined by spaces), or None.
        vector: the query vector (unit length), or None.
        embedder: the embedder id the query vector comes from.
        limit: how many candidates each retriever returns.
        context_weight: BM25 weight of context terms relative to the memory's own.
    """

    filter: Filter
    query: str | None
    vector: Vector | None
    embedder: str | None
    limit: int
    context_weight: float = 0.3


@dataclass(frozen=True, slots=True)
class Candidates:
    """The result of a :class:`SearchOp`: ``(record, score)`` pairs, best first."""

    keyword: list[tuple[Record, float]]
    dense: list[tuple[Record, float]]


@dataclass(frozen=True, slots=True)
class HistoryOp:
    """Events touching any of the given memory ids, oldest first."""

    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScopesOp:
    """Distinct scopes with a count of current records, optionally under a prefix."""

    prefix: str | None = None


@dataclass(frozen=True, slots=True)
class VectorsOp:
    """Vector bookkeeping: embedders in use, records lacking a vector for ``embedder``.

    Returns a :class:`VectorStats`; ``limit`` bounds the records returned for re-embedding.
    """

    embedder: str
    limit: int = 0


@dataclass(frozen=True, slots=True)
class VectorStats:
    """Result of :class:`VectorsOp`."""

    by_embedder: dict[str, int]
    missing: int
    records: list[Record]


@dataclass(frozen=True, slots=True)
class VectorLookupOp:
    """Vectors already stored for these content hashes (dedup before embedding).

    Only plain vectors are offered: episode vectors blend in neighbouring turns,
    so they are never reused for another record.
    """

    hashes: tuple[str, ...]
    embedder: str


@dataclass(frozen=True, slots=True)
class VectorPutOp:
    """Store (or replace) the vectors of existing records for one embedder (reindex)."""

    ids: tuple[str, ...]
    embedder: str
    vectors: Sequence[Vector]


@dataclass(frozen=True, slots=True)
class VectorPurgeOp:
    """Delete every vector not produced by ``keep`` (after a reindex)."""

    keep: str


Op: TypeAlias = (
    PutOp
    | SupersedeOp
    | DeleteOp
    | EventOp
    | GetOp
    | ListOp
    | CountOp
    | SearchOp
    | HistoryOp
    | ScopesOp
    | VectorsOp
    | VectorLookupOp
    | VectorPutOp
    | VectorPurgeOp
)


def utc(value: datetime) -> datetime:
    """Return ``value`` as UTC; naive values are rejected with a clear message."""
    _check_utc("datetime", value)
    return value.astimezone(UTC)


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
    """Insert a new proposal with its ``proposal.created`` event (the id must be new)."""

    proposal: Proposal
    event: Event


@dataclass(frozen=True, slots=True)
class ProposalGetOp:
    """Fetch one proposal by id (``None`` if missing)."""

    id: str


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
        if self.scope is not None and not (p.scope == self.scope or p.scope.startswith(self.scope + "/")):
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

__all__ += [
    "ANY_SCOPE",
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
]
# --- end review ops ---

# --- privacy ops ---------------------------------------------------------------
# Values and store ops of the privacy service (memstack.privacy): erasure with a
# receipt, export, retention (gc) and the audit log. Kept in one delimited
# section so the privacy service owns it. The pure helpers below (match,
# tombstone, pseudonym) are the ONE definition every backend applies, so an
# erasure means the same thing in SQLite, PostgreSQL and the in-memory store.

#: The counters of an :class:`ErasureCounts`, in receipt order.
ERASURE_COUNTS = (
    "records",
    "versions",
    "proposals",
    "extractions",
    "extraction_jobs",
    "policies",
    "events_tombstoned",
    "keyword_rows",
    "keyword_contexts",
    "vectors",
)

#: Actions whose events are content-free receipts; erasure leaves them intact.
PRIVACY_ACTIONS = ("forget", "gc", "export")

#: Detail keys a tombstone keeps: identifiers and enumerations only, never text.
TOMBSTONE_KEYS = (
    "kind", "origin", "op", "state", "mode", "edited", "quarantined",
    "supersedes", "proposal", "target", "result", "result_id",
)  # fmt: skip
_TOKEN_VALUE = re.compile(r"[A-Za-z0-9_.:-]{1,80}")


@dataclass(frozen=True, slots=True)
class Held:
    """One kind of scope-bearing data besides memories and events, and how erasure finds it.

    :data:`HELD` lists them all. It is the ONE place that says which tables
    (SQL backends) or collections (in-memory store) hold data about a scope, so
    ``forget``, ``gc`` and ``export`` cover a new one as soon as it is listed here,
    and a test fails when a migration adds a table that is not. Field names are
    both the SQL column names and the attribute names of the value types
    (:class:`Proposal`, :class:`Extraction`, :class:`Policy`).

    Attributes:
        name: table / collection name; also the :class:`ErasureCounts` field.
        scope: the field holding the scope path.
        memory_refs: fields holding a memory id: the row is erased with that memory.
        results: fields holding the id of a memory the row produced (e.g. an
            approved proposal's ``result_id``): that memory is erased with the row.
        proposal_refs: fields holding proposal ids (a JSON array in SQL, a tuple
            in Python): the row is erased with any of those proposals.
        texts: free-text fields ``forget(match=...)`` looks at.
        whole_scope_only: erased by ``forget(scope)`` only, never by a selective
            erasure (configuration rather than data about anyone).
    """

    name: str
    scope: str = "scope"
    memory_refs: tuple[str, ...] = ()
    results: tuple[str, ...] = ()
    proposal_refs: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    whole_scope_only: bool = False


HELD: tuple[Held, ...] = (
    Held(
        "proposals",
        memory_refs=("target", "result_id"),
        results=("result_id",),
        texts=("text", "excerpt", "rationale", "reason"),
    ),
    Held("extractions", proposal_refs=("proposals",), texts=("raw", "reason")),
    # Queued conversations wait here (messages verbatim) until a worker extracts them.
    Held("extraction_jobs", texts=("messages", "conversation", "error")),
    Held("policies", scope="scope_prefix", whole_scope_only=True),
)


def held_text(value: Any) -> str | None:
    """A :class:`Held` text field as ``match`` reads it: strings as they are, structures as JSON.

    The JSON is the form SQL backends store (``ensure_ascii=False``), so a match
    means the same on every backend.

    Example:
        >>> held_text(({"role": "user", "content": "Grüß dich"},))
        '[{"role": "user", "content": "Grüß dich"}]'
    """
    import json

    if value is None or isinstance(value, str):
        return value
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


def normalize_match(text: str) -> str:
    """The form ``forget(match=...)`` compares: Unicode NFKC, then case-folded.

    Example:
        >>> normalize_match("ＡＬＩＣＥ Straße")
        'alice strasse'
    """
    import unicodedata

    return unicodedata.normalize("NFKC", text).casefold()


def text_matches(text: str | None, needle: str) -> bool:
    """True if ``text`` contains ``needle`` (already :func:`normalize_match`-ed).

    Example:
        >>> text_matches("Alice moved to Berlin", normalize_match("BERLIN"))
        True
    """
    return bool(text) and needle in normalize_match(text)  # type: ignore[arg-type]


def pseudonym(actor: str) -> str:
    """The actor a tombstone keeps: a tagged hash of the name (idempotent).

    Example:
        >>> pseudonym("alice") == pseudonym(pseudonym("alice"))
        True
    """
    return actor if actor.startswith(HASH_PREFIX) else content_hash(actor)


def tombstone_detail(detail: dict[str, Any], *, receipt: str, reason: str) -> dict[str, Any]:
    """An event detail with everything but identifiers and enumerations removed.

    Keeps :data:`TOMBSTONE_KEYS` whose values are short id-like strings (or
    booleans/numbers), and adds ``erased`` (the receipt id) and ``reason``.

    Example:
        >>> tombstone_detail({"kind": "fact", "reason": "typo, Alice"}, receipt="R1", reason="GDPR")
        {'erased': 'R1', 'kind': 'fact', 'reason': 'GDPR'}
    """
    kept: dict[str, Any] = {"erased": receipt, "reason": reason}
    for key in TOMBSTONE_KEYS:
        value = detail.get(key)
        if isinstance(value, bool | int | float) or (
            isinstance(value, str) and _TOKEN_VALUE.fullmatch(value)
        ):
            kept[key] = value
    return dict(sorted(kept.items()))


def tombstone(event: Event, *, receipt: str, reason: str) -> Event:
    """``event`` without content: no text, hashed actor, stripped detail; ids and hashes stay."""
    return Event(
        id=event.id,
        at=event.at,
        action=event.action,
        actor=pseudonym(event.actor),
        scope=event.scope,
        memory_id=event.memory_id,
        before=None,
        after=None,
        before_hash=event.before_hash,
        after_hash=event.after_hash,
        detail=tombstone_detail(event.detail, receipt=receipt, reason=reason),
    )


def scrub_context(context: str, erased: Sequence[str]) -> str:
    """Remove erased memories' keyword terms from another memory's context terms.

    A conversation turn is indexed with the terms of the turns around it (its
    context). When a turn is erased, its terms must leave its neighbours'
    contexts too. Each string in ``erased`` is one erased memory's analysed
    terms; it is removed (as a multiset, first occurrences) only from a context
    that contains all of it, which is what a neighbour's context does.

    Example:
        >>> scrub_context("alic say hi canari 7f3a bob ok", ["canari 7f3a"])
        'alic say hi bob ok'
        >>> scrub_context("alic say hi", ["canari 7f3a"])
        'alic say hi'
    """
    from collections import Counter

    tokens = context.split()
    have = Counter(tokens)
    drop: Counter[str] = Counter()
    for terms in erased:
        need = Counter(terms.split())
        if need and all(have[t] - drop[t] >= n for t, n in need.items()):
            drop += need
    if not drop:
        return context
    kept = []
    for token in tokens:
        if drop[token] > 0:
            drop[token] -= 1
        else:
            kept.append(token)
    return " ".join(kept)


def is_tombstone(event: Event) -> bool:
    """True if erasure already turned ``event`` into a tombstone (its detail names the receipt)."""
    return "erased" in event.detail


@dataclass(frozen=True, slots=True)
class ErasureCounts:
    """How much one erasure removed, per artifact (see ``docs/privacy.md``).

    Attributes:
        records: distinct memories (lineages) erased.
        versions: memory rows erased (every version of every record).
        proposals, extractions, extraction_jobs, policies: rows of those kinds erased
            (``extraction_jobs``: queued conversations not yet extracted).
        events_tombstoned: history events replaced by tombstones.
        keyword_rows: full-text index rows deleted.
        keyword_contexts: full-text rows of *other* memories (neighbouring
            conversation turns) whose context terms held erased text and were cleaned.
        vectors: stored vectors deleted.
    """

    records: int = 0
    versions: int = 0
    proposals: int = 0
    extractions: int = 0
    extraction_jobs: int = 0
    policies: int = 0
    events_tombstoned: int = 0
    keyword_rows: int = 0
    keyword_contexts: int = 0
    vectors: int = 0

    def __add__(self, other: ErasureCounts) -> ErasureCounts:
        return ErasureCounts(*(getattr(self, n) + getattr(other, n) for n in ERASURE_COUNTS))

    @property
    def total(self) -> int:
        """Everything touched (for "was anything erased?")."""
        return sum(getattr(self, n) for n in ERASURE_COUNTS)

    def to_dict(self) -> dict[str, int]:
        """The counters as a dict, in :data:`ERASURE_COUNTS` order."""
        return {n: getattr(self, n) for n in ERASURE_COUNTS}


@dataclass(frozen=True, slots=True)
class ErasureReceipt:
    """Proof of one erasure (``forget`` or ``gc``), returned to the caller.

    The stored ``forget``/``gc`` event carries the same facts without content:
    ``match`` is kept there only as a hash.

    Attributes:
        id: the receipt id (the ``forget`` event's id; for gc, named in each ``gc`` event).
        scope: the scope erased (descendants included); ``"*"`` for gc.
        match: the ``match`` string, if any.
        ids: the memory ids given, if any.
        reason: why (kept verbatim in tombstones and the event).
        actor: who asked.
        counts: what was removed.
        started_at, finished_at: UTC times around the whole operation.
        physical: the physical-erasure steps that ran, in order.
        complete: every physical step succeeded (else run ``memstack gc`` later).
    """

    id: str
    scope: str
    match: str | None
    ids: tuple[str, ...]
    reason: str
    actor: str
    counts: ErasureCounts
    started_at: datetime
    finished_at: datetime
    physical: tuple[str, ...] = ()
    complete: bool = True

    def __post_init__(self) -> None:
        _check_utc("started_at", self.started_at)
        _check_utc("finished_at", self.finished_at)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (ISO 8601 times)."""
        return {
            "id": self.id,
            "scope": self.scope,
            "match": self.match,
            "ids": list(self.ids),
            "reason": self.reason,
            "actor": self.actor,
            "counts": self.counts.to_dict(),
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
            "physical": list(self.physical),
            "complete": self.complete,
        }


@dataclass(frozen=True, slots=True)
class Holdings:
    """Everything a store holds about a scope and its descendants (result of :class:`ExportOp`).

    Records in every state (superseded, closed, expired but not yet collected),
    ordered by ``recorded_at`` then id; events oldest first.
    """

    records: tuple[Record, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    extractions: tuple[Extraction, ...] = ()
    policies: tuple[Policy, ...] = ()
    events: tuple[Event, ...] = ()
    jobs: tuple[Job, ...] = ()


@dataclass(frozen=True, slots=True)
class Compaction:
    """Result of :class:`CompactOp`: the physical steps that ran and whether all succeeded."""

    steps: tuple[str, ...]
    complete: bool


@dataclass(frozen=True, slots=True)
class ForgetOp:
    """Erase a scope and its descendants, or the memories selected by ``ids`` or ``match``.

    One transaction: rows, keyword rows, vectors, :data:`HELD` rows are deleted,
    history events become tombstones (:func:`tombstone`), and ``event`` (the content-free
    ``forget`` receipt event) is appended with ``detail["counts"]`` filled in by
    the store. Returns :class:`ErasureCounts`. Selection rules: ``docs/privacy.md``.

    Attributes:
        scope: the root scope (descendants included).
        event: the receipt event; its id is the receipt id.
        reason: the erasure reason kept in tombstones.
        match: a case-insensitive substring (see :func:`text_matches`), or None.
        ids: memory ids (every version of each is erased), or empty.
    """

    scope: str
    event: Event
    reason: str
    match: str | None = None
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GcOp:
    """Erase every record with ``expires_at <= now`` like ``ForgetOp(ids=...)`` (no lineage walk).

    ``event`` is a template: the store appends one copy per affected scope (new
    id, that scope, ``detail["counts"]`` for it). Returns :class:`ErasureCounts`.
    """

    now: datetime
    event: Event
    reason: str


@dataclass(frozen=True, slots=True)
class CompactOp:
    """Make earlier deletions physical; must be the only op in its batch.

    SQLite: FTS5 ``optimize``, ``wal_checkpoint(TRUNCATE)``, ``VACUUM``,
    ``wal_checkpoint(TRUNCATE)``; these cannot run inside a transaction, so the
    store runs them around the batch's empty one. Returns :class:`Compaction`.
    """


@dataclass(frozen=True, slots=True)
class ExportOp:
    """Everything held about ``scope`` and its descendants; returns :class:`Holdings`."""

    scope: str


@dataclass(frozen=True, slots=True)
class AuditOp:
    """History events of ``scope`` and its descendants, newest first.

    Attributes:
        scope: the root scope.
        since: only events at or after this time.
        actions: only these actions (empty: all).
        limit: at most this many (None: all).
    """

    scope: str
    since: datetime | None = None
    actions: tuple[str, ...] = ()
    limit: int | None = None


PrivacyOp: TypeAlias = ForgetOp | GcOp | CompactOp | ExportOp | AuditOp

__all__ += [
    "ERASURE_COUNTS",
    "HELD",
    "PRIVACY_ACTIONS",
    "TOMBSTONE_KEYS",
    "AuditOp",
    "CompactOp",
    "Compaction",
    "ErasureCounts",
    "ErasureReceipt",
    "ExportOp",
    "ForgetOp",
    "GcOp",
    "Held",
    "Holdings",
    "PrivacyOp",
    "held_text",
    "is_tombstone",
    "normalize_match",
    "pseudonym",
    "scrub_context",
    "text_matches",
    "tombstone",
    "tombstone_detail",
]
# --- end privacy ops ---

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

    It is a ``list[Proposal]`` (iterate, index, ``len``), with two attributes:

    Attributes:
        extraction: the logged extraction run (usage, cost, note), or ``None``
            for a queued job.
        job: the queued :class:`Job` when ``background=True``, else ``None``.
    """

    extraction: Extraction | None
    job: Job | None

    def __init__(
        self,
        proposals: Sequence[Proposal] = (),
        *,
        extraction: Extraction | None = None,
        job: Job | None = None,
    ) -> None:
        super().__init__(proposals)
        self.extraction = extraction
        self.job = job

    def __repr__(self) -> str:
        about = f"extraction={self.extraction.id}" if self.extraction else f"job={self.job.id if self.job else None}"
        return f"Remembered({list.__repr__(self)}, {about})"


__all__ += [
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
