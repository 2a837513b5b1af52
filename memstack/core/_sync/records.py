# Generated from memstack/core/_async/records.py by scripts/unasync.py: do not edit.
"""Records: write, read and maintain memories (plans in :mod:`memstack.plan.planner`)."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from ...models import (
    Added,
    Event,
    Hits,
    Ingested,
    Kind,
    Record,
    Scope,
    Source,
    TurnChange,
    VectorStats,
)
from ...plan import UNSET, Plan, Unset, switch
from ...plan.episodes import conversation_items
from ...plan.validate import MemoryItem, check_bound
from ..base import idempotency
from .door import Door

__all__ = ["RecordsMethods"]


class RecordsMethods(Door):
    """The records methods of :class:`~memstack.Memory`."""

    # -- writes -----------------------------------------------------------------------

    def add(
        self,
        scope: Scope | str,
        text: str,
        /,
        *,
        kind: Kind = "fact",
        topic: str | None = None,
        pinned: bool = False,
        importance: float = 0.5,
        source: Source | Mapping[str, Any] | None = None,
        author: str | None = None,
        valid_from: datetime | None = None,
        expires_at: datetime | None = None,
        idempotency_key: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> Record:
        """Store one memory written by a human (applied at once).

        Args:
            scope: where it belongs, e.g. ``"acme/alice"``.
            text: the statement.
            kind: ``rule``, ``fact`` (default) or ``episode``.
            topic: a heading for the memory (one line).
            pinned: always put it in the stable block.
            importance: 0..1; ranks facts in the stable block and search.
            source: provenance (a :class:`~memstack.models.Source` or its dict).
            author: who writes it (default: the configured author).
            valid_from: when it became true (default: now).
            expires_at: when it stops being kept (default: the ``retention`` setting).
            idempotency_key: the caller's key for this write (1-200 printable
                characters); a retry with the same key and content returns the
                stored record and stores nothing twice.
            metadata: a JSON object kept with the memory (at most 32 KiB; see
                ``docs/metadata.md``); screened for secrets like the text.

        Returns:
            The stored record.

        Raises:
            InvalidScope, UsageError: bad input, with the exact reason.
            Refused: the text contains a secret.
            Conflict: the idempotency key was used for other content.

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> first = mem.add("acme/alice", "Alice is vegan", idempotency_key="req-7")
            >>> mem.add("acme/alice", "Alice is vegan", idempotency_key="req-7") == first
            True
        """
        item: dict[str, Any] = {
            "scope": scope, "text": text, "kind": kind, "topic": topic, "pinned": pinned,
            "importance": importance, "source": source, "author": author,
            "valid_from": valid_from, "expires_at": expires_at, "metadata": metadata,
        }  # fmt: skip
        new = self._new_item(0, item, idempotency(idempotency_key), single=True)
        return self._run(_first(self.planner.add_many([new])))

    def add_many(
        self,
        items: Iterable[MemoryItem],
        /,
        *,
        batch_size: int = 256,
        progress: Callable[[int], None] | None = None,
        idempotency_key: str | None = None,
        strict: bool = True,
    ) -> Added:
        """Store many memories: validated first, embedded in batches, one transaction per batch.

        Args:
            items: dicts with ``scope`` and ``text`` plus any option of :meth:`add`
                (``kind``, ``topic``, ``pinned``, ``importance``, ``source``,
                ``author``, ``valid_from``, ``expires_at``, ``metadata``).
            batch_size: records per transaction.
            progress: called with counts of records done (embedding dominates; the counts
                add up to the number of items stored).
            idempotency_key: the caller's key for this call. Each item's id is derived
                from it (and the item's position), so retrying the same call after a
                failure part-way stores only what is missing and returns the same records.
            strict: ``True`` (default): one bad item (invalid, or holding a secret)
                fails the call and nothing is stored. ``False``: the good items are
                stored and each bad one is reported in the result's ``refused``.

        Returns:
            The stored records, in the order of ``items`` (a list of records); its
            ``refused`` lists the items not stored, with the reason.

        Raises:
            UsageError, InvalidScope, Refused: with ``strict``, the first bad item
                (its position is in the message).
        """
        key = idempotency(idempotency_key)
        news, refused = self._new_items(items, key, strict=strict)
        stored = self._run(
            self.planner.add_many(news, batch_size=batch_size, progress=progress)
        )
        return Added(stored, refused)

    def ingest_conversation(
        self,
        scope: Scope | str,
        messages: Sequence[Mapping[str, Any]],
        /,
        *,
        session_time: datetime | None = None,
        conversation: str | None = None,
        session: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Ingested:
        """Archive OpenAI-style messages (``role``, ``content``, ``name``, ``id``) as episodes.

        One bad turn never sinks the conversation: a secret in a turn is replaced by
        a marker (``[secret removed: GitHub token]``) and a turn longer than a memory
        may be is stored as several parts, in order; every other turn is stored
        verbatim.

        Args:
            scope: where the conversation belongs.
            messages: the turns, in order; a message's ``timestamp`` or ``created_at``
                (ISO 8601 or epoch seconds) is when it was said.
            session_time: when the conversation happened: ``valid_from`` of each
                episode whose message carries no time of its own.
            conversation: a conversation id kept in each episode's source.
            session: a session id kept in each episode's source.
            progress: called with counts of episodes done (they add up to the number
                of episodes stored: the turns, plus one per extra part of a split turn).

        Returns:
            The stored episodes in order (a list of records); its ``changes`` say
            which turns were stored other than verbatim, and how.

        Raises:
            UsageError: a message that is not a turn (no role, no text content).
        """
        changes: builtins.list[TurnChange] = []
        items = conversation_items(
            self.planner, scope, messages, session_time=session_time,
            conversation=conversation, session=session, changes=changes,
        )  # fmt: skip
        stored = self._run(self.planner.add_many(items, action="ingest", progress=progress))
        return Ingested(stored, changes)

    def update(
        self,
        id: str,
        text: str,
        /,
        *,
        author: str | None = None,
        topic: str | None | Unset = UNSET,
        pinned: bool | Unset = UNSET,
        importance: float | Unset = UNSET,
        valid_from: datetime | None = None,
        reason: str | None = None,
        scope: Scope | str | None = None,
        metadata: Mapping[str, Any] | None | Unset = UNSET,
        expires_at: datetime | None | Unset = UNSET,
    ) -> Record:
        """Replace a memory's text with a new version; the old one is superseded, not lost.

        Args:
            id: the current version's id.
            text: the new text.
            author: who changes it (default: the configured author).
            topic: the new version's topic (default: the old one's; ``None`` clears it).
            pinned: pin or unpin (default: as before).
            importance: 0..1 (default: as before).
            valid_from: when the new text became true (default: now).
            reason: why; kept in the history event.
            scope: bind the call to this scope and its descendants (a tenant, say):
                a memory outside it is reported exactly like an unknown id.
            metadata: the new version's metadata (default: the old one's; ``None``
                or ``{}`` clears it). It replaces the old object; it is not merged.
            expires_at: when the new version stops being kept (default: as before;
                ``None``: never).

        Returns:
            The new version (a new id); the old record gets ``valid_to`` and ``superseded_by``.

        Raises:
            NotFound: no memory with this id.
            Conflict: the memory was already superseded (also when another writer
                updated it at the same moment).
        """
        plan = self.planner.update(
            id, text, author=author, topic=topic, pinned=pinned, importance=importance,
            valid_from=valid_from, reason=reason, within=check_bound(scope), metadata=metadata,
            expires_at=expires_at,
        )  # fmt: skip
        return self._run(plan)

    def delete(
        self,
        id: str,
        /,
        *,
        author: str | None = None,
        reason: str | None = None,
        scope: Scope | str | None = None,
    ) -> None:
        """Delete a memory; a ``delete`` event stays in its history (see ``forget`` for erasure).

        Args:
            id: the memory id.
            author: who deletes (default: the configured author).
            reason: why; kept in the history event.
            scope: bind the call to this scope and its descendants (a tenant, say):
                a memory outside it is reported exactly like an unknown id.

        Raises:
            NotFound: no memory with this id (inside ``scope``, if given).
        """
        plan = self.planner.delete(id, author=author, reason=reason, within=check_bound(scope))
        self._run(plan)

    # -- reads ------------------------------------------------------------------------

    def get(self, id: str, /, *, scope: Scope | str | None = None) -> Record:
        """The record with this id.

        Args:
            id: the memory id.
            scope: bind the call to this scope and its descendants (a tenant, say):
                a memory outside it is reported exactly like an unknown id.

        Raises:
            NotFound: no memory with this id (inside ``scope``, if given).
        """
        return self._run(self.planner.get(id, within=check_bound(scope)))

    def list(
        self,
        scope: Scope | str,
        /,
        *,
        kind: Kind | Sequence[Kind] | None = None,
        topic: str | None = None,
        include_descendants: bool = False,
        include_superseded: bool = False,
        as_of: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
        metadata: Mapping[str, Any] | None = None,
    ) -> builtins.list[Record]:
        """Records visible from ``scope`` (it and its ancestors), oldest first.

        Args:
            scope: the reader's scope.
            kind: one kind or several.
            topic: only this topic.
            include_descendants: also scopes below ``scope``.
            include_superseded: also closed and superseded versions.
            as_of: the versions valid at that time.
            limit: at most this many.
            offset: skip this many first.
            metadata: only records whose metadata matches, on top-level keys:
                ``{"key": value}`` or ``{"key": {"$in": [v1, v2]}}`` (all must match).
        """
        flt = self.planner.filter(
            scope, kind=kind, topic=topic, as_of=as_of,
            include_descendants=include_descendants, include_superseded=include_superseded,
            metadata=metadata,
        )  # fmt: skip
        return self._run(self.planner.list(flt, limit=limit, offset=offset))

    def count(
        self,
        scope: Scope | str,
        /,
        *,
        kind: Kind | Sequence[Kind] | None = None,
        topic: str | None = None,
        include_descendants: bool = False,
        include_superseded: bool = False,
        as_of: datetime | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> int:
        """How many records :meth:`list` would return with the same filters (no paging)."""
        flt = self.planner.filter(
            scope, kind=kind, topic=topic, as_of=as_of,
            include_descendants=include_descendants, include_superseded=include_superseded,
            metadata=metadata,
        )  # fmt: skip
        return self._run(self.planner.count(flt))

    def search(
        self,
        scope: Scope | str,
        query: str,
        /,
        *,
        limit: int = 10,
        kind: Kind | Sequence[Kind] | None = None,
        topic: str | None = None,
        as_of: datetime | None = None,
        include_descendants: bool = False,
        include_superseded: bool = False,
        mode: str = "hybrid",
        metadata: Mapping[str, Any] | None = None,
    ) -> Hits:
        """Find the memories most relevant to ``query`` that ``scope`` may see.

        Args:
            scope: the reader's scope; ancestors are visible, siblings never.
            query: natural-language question or keywords.
            limit: number of hits (1–1000).
            kind: one kind or several.
            topic: only this topic.
            as_of: look at the past: versions valid at that time.
            include_descendants: also search scopes below ``scope``.
            include_superseded: also return closed/superseded versions.
            mode: ``hybrid`` (default), ``keyword`` or ``dense``.
            metadata: only memories whose metadata matches (as in :meth:`list`); the
                store applies it before ranking, so ``limit`` hits still come back.

        Returns:
            :class:`~memstack.models.Hits`: a list of hits best first, each with ``score`` and
            ``parts`` (ranks and scores per retriever); when memory is off for reads in
            ``scope`` it is empty and says so (``hits.memory_off``, see :meth:`memory_status`).
        """
        flt = self.planner.filter(
            scope, kind=kind, topic=topic, as_of=as_of,
            include_descendants=include_descendants, include_superseded=include_superseded,
            metadata=metadata,
        )  # fmt: skip
        plan = self.planner.search(flt, query, limit=limit, mode=mode)
        off = Hits(memory_off=True)
        found = self._run(switch.unless_reads_off(self.planner, scope, plan, off))
        return found if isinstance(found, Hits) else Hits(found)

    def history(
        self, id: str, /, *, scope: Scope | str | None = None
    ) -> builtins.list[Event]:
        """Every event of this memory's lineage (all versions), oldest first.

        Args:
            id: any version's id (also of a deleted memory).
            scope: bind the call to this scope and its descendants (a tenant, say):
                a memory outside it is reported exactly like an unknown id.

        Raises:
            NotFound: no memory or history with this id (inside ``scope``, if given).
        """
        return self._run(self.planner.history(id, within=check_bound(scope)))

    def scopes(self, prefix: str | None = None) -> dict[str, int]:
        """Scopes holding current memories, with counts (under ``prefix`` if given)."""
        return self._run(self.planner.scopes(prefix))

    # -- maintenance ------------------------------------------------------------------

    def reindex(self, *, progress: Callable[[int], None] | None = None) -> int:
        """Re-embed memories lacking a vector from the configured embedder; returns how many."""
        return self._run(self.planner.reindex(progress=progress))

    def stats(self) -> dict[str, Any]:
        """Counts and store facts for ``memstack stats``."""
        return self._run(self._stats())

    def _stats(self) -> Plan[dict[str, Any]]:
        vs: VectorStats = yield from self.planner.vector_stats()
        scopes = yield from self.planner.scopes()
        return {
            **self.store.info(),
            "embedder": self.embedder.id,
            "scopes": len(scopes),
            "memories": sum(scopes.values()),
            "vectors": vs.by_embedder,
            "missing_vectors": vs.missing,
        }


def _first(plan: Plan[builtins.list[Record]]) -> Plan[Record]:
    result = yield from plan
    return result[0]
