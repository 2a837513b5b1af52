"""The KV cache of a model shape: bytes per token, per session, and the GPUs that hold it.

For every token, every layer keeps a key and a value vector per KV head, so
``bytes per token = 2 × layers × KV heads × head size × bytes per value``. See
:mod:`memstack.economics` for why memstack counts it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import UsageError

__all__ = [
    "DTYPE_BYTES",
    "GB",
    "GIB",
    "PRESETS",
    "KVReport",
    "ModelShape",
    "dtype_bytes",
    "kv_bytes_per_token",
    "kv_report",
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
