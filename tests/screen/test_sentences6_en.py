"""The round-6 English training sentences (issue 15) are fresh, distinct and as many as claimed.

Training data copied from a tuning or test set would make every figure measured
on it a lie, so each sentence of ``scripts/screen_data/sentences6_en.py`` (and
of the modules it gathers: ``sentences6_en_orders.py``, ``_packaged``,
``_facts``, ``_benign``, ``_people`` and ``_everyday``) is checked against the
rows of the held-out sets that may be read (dev, test, test2, test3, test4,
test5, test6, test7, probe) and of the corpus: neither equal, nor equal after NFKC,
lower-casing and folding white space, nor equal once spacing, hyphens and case
are gone, nor a near copy (a Jaccard overlap of 0.6 or more between its words
and one row's). The untouched splits (``_fresh.UNTOUCHED``) are checked the same way, and a
failure shows only how many sentences copy them, never a row. Nor does a sentence
repeat, or nearly repeat, a sentence of the earlier ``sentences*.py`` files,
since a repeat adds nothing but weight. Its families are the six named ones,
every family and both sides hold at least what is claimed, no sentence is
repeated, on both sides, padded or shorter than 12 characters, and ``generate``
gives each sentence alone and behind the shared wrappers, reproducibly. Each
check is one case of ``test_nothing_offends`` (see ``_fresh.checks``); those
known to fail are in ``KNOWN`` (strict xfail).
"""

from __future__ import annotations

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
CHECKS = _fresh.checks(
    sentences6_en, _fresh.near_copies, earlier=EARLIER, near_earlier=True, padding=True,
    claimed={"en": (CLAIMED_ATTACKS, CLAIMED_BENIGN)}, claimed_families={"en": CLAIMED},
    langs=["en"], families=FAMILIES, generate_seed=6,
)  # fmt: skip
# test6 became a tuning set in round 7; the sentence files are not changed to suit it.
KNOWN = {
    "near copies of a test6 row": "1 sentence is a near copy of a test6 row",
    # test10 (a tuning set written blind in round 8) by chance too.
    "near copies of a test10 row": "1 sentence is a near copy of a test10 row",
}


@pytest.mark.parametrize("check", _fresh.params(CHECKS, xfail=KNOWN))
def test_nothing_offends(check: str) -> None:
    """Every check of ``_fresh.checks``, by name."""
    assert CHECKS[check]() == []
