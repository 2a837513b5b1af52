"""A provider prompt-cache model: which prompt tokens are served from the cache, and at what price.

A prompt cache skips prefill for an *exact prefix* that a recent request
already processed. Whether a request hits, and how it is billed, follows a few
published rules per provider, and this module encodes exactly those rules so a
sequence of requests (a chat session, a benchmark) can be turned into cached
tokens and cost without calling anyone:

**Anthropic** (explicit breakpoints;
https://platform.claude.com/docs/en/build-with-claude/prompt-caching):

* a request marks up to 4 content blocks with ``cache_control``; the prefix up
  to and including each marked block (tools → system → messages) is written to
  the cache, if it is at least the model's *minimum cacheable length*:
  1,024 tokens for Claude Sonnet 4.5 / Sonnet 4 / Opus 4.1, 4,096 for Claude
  Opus 4.5 and Haiku 4.5, 2,048 for Claude Haiku 3.5 (the page's table; the
  often-quoted "2,048 for Haiku" holds only for the 3.x Haiku models);
* a later request reads the longest cached prefix that ends at a block
  boundary at or before one of its breakpoints, looking back at most about 20
  blocks from each breakpoint;
* cache writes cost 1.25× the base input price (5-minute lifetime) or 2×
  (1-hour lifetime), cache reads 0.1×; a read refreshes the lifetime at no cost.

**OpenAI** (automatic; https://developers.openai.com/api/docs/guides/prompt-caching):

* every prompt of 1,024 tokens or more is cached automatically, no markers and
  no write premium; a later prompt reads the longest exact prefix it shares
  with a cached one, counted from 1,024 tokens up in increments of 128
  (the guide and the "Prompt Caching 201" cookbook say cache hits occur in
  increments of 128 tokens);
* in-memory retention clears a prefix after 5 to 10 minutes of inactivity (at
  most an hour); this model uses the lower bound, 5 minutes, refreshed by use;
* cached input is discounted by model family, from the pricing page
  (https://developers.openai.com/api/docs/pricing): GPT-4o and GPT-4o mini bill
  cached input at 50% of the input price ($1.25 vs $2.50, $0.075 vs $0.15 per
  million), GPT-4.1, 4.1 mini and 4.1 nano at 25% ($0.50 vs $2.00, $0.10 vs
  $0.40, $0.025 vs $0.10).

**Granularity.** A request is a sequence of :class:`Block` s (a system block,
a message's content part), each with a key (a hash of what it holds) and a
token count. Matching is done at block boundaries. That is exact for Anthropic,
which only caches and looks up prefixes at block boundaries, and conservative
for OpenAI, whose token-level match can reach a few tokens into the first
differing block (a message header).

Everything here is pure: no I/O and no clock. Time is the ``at`` of each
request, in seconds, supplied by the caller, and the cache state lives in a
:class:`PromptCache` value that only :meth:`PromptCache.send` changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from .errors import UsageError

__all__ = [
    "ANTHROPIC_DOC",
    "OPENAI_DOC",
    "OPENAI_PRICING",
    "RULES",
    "Block",
    "CacheRules",
    "CacheUsage",
    "PromptCache",
    "Request",
    "anthropic_rules",
    "openai_rules",
    "rules_for",
    "simulate",
]

ANTHROPIC_DOC = "https://platform.claude.com/docs/en/build-with-claude/prompt-caching"
OPENAI_DOC = "https://developers.openai.com/api/docs/guides/prompt-caching"
OPENAI_PRICING = "https://developers.openai.com/api/docs/pricing"

Provider = Literal["anthropic", "openai"]


@dataclass(frozen=True, slots=True)
class CacheRules:
    """How one model's prompt cache behaves and is billed.

    Attributes:
        name: the model (family) name.
        provider: ``anthropic`` (explicit breakpoints) or ``openai`` (automatic).
        min_tokens: the shortest prefix that is cached at all.
        ttl_seconds: how long an unused entry lives; each read restarts it.
        write: price of a token written to the cache, as a multiple of the base
            input price (Anthropic 1.25 for the 5-minute cache; OpenAI has no
            write premium, so writes are plain input).
        read: price of a token read from the cache, as a multiple of the base input price.
        increment: cached prefix lengths above ``min_tokens`` are rounded down
            to a multiple of this (OpenAI: 128; Anthropic: 1, block-exact).
        lookback: blocks before a breakpoint searched for a cached prefix (Anthropic).
        max_breakpoints: most ``cache_control`` blocks allowed in one request (Anthropic).
        source: the documentation the figures come from.
    """

    name: str
    provider: Provider
    min_tokens: int
    ttl_seconds: float
    write: float
    read: float
    increment: int = 1
    lookback: int = 20
    max_breakpoints: int = 4
    source: str = ""


def anthropic_rules(name: str, min_tokens: int, *, ttl: Literal["5m", "1h"] = "5m") -> CacheRules:
    """Rules for a Claude model: writes 1.25× (5-minute) or 2× (1-hour), reads 0.1×.

    Args:
        name: the model name.
        min_tokens: its minimum cacheable prompt length.
        ttl: the cache lifetime asked for with ``cache_control``.

    Returns:
        The :class:`CacheRules`.

    Example:
        >>> r = anthropic_rules("claude-sonnet-4-5", 1024, ttl="1h")
        >>> r.write, r.read, r.ttl_seconds
        (2.0, 0.1, 3600.0)
    """
    long = ttl == "1h"
    return CacheRules(
        name=name,
        provider="anthropic",
        min_tokens=min_tokens,
        ttl_seconds=3600.0 if long else 300.0,
        write=2.0 if long else 1.25,
        read=0.10,
        source=ANTHROPIC_DOC,
    )


def openai_rules(name: str, cached_price: float) -> CacheRules:
    """Rules for an OpenAI model: automatic from 1,024 tokens in 128-token steps, 5-minute TTL.

    Args:
        name: the model name.
        cached_price: cached input price as a share of the input price (0.5, 0.25, ...).

    Example:
        >>> openai_rules("gpt-4.1", 0.25).read
        0.25
    """
    return CacheRules(
        name=name,
        provider="openai",
        min_tokens=1024,
        ttl_seconds=300.0,
        write=1.0,
        read=cached_price,
        increment=128,
        source=f"{OPENAI_DOC} ; {OPENAI_PRICING}",
    )


#: The models memstack's figures use. Minimum lengths and multipliers: see the module docstring.
RULES: dict[str, CacheRules] = {
    r.name: r
    for r in (
        anthropic_rules("claude-sonnet-4-5", 1024),
        anthropic_rules("claude-sonnet-4", 1024),
        anthropic_rules("claude-opus-4-1", 1024),
        anthropic_rules("claude-opus-4-5", 4096),
        anthropic_rules("claude-haiku-4-5", 4096),
        anthropic_rules("claude-haiku-3-5", 2048),
        openai_rules("gpt-4o", 0.50),
        openai_rules("gpt-4o-mini", 0.50),
        openai_rules("gpt-4.1", 0.25),
        openai_rules("gpt-4.1-mini", 0.25),
        openai_rules("gpt-4.1-nano", 0.25),
    )
}


def rules_for(model: str) -> CacheRules:
    """Look a model up in :data:`RULES`.

    Raises:
        UsageError: an unknown model; the message lists the known ones.

    Example:
        >>> rules_for("claude-haiku-4-5").min_tokens
        4096
    """
    try:
        return RULES[model]
    except KeyError:
        raise UsageError(
            f"No cache rules for model {model!r}; known: {', '.join(sorted(RULES))}.",
            hint="Build rules with anthropic_rules() or openai_rules().",
        ) from None


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of a request as the cache sees it.

    Attributes:
        key: identifies the content (e.g. a hash of role and text); equal keys mean equal bytes.
        tokens: its token count.
        breakpoint: carries ``cache_control`` (Anthropic); ignored for OpenAI.
    """

    key: str
    tokens: int
    breakpoint: bool = False


@dataclass(frozen=True, slots=True)
class Request:
    """A request: its blocks in prompt order and when it is sent (seconds, any origin)."""

    blocks: tuple[Block, ...]
    at: float = 0.0


@dataclass(frozen=True, slots=True)
class CacheUsage:
    """How one request's prompt tokens are billed.

    Attributes:
        input_tokens: every prompt token of the request.
        cache_read: tokens served from the cache.
        cache_write: tokens written to the cache and billed at the write price
            (always 0 for OpenAI, which has no write premium).
    """

    input_tokens: int
    cache_read: int = 0
    cache_write: int = 0

    @property
    def uncached(self) -> int:
        """Tokens billed at the base input price."""
        return self.input_tokens - self.cache_read - self.cache_write

    @property
    def cached_share(self) -> float:
        """Share of the prompt served from the cache (0 for an empty prompt)."""
        return self.cache_read / self.input_tokens if self.input_tokens else 0.0

    def cost(self, rules: CacheRules) -> float:
        """Input cost in base-price tokens: uncached + write × writes + read × reads.

        Multiply by the price per token to get money.

        Example:
            >>> CacheUsage(2000, cache_read=1500).cost(rules_for("claude-sonnet-4-5"))
            650.0
        """
        return self.uncached + rules.write * self.cache_write + rules.read * self.cache_read


def _prefix_keys(blocks: Sequence[Block]) -> tuple[list[str], list[int]]:
    keys: list[str] = []
    cum: list[int] = []
    h = hashlib.sha256()
    total = 0
    for b in blocks:
        if b.tokens < 0:
            raise UsageError(f"A block has {b.tokens} tokens; counts must not be negative.")
        h.update(b.key.encode("utf-8") + b"\x00")
        keys.append(h.copy().hexdigest())
        total += b.tokens
        cum.append(total)
    return keys, cum


@dataclass(slots=True)
class PromptCache:
    """The cache of one provider account for one model, as a value you feed requests.

    Args:
        rules: the model's :class:`CacheRules`.

    Example:
        >>> cache = PromptCache(rules_for("claude-sonnet-4-5"))
        >>> system = Block("memory", 1500, breakpoint=True)
        >>> cache.send(Request((system, Block("q1", 20)), at=0))
        CacheUsage(input_tokens=1520, cache_read=0, cache_write=1500)
        >>> cache.send(Request((system, Block("q2", 30)), at=60))
        CacheUsage(input_tokens=1530, cache_read=1500, cache_write=0)
        >>> cache.send(Request((system, Block("q3", 30)), at=60 + 301)).cache_read  # expired
        0
    """

    rules: CacheRules
    entries: dict[str, float] = field(default_factory=dict)  # prefix key -> expires at
    now: float = float("-inf")

    def _alive(self, key: str) -> bool:
        expires = self.entries.get(key)
        return expires is not None and expires > self.now

    def send(self, request: Request) -> CacheUsage:
        """Bill one request and update the cache as the provider would.

        Args:
            request: the request; requests must be sent in time order.

        Returns:
            Its :class:`CacheUsage`.

        Raises:
            UsageError: a request earlier than the previous one, or more
                breakpoints than the provider allows.
        """
        if request.at < self.now:
            raise UsageError(
                f"Requests must be sent in time order: {request.at} is before {self.now}."
            )
        self.now = request.at
        keys, cum = _prefix_keys(request.blocks)
        total = cum[-1] if cum else 0
        if self.rules.provider == "anthropic":
            return self._anthropic(request.blocks, keys, cum, total)
        return self._openai(keys, cum, total)

    def _anthropic(
        self, blocks: Sequence[Block], keys: list[str], cum: list[int], total: int
    ) -> CacheUsage:
        r = self.rules
        marks = [i for i, b in enumerate(blocks) if b.breakpoint]
        if len(marks) > r.max_breakpoints:
            raise UsageError(
                f"{len(marks)} cache breakpoints in one request; "
                f"{r.name} allows {r.max_breakpoints}."
            )
        hit = -1
        for b in marks:
            for j in range(b, max(-1, b - r.lookback - 1), -1):
                if j > hit and self._alive(keys[j]):
                    hit = j
                    break
        read = cum[hit] if hit >= 0 else 0
        expires = self.now + r.ttl_seconds
        if hit >= 0:
            self.entries[keys[hit]] = expires  # a read refreshes the entry for free
        written = [b for b in marks if b > hit and cum[b] >= r.min_tokens]
        for b in marks:
            if b <= hit and keys[b] in self.entries and self._alive(keys[b]):
                self.entries[keys[b]] = expires
        for b in written:
            self.entries[keys[b]] = expires
        write = cum[written[-1]] - read if written else 0
        return CacheUsage(total, cache_read=read, cache_write=write)

    def _openai(self, keys: list[str], cum: list[int], total: int) -> CacheUsage:
        r = self.rules
        if total < r.min_tokens:
            return CacheUsage(total)  # short prompts are neither read from nor written to the cache
        matched = 0
        for j in range(len(keys) - 1, -1, -1):
            if self._alive(keys[j]):
                matched = cum[j]
                break
        read = 0
        if matched >= r.min_tokens:
            read = r.min_tokens + r.increment * ((matched - r.min_tokens) // r.increment)
        expires = self.now + r.ttl_seconds
        for key, length in zip(keys, cum, strict=True):
            if length >= r.min_tokens:
                self.entries[key] = expires
        return CacheUsage(total, cache_read=read)


def simulate(requests: Sequence[Request], rules: CacheRules) -> list[CacheUsage]:
    """Send ``requests`` in order through a fresh :class:`PromptCache`.

    Args:
        requests: the requests, in time order.
        rules: the model's cache rules.

    Returns:
        One :class:`CacheUsage` per request.

    Example:
        >>> memory = Block("stable", 1200)
        >>> reqs = [Request((memory, Block(f"q{i}", 50)), at=i * 30.0) for i in range(3)]
        >>> [u.cache_read for u in simulate(reqs, rules_for("gpt-4o"))]
        [0, 1152, 1152]
    """
    cache = PromptCache(rules)
    return [cache.send(r) for r in requests]
