"""The chat-model seam: one abstract method, everything else concrete.

A provider implements :meth:`ChatModel.complete` for one :class:`ChatRequest`.
Structured output, the repair retry, metering and the async door live here, so
every provider (and the fake) behaves the same way above this layer.

Why a repair retry and not a loop: a model that answered with broken JSON once
usually fixes it when shown its reply and the parse error; a model that fails
twice is the wrong model for the job (or ``max_tokens`` is too small), and
retrying further only spends money. So :meth:`ChatModel.complete_json` asks at
most twice and then raises :class:`InvalidOutput` with the raw reply, the reason
and the tokens both attempts cost.

The JSON flow is written once, as a generator that yields requests and receives
completions (:func:`_json_flow`); the sync and async doors only drive it.

Metering: every :class:`Completion` carries its :class:`Usage` and its cost in
USD (``None`` when the price of the model is unknown: memstack never guesses a
price). :class:`JsonResult` sums both over its attempts.
"""

from __future__ import annotations

import asyncio
import re
from abc import ABC, abstractmethod
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self

from ..errors import ProviderError, UsageError
from .jsonout import OutputProblem, check, parse_json

if TYPE_CHECKING:
    from .prices import Price

__all__ = [
    "ChatModel",
    "ChatRequest",
    "Completion",
    "InvalidOutput",
    "JsonResult",
    "Message",
    "Role",
    "Usage",
    "sum_costs",
]

Role = Literal["user", "assistant"]
_ROLES = ("user", "assistant")
_SCHEMA_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
# A runaway reply is shown back to the model only in part: enough to see the mistake.
_MAX_ECHO = 4000


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of a conversation sent to a model.

    The system prompt is not a message: it goes in :attr:`ChatRequest.system`,
    because providers place it differently (a system message for OpenAI, a
    top-level field for Anthropic).

    Example:
        >>> Message("user", "I moved to Berlin last week.")
        Message(role='user', content='I moved to Berlin last week.')
    """

    role: Role
    content: str

    def __post_init__(self) -> None:
        if self.role not in _ROLES:
            raise UsageError(
                f"Message role must be 'user' or 'assistant', got {self.role!r}; "
                "pass the system prompt as system=... instead."
            )
        if not isinstance(self.content, str):
            raise UsageError(
                f"Message content must be a string, got {type(self.content).__name__}."
            )


@dataclass(frozen=True, slots=True)
class ChatRequest:
    """Everything a provider needs for one completion.

    Attributes:
        messages: the conversation, oldest first; the last one is usually the user's.
        system: the system prompt, or ``None``.
        json_schema: a JSON Schema the reply must follow, or ``None`` for free text.
        schema_name: the schema's name (``[A-Za-z0-9_-]{1,64}``); required with a schema.
        max_tokens: the most output tokens the model may produce.
        temperature: sampling temperature; ``None`` sends none (some models accept
            only their default).

    Raises:
        UsageError: on an empty conversation, a schema without a valid name, or
            a non-positive ``max_tokens``.

    Example:
        >>> ChatRequest((Message("user", "hi"),)).max_tokens
        1024
    """

    messages: tuple[Message, ...]
    system: str | None = None
    json_schema: Mapping[str, Any] | None = None
    schema_name: str | None = None
    max_tokens: int = 1024
    temperature: float | None = 0.0

    def __post_init__(self) -> None:
        if not self.messages:
            raise UsageError("A chat request needs at least one message.")
        if not isinstance(self.messages, tuple):
            object.__setattr__(self, "messages", tuple(self.messages))
        if self.json_schema is not None:
            if not self.schema_name or not _SCHEMA_NAME.fullmatch(self.schema_name):
                raise UsageError(
                    "schema_name must be 1-64 characters of A-Z a-z 0-9 _ -, "
                    f"got {self.schema_name!r}."
                )
        if self.max_tokens < 1:
            raise UsageError(f"max_tokens must be at least 1, got {self.max_tokens}.")


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens one or more completions consumed.

    ``input_tokens`` counts every prompt token, cached or not, so the numbers
    mean the same for every provider (Anthropic reports cache reads and writes
    apart from ``input_tokens``; the provider adds them back in).

    Attributes:
        input_tokens: all prompt tokens.
        output_tokens: generated tokens (including any reasoning tokens).
        cached_input_tokens: the part of ``input_tokens`` read from a prompt cache.
        cache_write_input_tokens: the part of ``input_tokens`` written to a prompt cache.

    Example:
        >>> total = Usage(100, 20) + Usage(50, 5, cached_input_tokens=40)
        >>> total.input_tokens, total.output_tokens, total.cached_input_tokens
        (150, 25, 40)
    """

    input_tokens: int
    output_tokens: int
    cached_input_tokens: int = 0
    cache_write_input_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.cached_input_tokens + other.cached_input_tokens,
            self.cache_write_input_tokens + other.cache_write_input_tokens,
        )


@dataclass(frozen=True, slots=True)
class Completion:
    """One reply from a model, metered.

    Attributes:
        text: the reply; for a structured request, the JSON text.
        usage: tokens consumed.
        model: the model that answered, as the server names it.
        cost_usd: the price of this call in USD, or ``None`` if the model's
            price is unknown.
        attempts: HTTP requests it took: 1, plus retries and adaptation resends.
        stop_reason: why the model stopped, as the provider says it
            (``"stop"``, ``"length"``, ``"end_turn"``, ``"max_tokens"``, ``"tool_use"``…).
    """

    text: str
    usage: Usage
    model: str
    cost_usd: float | None
    attempts: int = 1
    stop_reason: str | None = None

    @property
    def truncated(self) -> bool:
        """True if the model stopped because it hit ``max_tokens``."""
        return self.stop_reason in ("length", "max_tokens")


@dataclass(frozen=True, slots=True)
class JsonResult:
    """A parsed, schema-checked structured reply.

    Attributes:
        data: the decoded JSON value.
        usage: tokens summed over every attempt, including a rejected first reply.
        cost_usd: USD summed over every attempt (``None`` if any price is unknown).
        attempts: model replies it took: 1, or 2 after a repair retry.
        raw: the accepted reply's text.
        completions: every completion, in order.
    """

    data: Any
    usage: Usage
    cost_usd: float | None
    attempts: int
    raw: str
    completions: tuple[Completion, ...] = field(default=())


class InvalidOutput(ProviderError):
    """The model's reply was not valid JSON for the schema, twice.

    It is a :class:`~memstack.errors.ProviderError` (status 502): the model, not
    the caller, failed. The tokens are still spent, so they are reported.

    Attributes:
        raw: the last reply, verbatim.
        reason: why it was rejected (a JSON syntax error or a schema violation).
        usage: tokens summed over both attempts.
        cost_usd: USD summed over both attempts, or ``None``.
        attempts: how many replies were rejected.
    """

    def __init__(
        self,
        message: str,
        *,
        raw: str,
        reason: str,
        usage: Usage,
        cost_usd: float | None,
        attempts: int,
        hint: str | None = None,
    ) -> None:
        self.raw = raw
        self.reason = reason
        self.usage = usage
        self.cost_usd = cost_usd
        self.attempts = attempts
        super().__init__(message, hint=hint)


def sum_costs(costs: Sequence[float | None]) -> float | None:
    """Add costs; ``None`` (unknown) if any part is unknown.

    Example:
        >>> sum_costs([0.25, 0.5]), sum_costs([0.25, None])
        (0.75, None)
    """
    total = 0.0
    for cost in costs:
        if cost is None:
            return None
        total += cost
    return total


def _as_messages(messages: str | Sequence[Message]) -> tuple[Message, ...]:
    if isinstance(messages, str):
        return (Message("user", messages),)
    return tuple(messages)


def _reason(problem: str, completion: Completion, request: ChatRequest) -> str:
    if completion.truncated:
        return (
            f"{problem} (the reply stopped at the max_tokens limit of {request.max_tokens}; "
            "answer more briefly)"
        )
    if completion.stop_reason == "refusal":
        return f"{problem} (the model refused)"
    return problem


def _repair_request(first: ChatRequest, completion: Completion, reason: str) -> ChatRequest:
    echo = (
        completion.text if len(completion.text) <= _MAX_ECHO else completion.text[:_MAX_ECHO] + "…"
    )
    fix = (
        f"Your previous reply could not be used: {reason}.\n"
        f"Reply again with only one JSON object that matches the {first.schema_name} schema, "
        "with no prose and no code fences."
    )
    return ChatRequest(
        messages=(
            *first.messages,
            Message("assistant", echo or "(empty reply)"),
            Message("user", fix),
        ),
        system=first.system,
        json_schema=first.json_schema,
        schema_name=first.schema_name,
        max_tokens=first.max_tokens,
        temperature=first.temperature,
    )


def _json_flow(
    model: ChatModel, request: ChatRequest
) -> Generator[ChatRequest, Completion, JsonResult]:
    """Yield the requests of a structured call; receive completions; return the result."""
    assert request.json_schema is not None
    completions: list[Completion] = []
    current = request
    reason = ""
    for _ in range(2):
        completion = yield current
        completions.append(completion)
        try:
            data = parse_json(completion.text)
        except OutputProblem as problem:
            reason = _reason(problem.reason, completion, request)
        else:
            violation = check(data, request.json_schema)
            if violation is None:
                return JsonResult(
                    data=data,
                    usage=_total_usage(completions),
                    cost_usd=sum_costs([c.cost_usd for c in completions]),
                    attempts=len(completions),
                    raw=completion.text,
                    completions=tuple(completions),
                )
            reason = _reason(f"it does not match the schema: {violation}", completion, request)
        current = _repair_request(request, completion, reason)
    last = completions[-1]
    raise InvalidOutput(
        f"{model.id} returned unusable output for schema {request.schema_name!r} "
        f"{len(completions)} times; last problem: {reason}.",
        hint="Try a stronger model, simplify the schema, "
        "or raise max_tokens if replies were cut off.",
        raw=last.text,
        reason=reason,
        usage=_total_usage(completions),
        cost_usd=sum_costs([c.cost_usd for c in completions]),
        attempts=len(completions),
    )


def _total_usage(completions: Sequence[Completion]) -> Usage:
    total = Usage(0, 0)
    for completion in completions:
        total = total + completion.usage
    return total


class ChatModel(ABC):
    """Base class of every chat model: OpenAI-compatible, Anthropic, the fake, plugins.

    Subclasses implement :meth:`complete`. They may override :meth:`acomplete`
    with a native async client, and :meth:`close` to release connections.
    Models are context managers; ``with`` closes them.

    Attributes:
        id: ``"<provider>:<model>"``, e.g. ``"openai:gpt-4.1-mini"``; recorded as
            the author of AI proposals.
        model: the model name sent to the provider.
        price: USD per million tokens for this model, or ``None`` if unknown.
    """

    id: str = ""
    model: str = ""
    price: Price | None = None

    @abstractmethod
    def complete(self, request: ChatRequest) -> Completion:
        """Send one request and return the model's reply.

        Args:
            request: the conversation and options.

        Returns:
            The reply with its usage and cost.

        Raises:
            ProviderError: the provider failed, timed out or could not be reached.
        """

    async def acomplete(self, request: ChatRequest) -> Completion:
        """Async door: runs :meth:`complete` in a worker thread unless a provider overrides it."""
        return await asyncio.to_thread(self.complete, request)

    def cost(self, usage: Usage) -> float | None:
        """The price of ``usage`` for this model in USD, or ``None`` if unknown."""
        return None if self.price is None else self.price.cost(usage)

    def complete_json(
        self,
        messages: str | Sequence[Message],
        *,
        system: str | None = None,
        schema: Mapping[str, Any],
        schema_name: str,
        max_tokens: int = 1024,
        temperature: float | None = 0.0,
    ) -> JsonResult:
        """Ask for a JSON reply that follows ``schema``; repair it once if needed.

        The provider is asked for structured output natively (OpenAI
        ``response_format``, an Anthropic forced tool call). The reply is parsed
        leniently (code fences and leading prose are accepted) and checked against
        the schema's types, required keys and enums. If either fails, the model is
        shown its reply and the reason, once.

        Args:
            messages: the conversation, or a single user message as a string.
            system: the system prompt.
            schema: a JSON Schema with an object at the root.
            schema_name: a short name for the schema (``[A-Za-z0-9_-]{1,64}``).
            max_tokens: the most output tokens per attempt.
            temperature: sampling temperature, or ``None`` for the model's default.

        Returns:
            The decoded data with usage and cost summed over both attempts.

        Raises:
            InvalidOutput: the reply was unusable twice; carries ``raw``, ``reason``
                and the usage spent.
            ProviderError: the provider failed.
            UsageError: bad arguments (no messages, bad schema name).

        Example:
            >>> from memstack.llm.fake import FakeChat
            >>> model = FakeChat(['Here you go: {"city": "Berlin"}'])
            >>> schema = {"type": "object", "required": ["city"],
            ...           "properties": {"city": {"type": "string"}}}
            >>> model.complete_json("Where do I live?", schema=schema, schema_name="place").data
            {'city': 'Berlin'}
        """
        flow = _json_flow(
            self,
            ChatRequest(
                _as_messages(messages), system, schema, schema_name, max_tokens, temperature
            ),
        )
        request = next(flow)
        while True:
            try:
                request = flow.send(self.complete(request))
            except StopIteration as done:
                result: JsonResult = done.value
                return result

    async def acomplete_json(
        self,
        messages: str | Sequence[Message],
        *,
        system: str | None = None,
        schema: Mapping[str, Any],
        schema_name: str,
        max_tokens: int = 1024,
        temperature: float | None = 0.0,
    ) -> JsonResult:
        """Async door of :meth:`complete_json`, with the same arguments and behaviour."""
        flow = _json_flow(
            self,
            ChatRequest(
                _as_messages(messages), system, schema, schema_name, max_tokens, temperature
            ),
        )
        request = next(flow)
        while True:
            completion = await self.acomplete(request)
            try:
                request = flow.send(completion)
            except StopIteration as done:
                result: JsonResult = done.value
                return result

    def close(self) -> None:  # noqa: B027 - optional hook: most fakes hold no resources
        """Release connections. Default: nothing to do."""

    async def aclose(self) -> None:
        """Async door of :meth:`close`."""
        self.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id or self.model}>"
