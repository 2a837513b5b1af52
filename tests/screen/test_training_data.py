"""The learned layer trains on the tuning splits, never on the untouched ones (round 8).

From round 8 the tuning splits of ``tests/screen/heldout`` (written blind by
engineers who tuned nothing, then tuned on) are training texts of the learned
layer (``scripts/screen_data/dataset.py``, ``TUNED``). The splits that judge a
round (``_fresh.UNTOUCHED``) must stay out: these tests hold the list apart
from them and count, without showing a row, the training statements that copy
or nearly copy one of their rows.
"""

from __future__ import annotations

import sys

import pytest

from tests.screen import _fresh

sys.path.insert(0, str(_fresh.ROOT / "scripts"))

from screen_data.dataset import TUNED, UNTOUCHED, tuned_rows  # noqa: E402


def test_the_tuned_splits_are_readable_and_none_is_untouched() -> None:
    assert set(TUNED) <= set(_fresh.READABLE)
    assert not set(TUNED) & set(_fresh.UNTOUCHED)
    assert set(UNTOUCHED) <= set(_fresh.UNTOUCHED)


def test_the_tuned_rows_come_from_the_tuning_splits() -> None:
    rows = tuned_rows()
    texts = {t for t, _, _ in rows}
    assert texts <= set(_fresh.heldout_rows(TUNED))
    # Secrets and the rows near an untouched one are left out, most rows stay.
    assert len(rows) > 2800
    assert {label for _, label, _ in rows} == {0, 1}


# An untouched split written after the shipped weights were trained: the tuned rows
# near its rows (a count) leave the training data at the next retraining, when the
# split joins dataset.UNTOUCHED; until then this is a known failure.
PENDING = pytest.mark.xfail(strict=True, reason="the next retraining decontaminates against it")


@pytest.mark.parametrize(
    "name", [n if n in UNTOUCHED else pytest.param(n, marks=PENDING) for n in _fresh.UNTOUCHED]
)
@pytest.mark.parametrize("near", [_fresh.gram_near_copies, _fresh.near_copies])
def test_no_tuned_row_copies_an_untouched_row(near: _fresh.NearCheck, name: str) -> None:
    ours = [t for t, _, _ in tuned_rows()]
    assert _fresh.untouched_copies(ours, near, name) == 0
