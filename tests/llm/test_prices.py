"""Price table lookups and cost arithmetic."""

from __future__ import annotations

import pytest

from memstack.errors import UsageError
from memstack.llm import PRICES, Usage, price_for
from memstack.llm.prices import Price, resolve_price


@pytest.mark.parametrize(
    ("model", "key"),
    [
        ("gpt-4.1-mini", "gpt-4.1-mini"),
        ("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini"),
        ("gpt-4.1", "gpt-4.1"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("claude-haiku-4-5", "claude-haiku-4-5"),
        ("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
        ("claude-sonnet-4-5-latest", "claude-sonnet-4-5"),
    ],
)
def test_models_and_their_snapshots_are_priced(model, key):
    assert price_for(model) is PRICES[key]


@pytest.mark.parametrize(
    "model", ["gpt-4.1-mini-audio", "gpt-4o", "llama3.1:8b", "claude-haiku-4-5x", "", "gpt-5"]
)
def test_other_models_are_unknown_not_guessed(model):
    assert price_for(model) is None


def test_cost_splits_fresh_cached_and_written_input():
    price = Price(1.0, 5.0, cached_input=0.1, cache_write=1.25)
    usage = Usage(
        4_000_000, 1_000_000, cached_input_tokens=2_000_000, cache_write_input_tokens=1_000_000
    )
    assert price.cost(usage) == pytest.approx(1.0 + 0.2 + 1.25 + 5.0)


def test_long_prompts_outside_the_price_range_are_unknown():
    price = PRICES["claude-sonnet-4-5"]
    assert price.cost(Usage(200_000, 10)) is not None
    assert price.cost(Usage(200_001, 10)) is None


def test_explicit_prices_win_and_must_come_in_pairs():
    assert resolve_price("gpt-4.1-mini", 9.0, 9.0) == Price(9.0, 9.0)
    assert resolve_price("llama3.1:8b", None, None) is None
    with pytest.raises(UsageError, match="both price_in and price_out"):
        resolve_price("llama3.1:8b", 1.0, None)
    with pytest.raises(UsageError, match="negative"):
        resolve_price("llama3.1:8b", -1.0, 1.0)
