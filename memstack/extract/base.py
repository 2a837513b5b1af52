"""The extractor seam: a conversation in, candidate statements and reconciled changes out.

An :class:`Extractor` has two steps, each a small plan (a generator) so the
same code runs under ``Memory`` and ``AsyncMemory``:

1. :meth:`Extractor.extract` turns a :class:`Conversation` into
   :class:`Candidate` statements. The offline cue extractor does it with
   patterns and yields nothing; the LLM extractor yields one
   :class:`~memstack.plan.Call` to a chat model.
2. :meth:`Extractor.reconcile` decides, for each candidate that has similar
   memories in the scope, whether it is new (``add``), refines one
   (``update``), replaces one that stopped being true (``supersede``), or says
   nothing new (``none``). The default is the deterministic rules of
   :mod:`.reconcile`; the LLM extractor asks the model.

Everything around the two steps (validating messages, searching for similar
memories, resolving dates, proposing, logging and metering) lives once in
:mod:`.plans`, so a new extractor only writes these two methods.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeAlias, TypeVar

from ..errors import UsageError
from ..models import Record, Scope, TurnChange, utc
from ..plan import MAX_TEXT, Call
from ..plan.times import message_time
from ..plan.turns import split_text
from ..plan.validate import check_unicode

__all__ = [
    "Action",
    "Candidate",
    "Change",
    "Conversation",
    "Extractor",
    "Meter",
    "Related",
    "Step",
    "Turn",
    "parse_conversation",
]

T = TypeVar("T")

#: A step of an extractor: yields provider calls, returns its result.
Step: TypeAlias = Generator[Call, Any, T]

Action = Literal["add", "update", "supersede", "none"]
StatementKind = Literal["fact", "rule"]


@dataclass(frozen=True, slots=True)
class Turn:
    """One message of the conversation.

    Attributes:
        number: 1-based position, as shown to a model.
        id: the message's ``id`` if it had one, else its 0-based index as text
            (the same turn ids :meth:`Memory.ingest_conversation` records).
        role: ``user``, ``assistant``, ``system`` or ``tool``.
        speaker: the message's ``name`` if given, else the role.
        text: the message text.
        at: when it was said, from the message's ``timestamp`` or ``created_at``
            (``None``: the session time).
    """

    number: int
    id: str
    role: str
    speaker: str
    text: str
    at: datetime | None = None

    @property
    def named(self) -> bool:
        """True if the message carried a speaker name (not just a role)."""
        return self.speaker != self.role


@dataclass(frozen=True, slots=True)
class Conversation:
    """Validated messages and the time they were said (for relative dates)."""

    turns: tuple[Turn, ...]
    session_time: datetime
    conversation: str | None = None
    #: Messages not read as one turn: a message longer than a memory may be is read
    #: as several turns in order (same speaker, time and id).
    changes: tuple[TurnChange, ...] = ()

    @property
    def user_turns(self) -> tuple[Turn, ...]:
        """The turns written by the user."""
        return tuple(t for t in self.turns if t.role == "user")

    def said_at(self, turn_ids: Sequence[str]) -> datetime:
        """When the statement of these turns was made: the latest of their times.

        A turn without its own time was said at the session time; unknown ids
        (or none) give the session time.
        """
        times = [t.at or self.session_time for t in self.turns if t.id in turn_ids]
        return max(times, key=utc) if times else self.session_time


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement an extractor thinks is worth remembering, before reconciliation.

    Attributes:
        text: the statement, third person where possible ("User prefers tea").
        kind: ``fact`` or ``rule`` (an instruction for the assistant).
        topic: a heading guess, or ``None``.
        excerpt: the words of the conversation it comes from, verbatim.
        turns: ids of those turns.
        rationale: why it was extracted (the cue, or the model's reason).
        slot: what the statement is about, when a cue knows it (``"name"``,
            ``"favourite colour"``); two statements about the same slot with
            different values contradict each other.
    """

    text: str
    kind: StatementKind
    topic: str | None = None
    excerpt: str | None = None
    turns: tuple[str, ...] = ()
    rationale: str | None = None
    slot: str | None = None


@dataclass(frozen=True, slots=True)
class Related:
    """A candidate with the existing memories of its scope that look like it.

    Attributes:
        candidate: the statement.
        memories: current memories of the same scope, most similar first; the
            only possible targets of an update or supersede.
    """

    candidate: Candidate
    memories: tuple[Record, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """What to propose for one candidate.

    Attributes:
        candidate: the statement it is about.
        action: ``add``, ``update``, ``supersede`` or ``none`` (nothing new).
        text: the text to propose (an update may merge old and new).
        target: the memory an update or supersede replaces (or, for ``none``,
            the memory it duplicates), else ``None``.
        reason: why, for the reviewer.
    """

    candidate: Candidate
    action: Action
    text: str
    target: Record | None = None
    reason: str = ""


@dataclass(slots=True)
class Meter:
    """Tokens and cost of every model call of one extraction run (mutable, per run).

    Attributes:
        model: the chat model's id, or the extractor's for offline extractors.
        calls: model replies received (repair retries included).
        input_tokens, output_tokens: summed usage.
        costs: USD per call; ``None`` entries mean an unknown price.
        raw: the last raw reply, kept only for a failed run's log entry.
    """

    model: str | None = None
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    costs: list[float | None] = field(default_factory=list)
    raw: str | None = None

    def add(
        self, *, input_tokens: int, output_tokens: int, cost: float | None, calls: int, raw: str
    ) -> None:
        """Count one structured call (all of its attempts)."""
        self.calls += calls
        self.input_tokens += input_tokens
        self.output_tokens += output_tokens
        self.costs.append(cost)
        self.raw = raw

    @property
    def cost_usd(self) -> float | None:
        """USD over every call; ``0.0`` without calls, ``None`` if any price is unknown."""
        total = 0.0
        for cost in self.costs:
            if cost is None:
                return None
            total += cost
        return total


class Extractor(ABC):
    """Base of every extractor: the offline cue extractor, the LLM extractor, plugins.

    Attributes:
        id: recorded as the author of its proposals and as the model of its
            extraction runs, e.g. ``"cue"`` or ``"openai:gpt-4.1-mini"``.
    """

    id: str = ""

    @abstractmethod
    def extract(self, conversation: Conversation, meter: Meter) -> Step[list[Candidate]]:
        """Find candidate statements in the conversation.

        Args:
            conversation: the validated turns and the session time.
            meter: add the usage of every model call here.

        Returns:
            A step (generator) returning the candidates, in conversation order.

        Raises:
            ProviderError: the model failed or answered unusable output twice.
        """

    def reconcile(
        self, conversation: Conversation, items: Sequence[Related], meter: Meter
    ) -> Step[list[Change]]:
        """Decide add / update / supersede / none for candidates that have similar memories.

        The default applies the deterministic rules of :func:`.reconcile.decide`.

        Returns:
            A step returning one :class:`Change` per item, in the same order.
        """
        from .reconcile import decide

        return _done([decide(item.candidate, item.memories) for item in items])

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources (an LLM client's connections). Default: nothing."""


def _done(value: T) -> Step[T]:
    """A step that makes no call and returns ``value``."""
    return value
    yield  # pragma: no cover - makes this a generator


def parse_conversation(
    messages: Sequence[Mapping[str, Any]],
    *,
    session_time: datetime,
    conversation: str | None = None,
) -> Conversation:
    """Validate OpenAI-style messages (``role``, ``content``, optional ``name``, ``id``).

    Content given as a list of parts keeps its text parts, as in
    :meth:`Memory.ingest_conversation`. A message's ``timestamp`` or ``created_at``
    (ISO 8601 or epoch seconds, :func:`memstack.plan.times.message_time`) is
    when it was said.

    A message longer than a memory may be (``MAX_TEXT``) is read as several turns,
    cut at paragraph, line or sentence boundaries (:func:`memstack.plan.turns.split_text`),
    each with the message's speaker, time and id; ``Conversation.changes`` says which.

    Raises:
        UsageError: not a list of messages, an unknown role, or a message without text.
    """
    if isinstance(messages, str | bytes) or not isinstance(messages, Sequence):
        raise UsageError("messages must be a list of {'role': ..., 'content': ...} objects.")
    if not messages:
        raise UsageError("messages is empty; pass at least one message to remember from.")
    turns: list[Turn] = []
    changes: list[TurnChange] = []
    for i, msg in enumerate(messages):
        if not isinstance(msg, Mapping):
            raise UsageError(f"Message {i} must be an object with 'role' and 'content'.")
        role, content = msg.get("role"), msg.get("content")
        if role not in ("user", "assistant", "system", "tool"):
            raise UsageError(f"Message {i} has role {role!r}; use user, assistant, system or tool.")
        if isinstance(content, list):
            content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, Mapping))
        if not isinstance(content, str) or not content.strip():
            raise UsageError(f"Message {i} has no text content.")
        check_unicode(content, f"Message {i}")
        name = msg.get("name")
        speaker = str(name) if isinstance(name, str) and name.strip() else str(role)
        turn_id = str(msg.get("id") if msg.get("id") is not None else i)
        at = message_time(msg, i)
        # Too long for one memory: read in parts at paragraph or sentence boundaries, as
        # ingest stores such a turn, so one long message never sinks the conversation.
        parts = split_text(content, MAX_TEXT) if len(content) > MAX_TEXT else [content]
        if len(parts) > 1:
            changes.append(TurnChange(i, turn_id, parts=len(parts)))
        for part in parts:
            turns.append(
                Turn(
                    number=len(turns) + 1, id=turn_id, role=str(role), speaker=speaker,
                    text=part, at=at,
                )  # fmt: skip
            )
    return Conversation(tuple(turns), utc_aware(session_time), conversation, tuple(changes))


def utc_aware(value: datetime) -> datetime:
    """Check ``value`` is timezone-aware and return it unchanged (its zone decides the day)."""
    utc(value)  # raises UsageError for a naive datetime
    return value


def check_scope(scope: Scope | str) -> str:
    """The validated scope path."""
    return Scope.parse(scope).path
