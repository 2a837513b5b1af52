"""An in-memory BM25 index, one block of postings per scope, ranked with NumPy.

SQLite FTS5 computes ``bm25()`` for every row that matches any query term
before it can sort, so in a scope of 100k conversation turns a question whose
words are common costs tens of milliseconds. This index keeps, per scope, the
postings of each term as arrays (row positions and term counts in the memory's
own terms and in its context) and scores a query in a few vectorised passes.

It ranks exactly like FTS5's ``bm25()`` over the same rows, given the same
collection statistics: the caller passes :class:`Stats` for the *whole* keyword
index (row count, average length, and per-term document frequency), which is
what FTS5 uses, so a memory's score does not depend on whether it was ranked
here or by FTS5. The formula is the one in :class:`memstack.index.keyword.BM25`.

Blocks are loaded by their owner (a store) on first use and kept in step with
its writes, like the dense index (:mod:`memstack.index.vector`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from .blocks import BlockCache
from .columns import KIND_CODES, Columns
from .keyword import SCOPE_TERMS

__all__ = ["KeywordIndex", "Stats", "TermRow"]

I32 = npt.NDArray[np.int32]
F64 = npt.NDArray[np.float64]
_COMPACT = 4  # rebuild a block once a quarter of its rows are gone


@dataclass(slots=True)
class TermRow:
    """One memory as the keyword index sees it: filter fields and analysed terms."""

    key: int
    kind: str
    topic: str | None
    valid_from: float
    valid_to: float | None
    expires_at: float | None
    superseded: bool
    terms: str
    context: str = ""


@dataclass(frozen=True, slots=True)
class Stats:
    """Collection statistics of the whole keyword index (as FTS5 keeps them).

    Attributes:
        rows: number of indexed rows.
        avg_len: average row length in tokens, every column counted.
        df: documents containing each query term (in the searched columns).
    """

    rows: int
    avg_len: float
    df: Mapping[str, int] = field(default_factory=dict)


class _Postings:
    """Postings of one term: positions, own counts, context counts."""

    __slots__ = ("ctx", "own", "pos")

    def __init__(self, pos: I32, own: F64, ctx: F64) -> None:
        self.pos, self.own, self.ctx = pos, own, ctx


class TermBlock:
    """The keyword postings of one scope with their filter columns.

    The postings built in one pass (:meth:`build`, or restored from a file) are
    kept as three flat arrays with per-term bounds (``_vocab`` maps a term to
    its range), so a block of 100k rows is not 100k small objects; postings
    merged with later appends are kept per term in ``_post``.
    """

    def __init__(self) -> None:
        self.cols = Columns()
        self._docs: list[tuple[str, str]] | None = []
        self._doc_blobs: tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]] | None = None
        self.lengths = self._len_buf = np.zeros(0)
        self._vocab: dict[str, int] = {}
        self._bounds = np.zeros(1, np.int64)
        self._pos = np.zeros(0, np.int32)
        self._own = self._ctx = np.zeros(0)
        self._post: dict[str, _Postings] = {}
        self._extra: dict[str, list[tuple[int, int, int]]] = {}
        self.pending: list[TermRow] = []

    @property
    def docs(self) -> list[tuple[str, str]]:
        """Each row's (terms, context), for compaction; a restored block decodes them on use."""
        if self._docs is None:
            assert self._doc_blobs is not None
            terms, context = (bytes(b).decode("utf-8").split("\n") for b in self._doc_blobs)
            self._docs, self._doc_blobs = list(zip(terms, context, strict=True)), None
        return self._docs

    def __len__(self) -> int:
        return len(self.cols) - self.cols.dead + len(self.pending)

    def keys(self) -> list[int]:
        return self.cols.keys.tolist() + [r.key for r in self.pending]

    def add(self, row: TermRow) -> None:
        self.pending.append(row)

    def close(self, key: int, valid_to: float, superseded: bool) -> None:
        self.flush()
        self.cols.close(key, valid_to, superseded)

    def remove(self, keys: set[int]) -> None:
        self.pending = [r for r in self.pending if r.key not in keys]
        self.cols.forget(keys)

    def build(self, rows: Sequence[TermRow]) -> None:
        """Index ``rows`` from scratch (first load and compaction).

        Vectorised: every token gets a term id, and one sort of (term, row) pairs
        yields each term's postings with own and context counts. Loading a
        100k-row scope took seconds with a Counter per row.
        """
        self.cols = Columns()
        self.cols.extend(rows)
        self._docs, self._doc_blobs = [(r.terms, r.context) for r in rows], None
        self._post, self._extra, self.pending = {}, {}, []
        n = len(rows)
        own_tok = [r.terms.split() for r in rows]
        ctx_tok = [r.context.split() for r in rows]
        own_n = np.fromiter(map(len, own_tok), np.int64, n)
        ctx_n = np.fromiter(map(len, ctx_tok), np.int64, n)
        self.lengths = self._len_buf = (own_n + ctx_n + SCOPE_TERMS).astype(float)
        self._vocab = {}
        self._bounds = np.zeros(1, np.int64)
        self._pos = np.zeros(0, np.int32)
        self._own = self._ctx = np.zeros(0)
        if not n:
            return
        # Term ids without a Python step per token (a 100k-row scope has ~1M tokens):
        # the vocabulary in first-seen order, then one C-level lookup per token.
        own_all = list(chain.from_iterable(own_tok))
        ctx_all = list(chain.from_iterable(ctx_tok))
        terms = dict.fromkeys(own_all)
        terms.update(dict.fromkeys(ctx_all))
        vocab = self._vocab = dict(zip(terms, range(len(terms)), strict=True))
        own_ids = np.fromiter(map(vocab.__getitem__, own_all), np.int64, len(own_all))
        ctx_ids = np.fromiter(map(vocab.__getitem__, ctx_all), np.int64, len(ctx_all))
        rows_at = np.arange(n, dtype=np.int64)
        pairs = np.concatenate(
            [own_ids * n + np.repeat(rows_at, own_n), ctx_ids * n + np.repeat(rows_at, ctx_n)]
        )
        in_ctx = np.concatenate([np.zeros(len(own_ids)), np.ones(len(ctx_ids))])
        uniq, inverse = np.unique(pairs, return_inverse=True)
        total = np.bincount(inverse, minlength=len(uniq)).astype(np.float64)
        ctx_count = np.bincount(inverse, weights=in_ctx, minlength=len(uniq)).astype(np.float64)
        own_count = total - ctx_count
        term_of = uniq // n
        self._pos = (uniq % n).astype(np.int32)
        self._own, self._ctx = own_count, ctx_count
        self._bounds = np.searchsorted(term_of, np.arange(len(vocab) + 1)).astype(np.int64)

    def state(self) -> tuple[dict[str, npt.NDArray[Any]], list[str]] | None:
        """The block as arrays (postings, lengths, columns, texts) and topic names, to persist it.

        ``None`` when appends, removals or merged postings are pending (a block is
        persisted as built), or when a text holds a line break (the texts are
        stored one per line).
        """
        if self.pending or self._extra or self._post or self.cols.dead:
            return None
        docs = self.docs
        blobs = []
        for part in ("\n".join(t for t, _ in docs), "\n".join(c for _, c in docs)):
            if part.count("\n") != max(len(docs) - 1, 0):
                return None
            blobs.append(np.frombuffer(part.encode("utf-8"), np.uint8))
        vocab = "\n".join(self._vocab)
        if vocab.count("\n") != max(len(self._vocab) - 1, 0):
            return None
        arrays, topics = self.cols.state()
        out: dict[str, npt.NDArray[Any]] = {f"col.{k}": v for k, v in arrays.items()}
        out.update(
            lengths=self.lengths, bounds=self._bounds, pos=self._pos, own=self._own,
            ctx=self._ctx, vocab=np.frombuffer(vocab.encode("utf-8"), np.uint8),
            terms=blobs[0], context=blobs[1],
        )  # fmt: skip
        return out, topics

    @classmethod
    def restore(cls, arrays: Mapping[str, npt.NDArray[Any]], topics: Sequence[str]) -> TermBlock:
        """A block from :meth:`state`'s output; the postings arrays are used as given
        (e.g. read-only views of a memory-mapped file), never written in place.

        Raises:
            ValueError: the arrays do not fit together.
        """
        block = cls()
        block.cols = Columns.restore(
            {k[4:]: v for k, v in arrays.items() if k.startswith("col.")}, topics
        )
        n = len(block.cols)
        text = bytes(arrays["vocab"]).decode("utf-8")
        vocab = text.split("\n") if text else []
        bounds, pos = arrays["bounds"], arrays["pos"]
        own, ctx, lengths = arrays["own"], arrays["ctx"], arrays["lengths"]
        if (
            bounds.dtype != np.int64 or pos.dtype != np.int32 or own.dtype != np.float64
            or ctx.dtype != np.float64 or lengths.dtype != np.float64
            or bounds.shape != (len(vocab) + 1,) or lengths.shape != (n,)
            or own.shape != pos.shape or ctx.shape != pos.shape
            or int(bounds[0]) != 0 or int(bounds[-1]) != len(pos)
            or bool(np.any(np.diff(bounds) < 0))
            or (len(pos) and (int(pos.min()) < 0 or int(pos.max()) >= n))
        ):  # fmt: skip
            raise ValueError("postings arrays do not fit together")
        for name in ("terms", "context"):
            if n and int(np.count_nonzero(arrays[name] == 10)) != n - 1:
                raise ValueError(f"{name}: expected {n} lines")
        block._vocab = dict(zip(vocab, range(len(vocab)), strict=True))
        if len(block._vocab) != len(vocab):
            raise ValueError("a term appears twice in the vocabulary")
        block._bounds, block._pos, block._own, block._ctx = bounds, pos, own, ctx
        block.lengths = block._len_buf = lengths
        block._docs, block._doc_blobs = None, (arrays["terms"], arrays["context"])
        return block

    def flush(self) -> None:
        """Apply pending appends; rebuild when many rows are gone."""
        if self.cols.dead and self.cols.dead * _COMPACT >= len(self.cols) + len(self.pending):
            live = np.nonzero(~self.cols.gone)[0]
            c = self.cols
            rows = [
                TermRow(
                    int(c.keys[i]), _KINDS[int(c.kinds[i])], c.topic_name(int(c.topics[i])),
                    float(c.valid_from[i]), _none(c.valid_to[i]), _none(c.expires[i]),
                    bool(c.superseded[i]), *self.docs[i],
                )
                for i in live
            ] + self.pending  # fmt: skip
            self.build(rows)
            return
        if not self.pending:
            return
        rows, self.pending = self.pending, []
        start = len(self.cols)
        self.cols.extend(rows)
        lengths = np.zeros(len(rows))
        for i, r in enumerate(rows):
            own, ctx = Counter(r.terms.split()), Counter(r.context.split())
            lengths[i] = sum(own.values()) + sum(ctx.values()) + SCOPE_TERMS
            self.docs.append((r.terms, r.context))
            for term in own.keys() | ctx.keys():
                self._extra.setdefault(term, []).append((start + i, own[term], ctx[term]))
        # Lengths live in a buffer with spare room (doubling when full): appending one
        # row to a 100k-row block does not copy every length.
        n, k = start, len(rows)
        if n + k > len(self._len_buf):
            grown = np.zeros(max(n + k, 2 * len(self._len_buf), 64))
            grown[:n] = self.lengths
            self._len_buf = grown
        self._len_buf[n : n + k] = lengths
        self.lengths = self._len_buf[: n + k]

    def postings(self, term: str) -> _Postings | None:
        extra = self._extra.pop(term, None)
        post = self._post.get(term)
        if post is None and (tid := self._vocab.get(term)) is not None:
            lo, hi = int(self._bounds[tid]), int(self._bounds[tid + 1])
            post = _Postings(self._pos[lo:hi], self._own[lo:hi], self._ctx[lo:hi])
        if extra:
            pos, own, ctx = zip(*extra, strict=True)
            more = _Postings(np.array(pos, np.int32), np.array(own, float), np.array(ctx, float))
            if post is not None:
                more = _Postings(
                    np.concatenate([post.pos, more.pos]),
                    np.concatenate([post.own, more.own]),
                    np.concatenate([post.ctx, more.ctx]),
                )
            self._post[term] = post = more
        return post

    def score(
        self,
        terms: Mapping[str, float],
        stats: Stats,
        mask: npt.NDArray[np.bool_],
        *,
        context_weight: float,
        k1: float,
        b: float,
    ) -> tuple[npt.NDArray[np.intp], F64]:
        """Positions matching any term (and the mask) with their BM25 scores.

        ``terms`` maps each query term to its weight (1 for a plain query).
        """
        n = len(self.cols)
        scores = np.zeros(n)
        hit = np.zeros(n, bool)
        avg = stats.avg_len or 1.0
        for term, weight in terms.items():
            post = self.postings(term)
            if post is None:
                continue
            df = stats.df.get(term, len(post.pos))
            idf = max(math.log((stats.rows - df + 0.5) / (df + 0.5)), 1e-6)
            tf = post.own + context_weight * post.ctx if context_weight else post.own
            pos = post.pos
            if not context_weight:
                pos, tf = pos[tf > 0], tf[tf > 0]
            norm = tf * (k1 + 1) / (tf + k1 * (1 - b + b * self.lengths[pos] / avg))
            scores[pos] += weight * idf * norm
            hit[pos] = True
        found = np.nonzero(hit & mask)[0]
        return found, scores[found]


_KINDS = {code: kind for kind, code in KIND_CODES.items()}


def _none(value: float) -> float | None:
    return None if math.isinf(value) else float(value)


class KeywordIndex(BlockCache[TermBlock]):
    """Keyword postings per scope, ranked like FTS5 (see module doc).

    Args:
        k1, b: BM25 parameters (FTS5 uses 1.2 and 0.75).
    """

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        super().__init__()
        self.k1, self.b = k1, b

    def load(self, scope: str, rows: Sequence[TermRow]) -> None:
        """Install the full block for ``scope`` (replacing any cached one)."""
        with self.lock:
            block = TermBlock()
            block.build(rows)
            self._install(scope, block, [row.key for row in rows])

    def shares(self, scopes: Sequence[str], terms: Sequence[str]) -> tuple[int, dict[str, int]]:
        """Rows indexed in the (loaded) ``scopes``, and how many hold each term anywhere."""
        rows, df = 0, dict.fromkeys(terms, 0)
        with self.lock:
            for scope in scopes:
                block = self._blocks.get(scope)
                if block is None:
                    continue
                block.flush()
                rows += len(block)
                for term in df:
                    post = block.postings(term)
                    if post is not None:
                        df[term] += int(np.count_nonzero(~block.cols.gone[post.pos]))
        return rows, df

    def search(
        self,
        scopes: Sequence[str],
        terms: Sequence[str],
        stats: Stats,
        limit: int,
        *,
        now: float,
        kinds: Sequence[str] = (),
        topic: str | None = None,
        as_of: float | None = None,
        include_superseded: bool = False,
        context_weight: float = 0.3,
        allow: npt.NDArray[np.int64] | None = None,
    ) -> list[tuple[int, float]]:
        """Top ``limit`` keys by BM25 over the given (loaded) scopes, best first.

        Rows tied with the last one are included (up to twice ``limit`` in all),
        so the caller can order ties by another field; ties are ordered by key.
        """
        weighted = dict.fromkeys(terms, 1.0)
        found: list[tuple[int, float]] = []
        with self.lock:
            for block, mask in self.masked(
                scopes, now=now, kinds=kinds, topic=topic, as_of=as_of,
                include_superseded=include_superseded, allow=allow,
            ):  # fmt: skip
                pos, scores = block.score(
                    weighted, stats, mask, context_weight=context_weight, k1=self.k1, b=self.b
                )
                if len(pos) > limit:
                    # Keep every row tied with the limit-th score: the caller orders ties.
                    edge = np.partition(scores, len(scores) - limit)[len(scores) - limit]
                    sel = scores >= edge
                    pos, scores = pos[sel], scores[sel]
                keys = block.cols.keys[pos]
                found.extend(zip(keys.tolist(), scores.tolist(), strict=True))
        found.sort(key=lambda kv: (-kv[1], kv[0]))
        end = min(limit, len(found))
        while end < min(len(found), 2 * limit) and found[end][1] == found[limit - 1][1]:
            end += 1
        return found[:end]
