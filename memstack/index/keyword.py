"""Keyword analysis and BM25, shared by every backend.

We analyse text ourselves instead of relying on a database tokenizer, so that
SQLite FTS5, PostgreSQL and the in-memory store index exactly the same terms and
rank alike:

* Unicode NFKC, lower case, words of letters and digits;
* English words are Snowball-stemmed (``cooking`` → ``cook``) and stop words
  dropped, which measured better than plain BM25 on conversational recall;
* runs of Chinese, Japanese or Korean characters (no spaces between words) are
  indexed as overlapping character bigrams plus single characters. A trigram
  tokenizer misses most Chinese words, which are two characters long; bigrams
  match them, and unigrams keep one-character words ("茶", "猫") findable.

The analysed form is a space-separated string of terms; a backend stores it in
its full-text index with a plain whitespace/alphanumeric tokenizer.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache

import snowballstemmer

from ..models.caches import clear_erasable, erasable

__all__ = [
    "BM25",
    "STOP_WORDS",
    "TenantBM25",
    "analyze",
    "clear_caches",
    "drop_terms",
    "query_terms",
    "scope_terms",
]

_CJK = (
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\uac00-\ud7af"  # Hangul syllables
)
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")

STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves s t d ll m re ve
    also yes yeah oh ok okay really just like got get gets getting would could might must shall
    """.split()
)

_stemmer = snowballstemmer.stemmer("english")


@erasable
@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    if word.isascii() and word.isalpha() and len(word) > 2:
        return str(_stemmer.stemWord(word))
    return word


def clear_caches() -> None:
    """Forget memoised text (after an erasure: erased words must not outlive their rows).

    Clears every cache registered with :func:`memstack.models.caches.erasable`: the
    stemmed words here, and screening verdicts, labels and sources elsewhere.
    """
    clear_erasable()


def _cjk_terms(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    grams = [run[i : i + 2] for i in range(len(run) - 1)]
    return list(run) + grams


def _terms(text: str, *, drop_stop: bool) -> list[str]:
    out: list[str] = []
    for match in _TOKEN.finditer(unicodedata.normalize("NFKC", text).lower()):
        tok = match.group()
        if _IS_CJK.match(tok):
            out.extend(_cjk_terms(tok))
        elif drop_stop and tok in STOP_WORDS:
            continue
        else:
            out.append(_stem(tok))
    return out


def analyze(text: str) -> str:
    """Turn a document into its index terms, space separated.

    Example:
        >>> analyze("Alice is cooking vegan dinners")
        'alic cook vegan dinner'
        >>> analyze("我喜欢喝茶")
        '我 喜 欢 喝 茶 我喜 喜欢 欢喝 喝茶'
    """
    return " ".join(_terms(text, drop_stop=True))


def query_terms(text: str) -> list[str]:
    """The distinct analysed terms of a query, in first-seen order.

    If every word of the query is a stop word, they are kept rather than
    returning nothing: "who am I" should still search for something.

    Example:
        >>> query_terms("What should I cook for Alice?")
        ['cook', 'alic']
    """
    terms = _terms(text, drop_stop=True) or _terms(text, drop_stop=False)
    return list(dict.fromkeys(terms))


_POSSESSIVE = re.compile(r"['\u2019]s\b")


def drop_terms(text: str, terms: Collection[str]) -> str:
    """``text`` without the words whose analysed term is in ``terms`` (and a possessive 's).

    Used to leave words out of a dense query (see ``Planner.search``); Chinese,
    Japanese and Korean runs are kept whole. If nothing but punctuation would
    remain, the text is returned unchanged.

    Example:
        >>> drop_terms("What did Caroline's sister paint?", {"carolin"})
        'What did sister paint?'
    """
    norm = unicodedata.normalize("NFKC", text)
    parts: list[str] = []
    last = 0
    for match in _TOKEN.finditer(norm):
        if match.start() < last or _IS_CJK.match(match.group()):
            continue
        if _stem(match.group().lower()) in terms:
            parts.append(norm[last : match.start()])
            end = match.end()
            possessive = _POSSESSIVE.match(norm, end)
            last = possessive.end() if possessive else end
    parts.append(norm[last:])
    out = re.sub(r"\s+([?.!,;:])", r"\1", " ".join("".join(parts).split()))
    return out if any(c.isalnum() for c in out) else text


SCOPE_TERMS = 8  # one per possible scope segment


def scope_terms(scope: str) -> str:
    """Index terms that let a full-text query filter by scope without a join.

    A record in ``a/b/c`` gets ``x<hash(a/b/c)>`` (exact scope) and
    ``p<hash(a)> p<hash(a/b)>`` (ancestors, for descendant queries). Hashes keep
    the terms alphanumeric whatever the scope contains.
    """
    import hashlib

    def h(path: str) -> str:
        return hashlib.blake2b(path.encode(), digest_size=8).hexdigest()

    segs = scope.split("/")
    parts = ["x" + h(scope)]
    parts += ["p" + h("/".join(segs[:i])) for i in range(1, len(segs))]
    # Pad to a fixed count: BM25 counts these terms in a document's length, and
    # a deeper scope must not make its memories look longer than others.
    parts += ["z"] * (SCOPE_TERMS - len(parts))
    return " ".join(parts)


def scope_query(scopes: Sequence[str], prefixes: Sequence[str]) -> list[str]:
    """Scope terms matching records in ``scopes`` exactly or under ``prefixes``."""
    terms = [scope_terms(s).split()[0] for s in scopes]
    for p in prefixes:
        terms.append("p" + scope_terms(p).split()[0][1:])
    return terms


class BM25:
    """An in-memory BM25 index over analysed terms (used by the in-memory store).

    It reproduces SQLite FTS5's ``bm25()`` so that backends rank alike: Okapi
    BM25 with ``k1=1.2``, ``b=0.75``, IDF floored at 1e-6, term frequency summed
    over columns with per-column weights (own terms 1, context terms
    ``context_weight``), and document length counted over every column,
    including the scope-filter terms.
    """

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._own: dict[str, Counter[str]] = {}
        self._ctx: dict[str, Counter[str]] = {}
        self._len: dict[str, int] = {}
        self._postings: dict[str, set[str]] = {}
        self._total = 0

    def __len__(self) -> int:
        return len(self._own)

    def add(self, key: str, terms: str, context: str = "", extra_len: int = 0) -> None:
        """Index analysed ``terms`` and ``context`` under ``key``.

        ``extra_len`` counts tokens of other columns (scope terms) toward the length.
        """
        self.remove(key)
        own, ctx = Counter(terms.split()), Counter(context.split())
        self._own[key], self._ctx[key] = own, ctx
        self._len[key] = sum(own.values()) + sum(ctx.values()) + extra_len
        self._total += self._len[key]
        for term in set(own) | set(ctx):
            self._postings.setdefault(term, set()).add(key)

    def remove(self, key: str) -> None:
        """Forget ``key``; unknown keys are ignored."""
        own = self._own.pop(key, None)
        if own is None:
            return
        ctx = self._ctx.pop(key)
        self._total -= self._len.pop(key)
        for term in set(own) | set(ctx):
            postings = self._postings[term]
            postings.discard(key)
            if not postings:
                del self._postings[term]

    def entry(self, key: str) -> tuple[str, str, int] | None:
        """``(terms, context, extra_len)`` as indexed (term order not kept), or None."""
        own = self._own.get(key)
        if own is None:
            return None
        ctx = self._ctx[key]
        extra = self._len[key] - sum(own.values()) - sum(ctx.values())
        return " ".join(own.elements()), " ".join(ctx.elements()), extra

    def search(
        self, terms: Iterable[str], keys: set[str] | None = None, *, context_weight: float = 0.3
    ) -> list[tuple[str, float]]:
        """Score documents containing any term, best first; ``keys`` restricts the set."""
        n = len(self._own)
        if not n:
            return []
        avg = self._total / n
        scores: dict[str, float] = {}
        for term in dict.fromkeys(terms):
            postings = self._postings.get(term)
            if not postings:
                continue
            df = len(postings)
            idf = max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)
            for key in postings:
                if keys is not None and key not in keys:
                    continue
                tf = self._own[key][term] + context_weight * self._ctx[key][term]
                if tf <= 0:
                    continue
                length = self._len[key] / avg
                norm = tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * length))
                scores[key] = scores.get(key, 0.0) + idf * norm
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))

    def shares(self, terms: Iterable[str], keys: set[str]) -> tuple[int, dict[str, int]]:
        """How many of ``keys`` are indexed, and how many hold each term (terms or context)."""
        rows = sum(1 for key in keys if key in self._own)
        df = {t: len(self._postings.get(t, set()) & keys) for t in dict.fromkeys(terms)}
        return rows, df


class TenantBM25:
    """One :class:`BM25` per tenant (first scope segment), behind BM25's own methods.

    Collection statistics (rows, average length, document frequencies) are the
    tenant's own, so no tenant's data changes another tenant's scores. A key
    keeps the tenant it was first added under (memory ids never move).
    """

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._by: dict[str, BM25] = {}
        self._tenant: dict[str, str] = {}

    def add(
        self, key: str, terms: str, context: str = "", extra_len: int = 0, *, scope: str = ""
    ) -> None:
        """Index ``key`` in the tenant of ``scope`` (or the tenant it was indexed under before)."""
        tenant = self._tenant.get(key) or scope.split("/", 1)[0]
        self._tenant[key] = tenant
        index = self._by.get(tenant)
        if index is None:
            index = self._by[tenant] = BM25(self.k1, self.b)
        index.add(key, terms, context, extra_len)

    def remove(self, key: str) -> None:
        """Forget ``key``; unknown keys are ignored."""
        tenant = self._tenant.get(key)
        if tenant is not None and tenant in self._by:
            self._by[tenant].remove(key)

    def entry(self, key: str) -> tuple[str, str, int] | None:
        """``(terms, context, extra_len)`` as indexed, or None."""
        tenant = self._tenant.get(key)
        return None if tenant is None or tenant not in self._by else self._by[tenant].entry(key)

    def search(
        self,
        terms: Iterable[str],
        keys: set[str] | None = None,
        *,
        tenant: str,
        context_weight: float = 0.3,
    ) -> list[tuple[str, float]]:
        """:meth:`BM25.search` with the statistics of ``tenant`` only."""
        index = self._by.get(tenant)
        return [] if index is None else index.search(terms, keys, context_weight=context_weight)

    def shares(
        self, terms: Iterable[str], keys: set[str], *, tenant: str
    ) -> tuple[int, dict[str, int]]:
        """:meth:`BM25.shares` within ``tenant``."""
        index = self._by.get(tenant)
        return (0, {}) if index is None else index.shares(terms, keys)
