"""memstack: the memory layer for stateless LLMs.

Public API only; see the docs for the layers behind it.
"""

from typing import TYPE_CHECKING, Any

from .compile.prompt import Prompt
from .core import AsyncMemory, AsyncSession, Memory, Session
from .errors import (
    Conflict,
    EmbedderMismatch,
    Forbidden,
    InvalidScope,
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

if TYPE_CHECKING:
    from .client import AsyncClient, Client


def __getattr__(name: str) -> Any:
    # The HTTP client (and httpx) loads on first use: an embedded Memory never needs it,
    # and importing httpx is a good part of a cold start.
    if name in ("Client", "AsyncClient"):
        from . import client

        return getattr(client, name)
    raise AttributeError(f"module 'memstack' has no attribute {name!r}")

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
    "InvalidScope",
    "Kind",
    "Memory",
    "MemoryItem",
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
