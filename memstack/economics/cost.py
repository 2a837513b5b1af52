"""The token cost of one conversation: replayed in full, compiled from memory, and cached.

Also :class:`TokenUsage`, the figures a provider reports per request, which the
memory proxy meters per scope. See :mod:`memstack.economics` for the reasoning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..errors import UsageError

__all__ = [
    "Conversation",
    "ConversationCosts",
    "ScenarioCost",
    "TokenPrices",
    "TokenUsage",
    "conversation_costs",
]

@dataclass(frozen=True, slots=True)
class TokenPrices:
    """Per-token prices and prompt-cache multipliers.

    Defaults are Anthropic's Claude Sonnet 4.x list prices and 5-minute cache
    multipliers (https://platform.claude.com/docs/en/build-with-claude/prompt-caching):
    $3 per million input tokens, $15 per million output tokens, cache writes
    1.25× and cache reads 0.1× the input price, and 1,024 tokens as the
    smallest cacheable prefix. OpenAI charges no write premium on models before
    GPT-5.6 (``cache_write=1``) and also caches from 1,024 tokens
    (https://developers.openai.com/api/docs/guides/prompt-caching).
    """

    input_per_mtok: float = 3.00
    output_per_mtok: float = 15.00
    cache_write: float = 1.25
    cache_read: float = 0.10
    min_cache_tokens: int = 1024


@dataclass(frozen=True, slots=True)
class TokenUsage:
    """Tokens a provider reported for some requests (what the memory proxy meters per scope).

    Attributes:
        requests: requests answered.
        reported: of those, requests whose answer carried a ``usage`` object (a
            stream carries one only when the client asked with
            ``stream_options.include_usage``).
        prompt_tokens: input tokens billed.
        cached_tokens: of those, tokens read from the provider's prompt cache.
        completion_tokens: output tokens billed.
    """

    requests: int = 0
    reported: int = 0
    prompt_tokens: int = 0
    cached_tokens: int = 0
    completion_tokens: int = 0

    @classmethod
    def from_openai(cls, usage: object) -> TokenUsage:
        """One request's figures from an OpenAI Chat Completions ``usage`` object.

        Anything missing or malformed counts as zero: the figures are reported,
        not trusted input.

        Example:
            >>> u = TokenUsage.from_openai({"prompt_tokens": 1200, "completion_tokens": 40,
            ...     "prompt_tokens_details": {"cached_tokens": 1024}})
            >>> u.requests, u.prompt_tokens, u.cached_tokens, round(u.cache_hit_rate, 3)
            (1, 1200, 1024, 0.853)
            >>> TokenUsage.from_openai(None).reported
            0
        """
        if not isinstance(usage, dict):
            return cls(requests=1)
        details = usage.get("prompt_tokens_details")
        cached = details.get("cached_tokens") if isinstance(details, dict) else 0
        return cls(
            requests=1, reported=1, prompt_tokens=_count(usage.get("prompt_tokens")),
            cached_tokens=_count(cached), completion_tokens=_count(usage.get("completion_tokens")),
        )  # fmt: skip

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            self.requests + other.requests, self.reported + other.reported,
            self.prompt_tokens + other.prompt_tokens, self.cached_tokens + other.cached_tokens,
            self.completion_tokens + other.completion_tokens,
        )  # fmt: skip

    @property
    def cache_hit_rate(self) -> float:
        """Share of input tokens read from the cache (0 when nothing was reported)."""
        return self.cached_tokens / self.prompt_tokens if self.prompt_tokens else 0.0


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


@dataclass(frozen=True, slots=True)
class Conversation:
    """One conversation: ``turns`` requests, each a user message and a reply.

    Attributes:
        turns: requests in the conversation.
        user_tokens: tokens of each user message.
        output_tokens: tokens of each reply.
        memory_tokens: the compiled stable block (rules and core facts).
        recall_tokens: recall attached to each request.
        window_tokens: recent turns kept verbatim by the session window.
    """

    turns: int = 50
    user_tokens: int = 200
    output_tokens: int = 300
    memory_tokens: int = 2000
    recall_tokens: int = 500
    window_tokens: int = 4000


@dataclass(frozen=True, slots=True)
class ScenarioCost:
    """The cost of one way of sending a conversation.

    Attributes:
        name: the scenario.
        input_tokens: input tokens sent over all requests.
        cache_write_tokens: of those, tokens billed as cache writes.
        cache_read_tokens: of those, tokens billed as cache reads.
        input_cost: input cost in dollars.
        output_cost: output cost in dollars (the same in every scenario).
        total: input plus output.
    """

    name: str
    input_tokens: int
    cache_write_tokens: int
    cache_read_tokens: int
    input_cost: float
    output_cost: float
    total: float


@dataclass(frozen=True, slots=True)
class ConversationCosts:
    """Full replay versus compiled memory versus compiled memory with a warm cache."""

    conversation: Conversation
    prices: TokenPrices
    full: ScenarioCost
    compiled: ScenarioCost
    cached: ScenarioCost


def conversation_costs(conv: Conversation, prices: TokenPrices) -> ConversationCosts:
    """Price one conversation three ways.

    * **Replayed in full**: request *i* sends every earlier turn plus the new message.
    * **Compiled memory**: request *i* sends the stable block, recall, at most
      ``window_tokens`` of recent turns, and the new message.
    * **Compiled, warm cache**: as compiled, but the stable block is written to
      the provider's cache once and read from it on every later request (all
      requests within the cache TTL); a block shorter than ``min_cache_tokens``
      is not cached.

    Args:
        conv: the conversation's shape.
        prices: prices and cache multipliers.

    Returns:
        The three :class:`ScenarioCost` values.

    Raises:
        UsageError: a negative count or price.

    Example:
        >>> c = conversation_costs(Conversation(), TokenPrices())
        >>> c.full.input_tokens, c.compiled.input_tokens, round(c.cached.input_cost, 4)
        (622500, 317000, 0.6879)
    """
    values = {**asdict(conv), **asdict(prices)}
    if any(v < 0 for v in values.values()):
        raise UsageError("Token counts, prices and multipliers must be 0 or more.")
    turn = conv.user_tokens + conv.output_tokens
    mtok = prices.input_per_mtok / 1e6
    output_cost = conv.turns * conv.output_tokens * prices.output_per_mtok / 1e6

    def scenario(name: str, tokens: int, writes: int = 0, reads: int = 0) -> ScenarioCost:
        plain = tokens - writes - reads
        cost = (plain + writes * prices.cache_write + reads * prices.cache_read) * mtok
        return ScenarioCost(name, tokens, writes, reads, cost, output_cost, cost + output_cost)

    full = sum(i * turn + conv.user_tokens for i in range(conv.turns))
    window = sum(min(i * turn, conv.window_tokens) for i in range(conv.turns))
    compiled = conv.turns * (conv.memory_tokens + conv.recall_tokens + conv.user_tokens) + window
    cacheable = conv.turns > 0 and conv.memory_tokens >= prices.min_cache_tokens
    writes = conv.memory_tokens if cacheable else 0
    reads = conv.memory_tokens * (conv.turns - 1) if cacheable else 0
    return ConversationCosts(
        conversation=conv,
        prices=prices,
        full=scenario("replayed in full", full),
        compiled=scenario("compiled memory", compiled),
        cached=scenario("compiled memory, warm cache", compiled, writes, reads),
    )
