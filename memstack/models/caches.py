"""Process-wide memoised text that must not outlive an erasure.

Several pure functions memoise what they computed from stored text: stemmed
words, screening verdicts keyed by a memory's text, labels (speaker and author
names), parsed sources. After ``forget`` none of that may stay in any process,
so each such cache registers here, and the stores call :func:`clear_erasable`
when an erasure ends in this process or when they notice one made by another.

Example:
    >>> from functools import lru_cache
    >>> @erasable
    ... @lru_cache(maxsize=8)
    ... def shout(text: str) -> str:
    ...     return text.upper()
    >>> shout("alice"), shout.cache_info().currsize
    ('ALICE', 1)
    >>> clear_erasable(); shout.cache_info().currsize
    0
"""

from __future__ import annotations

import threading
from typing import Protocol, TypeVar

__all__ = ["clear_erasable", "erasable"]


class _Clearable(Protocol):
    def cache_clear(self) -> None: ...


_C = TypeVar("_C", bound=_Clearable)
_caches: list[_Clearable] = []
_lock = threading.Lock()


def erasable(cache: _C) -> _C:
    """Register a memoised function (``functools.lru_cache``/``cache``) to be cleared."""
    with _lock:
        _caches.append(cache)
    return cache


def clear_erasable() -> None:
    """Empty every registered cache (an erasure ended, here or in another process)."""
    with _lock:
        caches = list(_caches)
    for cache in caches:
        cache.cache_clear()
