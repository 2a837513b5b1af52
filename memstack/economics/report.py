"""The economics result as text (``memstack economics``) and as JSON (``--json``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .cost import ConversationCosts
from .kv import GB, GIB, KVReport, dtype_bytes

__all__ = ["explain", "to_dict"]


def _size(n: float) -> str:
    return f"{n / GB:,.2f} GB ({n / GIB:,.2f} GiB)"


def _gpus(n: int) -> str:
    return f"{n:,} GPU" + ("" if n == 1 else "s")


def explain(report: KVReport, costs: ConversationCosts) -> str:
    """Write the arithmetic and its assumptions as plain text (what ``memstack economics`` prints).

    Example:
        >>> from memstack.economics import PRESETS, Conversation, TokenPrices, conversation_costs
        >>> from memstack.economics import kv_report
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
        >>> from memstack.economics import PRESETS, Conversation, TokenPrices, conversation_costs
        >>> from memstack.economics import kv_report
        >>> d = to_dict(kv_report(PRESETS["llama-2-7b"], tokens=4096),
        ...             conversation_costs(Conversation(), TokenPrices()))
        >>> d["kv"]["bytes_per_token"], d["conversation"]["full"]["input_tokens"]
        (524288, 622500)
    """
    return {"kv": asdict(report), "conversation": asdict(costs)}
