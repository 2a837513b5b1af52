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

Everything here is pure arithmetic: no I/O, no clock. The KV cache side is
:mod:`.kv`, the token cost side :mod:`.cost`, and the text and JSON that
``memstack economics`` prints :mod:`.report`; every name is re-exported here.
"""

from __future__ import annotations

from .cost import (
    Conversation,
    ConversationCosts,
    ScenarioCost,
    TokenPrices,
    TokenUsage,
    conversation_costs,
)
from .kv import (
    DTYPE_BYTES,
    GB,
    GIB,
    PRESETS,
    KVReport,
    ModelShape,
    dtype_bytes,
    kv_bytes_per_token,
    kv_report,
)
from .report import explain, to_dict

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
