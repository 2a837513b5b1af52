"""memstack: the memory layer for stateless LLMs.

Public API only; see the docs for the layers behind it.
"""

from .client import AsyncClient, Client
from .core import AsyncMemory, Memory
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
