"""The logic of every ``Memory`` method, written once for the sync and async doors.

Each public operation is a *plan*: a generator that yields requests for I/O
(:class:`Batch` for the store, :class:`Embed` for the embedder) and receives
their results. :class:`memstack.Memory` drives a plan with blocking calls
and :class:`memstack.AsyncMemory` with awaits. Validation, op building and
ranking therefore exist exactly once, and the parity test runs the same cases
through both doors (STYLE.md 2.2).

Plans never read the clock directly: ``self.clock()`` is injected, so tests can
travel in time.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from ..errors import Conflict, EmbedderMismatch, NotFound, UsageError
from ..index import temporal
from ..index.hybrid import FusionWeights
from ..models import (
    CountOp,
    DeleteOp,
    Event,
    Filter,
    GetOp,
    HistoryOp,
    Hit,
    Kind,
    ListOp,
    Op,
    PutOp,
    Record,
    Scope,
    ScopesOp,
    Source,
    SupersedeOp,
    VectorLookupOp,
    VectorPurgeOp,
    VectorPutOp,
    VectorsOp,
    VectorStats,
    check_filter,
    check_metadata,
    content_hash,
    new_id,
    utc,
)
from ..review.screening import screen_human
from . import search as search_plans
from .episodes import blend_vectors, blend_weight, link_episodes, reblend
from .requests import Batch, Embed, Plan
from .validate import (
    UNSET,
    NewMemory,
    Unset,
    check_importance,
    check_kind,
    check_text,
    check_topic,
    inside,
)

__all__ = ["Planner"]

T = TypeVar("T")


class Planner:
    """Builds plans; holds no I/O objects, only the embedder's id and the knobs.

    Args:
        embedder_id: id of the configured embedder (tags and selects vectors).
        author: default actor for human writes.
        weights: fusion weights.
        clock: returns the current UTC time.
        retention: default lifetime per kind, applied at write time when no
            ``expires_at`` is given (the ``retention`` setting).
    """

    def __init__(
        self,
        *,
        embedder_id: str,
        author: str = "human",
        weights: FusionWeights | None = None,
        clock: Callable[[], datetime] | None = None,
        retention: Mapping[str, timedelta] | None = None,
    ) -> None:
        self.embedder_id = embedder_id
        self.author = author
        self.weights = weights or FusionWeights()
        self.clock = clock or (lambda: datetime.now(UTC))
        #: Default lifetime per kind (privacy/retention.py): expires_at for writes without one.
        self.retention: dict[str, timedelta] = dict(retention or {})
        #: Strength of the prior for memories from a time the query names (0: off).
        self.time_prior = temporal.STRENGTH
        self._vectors_checked = False

    # -- helpers ----------------------------------------------------------------------

    def expiry(self, kind: str, now: datetime) -> datetime | None:
        """When a memory of ``kind`` written at ``now`` expires by default (``retention``)."""
        lifetime = self.retention.get(kind)
        return now + lifetime if lifetime else None

    def event(self, action: str, scope: str, **kw: Any) -> Event:
        return Event(id=new_id(), at=self.clock(), action=action, scope=scope, **kw)

    def filter(
        self,
        scope: Scope | str,
        *,
        kind: str | Sequence[str] | None = None,
        topic: str | None = None,
        as_of: datetime | None = None,
        include_descendants: bool = False,
        include_superseded: bool = False,
        metadata: Mapping[str, Any] | None = None,
    ) -> Filter:
        sc = Scope.parse(scope)
        kinds: tuple[Kind, ...] = ()
        if kind is not None:
            kinds = tuple(check_kind(k) for k in ([kind] if isinstance(kind, str) else kind))
        return Filter(
            scopes=sc.ancestors(),
            prefixes=(sc.path,) if include_descendants else (),
            kinds=kinds,
            topic=topic,
            now=self.clock(),
            as_of=utc(as_of) if as_of is not None else None,
            include_superseded=include_superseded,
            metadata=check_filter(metadata),
        )

    def new_memory(
        self,
        scope: Scope | str,
        text: str,
        *,
        kind: str = "fact",
        topic: str | None = None,
        pinned: bool = False,
        importance: float = 0.5,
        source: Source | Mapping[str, Any] | None = None,
        author: str | None = None,
        valid_from: datetime | None = None,
        expires_at: datetime | None = None,
        keywords: str | None = None,
        dense_text: str | None = None,
        context: str | None = None,
        blend: tuple[int, ...] = (),
        id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> NewMemory:
        """Validate one write (raises UsageError/InvalidScope with exact messages)."""
        if isinstance(source, Mapping):
            source = Source.from_dict(dict(source))
        src = source or Source(origin="human")
        if src.author is None:
            src = replace(src, author=author or self.author)
        meta = check_metadata(metadata)
        # Human writes too: a secret is refused, in the text and in the metadata.
        screen_human(
            check_text(text), kind=check_kind(kind), topic=check_topic(topic), source=src,
            metadata=meta,
        )  # fmt: skip
        return NewMemory(
            scope=Scope.parse(scope).path,
            kind=check_kind(kind),
            text=check_text(text),
            topic=check_topic(topic),
            pinned=bool(pinned),
            importance=check_importance(importance),
            source=src,
            valid_from=utc(valid_from) if valid_from is not None else None,
            expires_at=utc(expires_at) if expires_at is not None else None,
            keywords=keywords,
            dense_text=dense_text,
            context=context,
            blend=blend,
            id=id,
            metadata=meta,
        )

    def check_vectors(self) -> Plan[None]:
        """Refuse to mix embedders: vectors from another model need ``memstack reindex``."""
        if self._vectors_checked:
            return
        stats: VectorStats = (yield Batch([VectorsOp(self.embedder_id, 0)]))[0]
        others = {k: v for k, v in stats.by_embedder.items() if k != self.embedder_id}
        if others and stats.missing:
            found = ", ".join(f"{n} vectors from {k}" for k, v in others.items() for n in [v])
            raise EmbedderMismatch(
                f"The store holds {found}, but the configured embedder is {self.embedder_id} "
                f"({stats.missing} memories have no vector from it).",
                hint="Run 'memstack reindex' to re-embed them, or configure the old embedder.",
            )
        self._vectors_checked = True

    # -- writes -----------------------------------------------------------------------

    def add_many(
        self,
        items: Sequence[NewMemory],
        *,
        action: str = "add",
        batch_size: int = 256,
        progress: Callable[[int], None] | None = None,
    ) -> Plan[builtins.list[Record]]:
        """Embed (deduplicated by content hash) and write, one transaction per batch.

        Raises:
            MemoryOff: memory is switched off for writes in one of the items' scopes.
        """
        from .switch import require_writes, writes_on  # switch.py builds on this module

        yield from require_writes(self, [m.scope for m in items])
        items = link_episodes(items)  # episodes of one session get their neighbours' context
        yield from self.check_vectors()
        # 1. Reuse stored vectors of identical texts (the store only offers plain vectors).
        texts = [m.dense_text or m.text for m in items]
        hashes = [content_hash(t) for t in texts]
        known: dict[str, Any] = {}
        unique = list(dict.fromkeys(hashes))
        for start in range(0, len(unique), 1000):
            chunk_hashes = tuple(unique[start : start + 1000])
            known.update((yield Batch([VectorLookupOp(chunk_hashes, self.embedder_id)]))[0])
        # 2. Embed the rest in one request, so the embedder can sort every text by length.
        todo = list(dict.fromkeys(t for t, h in zip(texts, hashes, strict=True) if h not in known))
        if todo:
            vecs = yield Embed(todo, "document", progress)
            known.update((content_hash(t), v) for t, v in zip(todo, vecs, strict=True))
        weights = [blend_weight(t) for t in texts]
        vectors = blend_vectors([known[h] for h in hashes], [m.blend for m in items], weights)
        # 3. Write, one transaction per batch.
        out: list[Record] = []
        for start in range(0, len(items), batch_size):
            chunk = items[start : start + batch_size]
            now = self.clock()
            # The switch again, inside the write transaction: it may have changed since.
            ops: list[Op] = [writes_on([m.scope for m in chunk])]
            for m, vec in zip(chunk, vectors[start : start + batch_size], strict=True):
                record = Record(
                    id=m.id or new_id(),
                    scope=m.scope,
                    kind=m.kind,
                    text=m.text,
                    topic=m.topic,
                    pinned=m.pinned,
                    importance=m.importance,
                    source=m.source,
                    recorded_at=now,
                    valid_from=m.valid_from or now,
                    expires_at=m.expires_at or self.expiry(m.kind, now),
                    metadata=m.metadata,
                )
                event = self.event(
                    action,
                    m.scope,
                    actor=m.source.author or self.author,
                    memory_id=record.id,
                    after=m.text,
                    after_hash=record.content_hash,
                    detail={"kind": m.kind, "origin": m.source.origin},
                )
                ops.append(
                    PutOp(
                        record,
                        event,
                        m.keywords,
                        vec,
                        self.embedder_id,
                        m.context,
                        idempotent=m.id is not None,
                    )  # fmt: skip
                )
            # The stored records: on a retried key, the ones the first attempt wrote.
            out.extend((yield Batch(ops))[1:])
        if progress is not None and len(items) > len(todo):
            progress(len(items) - len(todo))  # the rest needed no embedding
        return out

    def update(
        self,
        id: str,
        text: str,
        *,
        author: str | None = None,
        topic: str | None | Unset = UNSET,
        pinned: bool | Unset = UNSET,
        importance: float | Unset = UNSET,
        valid_from: datetime | None = None,
        reason: str | None = None,
        within: str | None = None,
        metadata: Mapping[str, Any] | None | Unset = UNSET,
        expires_at: datetime | None | Unset = UNSET,
    ) -> Plan[Record]:
        """Supersede ``id`` with a new version; the old one keeps its history.

        A change of an existing memory: it applies while memory is off for writes.
        """
        old = yield from self.get(id, within=within)
        if old.superseded_by is not None:
            raise Conflict(
                f"Memory {id} was already superseded by {old.superseded_by}.",
                hint="Update the current version instead.",
            )
        yield from self.check_vectors()
        text = check_text(text)
        meta = old.metadata if isinstance(metadata, Unset) else check_metadata(metadata)
        screen_human(text, kind=old.kind, metadata=None if meta is old.metadata else meta)
        now = self.clock()
        start = utc(valid_from) if valid_from is not None else now
        if start < old.valid_from:
            raise UsageError("valid_from of the new version must not be before the old version's.")
        actor = author or self.author
        new = Record(
            id=new_id(),
            scope=old.scope,
            kind=old.kind,
            text=text,
            topic=old.topic if isinstance(topic, Unset) else check_topic(topic),
            pinned=old.pinned if isinstance(pinned, Unset) else bool(pinned),
            importance=(
                old.importance if isinstance(importance, Unset) else check_importance(importance)
            ),
            source=replace(old.source, author=actor, origin="human"),
            recorded_at=now,
            valid_from=start,
            expires_at=(
                old.expires_at
                if isinstance(expires_at, Unset)
                else None
                if expires_at is None
                else utc(expires_at)
            ),
            metadata=meta,
        )
        known = (yield Batch([VectorLookupOp((new.content_hash,), self.embedder_id)]))[0]
        vec = known.get(new.content_hash)
        if vec is None:
            vec = (yield Embed([text], "document", None))[0]
        event = self.event(
            "update",
            old.scope,
            actor=actor,
            memory_id=new.id,
            before=old.text,
            after=text,
            before_hash=old.content_hash,
            after_hash=new.content_hash,
            detail={"supersedes": old.id, **({"reason": reason} if reason else {})},
        )
        yield Batch(
            [
                SupersedeOp(old.id, valid_to=start, superseded_by=new.id),
                PutOp(new, event, None, vec, self.embedder_id),
            ]
        )
        return new

    def delete(
        self,
        id: str,
        *,
        author: str | None = None,
        reason: str | None = None,
        within: str | None = None,
    ) -> Plan[None]:
        """Remove a memory; its history keeps a ``delete`` event."""
        rec = yield from self.get(id, within=within)
        event = self.event(
            "delete",
            rec.scope,
            actor=author or self.author,
            memory_id=rec.id,
            before=rec.text,
            before_hash=rec.content_hash,
            detail={"reason": reason} if reason else {},
        )
        yield Batch([DeleteOp(rec.id, event)])

    # -- reads ------------------------------------------------------------------------

    def get(self, id: str, *, within: str | None = None) -> Plan[Record]:
        """The record ``id``; outside ``within`` it is as missing as an unknown id."""
        if not isinstance(id, str) or not id:
            raise UsageError(f"A memory id must be a non-empty string, got {id!r}.")
        rec: Record | None = (yield Batch([GetOp(id)]))[0]
        if rec is None or not inside(rec.scope, within):
            raise NotFound(f"No memory with id {id!r}.", hint="List ids with 'memstack list'.")
        return rec

    def list(
        self, flt: Filter, *, limit: int | None = None, offset: int = 0
    ) -> Plan[builtins.list[Record]]:
        if limit is not None and limit < 0 or offset < 0:
            raise UsageError("limit and offset must not be negative.")
        result: list[Record] = (yield Batch([ListOp(flt, limit, offset)]))[0]
        return result

    def count(self, flt: Filter) -> Plan[int]:
        result: int = (yield Batch([CountOp(flt)]))[0]
        return result

    def search(
        self,
        flt: Filter,
        query: str,
        *,
        limit: int = 10,
        mode: str = "hybrid",
        candidates: int | None = None,
    ) -> Plan[builtins.list[Hit]]:
        """Hybrid retrieval: keyword and dense candidate lists fused (see plan/search.py)."""
        return search_plans.search(
            self, flt, query, limit=limit, mode=mode, candidates=candidates
        )

    def history(self, id: str, *, within: str | None = None) -> Plan[builtins.list[Event]]:
        """Events of every version in ``id``'s lineage, oldest first."""
        if not isinstance(id, str) or not id:
            raise UsageError(f"A memory id must be a non-empty string, got {id!r}.")
        lineage = [id]
        rec: Record | None = (yield Batch([GetOp(id)]))[0]
        if rec is not None and not inside(rec.scope, within):
            raise NotFound(f"No memory or history with id {id!r}.")
        while rec is not None and rec.superseded_by and rec.superseded_by not in lineage:
            lineage.append(rec.superseded_by)
            rec = (yield Batch([GetOp(rec.superseded_by)]))[0]
        first = id
        while True:
            events: list[Event] = (yield Batch([HistoryOp((first,))]))[0]
            prev = next(
                (e.detail["supersedes"] for e in events if e.detail.get("supersedes")), None
            )
            if not prev or prev in lineage:
                break
            lineage.insert(0, prev)
            first = prev
        events = (yield Batch([HistoryOp(tuple(lineage))]))[0]
        if not events and len(lineage) == 1:
            exists = (yield Batch([GetOp(id)]))[0]
            if exists is None:
                raise NotFound(f"No memory or history with id {id!r}.")
        if any(not inside(e.scope, within) for e in events):  # e.g. a deleted memory's history
            raise NotFound(f"No memory or history with id {id!r}.")
        return sorted(events, key=lambda e: (e.at, e.id))

    def scopes(self, prefix: str | None = None) -> Plan[dict[str, int]]:
        if prefix is not None:
            prefix = Scope.parse(prefix).path
        result: dict[str, int] = (yield Batch([ScopesOp(prefix, now=self.clock())]))[0]
        return result

    # -- maintenance ------------------------------------------------------------------

    def reindex(
        self, *, batch_size: int = 256, progress: Callable[[int], None] | None = None
    ) -> Plan[int]:
        """Embed every record lacking a vector from the configured embedder, then drop the rest."""
        done = 0
        while True:
            stats: VectorStats = (yield Batch([VectorsOp(self.embedder_id, batch_size)]))[0]
            if not stats.records:
                break
            vecs = yield Embed([r.text for r in stats.records], "document", None)
            vectors = yield from reblend(self, stats.records, list(vecs))
            ids = tuple(r.id for r in stats.records)
            yield Batch([VectorPutOp(ids, self.embedder_id, vectors)])
            done += len(stats.records)
            if progress is not None:
                progress(len(stats.records))
        yield Batch([VectorPurgeOp(self.embedder_id)])
        self._vectors_checked = False
        return done

    def vector_stats(self) -> Plan[VectorStats]:
        result: VectorStats = (yield Batch([VectorsOp(self.embedder_id, 0)]))[0]
        return result
