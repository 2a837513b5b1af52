# Generated from memstack/core/_async/extract.py by scripts/unasync.py: do not edit.
"""Extraction: remember, extractions, jobs (plans in :mod:`memstack.extract`).

A conversation becomes *proposals*, never memories directly: ``remember``
extracts candidate statements, reconciles them with what the scope already
holds and proposes each change through the review service (screened, then
handed to its policy). Every run is logged with its tokens and cost.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from ...errors import UsageError
from ...extract import Extractor, plans
from ...models import Extraction, Job, Remembered, Scope
from .door import Door

__all__ = ["ExtractMethods"]


class ExtractMethods(Door):
    """The extraction methods of :class:`~memstack.Memory`."""

    def remember(
        self,
        scope: Scope | str,
        messages: Sequence[Mapping[str, Any]],
        /,
        *,
        session_time: datetime | None = None,
        extractor: Extractor | None = None,
        background: bool = False,
        conversation: str | None = None,
    ) -> Remembered:
        """Turn a conversation into proposals: extract, reconcile, screen, propose.

        Args:
            scope: where the conversation belongs, e.g. ``"acme/alice"``.
            messages: OpenAI-style messages (``role``, ``content``, optional ``name``,
                ``id``, and ``timestamp`` or ``created_at``: ISO 8601 or epoch seconds,
                when the message was said). Only what the user says becomes a statement.
            session_time: when the conversation happened (default: now), for messages
                without their own time. Relative dates ("yesterday", "next Friday",
                "昨天") are resolved against a message's time, in its own time zone; an
                approved statement is valid from it (``source.event_time``).
            extractor: use this extractor instead of :attr:`extractor`.
            background: queue the conversation and return at once; a worker
                (``memstack worker``, :meth:`start_worker` or :meth:`run_jobs`)
                processes it with its own extractor.
            conversation: a conversation id, kept in each proposal's source.

        Returns:
            The proposals (a :class:`~memstack.models.Remembered`, which is a
            ``list[Proposal]``): ``add`` for new statements, ``update``/``supersede``
            with a ``target`` for refinements and contradictions; duplicates make
            none. ``.extraction`` is the logged run (tokens, cost, note). With
            ``background=True`` the list is empty and ``.job`` is the queued job.

        Raises:
            ProviderError: the model failed; the run is logged as failed first
                (:class:`~memstack.llm.InvalidOutput` for unusable output twice).
            UsageError, InvalidScope: bad messages, scope or options.

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> found = mem.remember("acme/alice", [
            ...     {"role": "user", "content": "I prefer green tea. Always answer in English."}])
            >>> [(p.op, p.kind, p.text) for p in found]
            [('add', 'fact', 'User prefers green tea'), ('add', 'rule', 'Always answer in English')]
            >>> found.extraction.model, found.extraction.cost_usd
            ('cue', 0.0)
        """
        if background:
            if extractor is not None:
                raise UsageError(
                    "A background job is processed with the worker's extractor; "
                    "extractor= only applies to remember() without background=True.",
                    hint="Set mem.extractor (in-process worker) "
                    "or the extract_* settings (memstack worker).",
                )
            return self._run(
                plans.enqueue(
                    self.planner,
                    scope,
                    messages,
                    session_time=session_time,
                    conversation=conversation,
                    on_queued=self._wake_worker,
                )  # fmt: skip
            )
        return self._run(
            plans.remember(
                self.planner,
                scope,
                messages,
                extractor=extractor or self.extractor,
                session_time=session_time,
                conversation=conversation,
                ttl=self.proposal_ttl,
            )  # fmt: skip
        )

    def extractions(
        self,
        scope: Scope | str | None = None,
        /,
        *,
        status: str | None = None,
        limit: int | None = None,
    ) -> builtins.list[Extraction]:
        """Logged extraction runs, newest first.

        Args:
            scope: only runs for this scope and its descendants (``None``: all).
            status: ``ok`` or ``failed`` (``None``: both).
            limit: at most this many.

        Returns:
            Each run with its status, reason or note, model, tokens, cost in USD
            (``None`` if the model's price is unknown), proposal ids, and for a
            failed run the model's raw reply.
        """
        return self._run(plans.extractions(scope, status=status, limit=limit))

    def jobs(
        self, scope: Scope | str | None = None, /, *, limit: int | None = None
    ) -> builtins.list[Job]:
        """Queued extraction jobs (pending, or running in a worker), oldest first."""
        return self._run(plans.jobs(scope, limit=limit))

    def run_jobs(self, *, limit: int | None = None) -> int:
        """Process queued jobs now, with :attr:`extractor`, until none is due.

        Args:
            limit: take at most this many jobs.

        Returns:
            How many jobs were taken (done, retried later, or given up on; see the log).
        """
        return self._run(
            plans.run_jobs(self.planner, self.extractor, limit=limit, ttl=self.proposal_ttl)
        )
