"""Shared pieces of the tests that say the screening's training sentences are fresh.

Not a test module: ``tests/screen/test_sentences{5,6}_{en,i18n}.py`` import it.
Training data copied from a tuning or test set would make every figure measured
on it a lie, so those tests compare each hand-written sentence with the rows of
the held-out sets that may be read (``READABLE``), of the screening corpus and
of the earlier sentence files. Every check returns what offends (pairs of our
sentence and the row it copies) so that a test can assert it is empty.

``test7`` is the untouched split: its rows are never returned, printed or
logged. ``untouched_copies`` reads it and gives back a count only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests/screen/heldout"
CORPUS = ROOT / "tests/screen/corpus"
READABLE = ("dev", "test", "test2", "test3", "test4", "test5", "test6", "probe")
"""The held-out sets that may be read (test6 became a tuning set in round 7)."""
UNTOUCHED = "test7"
"""The untouched split: only ``untouched_copies`` opens it, and it returns a count."""

Pair = tuple[str, str]
NearCheck = Callable[[list[str], list[str]], list[Pair]]


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


def flat(table: Mapping[str, object]) -> list[str]:
    """Sentences of a ``{lang: [..]}`` or ``{lang: {family: [..]}}`` table."""
    out: list[str] = []
    for value in table.values():
        if isinstance(value, Mapping):
            out += [t for rows in value.values() for t in rows]
        else:
            out += list(value)  # type: ignore[call-overload]
    return out


def attacks(module: ModuleType) -> list[tuple[str, str, str]]:
    """``(lang, family, text)`` for every attack of a round-5/6 sentence module."""
    return [(lang, fam, t) for lang, fams in module.ATTACKS.items()
            for fam, rows in fams.items() for t in rows]  # fmt: skip


def benign(module: ModuleType) -> list[tuple[str, str]]:
    """``(lang, text)`` for every benign statement of a sentence module."""
    return [(lang, t) for lang, rows in module.BENIGN.items() for t in rows]


def texts(module: ModuleType) -> list[str]:
    """Every sentence of a module, attacks first."""
    return flat(module.ATTACKS) + flat(module.BENIGN)


def read_texts(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [str(json.loads(line)["text"]) for line in lines if line.strip()]


def heldout_rows(names: Iterable[str] = READABLE) -> list[str]:
    """The rows of the named held-out sets; the untouched split is refused."""
    names = tuple(names)
    if UNTOUCHED in names:
        raise ValueError(f"{UNTOUCHED} is untouched: use untouched_copies, which gives a count")
    return [t for name in names for t in read_texts(HELDOUT / f"{name}.jsonl")]


def corpus_rows() -> list[str]:
    return [t for path in sorted(CORPUS.glob("*.jsonl")) for t in read_texts(path)]


def protected_rows(names: Iterable[str] = READABLE) -> list[str]:
    """Rows of the named held-out sets (every readable one) and of the corpus."""
    return heldout_rows(names) + corpus_rows()


def earlier_sentences(modules: Iterable[ModuleType]) -> list[str]:
    """Every sentence of the earlier hand-written modules."""
    return [t for module in modules for t in texts(module)]


def repeated(ours: Iterable[str]) -> list[str]:
    """Sentences equal to an earlier one once normalised (case, spacing, NFKC)."""
    seen: set[str] = set()
    out = []
    for text in ours:
        key = norm(text)
        if key in seen:
            out.append(text)
        seen.add(key)
    return out


def on_both_sides(attack: Iterable[str], harmless: Iterable[str]) -> list[str]:
    """Benign sentences that equal an attack once normalised."""
    keys = {norm(t) for t in attack}
    return [t for t in harmless if norm(t) in keys]


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
    least: Callable[[str], float],
) -> list[Pair]:  # fmt: skip
    """``(ours, row)`` where the sets of the two overlap by ``least(ours)`` or more
    (Jaccard), through an inverted index: a row sharing nothing scores 0."""
    row_sets = [sets(r) for r in rows]
    index: dict[str, list[int]] = {}
    for i, s in enumerate(row_sets):
        for item in s:
            index.setdefault(item, []).append(i)
    out = []
    for text in ours:
        mine, bar = sets(text), least(text)
        if bar > 1:
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
        list(ours), list(rows), words, lambda t: threshold if len(words(t)) >= least_words else 2
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


def untouched_copies(ours: Iterable[str], near: NearCheck, *, squeeze: bool = True) -> int:
    """How many sentences copy or nearly copy (by ``near``) a row of the untouched
    split. A count and nothing else: no row leaves this function."""
    rows = read_texts(HELDOUT / f"{UNTOUCHED}.jsonl")
    ours = list(ours)
    hits = {t for t, _ in copies(ours, rows, squeeze=squeeze)}
    hits |= {t for t, _ in near(ours, rows)}
    return len(hits)


def variant_heads(out: list[tuple[str, int, str]], per: int, prefixes: set[str]) -> list[str]:
    """For ``generate``'s output in groups of ``per + 1`` (the sentence alone, then
    behind ``per`` wrappers): what is wrong with each variant, if anything (another
    label, not ending in the sentence, or a head that is no lead + wrapper)."""
    bad = []
    for i, (text, label, _) in enumerate(out):
        base, base_label, _ = out[i - i % (per + 1)]
        if label != base_label or not text.endswith(base):
            bad.append(f"row {i}: label or base differs")
            continue
        head = re.sub(r"\d+", "", text[: len(text) - len(base)])
        if head not in prefixes:
            bad.append(f"row {i}: head {head!r}")
    return bad


def lang_counts(module: ModuleType, lang: str) -> tuple[int, int]:
    """(attacks, benign) of a module in one language, or in all (``lang="all"``)."""
    n_attacks = sum(1 for la, _, _ in attacks(module) if lang in ("all", la))
    n_benign = sum(1 for la, _ in benign(module) if lang in ("all", la))
    return n_attacks, n_benign


def short_families(module: ModuleType, lang: str, claimed: Mapping[str, int]) -> dict[str, int]:
    """The families holding fewer attacks in ``lang`` (or in all) than claimed, with
    how many they hold."""
    got = Counter(fam for la, fam, _ in attacks(module) if lang in ("all", la))
    return {fam: got[fam] for fam, least in claimed.items() if got[fam] < least}
