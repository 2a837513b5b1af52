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

The values that cross the seam (:class:`Message`, :class:`ChatRequest`,
:class:`Completion`, :class:`Usage`, :class:`JsonResult`, :class:`InvalidOutput`)
are in :mod:`memstack.llm.values` and re-exported here.

The JSON flow is written once, as a generator that yields requests and receives
completions (:func:`_json_flow`); the sync and async doors only drive it.

Metering: every :class:`Completion` carries its :class:`Usage` and its cost in
USD (``None`` when the price of the model is unknown: memstack never guesses a
price). :class:`JsonResult` sums both over its attempts.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Generator, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from .jsonout import OutputProblem, check, parse_json
from .values import (
    ChatRequest,
    Completion,
    InvalidOutput,
    JsonResult,
    Message,
    Role,
    Usage,
    sum_costs,
)

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

# A runaway reply is shown back to the model only in part: enough to see the mistake.
_MAX_ECHO = 4000


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
