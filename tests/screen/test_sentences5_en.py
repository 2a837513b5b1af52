"""The round-5 English training sentences (issue 15) are fresh, distinct and as many as claimed.

Training data copied from a tuning or test set would make every figure measured
on it a lie, so each sentence of ``scripts/screen_data/sentences5_en.py`` is
checked against the rows of the held-out sets that may be read but test4 and
test5 (``SETS``: dev, test, test2, test3, test6, test7, probe) and of the corpus:
neither equal, nor equal after NFKC, lower-casing and folding white space, nor
equal once spacing, hyphens and case are gone, nor a near copy (a Jaccard
overlap of 0.6 or more between its words and one row's). The untouched splits
(``_fresh.UNTOUCHED``) are checked the same way, and a failure shows only how many sentences
copy them, never a row. The same goes for ``sentences5_en_orders.py`` and
``sentences5_en_benign.py`` (with ``sentences5_en_facts.py`` and
``sentences5_en_lookalikes.py``), which it imports. Its families are the seven
named ones, every family and both sides hold at least what is claimed, no
sentence is repeated, on both sides, padded or shorter than 12 characters, and
``generate`` gives each sentence alone and behind the shared wrappers,
reproducibly. Each check is one case of ``test_nothing_offends`` (see
``_fresh.checks``); those known to fail are in ``KNOWN`` (strict xfail).
"""

from __future__ import annotations

import sys

import pytest

from tests.screen import _fresh

sys.path.insert(0, str(_fresh.ROOT / "scripts"))

from screen_data import sentences5_en  # noqa: E402

FAMILIES = ("override", "governance", "persona", "standing", "exfil", "addressing", "breakout")
# What the module claims (its docstring and the round-5 brief): at least this many.
CLAIMED = {
    "override": 100,
    "governance": 100,
    "persona": 80,
    "standing": 115,
    "exfil": 100,
    "addressing": 150,
    "breakout": 70,
}
CLAIMED_BENIGN = 800
# The readable sets but test4 and test5, which were untouched when these sentences
# were written and each hold one row that one of them nearly repeats.
SETS = ("dev", "test", "test2", "test3", "test6", "test7", "probe")
CHECKS = _fresh.checks(
    sentences5_en, _fresh.near_copies, sets=SETS, padding=True,
    claimed={"en": (sum(CLAIMED.values()), CLAIMED_BENIGN)}, claimed_families={"en": CLAIMED},
    langs=["en"], families=FAMILIES, generate_seed=5,
)  # fmt: skip
# Found when test7 (round 7) and test8 (round 8) were first checked; the sentence files
# are not changed to suit them.
KNOWN = {
    "near copies of a test7 row": "1 sentence is a near copy of a test7 row",
    "near copies of a test8 row": "3 sentences are near copies of a test8 row",
    # test10 (a tuning set written blind in round 8) by chance too.
    "near copies of a test10 row": "2 sentences are near copies of a test10 row",
    # test13 (untouched, written blind at the end of round 8), by chance as well: a count.
    _fresh.untouched_check("test13"): "2 sentences copy or nearly copy a test13 row",
}


@pytest.mark.parametrize("check", _fresh.params(CHECKS, xfail=KNOWN))
def test_nothing_offends(check: str) -> None:
    """Every check of ``_fresh.checks``, by name."""
    assert CHECKS[check]() == []
