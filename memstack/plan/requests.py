"""The I/O requests a plan yields; the ``Memory`` doors carry them out.

A plan is a generator: it yields a :class:`Batch` (store ops, one
transaction), an :class:`Embed` (texts to embed) or a :class:`Call` (a chat
model call) and receives the result. ``Memory`` answers with blocking calls,
``AsyncMemory`` with awaits, so the logic in between is written once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..embed.base import InputType

__all__ = ["Batch", "Call", "Embed", "Plan"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Batch:
    """Ask the door to run store ops in one transaction (core ops or a service's ops)."""

    ops: Sequence[Any]


@dataclass(frozen=True, slots=True)
class Embed:
    """Ask the door to embed texts."""

    texts: Sequence[str]
    input_type: InputType = "document"
    progress: Callable[[int], None] | None = None


@dataclass(frozen=True, slots=True)
class Call:
    """Ask the door to run another provider call (a chat model): ``run()`` or ``await arun()``."""

    run: Callable[[], Any]
    arun: Callable[[], Awaitable[Any]]


Plan = Generator[Batch | Embed | Call, Any, T]
