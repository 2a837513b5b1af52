"""The round-5 multilingual training sentences stay clean: no duplicates, no
held-out row (nor a near copy of one), nothing that repeats round 2's
sentences, no sentence on both sides, no unknown family, and at least the
counts we claim.

The held-out sets (``tests/screen/heldout``) measure the screening; a row of
them in the training data would make that measure lie. Every set that may be
read is checked here (dev, test, test2, test3, test4, test5, test6, test7, probe), and
the corpus: no copy (as it is, normalised, or without spacing, hyphens and
case) and no near copy by character n-grams. The untouched splits (``_fresh.UNTOUCHED``) are
checked the same way, and a failure shows only how many sentences copy them,
never a row. Each check is one case of ``test_nothing_offends`` (see
``_fresh.checks``); those known to fail are in ``KNOWN`` (strict xfail).
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
# Round 2's hand-written sentences are already trained on; a repeat adds nothing,
# and a repeat on the other side would contradict it.
CHECKS = _fresh.checks(
    sentences5_i18n,
    _fresh.gram_near_copies,
    least_rows=500,
    earlier=[sentences],
    least_earlier=200,
    claimed=CLAIMED,
    claimed_families={"all": CLAIMED_FAMILY_ALL, "zh": CLAIMED_FAMILY_ZH},
)
# Found when test6 (a tuning set since round 7) and test7 (since round 8) were first
# checked; the sentence files are not changed to suit them.
KNOWN = {
    "near copies of a test6 row": "1 sentence is a near copy of a test6 row",
    "near copies of a test7 row": "1 sentence is a near copy of a test7 row",
    # test10 (a tuning set written blind in round 8) by chance too.
    "near copies of a test10 row": "3 sentences are near copies of a test10 row",
}


@pytest.mark.parametrize("check", _fresh.params(CHECKS, xfail=KNOWN))
def test_nothing_offends(check: str) -> None:
    """Every check of ``_fresh.checks``, by name (near copies by character n-grams)."""
    assert CHECKS[check]() == []


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
    assert _fresh.reproducible(sentences5_i18n, per=1)
