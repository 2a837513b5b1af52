"""The round-7 training sentences (issue 15) are fresh, distinct and as many as claimed.

Training data copied from a held-out set would make every figure measured on
it a lie. Each sentence of ``scripts/screen_data/sentences7.py`` (and of the
tables it merges: ``sentences7_en``, ``_zh``, ``_eu``, ``_more``, ``_words``) is
checked against the rows of the tuning sets (dev, test, test2, test3, test4,
test5, test6, test7, probe) and of the corpus: no copy (as it is, normalised, or
without spacing, hyphens and case) and no near copy by character n-grams
(trigrams, or bigrams for Chinese, Japanese and Korean). The untouched splits
(``_fresh.UNTOUCHED``) are checked the same way, and a failure shows only how many sentences
copy them, never a row. Nor does a sentence repeat or nearly repeat an earlier
``sentences*.py`` sentence, sit on both sides, or appear twice. Each check is
one case of ``test_nothing_offends`` (see ``_fresh.checks``).
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
    sentences7,
)

# What the commit messages and the report claim; the data may only grow.
# (attacks, benign) at least, per language and in all.
CLAIMED = {"all": (255, 378), "en": (95, 162), "zh": (35, 47), "fr": (17, 23), "es": (17, 23),
           "de": (18, 23), "ru": (20, 29), "ja": (19, 28), "ar": (19, 28), "pt": (5, 5),
           "it": (5, 5), "ko": (5, 5)}  # fmt: skip
CLAIMED_FAMILY_ALL = {"standing": 59, "governance": 87, "persona": 46, "addressing": 39,
                      "override": 14}  # fmt: skip
EARLIER = (sentences, sentences5_en, sentences5_i18n, sentences6_en, sentences6_i18n)
CHECKS = _fresh.checks(
    sentences7,
    _fresh.gram_near_copies,
    least_rows=1200,
    earlier=EARLIER,
    least_earlier=4000,
    near_earlier=True,
    claimed=CLAIMED,
    claimed_families={"all": CLAIMED_FAMILY_ALL},
)


@pytest.mark.parametrize("check", _fresh.params(CHECKS, xfail={}))
def test_nothing_offends(check: str) -> None:
    """Every check of ``_fresh.checks``, by name (near copies by character n-grams)."""
    assert CHECKS[check]() == []
