# Generated from memstack/core/_async/prompt.py by scripts/unasync.py: do not edit.
"""Prompts: compile, session, render, apply, import, agent files (plans in :mod:`memstack.prompt`).

See ``docs/prompting.md``.
"""

from __future__ import annotations

import builtins
import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path

from ...compile import ChangeSet, Prompt
from ...compile.agentfile import AgentFileWrite, plan_write
from ...compile.prompt import Provider
from ...errors import UsageError
from ...models import Proposal, Scope, Source
from ...plan import Plan
from ...prompt import files
from ...prompt import plans as prompting
from ...prompt.session import DEFAULT_WINDOW
from ..files import read_agent_file, write_agent_file
from .door import Door
from .session import Session

__all__ = ["PromptMethods"]


class PromptMethods(Door):
    """The prompt methods of :class:`~memstack.Memory`."""

    def compile(
        self,
        scope: Scope | str,
        /,
        query: str | None = None,
        *,
        budget_tokens: int = prompting.DEFAULT_BUDGET,
        recall_tokens: int = prompting.DEFAULT_RECALL,
        provider: Provider = "anthropic",
        recall_limit: int = prompting.DEFAULT_RECALL_LIMIT,
        history: Sequence[str] | None = None,
    ) -> Prompt:
        """Compile a scope's memory into a cache-friendly prompt.

        The stable block holds every current rule, then pinned facts, then other
        facts by importance, visible to ``scope`` (it and its ancestors), up to
        ``budget_tokens``; its digest changes only when an approved memory in it
        changes. Recall holds the search hits for ``query`` (episodes quoted with
        their time and speaker) up to ``recall_tokens``, and goes after the cache
        breakpoint in :meth:`Prompt.payload`.

        Args:
            scope: the reader's scope.
            query: what the current request is about; ``None`` (or blank): no recall.
            budget_tokens: the most tokens the stable block may use.
            recall_tokens: the most tokens the recall block may use.
            provider: ``anthropic``, ``openai`` or ``text``: the payload shape.
            recall_limit: how many search hits are considered for recall.
            history: the conversation's turns, to report what replaying them would cost.

        Returns:
            The :class:`~memstack.compile.Prompt`.

        Raises:
            UsageError, InvalidScope: bad arguments.

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> _ = mem.add("acme", "Answer in British English.", kind="rule")
            >>> _ = mem.add("acme/alice", "Alice is vegetarian", kind="fact")
            >>> p = mem.compile("acme/alice", "what should I cook for Alice?")
            >>> "British English" in p.stable, len(p.stable_ids)
            (True, 2)
        """
        return self._run(
            prompting.compile_memory(
                self.planner,
                scope,
                query,
                budget_tokens=budget_tokens,
                recall_tokens=recall_tokens,
                provider=provider,
                recall_limit=recall_limit,
                history=history,
            )  # fmt: skip
        )

    def session(
        self,
        scope: Scope | str,
        /,
        *,
        window_tokens: int = DEFAULT_WINDOW,
        system: str | None = None,
        budget_tokens: int = prompting.DEFAULT_BUDGET,
        recall_tokens: int = prompting.DEFAULT_RECALL,
        recall_limit: int = prompting.DEFAULT_RECALL_LIMIT,
        provider: Provider = "anthropic",
        keep: float = 0.75,
        cache_history: bool = True,
        extract: bool | None = None,
        conversation: str | None = None,
        session_id: str | None = None,
    ) -> Session:
        """Start a conversation window over ``scope`` (see :class:`~memstack.Session`).

        Args:
            scope: the conversation's scope.
            window_tokens: the most tokens one request may hold.
            system: your own system prompt, sent first (keep it byte-stable for caching).
            budget_tokens: stable block budget.
            recall_tokens: recall block budget.
            recall_limit: search hits considered for recall.
            provider: ``anthropic``, ``openai`` or ``text``.
            keep: after a spill, the turns fill at most this share of their space.
            cache_history: mark the history for caching (Anthropic).
            extract: queue spilled turns for extraction (default: when an extractor
                is configured).
            conversation: a conversation id kept with archived turns.
            session_id: this session's id (default: a new one).

        Returns:
            An :class:`~memstack.Session` over this memory.
        """
        return Session(
            self, scope, window_tokens=window_tokens, system=system,
            budget_tokens=budget_tokens, recall_tokens=recall_tokens,
            recall_limit=recall_limit, provider=provider, keep=keep,
            cache_history=cache_history, extract=extract, conversation=conversation,
            session_id=session_id,
        )  # fmt: skip

    def render(self, scope: Scope | str, /) -> str:
        """The scope's current memories as deterministic Markdown (same records, same bytes).

        Only the scope's own memories, not its ancestors'; each bullet ends with an
        id marker so :meth:`apply` can read an edited copy back.

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> rec = mem.add("acme", "Use uv.", kind="rule")
            >>> mem.render("acme").splitlines()[4] == f"- Use uv. <!-- m:{rec.id} -->"
            True
        """
        return self._run(prompting.render_scope(self.planner, scope))

    def apply(
        self, scope: Scope | str, markdown: str, /, *, reviewer: str, dry_run: bool = False
    ) -> ChangeSet:
        """Apply an edited :meth:`render` of a scope as human-authored changes, in one transaction.

        Added bullets become new memories, edited ones a new version that
        supersedes the old (text, kind, topic or pinning), removed ones are
        deleted; each change has an event naming ``reviewer``. New texts are
        screened: a secret refuses the whole document.

        Args:
            scope: the scope the document renders.
            markdown: the edited document.
            reviewer: who authored / approved the edit.
            dry_run: only compute the changes (and check them); write nothing.

        Returns:
            The :class:`~memstack.compile.ChangeSet` (what was, or would be, applied).

        Raises:
            UsageError: a marker naming an unknown or repeated id, a malformed or
                tampered marker, a document of another scope, any text that is not
                a bullet (naming the line); nothing is written.
            Refused: a text contains a secret; nothing is written.

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> _ = mem.add("acme", "Use pip.", kind="rule")
            >>> doc = mem.render("acme").replace("Use pip.", "Use uv.") + "- Tabs, not spaces\\n"
            >>> changes = mem.apply("acme", doc, reviewer="bob")
            >>> len(changes.edited), len(changes.added), sorted(r.text for r in mem.list("acme"))
            (1, 1, ['Tabs, not spaces', 'Use uv.'])
        """
        return self._run(
            prompting.apply_markdown(
                self.planner, scope, markdown, reviewer=reviewer, dry_run=dry_run
            )
        )

    def propose_markdown(
        self,
        scope: Scope | str,
        markdown: str,
        /,
        *,
        source: Source | None = None,
    ) -> builtins.list[Proposal]:
        """Propose the changes in an edited :meth:`render` of a scope, for review.

        The AI-side twin of :meth:`apply`: the document is compared with the
        scope's current memories by the bullets' id markers, and each added bullet
        becomes an ``add`` proposal, each changed one an ``update`` of its memory,
        each removed one a ``delete``, all handed to the scope's review policy. It
        is how an agent that edits memory as a file (Claude's memory tool) writes.

        Args:
            scope: the scope the document renders.
            markdown: the edited document.
            source: provenance of the proposals (default ``Source(origin="ai")``).

        Returns:
            The proposals, in order: adds, changes, removals (empty if nothing changed).

        Raises:
            UsageError: a malformed document (naming the line), as for :meth:`apply`;
                nothing is proposed.
            Refused: a text contains a secret (proposals before it stay).

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> _ = mem.add("acme", "Use pip.", kind="rule")
            >>> doc = mem.render("acme").replace("Use pip.", "Use uv.")
            >>> [(p.op, p.text, p.state) for p in mem.propose_markdown("acme", doc)]
            [('update', 'Use uv.', 'pending')]
        """
        return self._run(
            prompting.propose_markdown(
                self.planner, scope, markdown, source=source or Source(origin="ai"),
                ttl=self.proposal_ttl,
            )  # fmt: skip
        )

    def import_memories(
        self,
        scope: Scope | str,
        text: str,
        /,
        *,
        format: str = "auto",
        author: str | None = None,
        approve: bool = False,
        source_name: str | None = None,
    ) -> prompting.ImportResult:
        """Read ``CLAUDE.md``, ``AGENTS.md``, a Cursor rule, a render or a JSON export into a scope.

        Without ``approve`` each new memory becomes a proposal (origin
        ``import``) that waits for review; with ``approve`` they are written at
        once as a human-authored import, in one transaction. Memories already in
        the scope (same kind and text) are skipped, so importing twice adds nothing.

        Args:
            scope: where the memories go.
            text: the file content.
            format: ``auto``, ``claude``, ``agents``, ``cursor``, ``markdown`` or ``json``.
            author: who imports (default: the configured author).
            approve: apply at once instead of proposing.
            source_name: the file name, kept in each proposal's rationale.

        Returns:
            An :class:`~memstack.prompt.plans.ImportResult`.

        Raises:
            UsageError: a file that does not parse (naming the line).
            Refused: a memory contains a secret; nothing is imported.
        """
        items = files.parse_import(text, format)
        return self._run(
            prompting.import_items(
                self.planner,
                scope,
                items,
                author=author or self.planner.author,
                approve=approve,
                ttl=self.proposal_ttl,
                source_name=source_name,
            )  # fmt: skip
        )

    def agent_file(self, scope: Scope | str, format: str, /) -> tuple[str, str]:
        """A scope's rules and facts as an agent file: ``claude``, ``agents`` or ``cursor``.

        Returns:
            ``(default file name, content)``, e.g. ``("CLAUDE.md", "# CLAUDE.md ...")``;
            Cursor's is ``.cursor/rules/memstack.mdc`` with ``alwaysApply: true``.
            The content is what a new file gets: the title (or front matter),
            then the rules and facts between memstack's begin/end markers. To
            write into a file that may hold the user's own text, use
            :meth:`write_agent_file`.
        """
        formats = files.export_formats()
        if format not in formats:
            raise UsageError(
                f"Unknown agent file format {format!r}; use one of {', '.join(formats)}."
            )
        path = Scope.parse(scope).path
        return self._run(self._agent_file(path, formats[format]))

    def write_agent_file(
        self,
        scope: Scope | str,
        format: str,
        /,
        *,
        path: str | os.PathLike[str] | None = None,
        force: bool = False,
        dry_run: bool = False,
        author: str | None = None,
    ) -> AgentFileWrite:
        """Write a scope's rules and facts into an agent file, inside memstack's marked section.

        The user's own text in the file is never changed: memstack writes only
        between ``<!-- memstack:begin ... -->`` and ``<!-- memstack:end -->``
        (see :mod:`memstack.compile.agentfile`). A missing file is created; an
        existing file without the markers is refused unless ``force``, which
        appends the section after the user's text. Each write is recorded as an
        ``export`` event naming the file, so :meth:`forget` can list the copy.

        Args:
            scope: the scope whose rules and facts are written.
            format: ``claude``, ``agents`` or ``cursor``.
            path: the file (default: ``CLAUDE.md``, ``AGENTS.md`` or
                ``.cursor/rules/memstack.mdc`` in the current folder).
            force: append the section to a file that has none.
            dry_run: only work out the change (see ``.diff()``); write nothing.
            author: who exports (default: the configured author).

        Returns:
            An :class:`~memstack.compile.agentfile.AgentFileWrite`: the action,
            the text before and after, and whether it was written.

        Raises:
            UsageError: a file without a memstack section (without ``force``),
                markers that do not pair up, or a file that is not UTF-8 text.
        """
        formats = files.export_formats()
        if format not in formats:
            raise UsageError(
                f"Unknown agent file format {format!r}; use one of {', '.join(formats)}."
            )
        where = Scope.parse(scope).path
        name, text, count = self._run(
            files.agent_export(self.planner, where, formats[format])
        )
        target = Path(name if path is None else path)
        existing = read_agent_file(target)
        change = plan_write(str(target), existing, where, format, text, count, force=force)
        if dry_run or change.action == "unchanged":
            return change
        write_agent_file(target, change.after)
        self._run(
            files.record_agent_export(
                self.planner, where, format, str(target.resolve()), count, author
            )
        )
        return dataclasses.replace(change, written=True)

    def _agent_file(self, path: str, export: files.AgentExport) -> Plan[tuple[str, str]]:
        name, text, count = yield from files.agent_export(self.planner, path, export)
        # What a new file gets: memstack's part between its markers (see write_agent_file).
        return name, plan_write(name, None, path, "", text, count).after
