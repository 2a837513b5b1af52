"""memstack: the memory layer for stateless LLMs.

Public API only; see the docs for the layers behind it.

Names load on first use (PEP 562): ``import memstack.cli`` or ``import memstack.errors``
must not pay for NumPy, onnxruntime and tiktoken, which the facade needs, so that
``memstack --help`` starts at once. ``from memstack import Memory`` works as always.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AsyncClient, Client
    from .compile.prompt import Prompt
    from .core import AsyncMemory, AsyncSession, Memory, Session
    from .errors import (
        Conflict,
        EmbedderMismatch,
        Forbidden,
        InvalidScope,
        MemoryOff,
        MemstackError,
        NeedsReview,
        NotFound,
        ProviderError,
        RateLimited,
        Refused,
        StoreError,
        TooLarge,
        Unauthorized,
        UsageError,
    )
    from .models import (
        ErasureReceipt,
        Event,
        Extraction,
        Filter,
        Finding,
        Hit,
        Kind,
        MemorySwitch,
        Policy,
        Proposal,
        Record,
        Remembered,
        Scope,
        ScoreParts,
        Source,
    )
    from .plan.validate import MemoryItem
    from .privacy import Export


#: public name -> the module it comes from
_WHERE = {
    **dict.fromkeys(["AsyncClient", "Client"], ".client"),
    "Prompt": ".compile.prompt",
    **dict.fromkeys(["AsyncMemory", "AsyncSession", "Memory", "Session"], ".core"),
    **dict.fromkeys(
        ["Conflict", "EmbedderMismatch", "Forbidden", "InvalidScope", "MemoryOff", "MemstackError",
         "NeedsReview", "NotFound", "ProviderError", "RateLimited", "Refused", "StoreError",
         "TooLarge", "Unauthorized", "UsageError"],
        ".errors",
    ),
    **dict.fromkeys(
        ["ErasureReceipt", "Event", "Extraction", "Filter", "Finding", "Hit", "Hits", "Kind",
         "MemorySwitch", "Policy", "Proposal", "Record", "Remembered", "Scope", "ScoreParts",
         "Source"],
        ".models",
    ),
    "MemoryItem": ".plan.validate",
    "Export": ".privacy",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'memstack' has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


__all__ = [
    "AsyncClient",
    "AsyncMemory",
    "Client",
    "AsyncSession",
    "ErasureReceipt",
    "Export",
    "Extraction",
    "Policy",
    "Prompt",
    "Remembered",
    "Session",
    "Conflict",
    "EmbedderMismatch",
    "Event",
    "Forbidden",
    "Filter",
    "Finding",
    "Hit",
    "Hits",
    "InvalidScope",
    "Kind",
    "Memory",
    "MemoryItem",
    "MemoryOff",
    "MemorySwitch",
    "MemstackError",
    "NeedsReview",
    "NotFound",
    "Proposal",
    "ProviderError",
    "RateLimited",
    "Record",
    "Refused",
    "Scope",
    "ScoreParts",
    "Source",
    "StoreError",
    "TooLarge",
    "Unauthorized",
    "UsageError",
]

__version__ = "0.1.0"
