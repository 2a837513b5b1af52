"""memstack: the memory layer for stateless LLMs.

Public API only; see the docs for the layers behind it.
"""

from .core import AsyncMemory, Memory
from .errors import (
    Conflict,
    EmbedderMismatch,
    InvalidScope,
    MemstackError,
    NeedsReview,
    NotFound,
    ProviderError,
    Refused,
    StoreError,
    UsageError,
)
from .models import Event, Filter, Finding, Hit, Kind, Proposal, Record, Scope, ScoreParts, Source

__all__ = [
    "AsyncMemory",
    "Conflict",
    "EmbedderMismatch",
    "Event",
    "Filter",
    "Finding",
    "Hit",
    "InvalidScope",
    "Kind",
    "Memory",
    "MemstackError",
    "NeedsReview",
    "NotFound",
    "Proposal",
    "ProviderError",
    "Record",
    "Refused",
    "Scope",
    "ScoreParts",
    "Source",
    "StoreError",
    "UsageError",
]

__version__ = "0.1.0"
