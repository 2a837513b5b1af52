"""Copies and near copies between texts: what keeps training data apart from test data.

Used by the freshness tests (``tests/screen/_fresh.py``: a hand-written training
sentence must not copy a held-out row) and by ``dataset.py`` (the tuning splits
the learned layer trains on leave out every row that copies or nearly copies a
row of an untouched split).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

Pair = tuple[str, str]


def norm(text: str) -> str:
    """NFKC, lower case, white space folded to single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def letters(text: str) -> str:
    """The text without spacing, hyphens or case: "I-g n o r e" and "ignore" agree."""
    return re.sub(r"\W+", "", norm(text))


def words(text: str) -> set[str]:
    """The words of two letters or more, lower-cased."""
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 1}


def grams(text: str, n: int) -> set[str]:
    """The character n-grams of the normalised text (the whole text if shorter)."""
    t = norm(text)
    return {t[i : i + n] for i in range(max(len(t) - n + 1, 1))}


def mostly_wide(text: str) -> bool:
    """Whether most characters are kana, CJK ideographs or Hangul."""
    wide = sum(1 for c in text if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    return wide > len(text) / 2


def copies(ours: Iterable[str], rows: Iterable[str], *, squeeze: bool = True) -> list[Pair]:
    """``(ours, row)`` where a sentence equals a row: as it is, once normalised
    (case, spacing, NFKC) or, with ``squeeze``, once spacing, hyphens and case are gone."""
    forms: list[Callable[[str], str]] = [str, norm] + ([letters] if squeeze else [])
    index: list[dict[str, str]] = [{} for _ in forms]
    for row in rows:
        for form, seen in zip(forms, index, strict=True):
            seen.setdefault(form(row), row)
    out = []
    for text in ours:
        for form, seen in zip(forms, index, strict=True):
            if form(text) in seen:
                out.append((text, seen[form(text)]))
                break
    return out


def _jaccard_pairs(
    ours: list[str], rows: list[str], sets: Callable[[str], set[str]],
    least: Callable[[str], float | None],
) -> list[Pair]:  # fmt: skip
    """``(ours, row)`` where the sets of the two overlap by ``least(ours)`` or more
    (Jaccard; ``None``: not compared), through an inverted index: a row sharing
    nothing scores 0."""
    row_sets = [sets(r) for r in rows]
    index: dict[str, list[int]] = {}
    for i, s in enumerate(row_sets):
        for item in s:
            index.setdefault(item, []).append(i)
    out = []
    for text in ours:
        mine, bar = sets(text), least(text)
        if bar is None:
            continue
        shared = Counter(i for item in mine for i in index.get(item, ()))
        for i, common in sorted(shared.items()):
            if common / (len(mine) + len(row_sets[i]) - common) >= bar:
                out.append((text, rows[i]))
    return out


def near_copies(
    ours: Iterable[str], rows: Iterable[str], threshold: float = 0.6, least_words: int = 5
) -> list[Pair]:
    """Near copies by words (the English tests): a Jaccard overlap of ``threshold``
    or more between a sentence's words and a row's; a light paraphrase keeps most
    words. Sentences of fewer than ``least_words`` words are not compared."""
    return _jaccard_pairs(
        list(ours), list(rows), words, lambda t: threshold if len(words(t)) >= least_words else None
    )


def gram_near_copies(ours: Iterable[str], rows: Iterable[str]) -> list[Pair]:
    """Near copies by characters (the multilingual tests): a light paraphrase shares
    most character n-grams with its source. Trigrams and a Jaccard overlap of 0.6
    for alphabetic scripts; bigrams and 0.45 for mostly Chinese, Japanese or Korean
    text, where one changed character already breaks three trigrams of a short line."""
    ours, rows = list(ours), list(rows)
    wide = [t for t in ours if mostly_wide(t)]
    narrow = [t for t in ours if not mostly_wide(t)]
    out = _jaccard_pairs(wide, rows, lambda t: grams(t, 2), lambda t: 0.45)
    out += _jaccard_pairs(narrow, rows, lambda t: grams(t, 3), lambda t: 0.6)
    return out
