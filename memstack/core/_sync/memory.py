# Generated from memstack/core/_async/memory.py by scripts/unasync.py: do not edit.
"""The facade every front door uses: one class inheriting each service's methods."""

from __future__ import annotations

from .extract import ExtractMethods
from .privacy import PrivacyMethods
from .prompt import PromptMethods
from .records import RecordsMethods
from .review import ReviewMethods
from .switch import SwitchMethods

__all__ = ["Memory"]


class Memory(
    RecordsMethods,
    ReviewMethods,
    ExtractMethods,
    PromptMethods,
    PrivacyMethods,
    SwitchMethods,
):
    """The memory layer: records, review, extraction, prompts and privacy behind one object.

    Args:
        home: data folder holding ``config.toml`` and, by default, ``memstack.db``
            (default ``$MEMSTACK_HOME`` or ``./.memstack``).
        store: a store object instead of the one ``store_url`` names.
        store_url: where the memory lives, e.g. ``sqlite:////var/lib/memstack.db`` or
            ``memory://`` (default: the ``store_url`` setting, else ``memstack.db`` in ``home``).
        embedder: an embedder object instead of the configured one.
        settings: resolved settings (see :func:`memstack.config.resolve`).
        migrate: apply pending schema migrations on open (``False``: fail if behind).
        clock: returns the current UTC time (tests use it to travel in time).

    ``Memory`` and ``Memory`` have the same methods with the same
    parameters and results. On the async door each method that touches the
    store or a model is a coroutine: store batches run through ``abatch`` and
    embeddings through ``aembed``, so the event loop never blocks.

    Example (the blocking door; each call on the async one):
        >>> from memstack import Memory
        >>> from memstack.embed.fake import FakeEmbedder
        >>> from memstack.store.memory import InMemoryStore
        >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
        >>> m = mem.add("acme/alice", "Alice is vegetarian", kind="fact", topic="diet")
        >>> mem.search("acme/alice", "what does Alice eat? vegetarian?")[0].memory.text
        'Alice is vegetarian'
    """
