# Generated from memstack/core/_async/session.py by scripts/unasync.py: do not edit.
"""The session's door: add turns, build requests, close (the window's logic is in
:mod:`memstack.prompt.session`)."""

from __future__ import annotations

import builtins
from typing import Any, Self

from ...compile.prompt import Provider
from ...models import Record
from ...prompt.session import SessionBase, SessionPrompt, Turn

__all__ = ["Session"]


class Session(SessionBase):
    """A conversation's context window over a memory scope; build one with ``mem.session()``.

    See :class:`~memstack.prompt.session.SessionBase` for the arguments and
    ``docs/prompting.md`` for how the window spills into episodes.
    """

    def add(self, role: str, text: str, *, name: str | None = None) -> Turn:
        """Add a message to the window; the oldest turns spill into episodes if it is full.

        Args:
            role: ``user`` or ``assistant``.
            text: the message, verbatim.
            name: the speaker's name (kept as the episode's speaker), e.g. ``"alice"``.

        Returns:
            The :class:`~memstack.prompt.session.Turn`.

        Raises:
            UsageError: a bad role, empty text, a message too large for the window,
                or a closed session.
        """
        turn: Turn = self._mem._run(self._add(role, text, name))
        return turn

    def build(
        self, query: str | None = None, *, provider: Provider | None = None
    ) -> SessionPrompt:
        """Build the next request: stable memory, recall for ``query``, and the recent turns.

        Args:
            query: what to recall for; default: the latest user message.
            provider: payload shape for this request (default: the session's).

        Returns:
            A :class:`~memstack.prompt.session.SessionPrompt`; its ``tokens`` never
            exceed ``window_tokens``.
        """
        built: SessionPrompt = self._mem._run(self._build(query, provider))
        return built

    def messages(
        self, query: str | None = None, *, provider: Provider | None = None
    ) -> dict[str, Any]:
        """The request body to send now (``build(...).payload``).

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> s = mem.session("acme", window_tokens=3000, provider="text")
            >>> _ = s.add("user", "Hi, I am Bob.")
            >>> s.messages()
            {'text': 'user: Hi, I am Bob.'}
        """
        return (self.build(query, provider=provider)).payload

    def close(self) -> builtins.list[Record]:
        """Archive every turn still in the window as episodes and end the session.

        Returns:
            The episodes written now (none if already closed).
        """
        records: builtins.list[Record] = self._mem._run(self._close())
        return records

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
