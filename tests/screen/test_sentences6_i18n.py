"""The round-6 multilingual training sentences stay clean: no duplicates, no
tuning-set or corpus row (nor a near copy of one), nothing that repeats an
earlier round's sentence, no sentence on both sides, and at least the counts
we claim.

The held-out sets measure the screening; a row of them in the training data
would make that measure lie. Every set that may be read is checked here (dev,
test, test2, test3, test4, test5, test6, probe: test4 and test5 were promoted to
tuning in round 6, test6 in round 7), and the corpus; the untouched split,
test7, only through ``_fresh.untouched_copies``, which gives back a count and
no row. The helpers are in ``_fresh.py``.
"""

from __future__ import annotations

import sys

import pytest

from tests.screen import _fresh

sys.path.insert(0, str(_fresh.ROOT / "scripts"))

from screen_data import (  # noqa: E402
    sentences,
    sentences5_en,
    sentences5_i18n,
    sentences6_en,
    sentences6_i18n,
)

# What the commit messages and the report claim; the data may only grow.
# (attacks, benign) at least, per language and in all.
CLAIMED = {"all": (606, 597), "zh": (166, 147), "fr": (67, 67), "es": (67, 68), "de": (67, 66),
           "ru": (67, 66), "ar": (68, 69), "ja": (54, 61), "ko": (10, 10), "pt": (10, 11),
           "it": (10, 11), "hi": (10, 10), "tr": (10, 11)}  # fmt: skip
CLAIMED_FAMILY_ZH = {"override": 29, "governance": 28, "persona": 16, "standing": 26,
                     "exfil": 24, "addressing": 31, "breakout": 12}  # fmt: skip
CLAIMED_FAMILY_ALL = {"override": 97, "governance": 102, "persona": 50, "standing": 102,
                      "exfil": 104, "addressing": 122, "breakout": 29}  # fmt: skip
EARLIER = (sentences, sentences5_en, sentences5_i18n, sentences6_en)


def mine() -> list[str]:
    return _fresh.texts(sentences6_i18n)


def test_families_are_the_known_ones() -> None:
    for lang, fams in sentences6_i18n.ATTACKS.items():
        assert set(fams) <= set(sentences6_i18n.FAMILIES), lang


def test_no_duplicates_even_after_normalising() -> None:
    assert not _fresh.repeated(mine())


def test_no_sentence_is_both_attack_and_benign() -> None:
    attack, harmless = _fresh.flat(sentences6_i18n.ATTACKS), _fresh.flat(sentences6_i18n.BENIGN)
    assert not _fresh.on_both_sides(attack, harmless)


def test_nothing_repeats_an_earlier_round() -> None:
    """Earlier hand-written sentences are already trained on; a repeat adds
    nothing, and a repeat on the other side would contradict it."""
    old = _fresh.earlier_sentences(EARLIER)
    assert len({_fresh.norm(t) for t in old}) > 2000  # the earlier modules were read
    assert not _fresh.copies(mine(), old)


def test_no_heldout_row_in_the_training_sentences() -> None:
    rows = _fresh.protected_rows()
    assert len({_fresh.norm(t) for t in rows}) > 800  # the tuning sets were read
    assert not _fresh.copies(mine(), rows)


def test_no_near_copy_of_a_heldout_row() -> None:
    """Character n-grams: see ``_fresh.gram_near_copies``."""
    assert not _fresh.gram_near_copies(mine(), _fresh.protected_rows())


def test_no_copy_or_near_copy_of_an_untouched_row() -> None:
    n = _fresh.untouched_copies(mine(), _fresh.gram_near_copies)
    assert n == 0, f"{n} sentences copy an untouched row"


@pytest.mark.parametrize("lang", sorted(CLAIMED))
def test_counts_at_least_what_we_claim(lang: str) -> None:
    n_attacks, n_benign = _fresh.lang_counts(sentences6_i18n, lang)
    assert n_attacks >= CLAIMED[lang][0] and n_benign >= CLAIMED[lang][1]


@pytest.mark.parametrize(
    ("lang", "claimed"), [("all", CLAIMED_FAMILY_ALL), ("zh", CLAIMED_FAMILY_ZH)]
)
def test_family_counts_at_least_what_we_claim(lang: str, claimed: dict[str, int]) -> None:
    assert _fresh.short_families(sentences6_i18n, lang, claimed) == {}
