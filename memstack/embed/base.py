"""The embedding seam: one abstract method, everything else concrete.

A provider implements :meth:`EmbeddingModel.embed_batch` for a list of texts.
Batching, length sorting, unit-normalisation and the async door live here so
every provider gets them for free. ``input_type`` lets asymmetric models embed
queries and documents differently; symmetric models ignore it.

Every vector leaves this module as a unit-length little-endian float32 array,
so a dot product is a cosine everywhere above this layer.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

__all__ = ["EmbeddingModel", "InputType", "normalize"]

InputType = Literal["query", "document"]
Matrix = npt.NDArray[np.float32]


def normalize(matrix: npt.ArrayLike) -> Matrix:
    """Scale each row to unit length (zero rows stay zero).

    Example:
        >>> normalize([[3.0, 4.0]]).tolist()
        [[0.6000000238418579, 0.800000011920929]]
    """
    m = np.asarray(matrix, dtype=np.float32)
    if m.ndim == 1:
        m = m[None, :]
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(m / norms, dtype="<f4")


class EmbeddingModel(ABC):
    """Base class of every embedder.

    Attributes:
        id: a stable identifier stored next to every vector (e.g.
            ``"onnx:all-MiniLM-L6-v2-int8"``); vectors of another id are never mixed.
        dimensions: the vector length.
        batch_size: texts per call of :meth:`embed_batch`.
    """

    id: str = ""
    dimensions: int = 0
    batch_size: int = 64

    @abstractmethod
    def embed_batch(self, texts: Sequence[str], *, input_type: InputType = "document") -> Matrix:
        """Embed one batch of texts.

        Args:
            texts: at most :attr:`batch_size` texts.
            input_type: ``"query"`` or ``"document"``.

        Returns:
            A ``(len(texts), dimensions)`` float32 array (need not be normalised).
        """

    def embed(
        self,
        texts: Sequence[str],
        *,
        input_type: InputType = "document",
        progress: Callable[[int], None] | None = None,
    ) -> Matrix:
        """Embed any number of texts: sorted by length, batched, unit-normalised.

        Sorting by length keeps padding small inside a batch (a large speed-up for
        transformer models); results come back in the input order.

        Args:
            texts: the texts.
            input_type: ``"query"`` or ``"document"``.
            progress: called with the number of texts done after each batch.

        Returns:
            A ``(len(texts), dimensions)`` array of unit vectors, little-endian float32.
        """
        out = np.zeros((len(texts), self.dimensions), dtype="<f4")
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            vecs = self.embed_batch([texts[i] for i in idx], input_type=input_type)
            out[idx] = normalize(vecs)
            if progress is not None:
                progress(len(idx))
        return out

    def embed_one(self, text: str, *, input_type: InputType = "query") -> Matrix:
        """Embed a single text; returns a 1-D unit vector."""
        vector: Matrix = self.embed([text], input_type=input_type)[0]
        return vector

    async def aembed(
        self,
        texts: Sequence[str],
        *,
        input_type: InputType = "document",
        progress: Callable[[int], None] | None = None,
    ) -> Matrix:
        """Async door: runs :meth:`embed` in a worker thread unless a provider overrides it."""
        return await asyncio.to_thread(self.embed, texts, input_type=input_type, progress=progress)
