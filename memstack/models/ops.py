"""Store ops: the values a service hands to ``Store.batch``.

A backend implements ``batch(ops)`` and nothing else; every read and write is
one of these frozen dataclasses (services add their own in their model
modules). Keeping them apart from the record values keeps both modules small.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeAlias

from .metadata import MetaFilter, meta_matches
from .values import Event, Kind, Record

__all__ = [
    "Candidates",
    "CountOp",
    "DeleteOp",
    "EventOp",
    "Filter",
    "GetManyOp",
    "GetOp",
    "HistoryOp",
    "ListOp",
    "PutOp",
    "ScopesOp",
    "SearchOp",
    "Stub",
    "SupersedeOp",
    "Vector",
    "VectorLookupOp",
    "VectorPurgeOp",
    "VectorPutOp",
    "VectorStats",
    "VectorsOp",
]

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
        metadata: conditions on top-level metadata keys (:func:`~.metadata.check_filter`).
    """

    scopes: tuple[str, ...]
    now: datetime
    prefixes: tuple[str, ...] = ()
    kinds: tuple[Kind, ...] = ()
    topic: str | None = None
    as_of: datetime | None = None
    include_superseded: bool = False
    metadata: MetaFilter = ()

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
        if self.metadata and not meta_matches(r.metadata, self.metadata):
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

    Returns the stored :class:`Record`. Precondition: the id is new. With
    ``idempotent=True`` (ids derived from a caller's idempotency key), an id
    that already holds a record of the same scope, kind and content is a retry:
    nothing is written and the stored record is returned; any other record
    under that id raises ``Conflict``.
    """

    record: Record
    event: Event
    keywords: str | None = None
    vector: Vector | None = None
    embedder: str | None = None
    context: str | None = None
    idempotent: bool = False


@dataclass(frozen=True, slots=True)
class SupersedeOp:
    """Close a record: set ``valid_to`` and, if replaced, ``superseded_by``.

    Precondition, checked inside the write transaction: the record exists
    (else ``NotFound``) and is still current, i.e. neither superseded nor
    closed (else ``Conflict`` naming it). This is what keeps one lineage to
    one current version when two writers update the same memory at once.
    """

    id: str
    valid_to: datetime
    superseded_by: str | None = None

    def refusal(self, current: Record) -> str | None:
        """Why this op may not close ``current`` (``None``: it may); the same check everywhere."""
        if current.superseded_by is not None:
            return (
                f"Memory {current.id} was already superseded by {current.superseded_by}; "
                "update the current version instead."
            )
        if current.valid_to is not None:
            return f"Memory {current.id} was already closed; it has no current version to change."
        return None


@dataclass(frozen=True, slots=True)
class DeleteOp:
    """Remove a record with its keyword row and vector; the event keeps the history.

    With ``current=True`` (applying an edited render), a precondition checked
    inside the write transaction: the record is still current, neither
    superseded nor closed (else ``Conflict`` naming it), so a memory another
    writer changed after the caller read it is not deleted behind their back.
    """

    id: str
    event: Event
    current: bool = False

    def refusal(self, record: Record) -> str | None:
        """Why this op may not delete ``record`` (``None``: it may); the same check everywhere."""
        if not self.current:
            return None
        if record.superseded_by is not None:
            return (
                f"Memory {record.id} was changed (superseded by {record.superseded_by}) "
                "after the version being deleted was read; nothing was deleted."
            )
        if record.valid_to is not None:
            return f"Memory {record.id} was closed after it was read; nothing was deleted."
        return None


@dataclass(frozen=True, slots=True)
class EventOp:
    """Append an event that changes no record (e.g. an export)."""

    event: Event


@dataclass(frozen=True, slots=True)
class GetOp:
    """Fetch one record by id (``None`` if missing)."""

    id: str


@dataclass(frozen=True, slots=True)
class GetManyOp:
    """Fetch records by id: a dict from id to record, missing ids left out."""

    ids: tuple[str, ...]


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
        stubs: return :class:`Stub` values instead of records (the caller fetches the
            records it keeps with :class:`GetManyOp`).
    """

    filter: Filter
    query: str | None
    vector: Vector | None
    embedder: str | None
    limit: int
    context_weight: float = 0.3
    stubs: bool = False


@dataclass(frozen=True, slots=True)
class Stub:
    """What fusion needs of a candidate; the searcher fetches full records for the winners.

    A backend answering a :class:`SearchOp` with ``stubs=True`` may return these
    instead of records, so that ranking 100 candidates to return 10 does not
    build 100 records.
    """

    id: str
    valid_from: datetime
    importance: float


@dataclass(frozen=True, slots=True)
class Candidates:
    """The result of a :class:`SearchOp`: ``(record, score)`` pairs, best first.

    Equal keyword scores are ordered by id on every backend; the order of equal
    dense scores is left to the backend (see docs/architecture.md).

    With a keyword query, ``scope_rows`` and ``scope_df`` describe the searched
    scopes themselves (not the tenant, whose statistics BM25 uses): how many
    memories they index, and how many of those hold each query term in their
    terms or context. Backends may count rows the filter hides (superseded or
    expired versions); the planner uses them only to spot query terms that
    nearly every memory of the scope holds (see ``Planner.search``).
    """

    keyword: list[tuple[Record | Stub, float]]
    dense: list[tuple[Record | Stub, float]]
    scope_rows: int = 0
    scope_df: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HistoryOp:
    """Events touching any of the given memory ids, oldest first."""

    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScopesOp:
    """Distinct scopes with a count of current records, optionally under a prefix.

    Current means not superseded and, when ``now`` is given, not expired at ``now``.
    """

    prefix: str | None = None
    now: datetime | None = None


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
