"""Why memstack keeps the model stateless, in numbers: KV-cache memory and token cost.

A transformer "remembers" a conversation only through its KV cache: for every
token, every layer keeps a key and a value vector per KV head. That cache grows
linearly with the tokens kept and lives in GPU memory, so keeping each user's
whole history resident on the GPU is the most expensive way to remember:

    bytes per token = 2 (K and V) × layers × KV heads × head size × bytes per value

Llama-2-7B (no grouped-query attention) needs 512 KiB per token, so one
4,096-token sequence holds 2 GiB and 32 such sessions 64 GiB, most of an 80 GB
H100. Llama 3.1 405B needs 516,096 B per token; a 100M-token cache is 51.6 TB,
which takes 646 H100s of 80 GB just to hold. (The often-quoted ~638 comes out
exactly with 81 GB per GPU, about what ``nvidia-smi`` reports for an H100:
81,559 MiB.)

memstack instead treats the model as a stateless kernel: memory is text,
compiled per request into a small prompt whose stable part a provider can cache.
This module does the arithmetic for both sides: the KV cache of a model shape,
the GPUs that would hold it, and the token cost of one conversation replayed in
full, compiled from memory, and compiled with a warm prompt cache.

Units: GPU memory sizes are in decimal gigabytes (1 GB = 10⁹ bytes), as GPUs
are sold; sizes are also shown in GiB (2³⁰ bytes). The GPU count ignores
activations, fragmentation and runtime reserve, so it is a floor.

Everything here is pure arithmetic: no I/O, no clock.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from .errors import UsageError

__all__ = [
    "DTYPE_BYTES",
    "GB",
    "GIB",
    "PRESETS",
    "Conversation",
    "ConversationCosts",
    "KVReport",
    "ModelShape",
    "ScenarioCost",
    "TokenPrices",
    "TokenUsage",
    "conversation_costs",
    "dtype_bytes",
    "explain",
    "kv_bytes_per_token",
    "kv_report",
    "to_dict",
]

GB = 10**9
GIB = 2**30

#: Bytes per stored value for common cache/weight dtypes.
DTYPE_BYTES: dict[str, float] = {
    "fp32": 4,
    "fp16": 2,
    "bf16": 2,
    "fp8": 1,
    "int8": 1,
    "int4": 0.5,
}


@dataclass(frozen=True, slots=True)
class ModelShape:
    """The attention shape that sets the KV-cache size, plus the parameter count.

    Attributes:
        name: display name.
        layers: transformer layers.
        kv_heads: key/value heads per layer (fewer than query heads with GQA).
        head_dim: size of one head.
        params: parameter count, for the weights' memory; ``None`` if unknown.
    """

    name: str
    layers: int
    kv_heads: int
    head_dim: int
    params: float | None = None

    def __post_init__(self) -> None:
        for field_name in ("layers", "kv_heads", "head_dim"):
            if getattr(self, field_name) < 1:
                raise UsageError(
                    f"{field_name} must be at least 1, got {getattr(self, field_name)}."
                )


#: Shapes from each model's published config.json (num_hidden_layers,
#: num_key_value_heads, hidden_size / num_attention_heads); parameter counts as
#: reported on the model pages (6.74B, 8.03B, 70.6B, 405.9B).
PRESETS: dict[str, ModelShape] = {
    "llama-2-7b": ModelShape("Llama-2-7B", 32, 32, 128, 6.74e9),
    "llama-3.1-8b": ModelShape("Llama-3.1-8B", 32, 8, 128, 8.03e9),
    "llama-3.1-70b": ModelShape("Llama-3.1-70B", 80, 8, 128, 70.6e9),
    "llama-3.1-405b": ModelShape("Llama-3.1-405B", 126, 8, 128, 405.9e9),
}


def dtype_bytes(dtype: str) -> float:
    """Bytes per value for a dtype name.

    Raises:
        UsageError: unknown dtype.

    Example:
        >>> dtype_bytes("bf16"), dtype_bytes("int4")
        (2, 0.5)
    """
    try:
        return DTYPE_BYTES[dtype.lower()]
    except KeyError:
        raise UsageError(f"Unknown dtype {dtype!r}; use one of {', '.join(DTYPE_BYTES)}.") from None


def kv_bytes_per_token(shape: ModelShape, dtype: str = "fp16") -> float:
    """KV-cache bytes for one token: 2 × layers × KV heads × head size × dtype bytes.

    Example:
        >>> kv_bytes_per_token(PRESETS["llama-2-7b"])
        524288
        >>> kv_bytes_per_token(PRESETS["llama-3.1-405b"])
        516096
    """
    return 2 * shape.layers * shape.kv_heads * shape.head_dim * dtype_bytes(dtype)


@dataclass(frozen=True, slots=True)
class KVReport:
    """KV-cache memory for ``tokens`` × ``sessions``, the GPUs to hold it, and their cost.

    Attributes:
        shape: the model shape.
        dtype: cache (and weights) dtype.
        bytes_per_token: KV bytes for one token.
        tokens: tokens kept per session.
        sessions: concurrent sessions.
        session_bytes: KV bytes for one session.
        kv_bytes: KV bytes for all sessions.
        weights_bytes: the weights' bytes (``None`` if the parameter count is unknown).
        gpu_mem_gb: memory of one GPU in GB (10⁹ bytes).
        gpus_exact: ``kv_bytes`` / GPU memory, unrounded.
        gpus: whole GPUs to hold the cache alone.
        gpus_with_weights: whole GPUs to hold the cache plus one copy of the weights
            (spread over the GPUs, at the cache dtype).
        gpu_price: price of one GPU-hour.
        cost_per_hour: ``gpus`` × ``gpu_price``.
        cost_per_hour_with_weights: ``gpus_with_weights`` × ``gpu_price``.
    """

    shape: ModelShape
    dtype: str
    bytes_per_token: float
    tokens: int
    sessions: int
    session_bytes: float
    kv_bytes: float
    weights_bytes: float | None
    gpu_mem_gb: float
    gpus_exact: float
    gpus: int
    gpus_with_weights: int | None
    gpu_price: float
    cost_per_hour: float
    cost_per_hour_with_weights: float | None


def kv_report(
    shape: ModelShape,
    *,
    tokens: int,
    sessions: int = 1,
    dtype: str = "fp16",
    gpu_mem_gb: float = 80.0,
    gpu_price: float = 2.50,
) -> KVReport:
    """Size the KV cache of ``sessions`` sequences of ``tokens`` and the GPUs to hold it.

    Args:
        shape: the model shape (see :data:`PRESETS`).
        tokens: tokens kept per session.
        sessions: concurrent sessions.
        dtype: cache and weights dtype.
        gpu_mem_gb: memory per GPU in GB (10⁹ bytes); 80 for an H100.
        gpu_price: price per GPU-hour.

    Returns:
        The :class:`KVReport`.

    Raises:
        UsageError: negative tokens or price, sessions or GPU memory below 1, unknown dtype.

    Example:
        >>> r = kv_report(PRESETS["llama-2-7b"], tokens=4096, sessions=32)
        >>> r.session_bytes / GIB, r.kv_bytes / GIB
        (2.0, 64.0)
        >>> kv_report(PRESETS["llama-3.1-405b"], tokens=100_000_000).gpus
        646
    """
    if tokens < 0 or sessions < 1:
        raise UsageError(
            f"tokens must be 0 or more and sessions at least 1, got {tokens} and {sessions}."
        )
    if gpu_mem_gb <= 0 or gpu_price < 0:
        raise UsageError("gpu_mem_gb must be positive and gpu_price 0 or more.")
    per_token = kv_bytes_per_token(shape, dtype)
    session = per_token * tokens
    total = session * sessions
    weights = None if shape.params is None else shape.params * dtype_bytes(dtype)
    capacity = gpu_mem_gb * GB
    gpus = math.ceil(total / capacity)
    with_weights = None if weights is None else math.ceil((total + weights) / capacity)
    return KVReport(
        shape=shape,
        dtype=dtype.lower(),
        bytes_per_token=per_token,
        tokens=tokens,
        sessions=sessions,
        session_bytes=session,
        kv_bytes=total,
        weights_bytes=weights,
        gpu_mem_gb=gpu_mem_gb,
        gpus_exact=total / capacity,
        gpus=gpus,
        gpus_with_weights=with_weights,
        gpu_price=gpu_price,
        cost_per_hour=gpus * gpu_price,
        cost_per_hour_with_weights=None if with_weights is None else with_weights * gpu_price,
    )


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


def _size(n: float) -> str:
    return f"{n / GB:,.2f} GB ({n / GIB:,.2f} GiB)"


def _gpus(n: int) -> str:
    return f"{n:,} GPU" + ("" if n == 1 else "s")


def explain(report: KVReport, costs: ConversationCosts) -> str:
    """Write the arithmetic and its assumptions as plain text (what ``memstack economics`` prints).

    Example:
        >>> text = explain(kv_report(PRESETS["llama-2-7b"], tokens=4096),
        ...                conversation_costs(Conversation(), TokenPrices()))
        >>> "= 524,288 B per token" in text
        True
    """
    s, r = report.shape, report
    b = dtype_bytes(r.dtype)
    lines = [
        f"KV cache: {s.name}, {r.dtype} ({b:g} bytes per value)",
        f"  per token    2 (K and V) x {s.layers} layers x {s.kv_heads} KV heads x {s.head_dim}"
        f" head size x {b:g} bytes = {r.bytes_per_token:,.0f} B per token",
        f"  per session  {r.tokens:,} tokens x {r.bytes_per_token:,.0f} B"
        f" = {_size(r.session_bytes)}",
        f"  all sessions {r.sessions:,} x {_size(r.session_bytes)} = {_size(r.kv_bytes)}",
    ]
    if r.weights_bytes is not None and s.params is not None:
        lines.append(
            f"  weights      {s.params:,.0f} parameters x {b:g} bytes = {_size(r.weights_bytes)}"
        )
    lines += [
        f"GPUs with {r.gpu_mem_gb:g} GB each (1 GB = 10^9 B)",
        f"  cache only   {r.kv_bytes / GB:,.2f} GB / {r.gpu_mem_gb:g} GB = {r.gpus_exact:,.2f}"
        f" -> {_gpus(r.gpus)}, ${r.cost_per_hour:,.2f} per hour"
        f" at ${r.gpu_price:,.2f} per GPU-hour",
    ]
    if r.weights_bytes is not None and r.gpus_with_weights is not None:
        both = (r.kv_bytes + r.weights_bytes) / GB
        lines.append(
            f"  with weights ({r.kv_bytes / GB:,.2f} + {r.weights_bytes / GB:,.2f}) GB /"
            f" {r.gpu_mem_gb:g} GB = {both / r.gpu_mem_gb:,.2f} -> {_gpus(r.gpus_with_weights)},"
            f" ${r.cost_per_hour_with_weights or 0:,.2f} per hour"
        )
    c, p = costs.conversation, costs.prices
    lines += [
        "",
        f"One conversation: {c.turns} turns of {c.user_tokens} user"
        f" + {c.output_tokens} reply tokens;"
        f" ${p.input_per_mtok:g} in / ${p.output_per_mtok:g} out per million tokens;"
        f" cache write x{p.cache_write:g}, read x{p.cache_read:g}",
        f"  compiled = {c.memory_tokens} memory + {c.recall_tokens} recall"
        f" + up to {c.window_tokens} recent-turn tokens per request",
    ]
    for sc in (costs.full, costs.compiled, costs.cached):
        lines.append(
            f"  {sc.name:<28} {sc.input_tokens:>10,} input tokens  ${sc.input_cost:,.4f} input"
            f" + ${sc.output_cost:,.4f} output = ${sc.total:,.4f}"
        )
    lines += [
        "",
        "Assumptions: sizes ignore activations, fragmentation and runtime reserve (a floor);",
        "the weights count once, at the cache dtype; the warm cache assumes every request",
        "arrives within the cache TTL and that the stable block is at least the minimum",
        f"cacheable length ({p.min_cache_tokens} tokens). Prices are list prices;"
        " pass your own with --input-price and friends.",
    ]
    return "\n".join(lines)


def to_dict(report: KVReport, costs: ConversationCosts) -> dict[str, Any]:
    """Both results as a JSON-ready dict (what ``memstack economics --json`` prints).

    Example:
        >>> d = to_dict(kv_report(PRESETS["llama-2-7b"], tokens=4096),
        ...             conversation_costs(Conversation(), TokenPrices()))
        >>> d["kv"]["bytes_per_token"], d["conversation"]["full"]["input_tokens"]
        (524288, 622500)
    """
    return {"kv": asdict(report), "conversation": asdict(costs)}
