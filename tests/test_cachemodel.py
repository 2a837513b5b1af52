"""The prompt-cache model: exact prefixes, minimum lengths, lifetimes and prices per provider."""

from __future__ import annotations

import doctest

import pytest

import memstack.cachemodel as cachemodel
from memstack import UsageError
from memstack.cachemodel import (
    RULES,
    Block,
    CacheUsage,
    PromptCache,
    Request,
    anthropic_rules,
    rules_for,
    simulate,
)

SONNET = rules_for("claude-sonnet-4-5")
GPT4O = rules_for("gpt-4o")


def blocks(*spec: tuple[str, int] | tuple[str, int, bool]) -> tuple[Block, ...]:
    return tuple(Block(*s) for s in spec)  # type: ignore[arg-type]


def test_the_documented_figures() -> None:
    # Minimum cacheable lengths from Anthropic's prompt-caching page.
    assert {n: RULES[n].min_tokens for n in RULES if n.startswith("claude")} == {
        "claude-sonnet-4-5": 1024,
        "claude-sonnet-4": 1024,
        "claude-opus-4-1": 1024,
        "claude-opus-4-5": 4096,
        "claude-haiku-4-5": 4096,
        "claude-haiku-3-5": 2048,
    }
    assert (SONNET.write, SONNET.read, SONNET.ttl_seconds) == (1.25, 0.10, 300.0)
    long = anthropic_rules("claude-sonnet-4-5", 1024, ttl="1h")
    assert (long.write, long.ttl_seconds) == (2.0, 3600.0)
    # OpenAI: 1,024 tokens, 128-token steps, no write premium; 50% off for 4o, 75% for 4.1.
    assert (GPT4O.min_tokens, GPT4O.increment, GPT4O.write, GPT4O.read) == (1024, 128, 1.0, 0.5)
    assert rules_for("gpt-4o-mini").read == 0.5
    assert {rules_for(n).read for n in ("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano")} == {0.25}
    assert all(r.source.startswith("https://") for r in RULES.values())
    with pytest.raises(UsageError, match="known: "):
        rules_for("gpt-2")


def test_anthropic_caches_up_to_the_breakpoint_and_reads_it_back() -> None:
    cache = PromptCache(SONNET)
    first = cache.send(Request(blocks(("sys", 100), ("memory", 1500, True), ("q1", 40)), at=0))
    assert first == CacheUsage(1640, cache_read=0, cache_write=1600)
    second = cache.send(Request(blocks(("sys", 100), ("memory", 1500, True), ("q2", 60)), at=10))
    assert second == CacheUsage(1660, cache_read=1600, cache_write=0)
    assert second.uncached == 60 and second.cached_share == pytest.approx(1600 / 1660)
    assert second.cost(SONNET) == pytest.approx(60 + 0.1 * 1600)
    assert first.cost(SONNET) == pytest.approx(40 + 1.25 * 1600)


def test_anthropic_needs_an_exact_prefix() -> None:
    cache = PromptCache(SONNET)
    cache.send(Request(blocks(("memory", 1500, True), ("q", 40)), at=0))
    changed = cache.send(Request(blocks(("recall", 300), ("memory", 1500, True), ("q", 40)), at=1))
    assert changed.cache_read == 0 and changed.cache_write == 1800


def test_anthropic_ignores_prefixes_below_the_minimum() -> None:
    cache = PromptCache(SONNET)
    for at in (0, 1, 2):
        u = cache.send(Request(blocks(("memory", 1000, True), ("q", 40)), at=at))
        assert (u.cache_read, u.cache_write) == (0, 0)
    twice = [Request(blocks(("memory", 3000, True)), at=0)] * 2
    haiku = simulate(twice, rules_for("claude-haiku-4-5"))
    assert [u.cache_read for u in haiku] == [0, 0]


def test_anthropic_entries_expire_after_five_minutes_unless_read() -> None:
    req = blocks(("memory", 1500, True), ("q", 40))
    cache = PromptCache(SONNET)
    cache.send(Request(req, at=0))
    assert cache.send(Request(req, at=299)).cache_read == 1500  # read at 299 s: lives to 599 s
    assert cache.send(Request(req, at=598)).cache_read == 1500
    assert cache.send(Request(req, at=898.5)).cache_read == 0  # 300.5 s idle: gone
    with pytest.raises(UsageError, match="time order"):
        cache.send(Request(req, at=10))


def test_anthropic_history_breakpoint_and_lookback() -> None:
    stable = ("memory", 1500, True)
    cache = PromptCache(SONNET)
    cache.send(Request(blocks(stable, ("u1", 30), ("a1", 30, True), ("u2", 30)), at=0))
    # The next turn's breakpoint sits two blocks later; the earlier entry is found by lookback.
    turn = blocks(stable, ("u1", 30), ("a1", 30), ("u2", 30), ("a2", 30, True), ("u3", 30))
    u = cache.send(Request(turn, at=1))
    assert (u.cache_read, u.cache_write) == (1560, 60)
    # More than 20 blocks after the last cached boundary: only the stable block is found.
    many = [(f"m{i}", 5) for i in range(25)]
    long_turn = blocks(stable, ("u1", 30), ("a1", 30), *many[:-1], (*many[-1], True))
    far = cache.send(Request(long_turn, at=2))
    assert far.cache_read == 1500
    with pytest.raises(UsageError, match="allows 4"):
        cache.send(Request(blocks(*[(f"b{i}", 400, True) for i in range(5)]), at=3))


def test_openai_caches_every_long_prompt_in_128_token_steps() -> None:
    cache = PromptCache(GPT4O)
    assert cache.send(Request(blocks(("memory", 1000), ("q", 20)), at=0)).cache_read == 0
    assert cache.send(Request(blocks(("memory", 1000), ("q", 20)), at=1)).cache_read == 0  # < 1024
    long = blocks(("memory", 1300), ("q", 20))
    assert cache.send(Request(long, at=2)) == CacheUsage(1320)  # written for free, nothing read
    u = cache.send(Request(blocks(("memory", 1300), ("other", 50)), at=3))
    assert u == CacheUsage(1350, cache_read=1280)  # 1,300 shared, counted in 128-token steps
    assert u.cost(GPT4O) == pytest.approx(70 + 0.5 * 1280)
    whole = cache.send(Request(long, at=4))
    assert whole.cache_read == 1280  # 1,320 tokens -> 1,024 + 2 x 128
    assert cache.send(Request(long, at=4 + 301)).cache_read == 0  # 5 minutes idle


def test_the_docstring_examples_hold() -> None:
    result = doctest.testmod(cachemodel, verbose=False)
    assert result.attempted > 0 and result.failed == 0
