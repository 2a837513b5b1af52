"""memstack: the memory layer for stateless LLMs.

Public API only; see the docs for the layers behind it.
"""

from .compile.prompt import Prompt
from .core import AsyncMemory, AsyncSession, Memory, Session
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

__all__ = [
    "AsyncMemory",
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
    "Record",
    "Refused",
    "Scope",
    "ScoreParts",
    "Source",
    "StoreError",
    "UsageError",
]

__version__ = "0.1.0"
