"""The round-6 multilingual training sentences stay clean: no duplicates, no
tuning-set or corpus row (nor a near copy of one), nothing that repeats an
earlier round's sentence, no sentence on both sides, no unknown family, and at
least the counts we claim.

The held-out sets measure the screening; a row of them in the training data
would make that measure lie. Every set that may be read is checked here (dev,
test, test2, test3, test4, test5, test6, test7, probe: test4 and test5 were promoted to
tuning in round 6, test6 in round 7), and the corpus: no copy (as it is,
normalised, or without spacing, hyphens and case) and no near copy by
character n-grams. The untouched splits (``_fresh.UNTOUCHED``) are checked the same way, and a
failure shows only how many sentences copy them, never a row. Each check is one
case of ``test_nothing_offends`` (see ``_fresh.checks``).
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
# Earlier hand-written sentences are already trained on; a repeat adds nothing,
# and a repeat on the other side would contradict it.
EARLIER = (sentences, sentences5_en, sentences5_i18n, sentences6_en)
CHECKS = _fresh.checks(
    sentences6_i18n,
    _fresh.gram_near_copies,
    least_rows=800,
    earlier=EARLIER,
    claimed=CLAIMED,
    claimed_families={"all": CLAIMED_FAMILY_ALL, "zh": CLAIMED_FAMILY_ZH},
)


# Found when test9 (untouched in round 8, tuned on since round 9) was first checked; the
# file is not changed to suit it.
KNOWN = {"near copies of a test9 row": "1 sentence is a near copy of a test9 row"}


@pytest.mark.parametrize("check", _fresh.params(CHECKS, xfail=KNOWN))
def test_nothing_offends(check: str) -> None:
    """Every check of ``_fresh.checks``, by name (near copies by character n-grams)."""
    assert CHECKS[check]() == []
