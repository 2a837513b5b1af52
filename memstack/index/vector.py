"""Vector storage format and an in-memory dense index, one block per scope.

Vectors are stored as little-endian float32 BLOBs (``<f4``), unit length, tagged
with the embedder id that produced them, so a store never compares vectors of
two models.

Search is exact cosine (a dot product of unit vectors) over the vectors a query
may see. The index keeps one block per scope because a read sees a scope and
its ancestors: with 100k memories spread over 1k scopes a query touches ~100
vectors, not 100k. Each block holds the matrix plus the few columns a filter
needs (kind, validity, expiry), so filtering is a NumPy mask, not a query.

A single scope with very many vectors is the expensive case: a float32 scan of
100k × 384 streams 150 MB per query (about 15 ms on 2 cores). Above
``exact_limit`` rows we first rank by Hamming distance of sign bits (48 bytes a
vector, ~1 ms) and rescore the best ``rescore`` rows exactly; the benchmark
reports how often that changes the top results. Set ``exact_limit=None`` for a
full exact scan at any size.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["KIND_CODES", "ScopeBlock", "VectorIndex", "decode", "encode"]

F32 = npt.NDArray[np.float32]
KIND_CODES = {"rule": 0, "fact": 1, "episode": 2}
_INF = math.inf


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


@dataclass
class ScopeBlock:
    """The vectors of one scope, with filter columns; appends are batched lazily."""

    dim: int
    keys: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    matrix: F32 = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    bits: npt.NDArray[np.uint64] | None = None
    kinds: npt.NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, np.int8))
    topics: list[str | None] = field(default_factory=list)
    valid_from: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    valid_to: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    expires: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    superseded: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, bool))
    pending: list[Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.matrix.shape[1] != self.dim:
            self.matrix = np.zeros((0, self.dim), np.float32)

    def __len__(self) -> int:
        return len(self.keys) + len(self.pending)

    def _flush(self) -> None:
        if not self.pending:
            return
        rows, self.pending = self.pending, []
        self.keys = np.concatenate([self.keys, np.array([r.key for r in rows], np.int64)])
        self.matrix = np.ascontiguousarray(np.vstack([self.matrix] + [r.vector[None, :] for r in rows]))
        self.kinds = np.concatenate([self.kinds, np.array([KIND_CODES[r.kind] for r in rows], np.int8)])
        self.topics.extend(r.topic for r in rows)
        self.valid_from = np.concatenate([self.valid_from, [r.valid_from for r in rows]])
        self.valid_to = np.concatenate(
            [self.valid_to, [_INF if r.valid_to is None else r.valid_to for r in rows]]
        )
        self.expires = np.concatenate(
            [self.expires, [_INF if r.expires_at is None else r.expires_at for r in rows]]
        )
        self.superseded = np.concatenate([self.superseded, [r.superseded for r in rows]])
        self.bits = None

    def add(self, row: Row) -> None:
        self.pending.append(row)

    def close(self, key: int, valid_to: float, superseded: bool) -> None:
        self._flush()
        idx = np.nonzero(self.keys == key)[0]
        if len(idx):
            self.valid_to[idx] = valid_to
            self.superseded[idx] = self.superseded[idx] | superseded

    def remove(self, keys: set[int]) -> None:
        self._flush()
        keep = ~np.isin(self.keys, np.fromiter(keys, np.int64, len(keys)))
        if keep.all():
            return
        self.keys, self.matrix = self.keys[keep], np.ascontiguousarray(self.matrix[keep])
        self.kinds, self.valid_from = self.kinds[keep], self.valid_from[keep]
        self.valid_to, self.expires = self.valid_to[keep], self.expires[keep]
        self.superseded = self.superseded[keep]
        self.topics = [t for t, k in zip(self.topics, keep, strict=True) if k]
        self.bits = None

    def mask(
        self,
        *,
        now: float,
        kinds: Sequence[str],
        topic: str | None,
        as_of: float | None,
        include_superseded: bool,
    ) -> npt.NDArray[np.bool_]:
        """Rows passing the filter (same semantics as ``models.Filter.matches``)."""
        self._flush()
        m = self.expires > now
        if kinds:
            m &= np.isin(self.kinds, [KIND_CODES[k] for k in kinds])
        if topic is not None:
            m &= np.array([t == topic for t in self.topics], bool)
        if as_of is not None:
            m &= (self.valid_from <= as_of) & (self.valid_to > as_of)
        elif not include_superseded:
            m &= ~self.superseded & (self.valid_to > now)
        return m

    def sign_bits(self) -> npt.NDArray[np.uint64]:
        if self.bits is None:
            packed = np.packbits(self.matrix > 0, axis=1)
            pad = (-packed.shape[1]) % 8
            if pad:
                packed = np.pad(packed, ((0, 0), (0, pad)))
            self.bits = np.ascontiguousarray(packed).view(np.uint64)
        return self.bits


class VectorIndex:
    """Blocks of vectors per scope for one embedder, searched exactly (see module doc).

    The owner (a store) loads a scope's block on first use with :meth:`load`
    and keeps it in step with writes through :meth:`add`, :meth:`close` and
    :meth:`remove`; :meth:`drop` forgets cached blocks.
    """

    def __init__(self, dim: int, *, exact_limit: int | None = 20_000, rescore: int = 2_000) -> None:
        self.dim = dim
        self.exact_limit = exact_limit
        self.rescore = rescore
        self._blocks: dict[str, ScopeBlock] = {}
        self._where: dict[int, str] = {}
        self.lock = threading.RLock()

    def loaded(self, scope: str) -> bool:
        return scope in self._blocks

    def load(self, scope: str, rows: Sequence[Row]) -> None:
        """Install the full block for ``scope`` (replacing any cached one)."""
        with self.lock:
            block = ScopeBlock(self.dim)
            for row in rows:
                block.add(row)
                self._where[row.key] = scope
            self._blocks[scope] = block

    def add(self, scope: str, row: Row) -> None:
        """Append a row to a loaded block; unloaded scopes load from the store later."""
        with self.lock:
            block = self._blocks.get(scope)
            if block is not None:
                block.add(row)
                self._where[row.key] = scope

    def close(self, key: int, valid_to: float, superseded: bool) -> None:
        with self.lock:
            scope = self._where.get(key)
            if scope is not None and scope in self._blocks:
                self._blocks[scope].close(key, valid_to, superseded)

    def remove(self, keys: Sequence[int]) -> None:
        with self.lock:
            by_scope: dict[str, set[int]] = {}
            for key in keys:
                scope = self._where.pop(key, None)
                if scope is not None:
                    by_scope.setdefault(scope, set()).add(key)
            for scope, group in by_scope.items():
                if scope in self._blocks:
                    self._blocks[scope].remove(group)

    def drop(self, scopes: Sequence[str] | None = None) -> None:
        """Forget cached blocks (all, or the given scopes)."""
        with self.lock:
            for scope in list(self._blocks) if scopes is None else scopes:
                block = self._blocks.pop(scope, None)
                if block is not None:
                    for key in block.keys.tolist() + [r.key for r in block.pending]:
                        self._where.pop(key, None)

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
    ) -> list[tuple[int, float]]:
        """Top ``limit`` keys by cosine over the given (loaded) scopes, best first."""
        q = np.asarray(query, np.float32)
        found: list[tuple[int, float]] = []
        with self.lock:
            for scope in scopes:
                block = self._blocks.get(scope)
                if block is None or not len(block):
                    continue
                m = block.mask(
                    now=now, kinds=kinds, topic=topic, as_of=as_of, include_superseded=include_superseded
                )
                rows = np.nonzero(m)[0]
                if not len(rows):
                    continue
                found.extend(self._scan(block, rows, q, limit))
        found.sort(key=lambda kv: (-kv[1], kv[0]))
        return found[:limit]

    def _scan(
        self, block: ScopeBlock, rows: npt.NDArray[np.intp], q: F32, limit: int
    ) -> list[tuple[int, float]]:
        if self.exact_limit is not None and len(rows) > self.exact_limit:
            bits = block.sign_bits()
            qbits = np.packbits(q > 0)
            pad = (-len(qbits)) % 8
            qb = np.pad(qbits, (0, pad)).view(np.uint64)
            dist = np.bitwise_count(bits[rows] ^ qb).sum(axis=1, dtype=np.int32)
            keep = max(self.rescore, limit * 4)
            if keep < len(rows):
                rows = rows[np.argpartition(dist, keep)[:keep]]
        # Gathering rows copies them; when most rows pass, a full scan is cheaper.
        if len(rows) * 4 > len(block.keys):
            scores = (block.matrix @ q)[rows]
        else:
            scores = block.matrix[rows] @ q
        k = min(limit, len(rows))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(rows) else np.arange(len(rows))
        return [(int(block.keys[rows[i]]), float(scores[i])) for i in top]
