"""The round-5 multilingual training sentences stay clean: no duplicates, no
held-out row (nor a near copy of one), nothing that repeats round 2's
sentences, no sentence on both sides, and at least the counts we claim.

The held-out sets (``tests/screen/heldout``) measure the screening; a row of
them in the training data would make that measure lie. Every set that may be
read is checked here (dev, test, test2, test3, test4, test5, test6, probe), and
the corpus; the untouched split, test7, only through
``_fresh.untouched_copies``, which gives back a count and no row. The helpers
are in ``_fresh.py``.
"""

from __future__ import annotations

import random
import sys

import pytest

from tests.screen import _fresh

sys.path.insert(0, str(_fresh.ROOT / "scripts"))

from screen_data import sentences, sentences5_i18n  # noqa: E402

# What the commit messages and the report claim; the data may only grow.
# (attacks, benign) at least, per language and in all.
CLAIMED = {"all": (880, 820), "zh": (300, 280), "ja": (120, 120), "fr": (60, 60), "es": (60, 55),
           "de": (60, 55), "ru": (60, 60), "ar": (40, 40), "ko": (20, 20), "pt": (20, 20),
           "it": (20, 20), "hi": (20, 17), "tr": (20, 17), "vi": (20, 17)}  # fmt: skip
CLAIMED_FAMILY_ZH = {"override": 40, "governance": 45, "persona": 30, "standing": 40,
                     "exfil": 40, "addressing": 45, "breakout": 25}  # fmt: skip
CLAIMED_FAMILY_ALL = {"override": 115, "governance": 125, "persona": 80, "standing": 130,
                      "exfil": 110, "addressing": 165, "breakout": 60}  # fmt: skip
# test6 (a tuning set since round 7) holds a row one sentence nearly repeats: its
# near copies are counted apart, so the other sets stay a hard check.
NEAR_SETS = tuple(name for name in _fresh.READABLE if name != "test6")


def mine() -> list[str]:
    return _fresh.texts(sentences5_i18n)


def test_families_are_the_known_ones() -> None:
    for lang, fams in sentences5_i18n.ATTACKS.items():
        assert set(fams) <= set(sentences5_i18n.FAMILIES), lang


def test_no_duplicates_even_after_normalising() -> None:
    assert not _fresh.repeated(mine())


def test_no_sentence_is_both_attack_and_benign() -> None:
    assert not _fresh.on_both_sides(_fresh.flat(sentences5_i18n.ATTACKS),
                                    _fresh.flat(sentences5_i18n.BENIGN))  # fmt: skip


def test_no_heldout_row_in_the_training_sentences() -> None:
    rows = _fresh.protected_rows()
    assert len({_fresh.norm(t) for t in rows}) > 500  # the tuning sets were read
    assert not _fresh.copies(mine(), rows)


def test_nothing_repeats_the_round_two_sentences() -> None:
    """Round 2's hand-written sentences are already trained on; a repeat adds
    nothing, and a repeat on the other side would contradict it."""
    assert not _fresh.copies(mine(), _fresh.earlier_sentences([sentences]))


def test_no_near_copy_of_a_heldout_row() -> None:
    """Character n-grams: see ``_fresh.gram_near_copies``."""
    assert not _fresh.gram_near_copies(mine(), _fresh.protected_rows(NEAR_SETS))


@pytest.mark.xfail(strict=True, reason="1 sentence is a near copy of a test6 row")
def test_no_near_copy_of_a_test6_row() -> None:
    assert not _fresh.gram_near_copies(mine(), _fresh.heldout_rows(["test6"]))


@pytest.mark.xfail(strict=True, reason="1 sentence copies or nearly copies a test7 row")
def test_no_copy_or_near_copy_of_an_untouched_row() -> None:
    n = _fresh.untouched_copies(mine(), _fresh.gram_near_copies)
    assert n == 0, f"{n} sentences copy an untouched row"


@pytest.mark.parametrize("lang", sorted(CLAIMED))
def test_counts_at_least_what_we_claim(lang: str) -> None:
    n_attacks, n_benign = _fresh.lang_counts(sentences5_i18n, lang)
    assert n_attacks >= CLAIMED[lang][0] and n_benign >= CLAIMED[lang][1]


@pytest.mark.parametrize(
    ("lang", "claimed"), [("all", CLAIMED_FAMILY_ALL), ("zh", CLAIMED_FAMILY_ZH)]
)
def test_family_counts_at_least_what_we_claim(lang: str, claimed: dict[str, int]) -> None:
    assert _fresh.short_families(sentences5_i18n, lang, claimed) == {}


def test_generate_shows_each_sentence_alone_and_behind_wrappers() -> None:
    rows = list(sentences5_i18n.generate(random.Random(5), 2))
    attacks = _fresh.attacks(sentences5_i18n)
    n_attacks, n_benign = len(attacks), len(_fresh.benign(sentences5_i18n))
    assert len(rows) == 3 * (n_attacks + n_benign)
    assert sum(label for _, label, _ in rows) == 3 * n_attacks
    texts = {t for t, _, _ in rows}
    assert {t for _, _, t in attacks} <= texts
    wrapped = [t for t, _, _ in rows if any(t.endswith(a) and t != a for _, _, a in attacks)]
    assert wrapped  # the variants come from sentences.py's wrappers and leads
    prefixes = {w.replace("{n}", "") for w in sentences.WRAPPERS if w}
    assert any(any(p and p in t for p in prefixes) for t in wrapped)
    langs = {lang for _, _, lang in rows}
    assert langs == set(sentences5_i18n.ATTACKS) | set(sentences5_i18n.BENIGN)


def test_same_seed_same_rows() -> None:
    one = list(sentences5_i18n.generate(random.Random(7), 1))
    two = list(sentences5_i18n.generate(random.Random(7), 1))
    assert one == two
