"""What both doors share and that does no I/O: construction, settings, knobs.

``Memory`` and ``AsyncMemory`` differ only in how they carry out a plan
(:mod:`memstack.plan.drive`); the method layer above that is written once, in
``core/_async/``, and generated for the sync door into ``core/_sync/`` by
``scripts/unasync.py``. This module holds the rest: building the store,
embedder and planner from the settings, the review and extraction knobs, the
in-process extraction worker, and closing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .. import config as _config
from ..embed.base import EmbeddingModel
from ..errors import InvalidInput, UsageError
from ..extract import Extractor, build_extractor
from ..extract import plans as extract_plans
from ..extract.worker import Worker
from ..index.hybrid import FusionWeights
from ..models import ItemRefused, Scope, Source
from ..plan import NewMemory, Planner, check_key, keyed_id, run_plan
from ..review import plans as review_plans
from ..store.base import Store
from .stores import open_store

__all__ = ["MemoryBase", "not_text"]


def not_text(exc: UnicodeError) -> InvalidInput:
    """The error a call gets when text that is not valid Unicode reached an encoder."""
    where = ""
    if isinstance(exc, UnicodeEncodeError | UnicodeDecodeError):
        bad = exc.object[exc.start : exc.start + 1]
        code = ord(bad) if isinstance(bad, str) else bad[0]
        where = (
            f" (U+{code:04X} at character {exc.start})"
            if isinstance(bad, str)
            else (f" (byte 0x{code:02X} at {exc.start})")
        )
    return InvalidInput(
        f"The input is not valid Unicode text{where}.",
        hint="Pass UTF-8 text: no lone surrogates, no binary data.",
    )


def _build(
    home: str | os.PathLike[str] | None,
    store: Store | None,
    store_url: str | None,
    embedder: EmbeddingModel | None,
    settings: _config.Settings | None,
    migrate: bool,
) -> tuple[Store, EmbeddingModel, _config.Settings]:
    from .. import plugins

    if store is not None and store_url is not None:
        raise UsageError("Pass either a store object or store_url, not both.")
    if settings is None:
        settings = _config.resolve(home, store_url=store_url)
    elif home is not None:
        raise UsageError("Pass either a home folder or settings, not both.")
    elif store_url is not None:
        settings = _config.replace_settings(settings, store_url=store_url)
    if store is None:
        store = open_store(settings)
    if migrate:
        store.setup()
    if embedder is None:
        embedder = plugins.make("embedders", settings.embedder, **settings.embedder_options())
    return store, embedder, settings


class MemoryBase:
    """Construction and the door-independent parts of :class:`~memstack.Memory`.

    Args:
        home: data folder holding ``config.toml`` and, by default, ``memstack.db``
            (default ``$MEMSTACK_HOME`` or ``./.memstack``).
        store: a store object instead of the one ``store_url`` names.
        store_url: where the memory lives, e.g. ``sqlite:///var/lib/memstack.db`` or
            ``memory://`` (default: the ``store_url`` setting, else ``memstack.db`` in ``home``).
        embedder: an embedder object instead of the configured one.
        settings: resolved settings (see :func:`memstack.config.resolve`).
        migrate: apply pending schema migrations on open (``False``: fail if behind).
        clock: returns the current UTC time (tests use it to travel in time).

    Attributes:
        proposal_ttl: how long a new proposal waits for review before it expires
            (``None``: never). Default: 14 days. Assign to change it per instance.
        extractor: the extractor ``remember`` uses by default. Built on first use
            from the settings (``extract_provider``: ``none`` gives the offline cue
            extractor); assign an :class:`~memstack.extract.Extractor` to change it.
    """

    def __init__(
        self,
        home: str | os.PathLike[str] | None = None,
        *,
        store: Store | None = None,
        store_url: str | None = None,
        embedder: EmbeddingModel | None = None,
        settings: _config.Settings | None = None,
        migrate: bool = True,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store, self.embedder, self.settings = _build(
            home, store, store_url, embedder, settings, migrate
        )
        self.planner = Planner(
            embedder_id=self.embedder.id,
            author=self.settings.author or "human",
            weights=FusionWeights(
                keyword=self.settings.keyword_weight, dense=self.settings.dense_weight
            ),
            clock=clock,
            retention=self.settings.retention_policy(),
        )
        self.proposal_ttl: timedelta | None = review_plans.DEFAULT_TTL
        self._extractor: Extractor | None = None
        self._extractor_owned = False
        self._worker: Worker | None = None

    @property
    def home(self) -> Path:
        """The data folder from the settings."""
        return Path(self.settings.home)

    # -- extraction knobs ---------------------------------------------------------------

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = build_extractor(self.settings)
            self._extractor_owned = True
        return self._extractor

    @extractor.setter
    def extractor(self, value: Extractor) -> None:
        if not isinstance(value, Extractor):
            raise UsageError(f"extractor must be an Extractor, got {type(value).__name__}.")
        self._extractor = value
        self._extractor_owned = False

    def start_worker(self, *, interval: float = 1.0) -> Worker:
        """Process queued extraction jobs in a background thread of this process.

        ``remember(..., background=True)`` wakes it at once; otherwise it looks
        every ``interval`` seconds. ``close()`` stops it.

        Returns:
            The running :class:`~memstack.extract.worker.Worker` (``stop()`` it to end).

        Raises:
            UsageError: a worker of this memory is already running.
        """
        if self._worker is not None and self._worker.alive:
            raise UsageError("A worker is already running for this memory; stop it first.")
        self.extractor  # noqa: B018 - build it now, so a configuration error is raised here
        self._worker = Worker(self._run_jobs_blocking, interval=interval)
        return self._worker.start()

    def _run_jobs_blocking(self) -> int:
        # The worker thread drives the plan with blocking calls on either door.
        plan = extract_plans.run_jobs(
            self.planner, self.extractor, limit=None, ttl=self.proposal_ttl
        )
        return run_plan(plan, self.store, self.embedder)

    def _wake_worker(self) -> None:
        if self._worker is not None:
            self._worker.wake()

    # -- closing ------------------------------------------------------------------------

    def close(self) -> None:
        """Stop the worker, close an extractor built from the settings, close the store."""
        self._release()
        self.store.close()

    def _release(self) -> None:
        """Stop the worker and close an extractor built from the settings."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop()
        extractor, self._extractor = self._extractor, None
        if extractor is not None and self._extractor_owned:
            extractor.close()  # only one built from the settings; an assigned one is the caller's

    # -- helpers for the method layer ---------------------------------------------------

    def _new_item(
        self, index: int, item: Mapping[str, Any], key: str | None, *, single: bool = False
    ) -> NewMemory:
        """Validate one item of ``add``/``add_many``; with a key its id is derived from it."""
        where = "" if single else f"Item {index}: "
        if not isinstance(item, Mapping) or "scope" not in item or "text" not in item:
            raise UsageError(f"Item {index} must be a mapping with 'scope' and 'text'.")
        options = {k: v for k, v in item.items() if k not in ("scope", "text")}
        unknown = sorted(set(options) - _ITEM_OPTIONS)
        if unknown:
            raise UsageError(
                f"{where}unknown option {unknown[0]!r}; use: {', '.join(sorted(_ITEM_OPTIONS))}."
            )
        if isinstance(options.get("source"), Mapping):
            options["source"] = Source.from_dict(dict(options["source"]))
        memory_id = None
        if key is not None:
            memory_id = keyed_id("memory", Scope.parse(item["scope"]).path, key, index)
        return self.planner.new_memory(item["scope"], item["text"], id=memory_id, **options)

    def _new_items(
        self, items: Iterable[Mapping[str, Any]], key: str | None, *, strict: bool
    ) -> tuple[list[NewMemory], list[ItemRefused]]:
        """Validate the items of ``add_many``: all or nothing (``strict``), or each on its own."""
        news: list[NewMemory] = []
        refused: list[ItemRefused] = []
        for i, item in enumerate(items):
            try:
                news.append(self._new_item(i, item, key))
            except UsageError as exc:  # InvalidScope and Refused too
                if strict:
                    raise
                refused.append(ItemRefused(i, type(exc).__name__, str(exc)))
        return news, refused


#: What an item of ``add_many`` may hold besides ``scope`` and ``text``.
_ITEM_OPTIONS = frozenset(
    {
        "kind",
        "topic",
        "pinned",
        "importance",
        "source",
        "author",
        "valid_from",
        "expires_at",
        "metadata",
    }
)


def idempotency(key: str | None) -> str | None:
    """A validated idempotency key, or ``None``."""
    return None if key is None else check_key(key)
