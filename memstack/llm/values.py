"""The values of the chat-model seam: messages, requests, replies, usage and the JSON result.

They are frozen dataclasses checked when built, so a provider receives a request
that is already valid (roles, schema name, token limit) and every provider
answers with the same :class:`Completion`. :class:`InvalidOutput` is the error a
structured reply raises after its repair retry; it carries what the attempts
cost. The seam itself, :class:`~memstack.llm.base.ChatModel`, re-exports them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..errors import ProviderError, UsageError

if TYPE_CHECKING:
    pass

__all__ = [
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
