"""The shipped embedder's sentence vectors, as the learned screen reads them.

The learned layer (:mod:`.learned`) scores a statement with the vector of
memstack's shipped embedder, whatever embedder the store is configured with, so
the same text gets the same findings everywhere. This module keeps those
vectors: computed on demand with a model of its own (loaded on first use), or
handed over by a caller that has just embedded the text with the same model
(:func:`remember`). The last 256 are kept, in a cache that ``forget`` empties
(its keys are stored texts).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from ..models.caches import erasable

__all__ = ["EMBEDDER", "reads_vector", "remember", "sentence_vector"]

_MAX_VECTORS = 256


class _CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int


class _Vectors:
    """The shipped embedder's unit vector of a text: computed on demand, last 256 kept.

    Registered as an erasable cache (its keys are stored texts). The embedder is
    built on first use, never at import; :func:`remember` lets a caller that
    already holds the vector of a text (a write embeds its statement) hand it
    over instead of having it computed twice.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
        self._embedder: Any = None

    def cache_clear(self) -> None:
        with self._lock:
            self._items.clear()

    def cache_info(self) -> _CacheInfo:
        """Sizes in the shape of ``functools.lru_cache``'s (for the erasure tests)."""
        with self._lock:
            return _CacheInfo(0, 0, _MAX_VECTORS, len(self._items))

    def put(self, text: str, vector: npt.NDArray[np.float32]) -> None:
        with self._lock:
            self._items[text] = vector
            self._items.move_to_end(text)
            while len(self._items) > _MAX_VECTORS:
                self._items.popitem(last=False)

    def has(self, text: str) -> bool:
        with self._lock:
            return text in self._items

    def get(self, text: str) -> npt.NDArray[np.float32]:
        with self._lock:
            found = self._items.get(text)
            if found is not None:
                self._items.move_to_end(text)
                return found
            if self._embedder is None:
                from ..embed.onnx import OnnxEmbedder

                self._embedder = OnnxEmbedder()
            embedder = self._embedder
        from ..embed.base import normalize

        vector: npt.NDArray[np.float32] = normalize(embedder.embed_batch([text]))[0]
        self.put(text, vector)
        return vector


_VECTORS = erasable(_Vectors())

EMBEDDER = "onnx:all-MiniLM-L6-v2-int8"
"""Id of the embedder whose sentence vectors the shipped weights read (memstack's default)."""


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


def reads_vector(text: str) -> bool:
    """Whether the sentence vector counts for ``text``: half its letters or more are Latin.

    The shipped embedder learned English; Chinese, Japanese, Arabic or Russian
    give it vectors that say little (a Japanese sentence about assembling a
    shelf landed among the attacks), so such text is judged by its n-grams
    alone, in training as at run time, and costs no embedding.

    Example:
        >>> reads_vector("Alice likes tea"), reads_vector("説明書の指示に従って棚を組み立てた。")
        (True, False)
    """
    letters = len(_ANY_LETTER.findall(text))
    return letters == 0 or 2 * len(_LATIN.findall(text)) >= letters


def sentence_vector(text: str) -> npt.NDArray[np.float32]:
    """The shipped embedder's unit vector of ``text`` (cached; computed if not handed over)."""
    return _VECTORS.get(text)


def remember(text: str, vector: npt.ArrayLike, embedder: str) -> bool:
    """Hand over the vector a write computed for ``text``, so screening need not embed it.

    Args:
        text: the exact text the vector is of.
        vector: its vector (any length-preserving scale; it is normalised).
        embedder: the id of the embedder that computed it.

    Returns:
        Whether it was kept: only vectors of :data:`EMBEDDER` are.
    """
    if embedder != EMBEDDER:
        return False
    from ..embed.base import normalize

    _VECTORS.put(text, normalize(vector)[0])
    return True
