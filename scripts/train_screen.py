"""Train the learned screening layer and write memstack/screen/models/instruction.npz.

Reproducible: every random choice comes from ``random.Random(SEED)``, training
is full-batch Adam for a fixed number of steps, so the same code gives the same
weights (``--check`` retrains and compares with the shipped file). The training
texts are assembled by ``screen_data/dataset.py`` (a new sentence file goes at
the end of its ``ONE_BY_ONE``).

Features (round 4): the hashed n-grams of ``memstack.screen.learned.features``
and the shipped embedder's sentence vector of each text, with its own 384
weights trained in the same steps (zero for a text of mostly non-Latin
letters, which the layer judges by its n-grams alone, see
``learned.reads_vector``). The vectors come from
``screen_data/vectors.py``: computed once with the shipped ONNX model (about
19,000 texts, some 20 minutes on two busy cores), cached on disk by the
SHA-256 of model id and text, and rounded to float16, as the layer does at run
time.

Vector dropout (round 5): at each step 30% of the texts, drawn from a seeded
generator, are trained without their vector, so the n-gram weights also judge
a text well alone. The layer scores runs of sentences by their n-grams alone
(the statement's one vector reads mostly its longest sentence and used to pull
an instruction tucked after a long harmless sentence back down). Tried in
round 5 and not kept (models trained on half the data, scored on the tuning
sets): a hidden layer of 32 ReLU units over the vector (no more attacks
flagged, four times the training time), dropout 0.5 (fewer flagged), and
weighting the hand-written sentence files or the attack families up (far
fewer flagged at the same false-positive rate; the families of the misses,
override, addressing, governance, standing, are already the largest).

Round 6 (``instruction-v6``; measured with a model trained on half the data,
its threshold from the other half, on the seven tuning sets and LoCoMo, and
leaving one sentence file out, see docs/screening.md): the n-gram weights are
regularised five times less than before ones (``L2`` 1e-6 instead of 2e-5:
200 steps of Adam already stop short of fitting every rare n-gram), chat turns
weigh three times as much as other benign texts (``CHAT_WEIGHT``: weaker
regularisation alone raised LoCoMo's false positives), and the features gained
single characters and concept cues (``memstack/screen/learned_cues.py``).
Tried and not kept: weighting the hand-written look-alikes two or three times
(fewer attacks flagged at the same false-positive count), per-script
thresholds (too few hand-written benign statements outside Latin and CJK
script to calibrate one, and no gain for the other two), character 6-grams.

Data, all written by the memstack team (nothing downloaded; from the held-out
sets ``tests/screen/heldout/`` only the tuning splits, since round 8):

* attacks: ``scripts/screen_data/attacks.py`` (English, nine families, each a
  product of slots and wrappers) and ``attacks_i18n.py`` (French, Spanish,
  German, Russian, Japanese, Chinese, Arabic); the instructing statements of
  ``tests/screen/corpus/malicious.jsonl`` (injection, exfiltration, break-out);
* benign: ``scripts/screen_data/benign.py`` (facts, look-alikes, preferences,
  chat, code, ids), ``benign_i18n.py`` (ten languages), ``tests/screen/corpus/benign.jsonl`` and
  the user and assistant turns of ``bench/data/assist_dev.txt``, chat turns
  (``chat.py``) and sentences of ``docs/`` (instructions to people; a frozen
  snapshot, ``screen_data/doc_sentences.txt``);
* whole sentences (``sentences.py``, round 2): attacks and look-alikes written
  one by one in eight languages, each alone and behind six random wrappers
  drawn from one pool for both sides (changelogs, tickets, "Alice's
  preference:", labels in eight languages), so a wrapper carries no signal;
* short facts pointing at a link (``pointers.py``, round 4; own seed, so the
  rest of the data is unchanged): "Our status page is https://…";
* round 5: about 1,400 attacks and 1,400 look-alikes written one by one,
  ``sentences5_en.py`` (English, seven families) and ``sentences5_i18n.py``
  (Chinese and Japanese most, then French, Spanish, German, Russian, Arabic
  and six more), each alone and behind four wrappers of ``sentences.py``, each
  file from its own seed (so the texts above, and the other file's, stay as
  they were);
* round 6: English attacks worded as facts, announcements, minutes and
  passive rules, answer steering addressed to nobody, exfiltration by cc or
  SMS, and as many look-alikes (talk about AI, lyrics, subtitles, a user's own
  answer preferences, runbooks, code, reviews, calendar entries), in
  ``sentences6_en.py``, added the same way with the next seed;
* round 6: more sentences written one by one on what test4 and test5 still
  missed or flagged wrongly, ``sentences6_i18n.py`` (Chinese most, then
  Arabic, Russian, French, German, Spanish, Japanese and five more), the same
  way and from its own seed;
* round 7: sentences written one by one on the kinds of failure test6 showed
  (``sentences7.py``, English, Chinese, French, Spanish, German, Russian,
  Japanese, Arabic and a few Portuguese, Italian and Korean): look-alikes
  that keep or strengthen a safeguard, instructions between staff,
  security-awareness notes, commits and tickets about review rules, IT
  notices; attacks that run what outside content says, make the model the
  reviewer of its own proposals, schedule approvals, mute screening warnings,
  rest a persona on a sad story or a rule-free character, or add plugs to
  subtitles; each package on both sides, the same way and from its own seed;
* round 8 (``instruction-v8``): the statements of the tuning splits of
  ``tests/screen/heldout`` (dev, test, test2, probe, test3-test7, test10,
  test11; secrets left out), each alone and behind two wrappers. They were
  written blind, by engineers who tuned nothing, in other hands than every
  file above, and tuned on since; a row that copies or nearly copies a row of
  an untouched split (test8, test9) is left out (67 of 2,957). Measured before
  shipping by training without the split scored (and without the rows near
  its rows), against instruction-v7: test10 and test11, the layer caught
  180 → 185 and 117 → 123 of their attacks with 7 → 5 and 8 → 7 false
  positives; test7, 159 → 162 with 13 → 9. Weighing these statements three
  or eight times as much did no better (three: 185, 124, 161 caught and 4, 6,
  9 false positives);
* round 9 (``instruction-v9``): test8 and test9 too, run before and after
  round 8 and tuned on since; the rows near those of test12 and test13 (the
  untouched splits of rounds 9 and 10) are left out instead;
* disguise: a share of both sides is rewritten with hyphens inside words,
  spaced letters, alternating case, dots or leetspeak, so that a disguise alone
  is not what the model learns.

Thresholds: a first model is trained twice on halves of the data and scores
the other half; ``medium`` is the score that at most 1.5% of the hand-written
benign statements (corpus, assist turns, docs sentences, and since round 5 the
look-alikes of ``sentences*.py`` without their wrappers) reach out of fold,
``high`` at most 0.2%. Round 5 went back from 2% to 1.5%: with the new data,
2% (medium 0.70) flagged 6 of the 382 benign statements of the tuning sets
and 0.58% of LoCoMo turns, one more and 0.05 points more than round 4; 1.5%
(0.74 with that data) flagged 5 and 0.44%, with as many attacks as round 4
(271 of 336 alone; with the final data, 0.76: 262, 5 and 0.34%).
History: the 2% was chosen on ``dev`` (round 3, once the rules stopped flagging chat
advice): it raised the layer's dev recall from 53 to 59 of 70 attacks with no dev
false positive, and kept all LoCoMo turns flagged by rules and model together
below 1% (0.7%); 2.5% reached 62 of 70 but 0.95% of LoCoMo and a dev false
positive. The shipped model is then trained on everything.

Usage:
    python scripts/train_screen.py            # train and write the weights
    python scripts/train_screen.py --check    # retrain; fail if the shipped file differs
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from screen_data.dataset import SEED, Data, dataset  # noqa: E402
from screen_data.vectors import vectors  # noqa: E402

from memstack.screen import learned  # noqa: E402
from memstack.screen._text import label_end  # noqa: E402

STEPS = 200
L2 = 1e-6  # round 6: 2e-5 before (see the docstring)
L2_DENSE = 2e-5
LR_DENSE = 0.05
DROPOUT = 0.3  # share of texts trained without their vector at each step (round 5)
VERSION = "instruction-v9"
CHAT_WEIGHT = 3.0  # round 6: a chat turn weighs three other benign texts
MEDIUM_QUANTILE = 0.985  # out-of-fold benign scores below ``medium`` (see the docstring)
HIGH_QUANTILE = 0.998


def importance(data: Data) -> np.ndarray:
    """How much each text weighs within its class: chat turns :data:`CHAT_WEIGHT`, the rest 1."""
    return np.where(np.array(data.source) == "chat", CHAT_WEIGHT, 1.0)


def _matrix(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    feats = [learned.features(t).astype(np.int64) for t in texts]
    lengths = np.array([max(len(f), 1) for f in feats])
    indptr = np.concatenate([[0], np.cumsum([len(f) for f in feats])])
    return np.concatenate(feats), indptr, 1.0 / np.sqrt(lengths)


class _Adam:
    """Full-batch Adam for a list of arrays (updated in place); deterministic."""

    def __init__(self, params: list[np.ndarray], lr: list[float]) -> None:
        self.params, self.lr = params, lr
        self.m = [np.zeros_like(x) for x in params]
        self.v = [np.zeros_like(x) for x in params]
        self.t = 0

    def step(self, grads: list[np.ndarray]) -> None:
        beta1, beta2, eps = 0.9, 0.999, 1e-8
        self.t += 1
        c1, c2 = 1 - beta1**self.t, 1 - beta2**self.t
        for x, g, m, v, lr in zip(self.params, grads, self.m, self.v, self.lr, strict=True):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            x -= lr * (m / c1) / (np.sqrt(v / c2) + eps)


@dataclass
class Fitted:
    weights: np.ndarray
    bias: float
    dense: np.ndarray | None

    def model(self, medium: float = 1.0, high: float = 1.0) -> learned.Model:
        return learned.Model(
            self.weights.astype(np.float32),
            self.bias,
            medium,
            high,
            "fold",
            None if self.dense is None else self.dense.astype(np.float32),
            learned.EMBEDDER,
        )


def train(
    idx: np.ndarray,
    indptr: np.ndarray,
    scale: np.ndarray,
    y: np.ndarray,
    dense: np.ndarray | None = None,
    dropout: float = DROPOUT,
    importance: np.ndarray | None = None,
) -> Fitted:
    """Weighted logistic regression, full-batch Adam (deterministic).

    ``dense`` (one sentence vector a row) gets its own weights beside the
    hashed n-grams', trained in the same steps. At each step a share
    ``dropout`` of the texts, drawn from a seeded generator, is trained without
    its vector, so the n-gram weights also judge a text well alone: the layer
    scores runs of sentences by their n-grams alone. The two classes weigh the
    same in the loss; within a class, a text weighs ``importance`` (default 1)
    relative to the others (round 6: chat turns weigh :data:`CHAT_WEIGHT`).
    """
    dim = 1 << learned.BITS
    # X @ w sums each row's slice of ``idx``; X.T @ r sums, per feature, the rows
    # that have it: both as np.add.reduceat over contiguous runs (rows in text
    # order, features sorted), a few times faster than np.bincount on 10M+ entries.
    filled = np.diff(indptr) > 0
    row_starts = indptr[:-1][filled]
    order = np.argsort(idx, kind="stable")
    by_feature = np.repeat(np.arange(len(y)), np.diff(indptr))[order]
    feats, feat_starts = np.unique(idx[order], return_index=True)
    del order
    imp = np.ones(len(y)) if importance is None else importance
    pos = y == 1
    weight = np.where(pos, 0.5 * imp / imp[pos].sum(), 0.5 * imp / imp[~pos].sum())
    w = np.zeros(dim)
    b = np.zeros(1)
    u = np.zeros(0 if dense is None else dense.shape[1])
    adam = _Adam([w, b, u], [0.05, 0.05, LR_DENSE])
    drop = np.random.default_rng(SEED + 1)
    keep = np.ones(len(y))
    for _ in range(STEPS):
        z = np.zeros(len(y))
        z[filled] = np.add.reduceat(w[idx], row_starts)
        z = b[0] + z * scale
        if dense is not None:
            if dropout:
                keep = (drop.random(len(y)) >= dropout).astype(np.float64)
            z += keep * (dense @ u)
        p = 1.0 / (1.0 + np.exp(-z))
        r = (p - y) * weight
        gw = L2 * w
        gw[feats] += np.add.reduceat((r * scale)[by_feature], feat_starts)
        gu = np.zeros(0) if dense is None else dense.T @ (r * keep) + L2_DENSE * u
        adam.step([gw, np.array([r.sum()]), gu])
    return Fitted(w, float(b[0]), u if dense is not None else None)


def _subset(idx: np.ndarray, indptr: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    parts = [idx[indptr[i] : indptr[i + 1]] for i in np.flatnonzero(keep)]
    lengths = [len(p) for p in parts]
    return np.concatenate(parts), np.concatenate([[0], np.cumsum(lengths)])


def _vectors(texts: list[str]) -> np.ndarray:
    """The shipped embedder's vectors of ``texts``, cached, rounded to float16 as at run time.

    A text the layer judges without its vector (mostly non-Latin letters, see
    ``learned.reads_vector``) gets a zero row, so the n-gram weights learn it alone.
    """
    return _read(texts).astype(np.float16).astype(np.float64)


def _read(texts: list[str]) -> np.ndarray:
    """Vectors of the texts the layer reads a vector for, zeros for the others (not embedded)."""
    out = np.zeros((len(texts), 384), dtype=np.float32)
    reads = [i for i, t in enumerate(texts) if learned.reads_vector(t)]
    if reads:
        out[reads] = vectors([texts[i] for i in reads])
    return out


def thresholds(oof: np.ndarray, data: Data) -> tuple[float, float]:
    """``medium`` and ``high`` from out-of-fold scores of the hand-written benign statements."""
    neg = oof[data.hand & (data.y == 0)]
    medium = float(np.quantile(neg, MEDIUM_QUANTILE))
    return medium, max(float(np.quantile(neg, HIGH_QUANTILE)), medium + 0.05)


def fit() -> dict[str, np.ndarray]:
    started = time.perf_counter()
    data = dataset()
    texts, y = data.texts, data.y
    idx, indptr, scale = _matrix(texts)
    dense = _vectors(texts)
    imp = importance(data)
    # Out-of-fold scores read the vector of a statement behind a label too.
    bodies = sorted({t[b:] for t in texts if (b := label_end(t))} - set(texts))
    known = dict(zip(texts + bodies, _read(texts + bodies), strict=True))
    print(f"{len(texts)} statements: {int(y.sum())} attacks, {int((1 - y).sum())} benign "
          f"({int(data.hand.sum())} hand-written)", file=sys.stderr)  # fmt: skip
    fold = np.array([zlib.crc32(t.encode()) % 2 for t in texts])
    oof = np.zeros(len(texts))
    for k in (0, 1):
        tr = fold != k
        i, p = _subset(idx, indptr, tr)
        model = train(i, p, scale[tr], y[tr], dense[tr], importance=imp[tr]).model()
        for j in np.flatnonzero(~tr):
            oof[j] = learned.score(texts[j], model, dense[j].astype(np.float32), known.get)[0]
    medium, high = thresholds(oof, data)
    neg = oof[data.hand & (y == 0)]
    print("out-of-fold quantiles of hand-written benign: " + ", ".join(
        f"{q:.3f}: {np.quantile(neg, q):.3f}" for q in (0.97, 0.975, 0.98, 0.985, 0.99)),
        file=sys.stderr)  # fmt: skip
    recall = float((oof[y == 1] >= medium).mean())
    print(f"out of fold: medium {medium:.3f} high {high:.3f}; attacks caught {recall:.3f}",
          file=sys.stderr)  # fmt: skip
    fitted = train(idx, indptr, scale, y, dense, importance=imp)
    assert fitted.dense is not None
    print(f"trained in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    out = {
        "weights": fitted.weights.astype(np.float16),
        "bias": np.array(fitted.bias, dtype=np.float32),
        "dense": fitted.dense.astype(np.float32),
        "embedder": np.array(learned.EMBEDDER),
        "medium": np.array(round(medium, 4), dtype=np.float32),
        "high": np.array(round(high, 4), dtype=np.float32),
        "version": np.array(VERSION),
    }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="retrain and compare with the shipped weights"
    )
    parser.add_argument(
        "--out", type=Path, default=learned.MODEL_PATH, help="where to write the weights"
    )
    args = parser.parse_args()
    arrays = fit()
    if args.check:
        shipped = learned.load(learned.MODEL_PATH)
        diff = float(np.abs(shipped.weights - arrays["weights"].astype(np.float32)).max())
        if shipped.dense is None or shipped.embedder != learned.EMBEDDER:
            diff = float("inf")
        else:
            diff = max(diff, float(np.abs(shipped.dense - arrays["dense"]).max()))
        ok = (diff <= 1e-2 and abs(shipped.bias - float(arrays["bias"])) <= 1e-3
              and abs(shipped.medium - float(arrays["medium"])) <= 1e-3
              and abs(shipped.high - float(arrays["high"])) <= 1e-3)  # fmt: skip
        same = all(np.array_equal(np.load(learned.MODEL_PATH)[k], v) for k, v in arrays.items())
        verdict = "identical" if same else "ok" if ok else "DIFFERENT"
        print(f"max weight difference {diff:.2e}: {verdict}")
        return 0 if ok else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
