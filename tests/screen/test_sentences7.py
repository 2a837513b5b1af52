"""The round-7 training sentences (issue 15) are fresh, distinct and as many as claimed.

Training data copied from a held-out set would make every figure measured on
it a lie. Each sentence of ``scripts/screen_data/sentences7.py`` (and of the
tables it merges: ``sentences7_en``, ``_zh``, ``_eu``, ``_more``, ``_words``) is checked
against the rows of the tuning sets (dev, test, test2, test3, test4, test5,
test6, probe), of the untouched split test7 and of the corpus: neither equal
after normalising, nor a near copy (most character n-grams shared). test7 is
only loaded here, never printed: a failure against it reports a count, not its
rows. Nor does a sentence repeat an earlier ``sentences*.py`` sentence, sit on
both sides, or appear twice.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from screen_data import (  # noqa: E402
    sentences,
    sentences5_en,
    sentences5_i18n,
    sentences6_en,
    sentences6_i18n,
    sentences7,
)

HELDOUT = ROOT / "tests/screen/heldout"
TUNING_SETS = ("dev", "test", "test2", "test3", "test4", "test5", "test6", "probe")
UNTOUCHED = "test7"
CORPUS = ROOT / "tests/screen/corpus"

# What the commit messages and the report claim; the data may only grow.
# (attacks, benign) at least, per language and in all.
CLAIMED = {"all": (255, 378), "en": (95, 162), "zh": (35, 47), "fr": (17, 23), "es": (17, 23),
           "de": (18, 23), "ru": (20, 29), "ja": (19, 28), "ar": (19, 28), "pt": (5, 5),
           "it": (5, 5), "ko": (5, 5)}  # fmt: skip
CLAIMED_FAMILY_ALL = {"standing": 59, "governance": 87, "persona": 46, "addressing": 39,
                      "override": 14}  # fmt: skip


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def _attacks() -> list[tuple[str, str, str]]:
    return [(lang, fam, t) for lang, fams in sentences7.ATTACKS.items()
            for fam, rows in fams.items() for t in rows]  # fmt: skip


def _benign() -> list[tuple[str, str]]:
    return [(lang, t) for lang, rows in sentences7.BENIGN.items() for t in rows]


def _mine() -> list[str]:
    return [t for _, _, t in _attacks()] + [t for _, t in _benign()]


def _flat(table: dict[str, object]) -> list[str]:
    """Sentences of a {lang: [..]} or {lang: {family: [..]}} table."""
    out: list[str] = []
    for value in table.values():
        if isinstance(value, dict):
            out += [t for rows in value.values() for t in rows]
        else:
            out += list(value)  # type: ignore[call-overload]
    return out


def _earlier() -> list[str]:
    out: list[str] = []
    for module in (sentences, sentences5_en, sentences5_i18n, sentences6_en, sentences6_i18n):
        out += _flat(module.ATTACKS) + _flat(module.BENIGN)
    return out


def _rows(paths: list[Path]) -> list[str]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(str(json.loads(line)["text"]))
    return rows


def _readable_rows() -> list[str]:
    """Rows of the tuning sets and of the screening corpus (neither may be copied)."""
    paths = [HELDOUT / f"{name}.jsonl" for name in TUNING_SETS]
    return _rows(paths + sorted(CORPUS.glob("*.jsonl")))


def _untouched_rows() -> list[str]:
    """Rows of the untouched split: loaded for the comparison only, never shown."""
    return _rows([HELDOUT / f"{UNTOUCHED}.jsonl"])


def _grams(text: str, n: int) -> set[str]:
    t = _norm(text)
    return {t[i : i + n] for i in range(max(len(t) - n + 1, 1))}


def _mostly_wide(text: str) -> bool:
    wide = sum(1 for c in text if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    return wide > len(text) / 2


def _near_copies(rows: list[str]) -> list[tuple[str, int]]:
    """(my sentence, index of the row) for each pair sharing most character n-grams.

    Trigrams for alphabetic scripts (0.6 or more of the union shared); bigrams
    for Chinese, Japanese and Korean (0.45), where one changed character
    already breaks three trigrams of a short line.
    """
    sizes = {n: [len(_grams(t, n)) for t in rows] for n in (2, 3)}
    index: dict[int, dict[str, list[int]]] = {2: {}, 3: {}}
    for n in (2, 3):
        for i, t in enumerate(rows):
            for gram in _grams(t, n):
                index[n].setdefault(gram, []).append(i)
    near = []
    for text in _mine():
        n, least = (2, 0.45) if _mostly_wide(text) else (3, 0.6)
        g = _grams(text, n)
        shared = Counter(i for gram in g for i in index[n].get(gram, []))
        near += [(text, i) for i, common in shared.items()
                 if common / (len(g) + sizes[n][i] - common) >= least]  # fmt: skip
    return near


def test_families_are_the_known_ones() -> None:
    for lang, fams in sentences7.ATTACKS.items():
        assert set(fams) <= set(sentences7.FAMILIES), lang


def test_no_duplicates_even_after_normalising() -> None:
    normed = Counter(_norm(t) for t in _mine())
    assert not sorted(t for t, n in normed.items() if n > 1)


def test_no_sentence_is_both_attack_and_benign() -> None:
    attack = {_norm(t) for _, _, t in _attacks()}
    assert not [t for _, t in _benign() if _norm(t) in attack]


def test_nothing_repeats_an_earlier_round() -> None:
    old = {_norm(t) for t in _earlier()}
    assert len(old) > 4000  # the earlier modules were read
    assert not [t for t in _mine() if _norm(t) in old]


def test_no_near_repeat_of_an_earlier_round() -> None:
    earlier = _earlier()
    assert not [(t, earlier[i]) for t, i in _near_copies(earlier)]


def test_no_tuning_or_corpus_row_nor_a_near_copy() -> None:
    rows = _readable_rows()
    assert len(rows) > 1200  # the tuning sets (test6 included) and the corpus were read
    held = {_norm(t) for t in rows}
    assert not [t for t in _mine() if _norm(t) in held]
    assert not [(t, rows[i]) for t, i in _near_copies(rows)]


def test_no_untouched_row_nor_a_near_copy() -> None:
    """Checked without showing test7: the failure message is a count only."""
    rows = _untouched_rows()
    held = {_norm(t) for t in rows}
    # Only integers reach the assertion, so pytest cannot print a row.
    read, equal, near = len(rows), sum(1 for t in _mine() if _norm(t) in held), 0
    near = len(_near_copies(rows))
    del rows, held
    assert read > 100, "test7 was not read"
    assert equal == 0, f"{equal} sentences equal to a test7 row"
    assert near == 0, f"{near} near copies of a test7 row"


@pytest.mark.parametrize("lang", sorted(CLAIMED))
def test_counts_at_least_what_we_claim(lang: str) -> None:
    attacks = [t for la, _, t in _attacks() if lang in ("all", la)]
    benign = [t for la, t in _benign() if lang in ("all", la)]
    assert len(attacks) >= CLAIMED[lang][0] and len(benign) >= CLAIMED[lang][1]


def test_family_counts_at_least_what_we_claim() -> None:
    for family, least in CLAIMED_FAMILY_ALL.items():
        got = sum(1 for _, fam, _ in _attacks() if fam == family)
        assert got >= least, family
