"""The learned screening layer on sentences written by someone it never read (issue 15).

For each file of sentences written one by one in rounds 5 and 6
(``screen_data.dataset.ONE_BY_ONE``: ``scripts/screen_data/sentences5_en.py``,
``sentences5_i18n.py``, ``sentences6_en.py``, ``sentences6_i18n.py``), the
layer is trained by ``scripts/train_screen.py``'s own procedure on every other
text, then scores that file's sentences as
written (no wrappers, no variants): the share of its attacks and of its benign
look-alikes at or above the shipped ``medium`` threshold. The split is by
source file, not by line, so the figure says how the layer does on wording
written apart from what it learned. Beside it, the shipped model (which read
the file) on the same sentences. Vectors come from the training cache
(``.artifacts/screen-vectors``; the first run embeds what is missing).

Usage:
    python bench/screening_by_source.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_screen as ts  # noqa: E402
from screen_data.dataset import ONE_BY_ONE  # noqa: E402

from memstack.screen import learned  # noqa: E402


def _share(model: learned.Model, texts: list[str], vecs: dict[str, np.ndarray]) -> float:
    scores = [learned.score(t, model, vecs[t], vecs.get)[0] for t in texts]
    return float(np.mean(np.array(scores) >= model.medium))


def main() -> None:
    data = ts.dataset()
    idx, indptr, scale = ts._matrix(data.texts)
    dense = ts._vectors(data.texts)
    shipped = learned.load(learned.MODEL_PATH)
    source = np.array(data.source)
    imp = ts.importance(data)
    print("| file | attacks | look-alikes | layer without the file: attacks / look-alikes "
          "flagged | shipped layer: attacks / look-alikes flagged |")  # fmt: skip
    print("|---|---|---|---|---|")
    for module in ONE_BY_ONE:
        name = module.__name__.rsplit(".", 1)[-1]
        attacks = [t for fams in module.ATTACKS.values() for ts_ in fams.values() for t in ts_]
        benign = [t for texts in module.BENIGN.values() for t in texts]
        own = attacks + benign
        vecs = dict(zip(own, ts._read(own), strict=True))
        keep = source != name
        i, p = ts._subset(idx, indptr, keep)
        fitted = ts.train(i, p, scale[keep], data.y[keep], dense[keep], importance=imp[keep])
        apart = fitted.model(shipped.medium, shipped.high)
        cells = [f"{_share(m, attacks, vecs):.1%} / {_share(m, benign, vecs):.1%}"
                 for m in (apart, shipped)]  # fmt: skip
        print(f"| {name} | {len(attacks)} | {len(benign)} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
