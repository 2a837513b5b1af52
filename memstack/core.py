"""``Memory`` and ``AsyncMemory``: the facades every front door uses.

They hold the store, the embedder and a :class:`~memstack.planner.Planner`, and
do nothing but drive plans: ``Memory`` with blocking calls, ``AsyncMemory``
with awaits. No SQL, no HTTP, no decisions live here; those are in the planner
and the layers below, written once for both doors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from . import config as _config
from .api.extract import ExtractAPI
from .api.privacy import PrivacyAPI
from .api.prompt import PromptAPI
from .api.review import ReviewAPI
from .embed.base import EmbeddingModel
from .episodes import conversation_items
from .errors import UsageError
from .index.hybrid import FusionWeights
from .models import Event, Hit, Record, Scope, Source, VectorStats
from .planner import Batch, Call, Embed, NewMemory, Plan, Planner
from .store.base import Store

__all__ = ["AsyncMemory", "Memory"]

T = TypeVar("T")


def _build(
    home: str | os.PathLike[str] | None,
    store: Store | None,
    embedder: EmbeddingModel | None,
    settings: _config.Settings | None,
    migrate: bool,
) -> tuple[Store, EmbeddingModel, _config.Settings]:
    from . import plugins

    if settings is None:
        settings = _config.resolve(home)
    elif home is not None:
        raise UsageError("Pass either a home folder or settings, not both.")
    if store is None:
        from .store.sqlite import SqliteStore

        store = SqliteStore(
            settings.db_path,
            exact_limit=settings.exact_limit or None,
            cache_rows=settings.cache_rows or None,
        )
    if migrate:
        store.setup()
    if embedder is None:
        embedder = plugins.make("embedders", settings.embedder, **settings.embedder_options())
    return store, embedder, settings


class _Base(ReviewAPI, ExtractAPI, PromptAPI, PrivacyAPI):
    """Shared construction and the thin method layer; subclasses add the driver."""

    def __init__(
        self,
        home: str | os.PathLike[str] | None = None,
        *,
        store: Store | None = None,
        embedder: EmbeddingModel | None = None,
        settings: _config.Settings | None = None,
        migrate: bool = True,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store, self.embedder, self.settings = _build(home, store, embedder, settings, migrate)
        self.planner = Planner(
            embedder_id=self.embedder.id,
            author=self.settings.author or "human",
            weights=FusionWeights(
                keyword=self.settings.keyword_weight, dense=self.settings.dense_weight
            ),
            clock=clock,
            retention=self.settings.retention_policy(),
        )

    @property
    def home(self) -> Path:
        """The data folder from the settings."""
        return Path(self.settings.home)

    def _run(self, plan: Plan[T]) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        """Close the store."""
        self._close_extract()
        self.store.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()



    # -- writes -----------------------------------------------------------------------

    def add(self, scope: Scope | str, text: str, /, **options: Any) -> Record:
        """Store one memory written by a human (applied at once).

        Args:
            scope: where it belongs, e.g. ``"acme/alice"``.
            text: the statement.
            **options: ``kind`` (rule|fact|episode, default fact), ``topic``, ``pinned``,
                ``importance`` (0..1), ``source`` (Source or dict), ``author``,
                ``valid_from`` (when it became true), ``expires_at``.

        Returns:
            The stored record.

        Raises:
            InvalidScope, UsageError: bad input, with the exact reason.
        """
        item = self.planner.new_memory(scope, text, **options)
        return self._run(_first(self.planner.add_many([item])))

    def add_many(
        self,
        items: Iterable[Mapping[str, Any]],
        /,
        *,
        batch_size: int = 256,
        progress: Callable[[int], None] | None = None,
    ) -> list[Record]:
        """Store many memories: validated first, embedded in batches, one transaction per batch.

        Args:
            items: dicts with ``scope`` and ``text`` plus any option of :meth:`add`.
            batch_size: records per transaction.
            progress: called with counts of records done (embedding dominates; the counts
                add up to the number of items).
        """
        news = [_item(self.planner, i, it) for i, it in enumerate(items)]
        return self._run(self.planner.add_many(news, batch_size=batch_size, progress=progress))

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
    ) -> list[Record]:
        """Archive OpenAI-style messages (``role``, ``content``, optional ``name``, ``id``) as episodes.

        Args:
            scope: where the conversation belongs.
            messages: the turns, in order.
            session_time: when the conversation happened (each episode's ``valid_from``).
            conversation: a conversation id kept in each episode's source.
            session: a session id kept in each episode's source.
            progress: called with counts of turns done (they add up to the number of turns).
        """
        items = conversation_items(
            self.planner, scope, messages, session_time=session_time,
            conversation=conversation, session=session,
        )  # fmt: skip
        return self._run(self.planner.add_many(items, action="ingest", progress=progress))

    def update(self, id: str, text: str, /, **options: Any) -> Record:
        """Replace a memory's text with a new version; the old one is superseded, not lost.

        Args:
            id: the current version's id.
            text: the new text.
            **options: ``author``, ``topic``, ``pinned``, ``importance``, ``valid_from``, ``reason``.

        Returns:
            The new version (a new id); the old record gets ``valid_to`` and ``superseded_by``.
        """
        return self._run(self.planner.update(id, text, **options))

    def delete(self, id: str, /, *, author: str | None = None, reason: str | None = None) -> None:
        """Delete a memory; a ``delete`` event stays in its history (see ``forget`` for erasure)."""
        # Returned, not dropped: on the async door this is the coroutine the caller awaits.
        return self._run(self.planner.delete(id, author=author, reason=reason))  # type: ignore[no-any-return]

    # -- reads ------------------------------------------------------------------------

    def get(self, id: str, /) -> Record:
        """The record with this id. Raises NotFound."""
        return self._run(self.planner.get(id))

    def list(
        self,
        scope: Scope | str,
        /,
        *,
        kind: str | Sequence[str] | None = None,
        topic: str | None = None,
        include_descendants: bool = False,
        include_superseded: bool = False,
        as_of: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Record]:
        """Records visible from ``scope`` (it and its ancestors), oldest first."""
        flt = self.planner.filter(
            scope, kind=kind, topic=topic, as_of=as_of,
            include_descendants=include_descendants, include_superseded=include_superseded,
        )  # fmt: skip
        return self._run(self.planner.list(flt, limit=limit, offset=offset))

    def count(self, scope: Scope | str, /, **options: Any) -> int:
        """How many records :meth:`list` would return (same options, no paging)."""
        return self._run(self.planner.count(self.planner.filter(scope, **options)))

    def search(
        self,
        scope: Scope | str,
        query: str,
        /,
        *,
        limit: int = 10,
        kind: str | Sequence[str] | None = None,
        topic: str | None = None,
        as_of: datetime | None = None,
        include_descendants: bool = False,
        include_superseded: bool = False,
        mode: str = "hybrid",
    ) -> list[Hit]:
        """Find the memories most relevant to ``query`` that ``scope`` may see.

        Args:
            scope: the reader's scope; ancestors are visible, siblings never.
            query: natural-language question or keywords.
            limit: number of hits (1–1000).
            kind, topic: filters.
            as_of: look at the past: versions valid at that time.
            include_descendants: also search scopes below ``scope``.
            include_superseded: also return closed/superseded versions.
            mode: ``hybrid`` (default), ``keyword`` or ``dense``.

        Returns:
            Hits best first, each with ``score`` and ``parts`` (ranks and scores per retriever).
        """
        flt = self.planner.filter(
            scope, kind=kind, topic=topic, as_of=as_of,
            include_descendants=include_descendants, include_superseded=include_superseded,
        )  # fmt: skip
        return self._run(self.planner.search(flt, query, limit=limit, mode=mode))

    def history(self, id: str, /) -> list[Event]:
        """Every event of this memory's lineage (all versions), oldest first."""
        return self._run(self.planner.history(id))

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


class Memory(_Base):
    """The memory layer, synchronous door.

    Args:
        home: data folder holding ``memstack.db`` (default ``$MEMSTACK_HOME`` or ``./.memstack``).
        store: a store object instead of the SQLite file in ``home``.
        embedder: an embedder object instead of the configured one.
        settings: resolved settings (see :func:`memstack.config.resolve`).
        migrate: apply pending schema migrations on open (``False``: fail if behind).
        clock: returns the current UTC time (tests use it to travel in time).

    Example:
        >>> from memstack.embed.fake import FakeEmbedder
        >>> from memstack.store.memory import InMemoryStore
        >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
        >>> m = mem.add("acme/alice", "Alice is vegetarian", kind="fact", topic="diet")
        >>> mem.search("acme/alice", "what does Alice eat? vegetarian?")[0].memory.text
        'Alice is vegetarian'
    """

    def _run(self, plan: Plan[T]) -> T:
        try:
            request = next(plan)
            while True:
                if isinstance(request, Batch):
                    result: Any = self.store.batch(request.ops)
                elif isinstance(request, Call):
                    result = request.run()
                else:
                    result = self._embed(request)
                request = plan.send(result)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    def _embed(self, request: Embed) -> Any:
        return self.embedder.embed(
            request.texts, input_type=request.input_type, progress=request.progress  # type: ignore[arg-type]
        )


class AsyncMemory(_Base):
    """The memory layer, asynchronous door: the same methods as :class:`Memory`, awaitable.

    Store batches run through ``store.abatch`` and embeddings through
    ``embedder.aembed``, so the event loop never blocks on SQLite or a model.
    """

    def _run(self, plan: Plan[T]) -> Any:
        return self._arun(plan)

    async def _arun(self, plan: Plan[T]) -> T:
        try:
            request = next(plan)
            while True:
                if isinstance(request, Batch):
                    result: Any = await self.store.abatch(request.ops)
                elif isinstance(request, Call):
                    result = await request.arun()
                else:
                    result = await self.embedder.aembed(
                        request.texts, input_type=request.input_type, progress=request.progress  # type: ignore[arg-type]
                    )
                request = plan.send(result)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    async def __aenter__(self) -> AsyncMemory:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()


def _first(plan: Plan[list[T]]) -> Plan[T]:
    result = yield from plan
    return result[0]


def _item(planner: Planner, index: int, item: Mapping[str, Any]) -> NewMemory:
    if not isinstance(item, Mapping) or "scope" not in item or "text" not in item:
        raise UsageError(f"Item {index} must be a mapping with 'scope' and 'text'.")
    options = {k: v for k, v in item.items() if k not in ("scope", "text")}
    if isinstance(options.get("source"), Mapping):
        options["source"] = Source.from_dict(dict(options["source"]))
    try:
        return planner.new_memory(item["scope"], item["text"], **options)
    except TypeError as exc:
        raise UsageError(f"Item {index}: {exc}.") from exc

