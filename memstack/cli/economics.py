"""``memstack economics``: the KV-cache and token-cost arithmetic behind a stateless model.

A thin door over :mod:`memstack.economics`: options in, arithmetic and
assumptions out (as text, or as JSON with ``--json``). The command is attached
to the ``memstack`` group elsewhere.
"""

from __future__ import annotations

import json

import click

from ..economics import (
    DTYPE_BYTES,
    PRESETS,
    Conversation,
    ModelShape,
    TokenPrices,
    conversation_costs,
    explain,
    kv_report,
    to_dict,
)

__all__ = ["economics"]

_DEFAULT_MODEL = "llama-2-7b"


def _shape(
    model: str | None,
    layers: int | None,
    kv_heads: int | None,
    head_dim: int | None,
    params_b: float | None,
) -> ModelShape:
    custom = {"--layers": layers, "--kv-heads": kv_heads, "--head-dim": head_dim}
    given = [name for name, value in custom.items() if value is not None]
    if model is not None and given:
        raise click.UsageError(f"Use either --model or {', '.join(custom)}, not both.")
    if given:
        missing = [name for name, value in custom.items() if value is None]
        if missing:
            raise click.UsageError(f"A custom shape also needs {', '.join(missing)}.")
        assert layers is not None and kv_heads is not None and head_dim is not None
        return ModelShape(
            f"custom ({layers} layers, {kv_heads} KV heads, head size {head_dim})",
            layers,
            kv_heads,
            head_dim,
            None if params_b is None else params_b * 1e9,
        )
    shape = PRESETS[model or _DEFAULT_MODEL]
    if params_b is not None:
        return ModelShape(shape.name, shape.layers, shape.kv_heads, shape.head_dim, params_b * 1e9)
    return shape


@click.command(name="economics")
@click.option(
    "--model",
    type=click.Choice(sorted(PRESETS)),
    default=None,
    help=f"A preset model shape [default: {_DEFAULT_MODEL}].",
)
@click.option("--layers", type=click.IntRange(min=1), help="Custom shape: transformer layers.")
@click.option(
    "--kv-heads", type=click.IntRange(min=1), help="Custom shape: key/value heads per layer."
)
@click.option("--head-dim", type=click.IntRange(min=1), help="Custom shape: size of one head.")
@click.option(
    "--params-b", type=click.FloatRange(min=0), help="Parameters in billions (for weights)."
)
@click.option(
    "--dtype",
    type=click.Choice(sorted(DTYPE_BYTES)),
    default="fp16",
    show_default=True,
    help="Dtype of the KV cache and weights.",
)
@click.option(
    "--tokens",
    type=click.IntRange(min=0),
    default=4096,
    show_default=True,
    help="Tokens kept per session.",
)
@click.option(
    "--sessions",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Concurrent sessions.",
)
@click.option(
    "--gpu-mem-gb",
    type=click.FloatRange(min=0, min_open=True),
    default=80.0,
    show_default=True,
    help="Memory per GPU in GB (10^9 bytes); 80 for an H100.",
)
@click.option(
    "--gpu-price",
    type=click.FloatRange(min=0),
    default=2.50,
    show_default=True,
    help="Dollars per GPU-hour (an assumption: rental prices vary widely).",
)
@click.option(
    "--turns",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="Requests in the priced conversation.",
)
@click.option(
    "--user-tokens",
    type=click.IntRange(min=0),
    default=200,
    show_default=True,
    help="Tokens per user message.",
)
@click.option(
    "--output-tokens",
    type=click.IntRange(min=0),
    default=300,
    show_default=True,
    help="Tokens per reply.",
)
@click.option(
    "--memory-tokens",
    type=click.IntRange(min=0),
    default=2000,
    show_default=True,
    help="Tokens in the compiled stable memory block.",
)
@click.option(
    "--recall-tokens",
    type=click.IntRange(min=0),
    default=500,
    show_default=True,
    help="Recall tokens per request.",
)
@click.option(
    "--window-tokens",
    type=click.IntRange(min=0),
    default=4000,
    show_default=True,
    help="Recent-turn tokens kept verbatim per request.",
)
@click.option(
    "--input-price",
    type=click.FloatRange(min=0),
    default=3.0,
    show_default=True,
    help="Dollars per million input tokens (Claude Sonnet list price).",
)
@click.option(
    "--output-price",
    type=click.FloatRange(min=0),
    default=15.0,
    show_default=True,
    help="Dollars per million output tokens (Claude Sonnet list price).",
)
@click.option(
    "--cache-write",
    type=click.FloatRange(min=0),
    default=1.25,
    show_default=True,
    help="Cache write price as a multiple of the input price (Anthropic, 5-minute TTL).",
)
@click.option(
    "--cache-read",
    type=click.FloatRange(min=0),
    default=0.10,
    show_default=True,
    help="Cache read price as a multiple of the input price.",
)
@click.option(
    "--min-cache-tokens",
    type=click.IntRange(min=0),
    default=1024,
    show_default=True,
    help="Smallest cacheable prefix in tokens.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def economics(
    model: str | None,
    layers: int | None,
    kv_heads: int | None,
    head_dim: int | None,
    params_b: float | None,
    dtype: str,
    tokens: int,
    sessions: int,
    gpu_mem_gb: float,
    gpu_price: float,
    turns: int,
    user_tokens: int,
    output_tokens: int,
    memory_tokens: int,
    recall_tokens: int,
    window_tokens: int,
    input_price: float,
    output_price: float,
    cache_write: float,
    cache_read: float,
    min_cache_tokens: int,
    as_json: bool,
) -> None:
    """Show why memstack keeps the model stateless: KV-cache memory versus compiled memory.

    Prints the KV-cache bytes per token of a model shape, the memory and H100s
    needed to keep TOKENS x SESSIONS resident, and what one conversation costs
    replayed in full, compiled from memory, and compiled with a warm prompt cache.

    \b
    Examples:
      memstack economics --model llama-2-7b --tokens 4096 --sessions 32
      memstack economics --model llama-3.1-405b --tokens 100000000
      memstack economics --layers 48 --kv-heads 8 --head-dim 128 --dtype fp8 --json
    """
    shape = _shape(model, layers, kv_heads, head_dim, params_b)
    report = kv_report(
        shape,
        tokens=tokens,
        sessions=sessions,
        dtype=dtype,
        gpu_mem_gb=gpu_mem_gb,
        gpu_price=gpu_price,
    )
    costs = conversation_costs(
        Conversation(
            turns, user_tokens, output_tokens, memory_tokens, recall_tokens, window_tokens
        ),
        TokenPrices(input_price, output_price, cache_write, cache_read, min_cache_tokens),
    )
    if as_json:
        click.echo(json.dumps(to_dict(report, costs), indent=2, sort_keys=True))
    else:
        click.echo(explain(report, costs))
