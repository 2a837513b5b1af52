"""What a model costs, per million tokens, for the few models memstack is tested with.

The table is small on purpose. A price that is wrong is worse than none, so a
model that is not listed costs ``None`` ("unknown"), never an estimate, and so
does a prompt longer than the range a listed price applies to. Pass
``price_in``/``price_out`` to a provider to price any other model.

A table key matches the model name itself and its dated snapshots
(``gpt-4.1-mini`` matches ``gpt-4.1-mini-2025-04-14``; ``claude-haiku-4-5``
matches ``claude-haiku-4-5-20251001``), but never a longer name such as
``gpt-4.1-mini-audio``, which is a different product with a different price.

Sources (USD, standard tier, checked 2026-11):

- OpenAI: https://developers.openai.com/api/docs/pricing
  (formerly https://openai.com/api/pricing/)
- Anthropic: https://platform.claude.com/docs/en/about-claude/pricing
  (cache writes priced at the 5-minute rate; memstack's LLM calls set no cache_control)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from .base import Usage

__all__ = ["PRICES", "Price", "price_for", "resolve_price"]

_SNAPSHOT = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)")


@dataclass(frozen=True, slots=True)
class Price:
    """USD per million tokens.

    Attributes:
        input: uncached prompt tokens.
        output: generated tokens.
        cached_input: prompt tokens read from the cache (``None``: same as ``input``).
        cache_write: prompt tokens written to the cache (``None``: same as ``input``).
        max_input_tokens: the longest prompt this price applies to; longer prompts
            cost ``None`` because the provider bills them at another rate.

    Example:
        >>> from memstack.llm.base import Usage
        >>> round(Price(0.40, 1.60, cached_input=0.10).cost(Usage(1_000_000, 0, 500_000)), 2)
        0.25
    """

    input: float
    output: float
    cached_input: float | None = None
    cache_write: float | None = None
    max_input_tokens: int | None = None

    def cost(self, usage: Usage) -> float | None:
        """The price of ``usage`` in USD, or ``None`` if this price does not cover it."""
        if self.max_input_tokens is not None and usage.input_tokens > self.max_input_tokens:
            return None
        cached = usage.cached_input_tokens
        written = usage.cache_write_input_tokens
        fresh = max(0, usage.input_tokens - cached - written)
        cached_rate = self.input if self.cached_input is None else self.cached_input
        write_rate = self.input if self.cache_write is None else self.cache_write
        total = (
            fresh * self.input
            + cached * cached_rate
            + written * write_rate
            + usage.output_tokens * self.output
        )
        return total / 1_000_000


PRICES: dict[str, Price] = {
    # OpenAI, https://developers.openai.com/api/docs/pricing
    "gpt-4o-mini": Price(0.15, 0.60, cached_input=0.075),
    "gpt-4.1": Price(2.00, 8.00, cached_input=0.50),
    "gpt-4.1-mini": Price(0.40, 1.60, cached_input=0.10),
    "gpt-4.1-nano": Price(0.10, 0.40, cached_input=0.025),
    # Anthropic, https://platform.claude.com/docs/en/about-claude/pricing
    "claude-haiku-4-5": Price(1.00, 5.00, cached_input=0.10, cache_write=1.25),
    # Prompts over 200K tokens are billed at the long-context rate.
    "claude-sonnet-4-5": Price(
        3.00, 15.00, cached_input=0.30, cache_write=3.75, max_input_tokens=200_000
    ),
    "claude-opus-4-5": Price(5.00, 25.00, cached_input=0.50, cache_write=6.25),
}


def price_for(model: str) -> Price | None:
    """Look a model up in :data:`PRICES`.

    Args:
        model: the model name, with or without a dated snapshot suffix.

    Returns:
        Its price, or ``None`` if the model is not listed.

    Example:
        >>> price_for("gpt-4.1-mini-2025-04-14") == PRICES["gpt-4.1-mini"]
        True
        >>> price_for("gpt-4.1-mini-audio") is None, price_for("llama3.1:8b") is None
        (True, True)
    """
    if model in PRICES:
        return PRICES[model]
    for key, price in PRICES.items():
        if model.startswith(key) and _SNAPSHOT.fullmatch(model[len(key) :]):
            return price
    return None


def resolve_price(model: str, price_in: float | None, price_out: float | None) -> Price | None:
    """The price to meter ``model`` with: explicit prices win over the table.

    With explicit prices, cached and cache-write tokens are billed at ``price_in``.

    Raises:
        UsageError: only one of ``price_in``/``price_out`` was given, or one is negative.
    """
    if price_in is None and price_out is None:
        return price_for(model)
    if price_in is None or price_out is None:
        raise UsageError(
            "Pass both price_in and price_out (USD per million input/output tokens), or neither."
        )
    if price_in < 0 or price_out < 0:
        raise UsageError("price_in and price_out must not be negative.")
    return Price(price_in, price_out)
