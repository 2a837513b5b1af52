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
from .compile.prompt import Prompt
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
from .privacy import Export
from .session import AsyncSession, Session

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
