"""Sentence vectors of training texts, computed once and cached on disk.

The learned screening layer (``memstack/screen/learned.py``) reads the shipped
embedder's vector of a statement beside its n-grams, so training needs the
vector of every training text: about 19,000 texts, some minutes of CPU on two
cores. They are cached in ``.artifacts/screen-vectors/`` (ignored by git),
keyed by the SHA-256 of the model id and the text, so a changed text or model
is embedded again and nothing stale is reused. The shipped model's vectors do
not depend on their batch (``memstack/embed/onnx.py``), and the training script
rounds them to float16 before use, so a vector computed in another run, or on
another machine, gives the same features.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from memstack.embed.base import normalize
from memstack.embed.onnx import OnnxEmbedder

CACHE = Path(__file__).resolve().parent.parent.parent / ".artifacts" / "screen-vectors"
BATCH = 256


def _key(model_id: str, text: str) -> bytes:
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).digest()


def vectors(texts: Sequence[str], *, progress: bool = True) -> np.ndarray:
    """Unit vectors (float32, one row per text) of the shipped embedder, from the cache."""
    embedder = OnnxEmbedder()
    path = CACHE / (embedder.id.replace(":", "_") + ".npz")
    cache: dict[bytes, np.ndarray] = {}
    if path.exists():
        with np.load(path) as data:
            # NumPy's fixed-width bytes drop trailing NULs; a digest may end in one.
            keys = [k.ljust(32, b"\x00") for k in data["keys"].tolist()]
            cache = dict(zip(keys, data["vectors"], strict=True))
    keys = [_key(embedder.id, t) for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cache}.items())
    for i in range(0, len(missing), BATCH):
        part = missing[i : i + BATCH]
        vecs = normalize(embedder.embed_batch([t for _, t in part]))
        cache.update(zip([k for k, _ in part], vecs, strict=True))
        if progress:
            print(f"embedded {min(i + BATCH, len(missing))}/{len(missing)}", file=sys.stderr)
        if (i // BATCH) % 10 == 9 or i + BATCH >= len(missing):
            CACHE.mkdir(parents=True, exist_ok=True)
            np.savez(path, keys=np.array(list(cache), dtype="S32"),
                     vectors=np.stack(list(cache.values())).astype(np.float32))  # fmt: skip
    return np.stack([cache[k] for k in keys]).astype(np.float32)
