"""Checks every write runs before it becomes an op, and the values they produce.

Kept apart from the planner so that the services (review, prompt, extract)
validate text, kinds and idempotency keys with exactly the same rules and
messages as direct writes.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Required, TypedDict

from ..errors import InvalidInput, UsageError
from ..models import KINDS, Kind, Scope, Source

__all__ = [
    "MAX_KEY",
    "MAX_TEXT",
    "MemoryItem",
    "SEARCH_MODES",
    "UNSET",
    "NewMemory",
    "Unset",
    "check_bound",
    "check_importance",
    "check_key",
    "check_kind",
    "check_text",
    "check_unicode",
    "check_topic",
    "inside",
    "keyed_id",
]

MAX_TEXT = 20_000
#: Longest idempotency key accepted, in characters.
MAX_KEY = 200
SEARCH_MODES = ("hybrid", "keyword", "dense")

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class Unset(enum.Enum):
    """The type of :data:`UNSET`: "not passed", where ``None`` means something."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


#: "Not passed", where ``None`` means something (e.g. clearing a topic).
UNSET: Final = Unset.UNSET


def check_bound(scope: Scope | str | None) -> str | None:
    """The scope path an id-based call is bound to (``None``: unbound)."""
    return None if scope is None else Scope.parse(scope).path


def inside(path: str, bound: str | None) -> bool:
    """``path`` is ``bound`` or below it, segment-wise (always true when unbound)."""
    return bound is None or path == bound or path.startswith(bound + "/")


def check_kind(value: str) -> Kind:
    """``value`` if it is a memory kind, else a UsageError naming the kinds."""
    if value in KINDS:
        return value
    raise UsageError(f"Unknown kind {value!r}; use one of: {', '.join(KINDS)}.")


_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def check_unicode(value: str, what: str) -> str:
    """``value`` if it is valid Unicode text, else an InvalidInput saying where it is not.

    Refused: a lone surrogate (what bytes that are not UTF-8 become when decoded
    with ``surrogateescape``, or a broken UTF-16 pair) and the NUL character
    (binary data). Neither can be stored, indexed or sent as text.

    Example:
        >>> check_unicode("café", "text")
        'café'
        >>> try:
        ...     check_unicode("caf" + chr(0xDCE9), "text")
        ... except InvalidInput as exc:
        ...     print(exc.message)
        text is not valid Unicode: a lone surrogate (U+DCE9) at character 3.
    """
    bad = _NOT_TEXT.search(value)
    if bad is not None:
        i, ch = bad.start(), bad.group()
        problem = (
            "a NUL character (binary data?)"
            if ch == "\x00"
            else (f"a lone surrogate (U+{ord(ch):04X})")
        )
        raise InvalidInput(
            f"{what} is not valid Unicode: {problem} at character {i}.",
            hint="Read the input as UTF-8 (or convert it to UTF-8 first).",
        )
    return value


def check_text(value: Any) -> str:
    """A memory's text: a non-blank string of at most :data:`MAX_TEXT` characters."""
    if not isinstance(value, str):
        raise UsageError(f"A memory's text must be a string, got {type(value).__name__}.")
    check_unicode(value, "A memory's text")
    if not value.strip():
        raise UsageError("A memory's text must not be empty.")
    if len(value) > MAX_TEXT:
        raise UsageError(
            f"A memory's text is {len(value)} characters; the limit is {MAX_TEXT}.",
            hint="Split it into atomic statements.",
        )
    return value


def check_topic(value: Any) -> str | None:
    """A topic: ``None`` or a one-line, non-blank string."""
    if value is not None and (not isinstance(value, str) or not value.strip() or "\n" in value):
        raise UsageError(f"topic must be a one-line non-empty string, got {value!r}.")
    return value if value is None else check_unicode(value, "topic")


def check_importance(value: float) -> float:
    """An importance: a number from 0 to 1."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UsageError(f"importance must be a number between 0 and 1, got {value!r}.")
    if not 0.0 <= float(value) <= 1.0:
        raise UsageError(f"importance must be a number between 0 and 1, got {value!r}.")
    return float(value)


def check_key(value: Any) -> str:
    """An idempotency key: 1 to :data:`MAX_KEY` printable characters.

    Example:
        >>> check_key("import-2025-03-01")
        'import-2025-03-01'
    """
    if not isinstance(value, str):
        raise UsageError(f"An idempotency key must be a string, got {type(value).__name__}.")
    if not 1 <= len(value) <= MAX_KEY or not value.isprintable():
        raise UsageError(
            f"An idempotency key must be 1 to {MAX_KEY} printable characters, got {value!r}.",
            hint="Use a request id or a UUID the caller keeps for its retries.",
        )
    return value


def keyed_id(kind: str, scope: str, key: str, index: int) -> str:
    """The id a write with an idempotency key gets: the same on every retry.

    Derived from ``(kind, scope, key, index)`` by SHA-256 and written like a
    ULID (26 Crockford base32 characters, 128 bits), so it fits wherever an id
    does. ``kind`` separates memories from proposals; ``index`` is the item's
    position in the call (0 for a single write).

    Example:
        >>> first = keyed_id("memory", "acme/alice", "req-1", 0)
        >>> first == keyed_id("memory", "acme/alice", "req-1", 0)
        True
        >>> len(keyed_id("memory", "acme/alice", "req-1", 1))
        26
    """
    material = "\x1f".join((kind, scope, key, str(index))).encode("utf-8")
    value = int.from_bytes(hashlib.sha256(material).digest()[:16], "big")
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


@dataclass(frozen=True, slots=True)
class NewMemory:
    """A validated write, before it has a vector (and an id, unless a key fixes it)."""

    scope: str
    kind: Kind
    text: str
    topic: str | None
    pinned: bool
    importance: float
    source: Source
    valid_from: datetime | None
    expires_at: datetime | None
    keywords: str | None = None
    dense_text: str | None = None
    context: str | None = None
    blend: tuple[int, ...] = ()
    id: str | None = None


class MemoryItem(TypedDict, total=False):
    """One item of ``add_many``: ``scope`` and ``text`` plus any option of ``add``."""

    scope: Required[Scope | str]
    text: Required[str]
    kind: Kind
    topic: str | None
    pinned: bool
    importance: float
    source: Source | Mapping[str, Any] | None
    author: str | None
    valid_from: datetime | None
    expires_at: datetime | None
