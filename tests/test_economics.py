"""KV-cache and cost arithmetic: the reference figures, the conversation model, the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from memstack.cli.economics import economics
from memstack.economics import (
    GB,
    GIB,
    PRESETS,
    Conversation,
    ModelShape,
    TokenPrices,
    conversation_costs,
    dtype_bytes,
    kv_bytes_per_token,
    kv_report,
)
from memstack.errors import UsageError


def _close(value: float, reference: float) -> bool:
    return abs(value - reference) / reference <= 0.05


def test_llama2_7b_one_4096_token_sequence_is_about_2_gb() -> None:
    r = kv_report(PRESETS["llama-2-7b"], tokens=4096)
    assert r.bytes_per_token == 524_288
    assert r.session_bytes == 2 * GIB
    assert _close(r.session_bytes / GIB, 2)


def test_llama2_7b_32_sessions_is_about_64_gb() -> None:
    r = kv_report(PRESETS["llama-2-7b"], tokens=4096, sessions=32)
    assert r.kv_bytes == 64 * GIB
    assert _close(r.kv_bytes / GIB, 64)


def test_llama31_405b_100m_tokens_needs_about_638_h100s() -> None:
    r = kv_report(PRESETS["llama-3.1-405b"], tokens=100_000_000)
    assert r.bytes_per_token == 516_096
    assert r.kv_bytes == 51_609_600_000_000  # 51.6 TB
    assert r.gpus_exact == pytest.approx(645.12)
    assert r.gpus == 646
    assert _close(r.gpus, 638)
    # The quoted figure comes out exactly with 81 GB per GPU (nvidia-smi shows 81,559 MiB).
    assert kv_report(PRESETS["llama-3.1-405b"], tokens=100_000_000, gpu_mem_gb=81).gpus == 638
    # Reading "80 GB" as 80 GiB would miss the reference by more than 5%.
    assert not _close(r.kv_bytes / (80 * GIB), 638)


@pytest.mark.parametrize(
    ("name", "per_token"),
    [
        ("llama-2-7b", 524_288),
        ("llama-3.1-8b", 131_072),
        ("llama-3.1-70b", 327_680),
        ("llama-3.1-405b", 516_096),
    ],
)
def test_preset_bytes_per_token(name: str, per_token: int) -> None:
    assert kv_bytes_per_token(PRESETS[name]) == per_token
    assert kv_bytes_per_token(PRESETS[name], "fp8") == per_token / 2


def test_weights_add_gpus_and_cost() -> None:
    r = kv_report(PRESETS["llama-3.1-405b"], tokens=100_000_000, gpu_price=2.0)
    assert r.weights_bytes == pytest.approx(811.8 * GB)
    assert r.gpus_with_weights == 656
    assert r.cost_per_hour == 1292.0
    assert r.cost_per_hour_with_weights == 1312.0


def test_unknown_parameter_count_means_no_weights_figure() -> None:
    r = kv_report(ModelShape("custom", 2, 2, 64), tokens=10)
    assert r.bytes_per_token == 1024
    assert r.weights_bytes is None and r.gpus_with_weights is None


def test_bad_inputs_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="Unknown dtype 'fp12'"):
        dtype_bytes("fp12")
    with pytest.raises(UsageError, match="layers must be at least 1"):
        ModelShape("x", 0, 1, 1)
    with pytest.raises(UsageError, match="sessions at least 1"):
        kv_report(PRESETS["llama-2-7b"], tokens=1, sessions=0)
    with pytest.raises(UsageError, match="0 or more"):
        conversation_costs(Conversation(turns=-1), TokenPrices())


def test_conversation_costs_default_figures() -> None:
    c = conversation_costs(Conversation(), TokenPrices())
    # full: 50 x 200 user tokens + 500 x (0 + 1 + ... + 49) earlier-turn tokens
    assert c.full.input_tokens == 622_500
    assert c.full.input_cost == pytest.approx(1.8675)
    # compiled: 50 x (2000 + 500 + 200) + a window capped at 4000 tokens
    assert c.compiled.input_tokens == 317_000
    assert c.compiled.input_cost == pytest.approx(0.951)
    # warm: one write at 1.25x, 49 reads at 0.1x of the 2000-token block
    assert (c.cached.cache_write_tokens, c.cached.cache_read_tokens) == (2000, 98_000)
    assert c.cached.input_cost == pytest.approx((317_000 - 100_000 + 2500 + 9800) * 3e-6)
    assert c.full.output_cost == c.compiled.output_cost == c.cached.output_cost == 0.225
    assert c.cached.total < c.compiled.total < c.full.total


def test_a_block_below_the_minimum_cacheable_length_is_not_cached() -> None:
    c = conversation_costs(Conversation(memory_tokens=800), TokenPrices())
    assert c.cached.input_cost == c.compiled.input_cost
    assert c.cached.cache_read_tokens == 0


def _run(*args: str) -> str:
    result = CliRunner().invoke(economics, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_prints_the_arithmetic() -> None:
    out = _run("--model", "llama-2-7b", "--tokens", "4096", "--sessions", "32")
    assert "2 (K and V) x 32 layers x 32 KV heads x 128 head size x 2 bytes = 524,288 B" in out
    assert "4,096 tokens x 524,288 B = 2.15 GB (2.00 GiB)" in out
    assert "= 68.72 GB (64.00 GiB)" in out
    assert "replayed in full" in out and "warm cache" in out
    assert "Assumptions:" in out


def test_cli_405b_reference() -> None:
    out = _run("--model", "llama-3.1-405b", "--tokens", "100000000")
    assert "51,609.60 GB / 80 GB = 645.12 -> 646 GPUs" in out
    assert "638 GPUs" in _run(
        "--model", "llama-3.1-405b", "--tokens", "100000000", "--gpu-mem-gb", "81"
    )


def test_cli_custom_shape_and_json() -> None:
    out = _run(
        "--layers",
        "48",
        "--kv-heads",
        "8",
        "--head-dim",
        "128",
        "--dtype",
        "fp8",
        "--tokens",
        "1000",
        "--sessions",
        "2",
        "--gpu-price",
        "3",
        "--json",
    )
    data = json.loads(out)
    assert data["kv"]["bytes_per_token"] == 2 * 48 * 8 * 128 * 1
    assert data["kv"]["kv_bytes"] == 98_304 * 1000 * 2
    assert data["kv"]["gpus"] == 1 and data["kv"]["cost_per_hour"] == 3.0
    assert data["conversation"]["full"]["input_tokens"] == 622_500


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "llama-2-7b", "--layers", "2"], "Use either --model or"),
        (["--layers", "2"], "also needs --kv-heads, --head-dim"),
        (["--model", "gpt-9"], "Invalid value for '--model'"),
        (["--sessions", "0"], "Invalid value for '--sessions'"),
    ],
)
def test_cli_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(economics, args)
    assert result.exit_code == 2
    assert message in result.output


def test_cli_help() -> None:
    out = _run("--help")
    assert "KV-cache" in out and "--gpu-mem-gb" in out
