"""Vector storage format and an in-memory dense index, one block per scope.

Vectors are stored as little-endian float32 BLOBs (``<f4``), unit length, tagged
with the embedder id that produced them, so a store never compares vectors of
two models.

Search is exact cosine (a dot product of unit vectors) over the vectors a query
may see. The index keeps one block per scope because a read sees a scope and
its ancestors: with 100k memories spread over 1k scopes a query touches ~100
vectors, not 100k. Each block holds the matrix plus the filter columns
(:mod:`memstack.index.columns`), so filtering is a NumPy mask, not a query.

A single scope with very many vectors is the expensive case: a float32 scan of
100k × 384 streams 150 MB per query (8–15 ms on 2 cores). Above
``exact_limit`` rows we first rank by Hamming distance of sign bits (48 bytes a
vector, stored word-major so each of the six 64-bit words is one contiguous
pass; under 1 ms for 100k) and rescore the best ``rescore`` rows exactly;
``bench/signbits.py`` reports how often that changes the top results (keeping
10% of the rows already matches exact search). The default limit, 10,000 rows,
keeps exact scans under ~2 ms: an exact scan of 20,000 took 2.9 ms at p50 here
against 1.0 ms pre-ranked. Set ``exact_limit=None`` for a full exact scan at
any size.

The matrix-vector products run on one BLAS thread. A query is embedded just
before the scan, and onnxruntime's worker threads keep spinning for a moment
after a run; multi-threaded BLAS then fights them for the cores (measured on 2
cores: dense search p95 2.5 ms on one BLAS thread, 12 ms on two).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from .blocks import BlockCache
from .columns import Columns

__all__ = ["Row", "ScopeBlock", "VectorIndex", "decode", "encode"]

F32 = npt.NDArray[np.float32]
_COMPACT = 4  # compact a block once a quarter of its rows are gone
_SMALL_SCAN = 2_000  # rows: below this, a matrix-vector product runs on one thread anyway


def encode(vector: Sequence[float] | F32) -> bytes:
    """Encode a vector as a little-endian float32 BLOB.

    Example:
        >>> encode([1.0, 0.5]).hex()
        '0000803f0000003f'
    """
    return np.asarray(vector, dtype="<f4").tobytes()


def decode(blob: bytes) -> F32:
    """Decode a BLOB written by :func:`encode`."""
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


@dataclass(slots=True)
class Row:
    """What the index needs to know about one vector."""

    key: int
    kind: str
    topic: str | None
    valid_from: float
    valid_to: float | None
    expires_at: float | None
    superseded: bool
    vector: F32


@cache
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run NumPy's BLAS calls in the block on a single thread (see module doc)."""
    with _blas().limit(limits=1, user_api="blas"):
        yield


def _sign_words(matrix: F32) -> npt.NDArray[np.uint64]:
    """Sign bits of each row, as 64-bit words laid out word-major: ``(words, rows)``."""
    packed = np.packbits(matrix > 0, axis=1)
    pad = (-packed.shape[1]) % 8
    if pad:
        packed = np.pad(packed, ((0, 0), (0, pad)))
    return np.ascontiguousarray(np.ascontiguousarray(packed).view(np.uint64).T)


class ScopeBlock:
    """The vectors of one scope with their filter columns; appends are batched lazily."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.cols = Columns()
        self._buf: F32 = np.zeros((0, dim), np.float32)  # capacity grows by doubling
        self.matrix: F32 = self._buf[:0]
        self.bits: npt.NDArray[np.uint64] | None = None
        self._bits_buf = np.zeros((0, 0), np.uint64)
        self.pending: list[Row] = []

    def __len__(self) -> int:
        return len(self.cols) - self.cols.dead + len(self.pending)

    def keys(self) -> list[int]:
        return self.cols.keys.tolist() + [r.key for r in self.pending]

    def flush(self) -> None:
        """Apply pending appends and compact if many rows are gone."""
        if self.pending:
            rows, self.pending = self.pending, []
            self.cols.extend(rows)
            self._append(np.stack([r.vector for r in rows]).astype(np.float32, copy=False))
        if self.cols.dead and self.cols.dead * _COMPACT >= len(self.cols):
            keep = ~self.cols.gone
            self._buf = np.ascontiguousarray(self.matrix[keep])
            self.matrix = self._buf
            self.cols.take(keep)
            self.bits = None

    def _append(self, new: F32) -> None:
        # Writing one memory into a 100k block must not copy 150 MB: the matrix is a
        # view of a buffer with spare rows, and sign bits are extended, not rebuilt.
        n, k = len(self.matrix), len(new)
        if n + k > len(self._buf):
            grown = np.zeros((max(n + k, 2 * len(self._buf), 64), self.dim), np.float32)
            grown[:n] = self.matrix
            self._buf = grown
        self._buf[n : n + k] = new
        self.matrix = self._buf[: n + k]
        if self.bits is not None:
            words = _sign_words(new)
            if n + k > self._bits_buf.shape[1]:
                wider = np.zeros((len(words), self._buf.shape[0]), np.uint64)
                wider[:, :n] = self.bits
                self._bits_buf = wider
            self._bits_buf[:, n : n + k] = words
            self.bits = self._bits_buf[:, : n + k]

    def add(self, row: Row) -> None:
        self.pending.append(row)

    def close(self, key: int, valid_to: float, superseded: bool) -> None:
        self.flush()
        self.cols.close(key, valid_to, superseded)

    def remove(self, keys: set[int]) -> None:
        self.pending = [r for r in self.pending if r.key not in keys]
        self.cols.forget(keys)

    def sign_bits(self) -> npt.NDArray[np.uint64]:
        if self.bits is None:
            self.bits = self._bits_buf = _sign_words(self.matrix)
        return self.bits

    def state(self) -> tuple[dict[str, npt.NDArray[Any]], list[str]] | None:
        """The block as arrays (matrix, sign bits, columns) and topic names, to persist it.

        ``None`` while appends or removals are pending (a block is persisted as loaded).
        """
        if self.pending or self.cols.dead:
            return None
        arrays, topics = self.cols.state()
        arrays = {f"col.{k}": v for k, v in arrays.items()}
        arrays["matrix"] = self.matrix
        arrays["bits"] = self.sign_bits()
        return arrays, topics

    @classmethod
    def of(cls, dim: int, rows: Sequence[Row], matrix: F32) -> ScopeBlock:
        """A block of ``rows`` whose vectors are the rows of ``matrix`` (their own are unused).

        Loading a large scope this way skips a Python object per vector.
        """
        if matrix.shape != (len(rows), dim):
            raise ValueError(f"matrix of shape {matrix.shape} for {len(rows)} rows of {dim}")
        block = cls(dim)
        block.cols.extend(rows)
        block._buf = block.matrix = np.ascontiguousarray(matrix, np.float32)
        return block

    @classmethod
    def restore(
        cls, dim: int, arrays: Mapping[str, npt.NDArray[Any]], topics: Sequence[str]
    ) -> ScopeBlock:
        """A block from :meth:`state`'s output. The matrix and sign bits are used as given
        (e.g. read-only views of a memory-mapped file): appends and compaction copy them.

        Raises:
            ValueError: the arrays do not fit together.
        """
        block = cls(dim)
        block.cols = Columns.restore(
            {k[4:]: v for k, v in arrays.items() if k.startswith("col.")}, topics
        )
        n = len(block.cols)
        matrix, bits = arrays["matrix"], arrays["bits"]
        if matrix.dtype != np.float32 or matrix.shape != (n, dim):
            raise ValueError(f"matrix of shape {matrix.shape}, expected ({n}, {dim})")
        if bits.dtype != np.uint64 or bits.shape != (len(_sign_words(matrix[:0])), n):
            raise ValueError(f"sign bits of shape {bits.shape} for {n} rows")
        block._buf = block.matrix = matrix
        block.bits = block._bits_buf = bits
        return block


class VectorIndex(BlockCache[ScopeBlock]):
    """Blocks of vectors per scope for one embedder, searched exactly (see module doc).

    The owner (a store) loads a scope's block on first use with :meth:`load`
    and keeps it in step with writes through the :class:`BlockCache` methods.
    """

    def __init__(self, dim: int, *, exact_limit: int | None = 10_000, rescore: int = 2_000) -> None:
        super().__init__()
        self.dim = dim
        self.exact_limit = exact_limit
        self.rescore = rescore

    def load(self, scope: str, rows: Sequence[Row]) -> None:
        """Install the full block for ``scope`` (replacing any cached one)."""
        with self.lock:
            block = ScopeBlock(self.dim)
            block.pending = list(rows)
            block.flush()
            self._install(scope, block, [row.key for row in rows])

    def search(
        self,
        scopes: Sequence[str],
        query: F32,
        limit: int,
        *,
        now: float,
        kinds: Sequence[str] = (),
        topic: str | None = None,
        as_of: float | None = None,
        include_superseded: bool = False,
        allow: npt.NDArray[np.int64] | None = None,
    ) -> list[tuple[int, float]]:
        """Top ``limit`` keys by cosine over the given (loaded) scopes, best first."""
        q = np.asarray(query, np.float32)
        keys: list[npt.NDArray[np.int64]] = []
        scores: list[npt.NDArray[np.float32]] = []
        with self.lock:
            for block, m in self.masked(
                scopes, now=now, kinds=kinds, topic=topic, as_of=as_of,
                include_superseded=include_superseded, allow=allow,
            ):  # fmt: skip
                found = self._scan(block, m, q, limit)
                if found is not None:
                    keys.append(found[0])
                    scores.append(found[1])
        if not keys:
            return []
        # Many scopes (a tenant-wide search over 10,000): one top-k over arrays, not
        # a Python pair per scanned row.
        all_keys = np.concatenate(keys) if len(keys) > 1 else keys[0]
        all_scores = np.concatenate(scores) if len(scores) > 1 else scores[0]
        if len(all_scores) > limit:
            # Everything scoring at least the limit-th best, so ties at the edge order by key.
            edge = np.partition(-all_scores, limit - 1)[limit - 1]
            keep = np.nonzero(-all_scores <= edge)[0]
            all_keys, all_scores = all_keys[keep], all_scores[keep]
        order = np.lexsort((all_keys, -all_scores))[:limit]
        return [(int(all_keys[i]), float(all_scores[i])) for i in order]

    def _scan(
        self, block: ScopeBlock, m: npt.NDArray[np.bool_], q: F32, limit: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]] | None:
        """The block's best ``limit`` (keys, cosines), unordered; None if no row passes."""
        rows = np.nonzero(m)[0]
        if not len(rows):
            return None
        n = len(block.cols)
        if self.exact_limit is not None and len(rows) > self.exact_limit:
            keep = max(self.rescore, limit * 4)
            if keep < len(rows):
                rows = self._prerank(block, m, rows, q, keep)
        # Gathering rows copies them; when most rows pass, a full scan is cheaper.
        # Small blocks skip BLAS: einsum's own loop is single-threaded and needs no
        # thread limit, whose first use (inspecting the loaded libraries) costs a cold
        # process tens of milliseconds.
        if n <= _SMALL_SCAN:
            scores = np.einsum("ij,j->i", block.matrix, q)[rows]
        else:
            with one_blas_thread():
                if len(rows) * 4 > n:
                    scores = (block.matrix @ q)[rows]
                else:
                    scores = block.matrix[rows] @ q
        k = min(limit, len(rows))
        if k < len(rows):
            top = np.argpartition(-scores, k - 1)[:k]
            rows, scores = rows[top], scores[top]
        return block.cols.keys[rows].astype(np.int64, copy=False), scores.astype(np.float32)

    @staticmethod
    def _prerank(
        block: ScopeBlock, m: npt.NDArray[np.bool_], rows: npt.NDArray[np.intp], q: F32, keep: int
    ) -> npt.NDArray[np.intp]:
        """The ~``keep`` rows nearest ``q`` by sign-bit Hamming distance (ties at the edge kept)."""
        words = block.sign_bits()
        qw = np.pad(np.packbits(q > 0), (0, (-((len(q) + 7) // 8)) % 8)).view(np.uint64)
        dense = len(rows) * 4 > len(block.cols)
        dist = np.zeros(len(block.cols) if dense else len(rows), np.uint16)
        for j, word in enumerate(qw):
            dist += np.bitwise_count(words[j] ^ word if dense else words[j, rows] ^ word)
        if dense and len(rows) < len(dist):
            dist = dist[rows]
        # The keep-th smallest distance via a histogram (distances are small integers):
        # cheaper than argpartition, and rows tied at the edge are all rescored.
        counts = np.cumsum(np.bincount(dist, minlength=64 * len(qw) + 1))
        edge = int(np.searchsorted(counts, keep))
        return rows[dist <= edge]
