"""Values and store ops of the privacy service: erasure, export, audit."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeAlias

from .extract import Job
from .review import Extraction, Policy
from .values import (
    HASH_PREFIX,
    Event,
    Proposal,
    Record,
    _check_utc,
    content_hash,
)

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
        complete: every physical step succeeded. When not, ``owed`` says what
            remains and why; the store records it and finishes it at its next
            open or write (or run ``memstack gc``).
        owed: what physical erasure remains owed, and why (``None`` when complete).
        copies: exported copies memstack cannot erase that may still hold the
            erased data: each agent file (CLAUDE.md…) or export written from the
            scope, its ancestors or descendants, as ``"<when> <format> <file or scope>"``.
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
    owed: str | None = None
    copies: tuple[str, ...] = ()

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
            "owed": self.owed,
            "copies": list(self.copies),
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
    """Result of :class:`CompactOp`: the physical steps that ran and whether all succeeded.

    Attributes:
        steps: the steps that ran, in order; ``…:busy`` or ``…:failed`` when one did not finish.
        complete: every step finished.
        owed: when not complete, what remains and why (the store keeps it owed and
            finishes it at its next open or write).
    """

    steps: tuple[str, ...]
    complete: bool
    owed: str | None = None


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

__all__ = [
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
