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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from ..errors import InvalidScope, UsageError

__all__ = [
    "KINDS",
    "Event",
    "Finding",
    "Hit",
    "Hits",
    "Kind",
    "Proposal",
    "Record",
    "Scope",
    "ScoreParts",
    "Source",
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
        'sha256:dbbb3637'
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
            raise InvalidScope(
                f"A scope must be a string like 'acme/alice', got {type(path).__name__}."
            )
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
        event_time: when the statement became true: the time its turns were
            said (a message's own time, else the session time), or an imported
            memory's ``valid_from``. An approved proposal's memory is valid from
            it, not from the approval.
    """

    origin: Literal["human", "ai", "conversation", "import"] = "human"
    author: str | None = None
    conversation: str | None = None
    turns: tuple[str, ...] = ()
    speaker: str | None = None
    session: str | None = None
    event_time: datetime | None = None

    def __post_init__(self) -> None:
        _check_utc("event_time", self.event_time)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with empty fields left out."""
        out: dict[str, Any] = {"origin": self.origin}
        for name in ("author", "conversation", "speaker", "session"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.turns:
            out["turns"] = list(self.turns)
        if self.event_time is not None:
            out["event_time"] = self.event_time.isoformat()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Source:
        """Inverse of :meth:`to_dict`; unknown keys are an error."""
        if not data:
            return cls()
        known = {"origin", "author", "conversation", "turns", "speaker", "session", "event_time"}
        extra = set(data) - known
        if extra:
            raise UsageError(f"Unknown source field(s): {', '.join(sorted(extra))}.")
        kwargs = dict(data)
        if "turns" in kwargs:
            kwargs["turns"] = tuple(str(t) for t in kwargs["turns"])
        when = kwargs.get("event_time")
        if isinstance(when, str):
            try:
                kwargs["event_time"] = datetime.fromisoformat(when)
            except ValueError as exc:
                raise UsageError(f"source event_time {when!r} is not an ISO 8601 time.") from exc
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
    #: The caller's JSON object (see :mod:`memstack.models.metadata`); never interpreted.
    metadata: dict[str, Any] = field(default_factory=dict)

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
            "metadata": self.metadata,
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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (ISO 8601 time)."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "action": self.action,
            "actor": self.actor,
            "scope": self.scope,
            "memory_id": self.memory_id,
            "before": self.before,
            "after": self.after,
            "before_hash": self.before_hash,
            "after_hash": self.after_hash,
            "detail": self.detail,
        }


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
    #: How close the memory is to a time the query names (1 inside it), or ``None``
    #: when the query names none (:mod:`memstack.index.temporal`).
    temporal: float | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: the memory, its final score and the parts of that score."""

    memory: Record
    score: float
    parts: ScoreParts


class Hits(list[Hit]):
    """What ``search`` returns: the hits, best first, and whether memory was off for reads.

    A list, so ``for h in hits`` and ``hits == []`` work as before; ``memory_off`` tells an
    empty answer because nothing matched from one because memory is switched off for reads
    in the scope (``memstack scope off``), which search must not hide.

    Example:
        >>> Hits([], memory_off=True).memory_off, Hits() == []
        (True, True)
    """

    __slots__ = ("memory_off",)

    def __init__(self, hits: Iterable[Hit] = (), *, memory_off: bool = False) -> None:
        super().__init__(hits)
        self.memory_off = memory_off

    def __repr__(self) -> str:
        return f"Hits({list.__repr__(self)}, memory_off={self.memory_off})"


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
    #: Metadata the approved memory gets (``None``: none for an add, the target's for
    #: an update or supersede).
    metadata: dict[str, Any] | None = None
    #: When the proposed statement became true (``None``: when it is approved).
    valid_from: datetime | None = None
    #: The approved memory's pin, importance and expiry (``None``: the defaults for an
    #: add, the target's for an update or supersede).
    pinned: bool | None = None
    importance: float | None = None
    memory_expires_at: datetime | None = None


def utc(value: datetime) -> datetime:
    """Return ``value`` as UTC; naive values are rejected with a clear message."""
    _check_utc("datetime", value)
    return value.astimezone(UTC)
