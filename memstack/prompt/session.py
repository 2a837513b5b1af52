"""The session: a model's context window kept under a token budget, with memory around it.

A model forgets everything between requests, so each request must carry what
it needs. A :class:`~memstack.Session` builds that request for one conversation:

* the **stable block** (approved rules and core facts; cached by the provider),
* **recall** for the latest message (search hits, after the cache breakpoint),
* the **recent turns verbatim**,

and keeps the whole request (your system text, memory, recall and turns)
within ``window_tokens``, counted with the real ``cl100k_base`` tokenizer
(:func:`memstack.compile.accounting.payload_tokens`).

**Spilling.** When the turns no longer fit, the oldest turns leave the window
and are archived as ``episode`` memories (the session id in
``source.session``, the turn number in ``source.turns``, the time they were
said as ``valid_from``), so later recall can bring them back as quoted history.
Eviction goes down to ``keep`` (default 75%) of the space, not just below the
limit: the history then stays byte-identical for several requests in a row, so
the provider's cache keeps serving it, instead of shifting by one turn every
request. The window never starts with an assistant turn. Secrets in a turn are
masked before it is archived: memstack never stores secrets.

The space for turns is ``window_tokens`` minus your system text, the actual
size of the stable block (its budget until the first compile), the *budget* of
the recall block (not its size for this query, so a long recall never pushes
turns out) and the framing of each message. A single message larger than that
is a :class:`~memstack.errors.UsageError`, never a silent truncation.

**Extraction.** Archived turns can also go to extraction (facts proposed for
review): if the memory has a ``remember`` method and an extractor is configured
(``extract_provider`` other than ``none``), or ``extract=True``, spilled turns
are queued with ``mem.remember(scope, messages, background=True)`` (the
conversation id, or the session id, goes with them).

**Caching the history (Anthropic).** Besides the breakpoint on the stable
block, the payload marks the last message before the latest user turn with
``cache_control``, so the conversation history is cached too (Anthropic allows
four breakpoints; this uses two).

**Sync and async.** Every step is a plan (:mod:`memstack.plan`), so the same
code runs under :class:`~memstack.Memory` (:class:`Session`) and
:class:`~memstack.AsyncMemory` (:class:`AsyncSession`, whose methods are
awaited). A session is not thread-safe: use one per conversation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from ..compile.accounting import MESSAGE_OVERHEAD, payload_tokens
from ..compile.prompt import Prompt, Provider
from ..compile.tokens import count_tokens
from ..errors import MemoryOff, UsageError
from ..models import Record, Scope, new_id
from ..plan import Call, Plan, Planner
from ..plan.episodes import conversation_items
from .plans import DEFAULT_BUDGET, DEFAULT_RECALL, DEFAULT_RECALL_LIMIT, compile_memory

__all__ = ["DEFAULT_WINDOW", "SessionBase", "SessionPrompt", "Turn"]

#: Default size of the whole request, in tokens.
DEFAULT_WINDOW = 8000

Role = Literal["user", "assistant"]
_ROLES = ("user", "assistant")


@dataclass(frozen=True, slots=True)
class Turn:
    """One message of the conversation, as the session keeps it.

    Attributes:
        id: the turn number in this session, from ``"1"``.
        role: ``user`` or ``assistant``.
        text: the message, verbatim.
        at: when it was added (the memory's clock).
        name: the speaker's name, if given (kept as the episode's speaker).
        tokens: its cost in the window: ``cl100k_base`` tokens plus message framing.
    """

    id: str
    role: Role
    text: str
    at: datetime
    name: str | None
    tokens: int


@dataclass(frozen=True, slots=True)
class SessionPrompt:
    """One request built by :meth:`memstack.Session.build`.

    Attributes:
        prompt: the compiled memory (stable block, recall, digest, token counts).
        payload: the provider request body to send.
        tokens: the request's size as counted for the window (never above ``window_tokens``).
        window_tokens: the session's window.
        turns: the turns sent verbatim, oldest first.
        spilled: episodes archived while building this request.
        history_tokens: what every turn of the session so far would cost, replayed in full.
    """

    prompt: Prompt
    payload: dict[str, Any]
    tokens: int
    window_tokens: int
    turns: tuple[Turn, ...]
    spilled: tuple[Record, ...]
    history_tokens: int


def _mask_secrets(text: str) -> str:
    from ..screen import critical, redact

    findings = list(critical(text))
    if not findings:
        return text
    return redact(text, findings, categories={f.category for f in findings})


class SessionBase:
    """A conversation's context window over a memory scope (see the module docstring).

    The state and the plans of a session; :class:`memstack.Session` and
    :class:`memstack.AsyncSession` (``memstack/core/_sync|_async/session.py``)
    add the methods that run them. Build one with ``mem.session(scope, ...)``.

    Args:
        mem: the memory (its ``planner`` and ``_run`` drive every step).
        scope: the conversation's scope; memory from it and its ancestors is used.
        window_tokens: the most tokens a request may hold.
        system: your own system prompt, sent first (keep it byte-stable for caching).
        budget_tokens: stable block budget.
        recall_tokens: recall block budget.
        recall_limit: search hits considered for recall.
        provider: ``anthropic``, ``openai`` or ``text``.
        keep: after a spill, the turns fill at most this share of their space.
        cache_history: mark the history for caching (Anthropic).
        extract: pass spilled turns to ``mem.remember``: ``True``, ``False``, or
            ``None`` (when the memory has ``remember`` and an extractor is configured).
        conversation: a conversation id kept in each episode's source.
        session_id: this session's id (default: a new one).

    Raises:
        UsageError: a window too small for the budgets, or bad options.

    Example:
        >>> from memstack import Memory
        >>> from memstack.embed.fake import FakeEmbedder
        >>> from memstack.store.memory import InMemoryStore
        >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
        >>> _ = mem.add("acme/alice", "Answer in British English.", kind="rule")
        >>> s = mem.session("acme/alice", window_tokens=3000, provider="openai")
        >>> s.add("user", "Hello!").id
        '1'
        >>> body = s.messages()
        >>> [m["role"] for m in body["messages"]]
        ['system', 'user']
    """

    def __init__(
        self,
        mem: Any,
        scope: Scope | str,
        *,
        window_tokens: int = DEFAULT_WINDOW,
        system: str | None = None,
        budget_tokens: int = DEFAULT_BUDGET,
        recall_tokens: int = DEFAULT_RECALL,
        recall_limit: int = DEFAULT_RECALL_LIMIT,
        provider: Provider = "anthropic",
        keep: float = 0.75,
        cache_history: bool = True,
        extract: bool | None = None,
        conversation: str | None = None,
        session_id: str | None = None,
    ) -> None:
        for name, value in (
            ("window_tokens", window_tokens), ("budget_tokens", budget_tokens),
            ("recall_tokens", recall_tokens), ("recall_limit", recall_limit),
        ):  # fmt: skip
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise UsageError(f"{name} must be a non-negative integer, got {value!r}.")
        if provider not in ("anthropic", "openai", "text"):
            raise UsageError(f"Unknown provider {provider!r}; use one of anthropic, openai, text.")
        if not isinstance(keep, int | float) or not 0.0 < float(keep) <= 1.0:
            raise UsageError(f"keep must be a share above 0 and at most 1, got {keep!r}.")
        if system is not None and (not isinstance(system, str) or not system.strip()):
            raise UsageError("system must be a non-empty string or None.")
        self._mem = mem
        self.planner: Planner = mem.planner
        self.scope = Scope.parse(scope).path
        self.id = session_id or new_id()
        self.window_tokens = window_tokens
        self.system = system
        self.budget_tokens = budget_tokens
        self.recall_tokens = recall_tokens
        self.recall_limit = recall_limit
        self.provider: Provider = provider
        self.keep = float(keep)
        self.cache_history = cache_history
        self.conversation = conversation
        self.extract = self._wants_extraction(extract)
        self.turns: list[Turn] = []
        self.archived = 0
        self.history_tokens = 0
        self.closed = False
        self._next = 1
        self._stable_tokens: int | None = None
        if self._space() < 1:
            raise UsageError(
                f"window_tokens={window_tokens} leaves no room for conversation turns after the "
                f"system text, budget_tokens={budget_tokens} and recall_tokens={recall_tokens}.",
                hint="Raise window_tokens or lower the budgets.",
            )

    def _wants_extraction(self, extract: bool | None) -> bool:
        has = callable(getattr(self._mem, "remember", None))
        if extract is None:
            settings = getattr(self._mem, "settings", None)
            provider = getattr(settings, "extract_provider", "none") or "none"
            return has and provider != "none"
        if extract and not has:
            raise UsageError(
                "extract=True needs a memory with a 'remember' method; "
                "extraction is not available here."
            )
        return bool(extract)

    # -- the window -----------------------------------------------------------------------

    def _fixed(self) -> int:
        """Tokens every request spends before any turn: system text, memory, recall budget."""
        fixed = self.recall_tokens
        if self.system:
            fixed += count_tokens(self.system) + MESSAGE_OVERHEAD
        stable = self.budget_tokens if self._stable_tokens is None else self._stable_tokens
        if stable:
            fixed += stable + MESSAGE_OVERHEAD
        return fixed

    def _space(self) -> int:
        return self.window_tokens - self._fixed()

    def _overflow(self, space: int) -> int:
        """How many of the oldest turns must leave so the turns fit in ``space``.

        Raises:
            UsageError: even the newest turn alone does not fit.
        """
        total = sum(t.tokens for t in self.turns)
        if total <= space:
            return 0
        if self.turns[-1].tokens > space:
            raise UsageError(
                f"The latest message is {self.turns[-1].tokens} tokens; the window leaves "
                f"{space} for turns.",
                hint="Send a shorter message or raise window_tokens.",
            )
        target = space * self.keep
        n = 0
        while n < len(self.turns) - 1 and (total > target or self.turns[n].role == "assistant"):
            total -= self.turns[n].tokens
            n += 1
        return n

    def _oldest(self) -> int:
        """The oldest turn, plus assistant turns that would then lead the window."""
        n = 1
        while n < len(self.turns) - 1 and self.turns[n].role == "assistant":
            n += 1
        return n

    # -- plans ----------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self.closed:
            raise UsageError(f"Session {self.id} is closed; start a new one with mem.session().")

    def _spill(self, n: int) -> Plan[list[Record]]:
        """Archive the ``n`` oldest turns as episodes, drop them from the window, then extract."""
        if n <= 0:
            return []
        turns = self.turns[:n]
        messages: list[dict[str, Any]] = []
        for t in turns:
            m: dict[str, Any] = {"role": t.role, "content": _mask_secrets(t.text), "id": t.id}
            if t.name:
                m["name"] = t.name
            messages.append(m)
        items = conversation_items(
            self.planner, self.scope, messages, session_time=None,
            conversation=self.conversation, session=self.id,
        )  # fmt: skip
        items = [replace(item, valid_from=t.at) for item, t in zip(items, turns, strict=True)]
        try:
            records: list[Record] = yield from self.planner.add_many(items, action="ingest")
        except MemoryOff:  # memory is off for writes: the turns leave unarchived, unextracted
            del self.turns[:n]
            return []
        del self.turns[:n]  # only once they are stored: a failed write loses nothing
        self.archived += n
        if self.extract:
            remember: Callable[..., Any] = self._mem.remember
            options = {
                "background": True,
                "session_time": turns[0].at,
                "conversation": self.conversation or self.id,
            }
            yield Call(
                run=lambda: remember(self.scope, messages, **options),
                arun=lambda: remember(self.scope, messages, **options),
            )
        return records

    def _add(self, role: str, text: str, name: str | None) -> Plan[Turn]:
        self._check_open()
        if role not in _ROLES:
            raise UsageError(f"A turn's role is 'user' or 'assistant', got {role!r}.")
        if not isinstance(text, str) or not text.strip():
            raise UsageError("A turn needs non-empty text.")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise UsageError("name must be a non-empty string or None.")
        tokens = count_tokens(text) + MESSAGE_OVERHEAD
        space = self._space()
        if tokens > space:
            raise UsageError(
                f"This message is {tokens} tokens; the window leaves {space} for turns.",
                hint="Send a shorter message or raise window_tokens.",
            )
        turn = Turn(str(self._next), role, text, self.planner.clock(), name, tokens)  # type: ignore[arg-type]
        self._next += 1
        self.turns.append(turn)
        self.history_tokens += tokens
        yield from self._spill(self._overflow(space))
        return turn

    def _messages(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if self.system:
            out.append({"role": "system", "content": self.system})
        out += [{"role": t.role, "content": t.text} for t in self.turns]
        return out

    def _payload(self, prompt: Prompt) -> dict[str, Any]:
        body = prompt.payload(self._messages())
        if prompt.provider == "anthropic" and self.cache_history:
            msgs = body["messages"]
            last_user = max((i for i, m in enumerate(msgs) if m["role"] == "user"), default=-1)
            if last_user >= 1:
                before = msgs[last_user - 1]
                content = before["content"]
                parts: list[dict[str, Any]]
                if isinstance(content, str):
                    parts = [{"type": "text", "text": content}]
                else:
                    parts = list(content)
                parts[-1] = {**parts[-1], "cache_control": {"type": "ephemeral"}}
                before["content"] = parts
        return body

    def _build(self, query: str | None, provider: Provider | None) -> Plan[SessionPrompt]:
        self._check_open()
        spilled: list[Record] = yield from self._spill(self._overflow(self._space()))
        if query is None:
            query = next((t.text for t in reversed(self.turns) if t.role == "user"), None)
        prompt: Prompt = yield from compile_memory(
            self.planner, self.scope, query, budget_tokens=self.budget_tokens,
            recall_tokens=self.recall_tokens, provider=provider or self.provider,
            recall_limit=self.recall_limit,
        )  # fmt: skip
        self._stable_tokens = prompt.stable_tokens
        spilled += yield from self._spill(self._overflow(self._space()))
        body = self._payload(prompt)
        tokens = payload_tokens(body)
        while tokens > self.window_tokens and len(self.turns) > 1:
            # Token counts are not exactly additive across message boundaries; shed a turn.
            spilled += yield from self._spill(self._oldest())
            body = self._payload(prompt)
            tokens = payload_tokens(body)
        if tokens > self.window_tokens:
            raise UsageError(
                f"The request is {tokens} tokens, above window_tokens={self.window_tokens}.",
                hint="Raise window_tokens or lower the budgets.",
            )
        return SessionPrompt(
            prompt=prompt, payload=body, tokens=tokens, window_tokens=self.window_tokens,
            turns=tuple(self.turns), spilled=tuple(spilled), history_tokens=self.history_tokens,
        )  # fmt: skip

    def _close(self) -> Plan[list[Record]]:
        if self.closed:
            return []
        records: list[Record] = yield from self._spill(len(self.turns))
        self.closed = True
        return records
