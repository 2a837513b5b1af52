"""A deterministic embedder for tests: hashed character trigrams and words, no model.

Texts that share words or character runs get similar vectors, so ranking tests
behave like a weak real model, and the same text always gives the same vector
whatever else is in the batch.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from .base import EmbeddingModel, InputType, Matrix

__all__ = ["FakeEmbedder"]

_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder(EmbeddingModel):
    """Hash words and character trigrams into a fixed number of buckets.

    Args:
        dimensions: vector length.
        seed: changes the hashing, so two fakes with different seeds disagree
            (useful to test embedder switches).
    """

    def __init__(self, dimensions: int = 64, seed: int = 0) -> None:
        self.dimensions = dimensions
        self.seed = seed
        self.id = f"fake:{dimensions}:{seed}"
        self.calls = 0

    def _bucket(self, token: str) -> tuple[int, float]:
        digest = hashlib.blake2b(f"{self.seed}:{token}".encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dimensions, 1.0 if (value >> 32) & 1 else -1.0

    def embed_batch(self, texts: Sequence[str], *, input_type: InputType = "document") -> Matrix:
        self.calls += 1
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            lowered = text.lower()
            for word in _WORD.findall(lowered):
                col, sign = self._bucket("w:" + word)
                out[row, col] += 2.0 * sign
            for i in range(max(0, len(lowered) - 2)):
                col, sign = self._bucket("c:" + lowered[i : i + 3])
                out[row, col] += 0.5 * sign
        return out
