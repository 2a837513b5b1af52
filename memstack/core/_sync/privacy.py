# Generated from memstack/core/_async/privacy.py by scripts/unasync.py: do not edit.
"""Privacy and lifecycle: forget, export, gc, audit (plans in :mod:`memstack.privacy`).

What each erasure selects, erases and keeps is specified in ``docs/privacy.md``.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from ... import privacy
from ...models import ErasureReceipt, Event, Scope
from ...privacy import drafts
from ...privacy.export import Export
from .door import Door

__all__ = ["PrivacyMethods"]


class PrivacyMethods(Door):
    """The privacy methods of :class:`~memstack.Memory`."""

    def forget(
        self,
        scope: Scope | str,
        /,
        *,
        match: str | None = None,
        ids: Iterable[str] | None = None,
        reason: str = privacy.DEFAULT_REASON,
        author: str | None = None,
    ) -> ErasureReceipt:
        """Erase what memstack holds for a scope and its descendants, and prove it.

        Without ``match`` or ``ids`` everything goes: every memory in any state,
        proposals, extraction logs, policies, keyword rows, vectors, cached
        index blocks; history events become content-free tombstones. With
        ``ids``, those memories with every version (and what links to them);
        with ``match``, the memories (any version), proposals and extraction
        logs whose text contains the string, compared case-insensitively. Then
        the deletion is made physical (FTS merge, WAL checkpoint, incremental
        vacuum), and saved edit drafts of the scope (``<home>/drafts``) are deleted.

        Args:
            scope: the root scope, e.g. ``"acme/alice"``.
            match: a case-insensitive substring; not a search (no stemming, no scores).
            ids: memory ids; every version of each is erased.
            reason: why; kept in tombstones and the ``forget`` event.
            author: who asks (default: the configured author).

        Returns:
            An :class:`~memstack.models.ErasureReceipt` with counts per artifact;
            its ``copies`` list the exports and agent files (CLAUDE.md…) written
            from the scope, which memstack cannot erase: delete or regenerate them.

        Raises:
            UsageError: bad arguments (e.g. ``match`` and ``ids`` together).
            NotFound: an id has no record or history under ``scope``.

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> _ = mem.add("acme/alice", "Alice lives at 12 Elm Street")
            >>> mem.forget("acme/alice", match="elm street", reason="ticket 42").counts.records
            1
        """
        # Copies outside the store are listed first: the erasure tombstones their events.
        copies = self._run(privacy.exported_copies(scope))
        plan = privacy.forget(
            self.planner, scope, match=match, ids=ids, reason=reason, author=author
        )
        receipt = replace(self._run(plan), copies=copies)
        # Drafts hold rendered memory outside the database: they go with the scope.
        gone = drafts.erase_drafts(self.home, receipt.scope)
        return replace(receipt, physical=(*receipt.physical, f"drafts:{gone}")) if gone else receipt

    def export(self, scope: Scope | str, /, *, author: str | None = None) -> Export:
        """Everything held about a scope and its descendants (all versions, proposals, history).

        Recorded as an ``export`` event. Render with ``.to_json()`` or ``.to_markdown()``.

        Args:
            scope: the root scope.
            author: who exports (default: the configured author).

        Returns:
            An :class:`~memstack.privacy.Export`.
        """
        return self._run(privacy.export(self.planner, scope, author=author))

    def gc(
        self, *, reason: str = privacy.GC_REASON, author: str | None = None
    ) -> ErasureReceipt:
        """Erase every expired memory now (physically), in every scope.

        Expired memories are already invisible to reads; ``gc`` removes them
        with the same machinery as :meth:`forget` and always compacts, so it
        also finishes an interrupted erasure.

        Returns:
            An :class:`~memstack.models.ErasureReceipt` with scope ``"*"``.
        """
        return self._run(privacy.gc(self.planner, reason=reason, author=author))

    def audit(
        self,
        scope: Scope | str,
        /,
        *,
        since: datetime | None = None,
        action: str | Sequence[str] | None = None,
        limit: int | None = 100,
    ) -> builtins.list[Event]:
        """Who did what, and when, under a scope and its descendants; newest first.

        Erased items appear as tombstones (no text, hashed actor, ``detail["erased"]``).

        Args:
            scope: the root scope.
            since: only events at or after this time (timezone-aware).
            action: one action (``"forget"``) or several.
            limit: at most this many (None: all).
        """
        return self._run(privacy.audit(scope, since=since, action=action, limit=limit))
