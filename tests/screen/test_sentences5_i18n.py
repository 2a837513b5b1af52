"""The round-5 multilingual training sentences stay clean: no duplicates, no
held-out row, no sentence on both sides, and at least the counts we claim.

The held-out sets (``tests/screen/heldout``) measure the screening; a row of
them in the training data would make that measure lie. Only the tuning sets
are read here (dev, test, test2, test3, probe); the untouched sets are not.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from screen_data import sentences, sentences5_i18n  # noqa: E402

HELDOUT = ROOT / "tests/screen/heldout"
TUNING_SETS = ("dev", "test", "test2", "test3", "probe")
CORPUS = ROOT / "tests/screen/corpus"

# What the commit messages and the report claim; the data may only grow.
# (attacks, benign) at least, per language and in all.
CLAIMED = {"all": (880, 820), "zh": (300, 280), "ja": (120, 120), "fr": (60, 60), "es": (60, 55),
           "de": (60, 55), "ru": (60, 60), "ar": (40, 40), "ko": (20, 20), "pt": (20, 20),
           "it": (20, 20), "hi": (20, 17), "tr": (20, 17), "vi": (20, 17)}  # fmt: skip
CLAIMED_FAMILY_ZH = {"override": 40, "governance": 45, "persona": 30, "standing": 40,
                     "exfil": 40, "addressing": 45, "breakout": 25}  # fmt: skip
CLAIMED_FAMILY_ALL = {"override": 115, "governance": 125, "persona": 80, "standing": 130,
                      "exfil": 110, "addressing": 165, "breakout": 60}  # fmt: skip


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def _attacks() -> list[tuple[str, str, str]]:
    return [(lang, fam, t) for lang, fams in sentences5_i18n.ATTACKS.items()
            for fam, rows in fams.items() for t in rows]  # fmt: skip


def _benign() -> list[tuple[str, str]]:
    return [(lang, t) for lang, rows in sentences5_i18n.BENIGN.items() for t in rows]


def _heldout_rows() -> list[str]:
    """Rows of the tuning sets and of the screening corpus (neither may be copied)."""
    paths = [HELDOUT / f"{name}.jsonl" for name in TUNING_SETS]
    paths += [CORPUS / "malicious.jsonl", CORPUS / "benign.jsonl"]
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(str(json.loads(line)["text"]))
    return rows


def test_families_are_the_known_ones() -> None:
    for lang, fams in sentences5_i18n.ATTACKS.items():
        assert set(fams) <= set(sentences5_i18n.FAMILIES), lang


def test_no_duplicates_even_after_normalising() -> None:
    texts = [t for _, _, t in _attacks()] + [t for _, t in _benign()]
    normed = [_norm(t) for t in texts]
    dupes = sorted({t for t in normed if normed.count(t) > 1})
    assert not dupes


def test_no_sentence_is_both_attack_and_benign() -> None:
    attack = {_norm(t) for _, _, t in _attacks()}
    both = [t for _, t in _benign() if _norm(t) in attack]
    assert not both


def test_no_heldout_row_in_the_training_sentences() -> None:
    held = {_norm(t) for t in _heldout_rows()}
    assert len(held) > 500  # the tuning sets were read
    leaked = [t for _, _, t in _attacks() if _norm(t) in held]
    leaked += [t for _, t in _benign() if _norm(t) in held]
    assert not leaked


def test_nothing_repeats_the_round_two_sentences() -> None:
    """Round 2's hand-written sentences are already trained on; a repeat adds
    nothing, and a repeat on the other side would contradict it."""
    old = {_norm(t) for rows in sentences.ATTACKS.values() for t in rows}
    old |= {_norm(t) for rows in sentences.BENIGN.values() for t in rows}
    repeats = [t for _, _, t in _attacks() if _norm(t) in old]
    repeats += [t for _, t in _benign() if _norm(t) in old]
    assert not repeats


def _grams(text: str, n: int) -> set[str]:
    t = _norm(text)
    return {t[i : i + n] for i in range(max(len(t) - n + 1, 1))}


def _mostly_cjk(text: str) -> bool:
    wide = sum(1 for c in text if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    return wide > len(text) / 2


def test_no_near_copy_of_a_heldout_row() -> None:
    """A light paraphrase shares most character n-grams with its source.

    Trigrams for alphabetic scripts; bigrams for Chinese, Japanese and Korean,
    where one changed character already breaks three trigrams of a short line.
    """
    rows = _heldout_rows()
    sizes = {n: [len(_grams(t, n)) for t in rows] for n in (2, 3)}
    index: dict[int, dict[str, list[int]]] = {2: {}, 3: {}}  # n-gram -> rows holding it
    for n in (2, 3):
        for i, t in enumerate(rows):
            for gram in _grams(t, n):
                index[n].setdefault(gram, []).append(i)
    near = []
    for text in [t for _, _, t in _attacks()] + [t for _, t in _benign()]:
        n, least = (2, 0.45) if _mostly_cjk(text) else (3, 0.6)
        g = _grams(text, n)
        shared = Counter(i for gram in g for i in index[n].get(gram, []))
        for i, common in shared.items():
            if common / (len(g) + sizes[n][i] - common) >= least:
                near.append((text, rows[i]))
    assert not near


@pytest.mark.parametrize("lang", sorted(CLAIMED))
def test_counts_at_least_what_we_claim(lang: str) -> None:
    attacks = [t for la, _, t in _attacks() if lang in ("all", la)]
    benign = [t for la, t in _benign() if lang in ("all", la)]
    assert len(attacks) >= CLAIMED[lang][0] and len(benign) >= CLAIMED[lang][1]


@pytest.mark.parametrize(
    ("lang", "claimed"), [("all", CLAIMED_FAMILY_ALL), ("zh", CLAIMED_FAMILY_ZH)]
)
def test_family_counts_at_least_what_we_claim(lang: str, claimed: dict[str, int]) -> None:
    for family, least in claimed.items():
        got = sum(1 for la, fam, _ in _attacks() if fam == family and lang in ("all", la))
        assert got >= least, family


def test_generate_shows_each_sentence_alone_and_behind_wrappers() -> None:
    rows = list(sentences5_i18n.generate(random.Random(5), 2))
    n_attacks, n_benign = len(_attacks()), len(_benign())
    assert len(rows) == 3 * (n_attacks + n_benign)
    assert sum(label for _, label, _ in rows) == 3 * n_attacks
    texts = {t for t, _, _ in rows}
    assert {t for _, _, t in _attacks()} <= texts
    wrapped = [t for t, _, _ in rows if any(t.endswith(a) and t != a for _, _, a in _attacks())]
    assert wrapped  # the variants come from sentences.py's wrappers and leads
    prefixes = {w.replace("{n}", "") for w in sentences.WRAPPERS if w}
    assert any(any(p and p in t for p in prefixes) for t in wrapped)
    langs = {lang for _, _, lang in rows}
    assert langs == set(sentences5_i18n.ATTACKS) | set(sentences5_i18n.BENIGN)


def test_same_seed_same_rows() -> None:
    one = list(sentences5_i18n.generate(random.Random(7), 1))
    two = list(sentences5_i18n.generate(random.Random(7), 1))
    assert one == two
