"""The round-6 English training sentences (issue 15) are fresh, distinct and as many as claimed.

Training data copied from a tuning or test set would make every figure measured
on it a lie, so each sentence of ``scripts/screen_data/sentences6_en.py`` (and
of the modules it gathers: ``sentences6_en_orders.py``, ``_packaged``,
``_facts``, ``_benign``, ``_people`` and ``_everyday``) is checked against the
rows of the held-out sets that may be read (dev, test, test2, test3, test4,
test5, test6, probe) and of the corpus: neither equal, nor equal after NFKC,
lower-casing and folding white space, nor equal once spacing, hyphens and case
are gone, nor a near copy (a Jaccard overlap of 0.6 or more between its words
and one row's). The untouched split, test7, is checked the same way by
``_fresh.untouched_copies``, which gives back a count and no row. Nor does a
sentence repeat, or nearly repeat, a sentence of the earlier ``sentences*.py``
files, since a repeat adds nothing but weight. The helpers are in ``_fresh.py``.
"""

from __future__ import annotations

import random
import sys

import pytest

from tests.screen import _fresh

sys.path.insert(0, str(_fresh.ROOT / "scripts"))

from screen_data import sentences, sentences5_en, sentences5_i18n, sentences6_en  # noqa: E402

FAMILIES = ("override", "governance", "persona", "standing", "exfil", "addressing")
# What the module claims (its docstring and the round-6 brief): at least this many.
CLAIMED = {
    "override": 85,
    "governance": 150,
    "persona": 55,
    "standing": 125,
    "exfil": 85,
    "addressing": 150,
}
CLAIMED_ATTACKS = 650
CLAIMED_BENIGN = 775
EARLIER = (sentences, sentences5_en, sentences5_i18n)
# test6 (a tuning set since round 7) holds a row one sentence nearly repeats: its
# near copies are counted apart, so the other sets stay a hard check.
NEAR_SETS = tuple(name for name in _fresh.READABLE if name != "test6")


def attacks() -> list[str]:
    return _fresh.flat(sentences6_en.ATTACKS)


def benign() -> list[str]:
    return _fresh.flat(sentences6_en.BENIGN)


def test_the_families_are_the_six_named_ones() -> None:
    assert set(sentences6_en.ATTACKS) == {"en"}
    assert set(sentences6_en.ATTACKS["en"]) == set(FAMILIES)
    assert set(sentences6_en.BENIGN) == {"en"}


@pytest.mark.parametrize("family", FAMILIES)
def test_each_family_holds_what_is_claimed(family: str) -> None:
    assert len(sentences6_en.ATTACKS["en"][family]) >= CLAIMED[family]


def test_totals() -> None:
    assert len(attacks()) >= CLAIMED_ATTACKS
    assert len(benign()) >= CLAIMED_BENIGN


def test_no_sentence_is_repeated_even_with_other_case_or_spacing() -> None:
    assert _fresh.repeated(attacks() + benign()) == []


def test_no_sentence_is_on_both_sides() -> None:
    assert _fresh.on_both_sides(attacks(), benign()) == []


def test_no_sentence_is_empty_or_padded() -> None:
    for text in attacks() + benign():
        assert text.strip() == text and len(text) >= 12, repr(text)


def test_no_sentence_repeats_an_earlier_sentence_file() -> None:
    older = _fresh.earlier_sentences(EARLIER)
    assert len(older) > 2000  # the earlier files were found and read
    assert _fresh.copies(attacks() + benign(), older) == []


def test_no_sentence_is_a_near_copy_of_an_earlier_sentence_file() -> None:
    assert _fresh.near_copies(attacks() + benign(), _fresh.earlier_sentences(EARLIER)) == []


def test_nothing_is_taken_from_the_heldout_sets_or_the_corpus() -> None:
    rows = _fresh.protected_rows()
    assert len(rows) > 1000  # the files were found and read
    assert _fresh.copies(attacks() + benign(), rows) == []


def test_no_sentence_is_a_near_copy_of_a_heldout_or_corpus_row() -> None:
    assert _fresh.near_copies(attacks() + benign(), _fresh.protected_rows(NEAR_SETS)) == []


@pytest.mark.xfail(strict=True, reason="1 sentence is a near copy of a test6 row")
def test_no_sentence_is_a_near_copy_of_a_test6_row() -> None:
    assert _fresh.near_copies(attacks() + benign(), _fresh.heldout_rows(["test6"])) == []


def test_nothing_copies_or_nearly_copies_the_untouched_split() -> None:
    n = _fresh.untouched_copies(attacks() + benign(), _fresh.near_copies)
    assert n == 0, f"{n} sentences copy an untouched row"


def test_generate_yields_each_sentence_alone_and_behind_the_shared_wrappers() -> None:
    per = 2
    out = list(sentences6_en.generate(random.Random(6), per))
    labelled = [(t, 1) for t in attacks()] + [(t, 0) for t in benign()]
    assert len(out) == len(labelled) * (per + 1)
    assert sorted(out[i][:2] for i in range(0, len(out), per + 1)) == sorted(labelled)
    assert {lang for _, _, lang in out} == {"en"}
    prefixes = {
        (lead + w).replace("{n}", "") for lead in sentences.LEADS for w in sentences.WRAPPERS
    }
    assert _fresh.variant_heads(out, per, prefixes) == []


def test_generate_is_reproducible() -> None:
    one = list(sentences6_en.generate(random.Random(7), 3))
    two = list(sentences6_en.generate(random.Random(7), 3))
    assert one == two
