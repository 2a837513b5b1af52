"""Would a multilingual sentence encoder help the learned screen on ZH JA AR RU text? (issue 15)

Today the learned layer (``memstack/screen/learned.py``) reads the shipped
embedder's vector (all-MiniLM-L6-v2, English) only for text of mostly Latin
letters; Chinese, Japanese, Arabic, Russian… are judged by character n-grams
alone. This script measures what a multilingual encoder from PyPI would add,
on the non-English rows of the *tuning* sets (``tests/screen/heldout/``
dev, test, test2, test3, probe; never test4 or test5):

* **current**: the shipped layer as it runs (``learned.scan``), and its score;
* **probe**: a logistic regression on the candidate's vector alone, trained on
  the team's multilingual training statements (``attacks_i18n``,
  ``benign_i18n``, the non-English rows of ``sentences``), to see what the
  vector knows by itself;
* **layer+X**: the prototype of how the layer would use it: the layer
  retrained exactly as ``scripts/train_screen.py`` does (same data, seed,
  steps, out-of-fold thresholds), with the candidate's vector as extra dense
  features of every mostly-non-Latin statement (MiniLM's stay for Latin text).

Recall and false-positive rate are given at each model's own threshold
(``medium``; the probe's is set so that 2% of its training benign pass), and
recall again at the current layer's false-positive rate on the same rows (the
threshold then picked on those benign rows: an optimistic figure, the same for
every model), with the ROC AUC. A secret is not the layer's job (the rules
refuse it), so secret rows are left out.

Vectors come from ``bench/mling_embed.py`` (run it first, in the environment
that holds each encoder; see docs/screening.md, "A multilingual encoder?").

Usage:
    python bench/screen_multilingual.py [--encoders use,use-static,e5] [--no-write]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_screen as ts  # noqa: E402
from screen_data import attacks_i18n, benign_i18n, dataset, sentences  # noqa: E402
from screen_data.vectors import vectors as minilm_vectors  # noqa: E402

from bench import _heldout, mling_embed  # noqa: E402
from bench._report import table, write_section  # noqa: E402
from memstack.screen import learned  # noqa: E402
from memstack.screen._text import label_end  # noqa: E402
from memstack.screen.sentence import reads_vector  # noqa: E402

SPLITS = ("dev", "test", "test2", "test3", "probe")
NON_LATIN = ("zh", "ja", "ar", "ru", "ko", "hi")
GROUPS = {"non-Latin (zh ja ar ru ko hi)": NON_LATIN, "Latin (fr es de it pt tr)":
          ("fr", "es", "de", "it", "pt", "tr"), "English": ("en",)}  # fmt: skip
LANGS = ("zh", "ja", "ar", "ru")
Vec = np.ndarray


def tuning_rows() -> list[_heldout.Row]:
    rows = [r for s in SPLITS for r in _heldout.load(s)]
    return [r for r in rows if r.category != "secret"]


def blank(text: str) -> str:
    return learned._LABEL.sub(lambda x: " " * len(x.group(0)), text)


# -- vectors -------------------------------------------------------------------------------------


class Vectors:
    """MiniLM vectors (training cache, else computed) and a candidate's (its cache)."""

    def __init__(self, name: str | None, bias: bool = False) -> None:
        self.name = name
        self.bias = int(bias)  # a constant feature for non-Latin text (the stacked block's bias)
        self.mling = mling_embed.load(name) if name else {}
        self.dim = len(next(iter(self.mling.values()))) if self.mling else 0
        self.minilm: dict[str, Vec] = {}

    def prime(self, texts: list[str]) -> None:
        latin = sorted({t for t in texts if reads_vector(t)} - set(self.minilm))
        if latin:
            self.minilm.update(zip(latin, minilm_vectors(latin, progress=False), strict=True))

    def candidate(self, text: str) -> Vec:
        found = self.mling.get(mling_embed.key(text))
        if found is None:
            raise SystemExit(f"no {self.name} vector for {text[:60]!r}: run bench/mling_embed.py")
        return found

    def dense(self, text: str) -> Vec:
        """MiniLM's vector for Latin text, the candidate's for the rest (zeros elsewhere)."""
        out = np.zeros(384 + self.dim + self.bias, np.float32)
        if reads_vector(text):
            if text not in self.minilm:
                self.minilm[text] = learned.sentence_vector(text)
            out[:384] = self.minilm[text]
        elif self.dim:
            out[384 : 384 + self.dim] = self.candidate(text)
            out[384 + self.dim :] = 1.0
        return out.astype(np.float16).astype(np.float32)


@contextlib.contextmanager
def every_text_has_a_vector() -> Iterator[None]:
    """Let ``learned.score`` read the dense vector of non-Latin text too (the prototype)."""
    saved = learned.reads_vector
    learned.reads_vector = lambda _text: True  # type: ignore[assignment]
    try:
        yield
    finally:
        learned.reads_vector = saved


# -- models --------------------------------------------------------------------------------------


def layer_scores(model: learned.Model, rows: list[_heldout.Row], vec: Vectors) -> np.ndarray:
    """The layer's score of each row, read as ``learned.scan`` reads it."""
    out = []
    with every_text_has_a_vector():
        for r in rows:
            text = blank(r.text)
            out.append(learned.score(text, model, vec.dense(text), vec.dense)[0])
    return np.array(out)


def train_layer(vec: Vectors) -> learned.Model:
    """``scripts/train_screen.py``'s fit(), with the candidate's vector for non-Latin text."""
    data = ts.dataset()
    texts, y, hand = data.texts, data.y, data.hand
    idx, indptr, scale = ts._matrix(texts)
    bodies = sorted({t[b:] for t in texts if (b := label_end(t))} - set(texts))
    vec.prime(texts + bodies)
    dense = np.stack([vec.dense(t) for t in texts]).astype(np.float64)
    fold = np.array([ts.zlib.crc32(t.encode()) % 2 for t in texts])
    oof = np.zeros(len(texts))
    with every_text_has_a_vector():
        for k in (0, 1):
            tr = fold != k
            i, p = ts._subset(idx, indptr, tr)
            fitted = ts.train(i, p, scale[tr], y[tr], dense[tr])
            w, b, u = fitted.weights, fitted.bias, fitted.dense
            assert u is not None
            m = learned.Model(w.astype(np.float32), b, 1.0, 1.0, "fold", u.astype(np.float32))
            for j in np.flatnonzero(~tr):
                oof[j] = learned.score(texts[j], m, dense[j].astype(np.float32), vec.dense)[0]
    neg = oof[hand & (y == 0)]
    medium = float(np.quantile(neg, ts.MEDIUM_QUANTILE))
    high = max(float(np.quantile(neg, ts.HIGH_QUANTILE)), medium + 0.05)
    fitted = ts.train(idx, indptr, scale, y, dense)
    w, b, u = fitted.weights, fitted.bias, fitted.dense
    assert u is not None
    return learned.Model(w.astype(np.float16).astype(np.float32), b, medium, high,
                         f"proto-{vec.name}", u.astype(np.float32))  # fmt: skip


FOLDS = ROOT / ".artifacts" / "mling-vectors" / "folds.npz"


def fold_logits() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Out-of-fold n-gram logits of the mostly-non-Latin training statements.

    The two half-data models ``scripts/train_screen.py`` trains for its
    thresholds, trained again here (same data, seed and steps; cached in
    ``.artifacts``): each statement is scored by the model that did not see it,
    so the block stacked on top learns what the n-grams miss, not what they
    memorised.
    """
    data = ts.dataset()
    texts, y = data.texts, data.y
    keep = np.array([not reads_vector(t) for t in texts])
    chosen = [t for t, k in zip(texts, keep, strict=True) if k]
    if FOLDS.exists():
        with np.load(FOLDS) as data:
            if int(data["n"]) == len(chosen):
                return chosen, y[keep], data["logits"]
    idx, indptr, scale = ts._matrix(texts)
    dense = ts._vectors(texts)
    fold = np.array([ts.zlib.crc32(t.encode()) % 2 for t in texts])
    logits = np.zeros(len(texts))
    for k in (0, 1):
        tr = fold != k
        i, p = ts._subset(idx, indptr, tr)
        fitted = ts.train(i, p, scale[tr], y[tr], dense[tr])
        w, b = fitted.weights, fitted.bias
        m = learned.Model(w.astype(np.float16).astype(np.float32), b, 1.0, 1.0, "fold")
        for j in np.flatnonzero(~tr & keep):
            logits[j] = m.logit(learned.features(texts[j]))
    FOLDS.parent.mkdir(parents=True, exist_ok=True)
    np.savez(FOLDS, n=len(chosen), logits=logits[keep])
    return chosen, y[keep], logits[keep]


def stacked_layer(vec: Vectors, shipped: learned.Model, l2: float = 1e-2) -> learned.Model:
    """The shipped layer plus one block for mostly-non-Latin text: the prototype.

    Nothing of the shipped model changes (n-gram weights, MiniLM weights,
    thresholds), so Latin and English text scores exactly as today. For text of
    mostly non-Latin letters the candidate's vector (and a constant, a bias of
    its own) adds ``x @ u`` to the logit; ``u`` is a class-balanced L2 logistic
    regression on top of the out-of-fold n-gram logits.
    """
    texts, y, offset = fold_logits()
    x = np.stack([vec.candidate(t) for t in texts]).astype(np.float16).astype(np.float64)
    x = np.hstack([x, np.ones((len(x), 1))])
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean())) / len(y)
    u = np.zeros(x.shape[1])
    reg = l2 * np.eye(x.shape[1])
    reg[-1, -1] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-(offset + x @ u)))
        g = x.T @ ((p - y) * weight) + reg @ u
        h = (x * (weight * p * (1 - p))[:, None]).T @ x + reg
        u -= np.linalg.solve(h, g)
    assert shipped.dense is not None
    dense = np.concatenate([shipped.dense, u.astype(np.float32)])
    return learned.Model(shipped.weights, shipped.bias, shipped.medium, shipped.high,
                         f"stacked-{vec.name}", dense)  # fmt: skip


def i18n_training() -> tuple[list[str], np.ndarray]:
    """The team's multilingual training statements (the probe's data)."""
    rng = random.Random(dataset.SEED)
    rows: dict[str, int] = {}
    for t, _, _ in attacks_i18n.generate(rng, dataset.ROUNDS_I18N):
        rows.setdefault(t, 1)
    for t, _, _ in benign_i18n.generate(rng, dataset.ROUNDS_I18N * 4):
        rows.setdefault(t, 0)
    for t, label, lang in sentences.generate(rng, dataset.SENTENCE_VARIANTS):
        if lang != "en":
            rows.setdefault(t, label)
    texts = sorted(rows)
    return texts, np.array([rows[t] for t in texts], dtype=np.float64)


def train_probe(x: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression by Newton steps (deterministic)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean())) / len(y)
    w = np.zeros(xb.shape[1])
    reg = l2 * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-(xb @ w)))
        g = xb.T @ ((p - y) * weight) + reg @ w
        h = (xb * (weight * p * (1 - p))[:, None]).T @ xb + reg
        w -= np.linalg.solve(h, g)
    return w[:-1], float(w[-1])


# -- metrics -------------------------------------------------------------------------------------


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def recall_at_fpr(pos: np.ndarray, neg: np.ndarray, fpr: float) -> float:
    """Recall with the lowest threshold that lets at most ``fpr`` of ``neg`` through."""
    allowed = int(np.floor(fpr * len(neg) + 1e-9))
    ranked = np.sort(neg)[::-1]
    threshold = ranked[allowed] if allowed < len(ranked) else -np.inf
    return float((pos > threshold).mean())


def report(
    name: str, rows: list[_heldout.Row], scores: np.ndarray, flags: np.ndarray,
    target_fpr: dict[str, float],
) -> list[list[object]]:  # fmt: skip
    out: list[list[object]] = []
    for group, langs in GROUPS.items():
        sel = np.array([r.lang in langs for r in rows])
        if not sel.any():
            continue
        atk = sel & np.array([r.label == "attack" for r in rows])
        ben = sel & ~atk
        recall, fpr = flags[atk].mean(), flags[ben].mean()
        per = " ".join(
            f"{lang} {int(flags[atk & m].sum())}/{int((atk & m).sum())}"
            for lang in LANGS
            if (m := np.array([r.lang == lang for r in rows]))[atk].any() and lang in langs
        )
        out.append([name, group, f"{int(flags[atk].sum())}/{int(atk.sum())} ({recall:.2f})",
                    f"{int(flags[ben].sum())}/{int(ben.sum())} ({fpr:.2f})",
                    f"{recall_at_fpr(scores[atk], scores[ben], target_fpr[group]):.2f}",
                    f"{auc(scores[atk], scores[ben]):.3f}", per or "-"])  # fmt: skip
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoders", default="use,use-static,e5")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--layer", choices=("stacked", "joint", "none"), default="stacked",
                        help="how the layer uses the vector: a block stacked on the shipped "
                        "layer (default), the whole layer retrained with it (slow), or neither")
    args = parser.parse_args()
    names = [n for n in args.encoders.split(",") if n]

    rows = tuning_rows()
    base = Vectors(None)
    shipped = learned.load()
    flags = np.array([bool(learned.scan(r.text, r.kind)) for r in rows])
    scores = layer_scores(shipped, rows, base)
    target = {}
    for group, langs in GROUPS.items():
        ben = np.array([r.lang in langs and r.label == "benign" for r in rows])
        target[group] = float(flags[ben].mean())
    lines = report("current layer", rows, scores, flags, target)

    train_texts, train_y = i18n_training()
    foreign = [r for r in rows if r.lang != "en"]
    for name in names:
        vec = Vectors(name)
        x = np.stack([vec.candidate(t) for t in train_texts]).astype(np.float64)
        w, b = train_probe(x, train_y)
        train_scores = x @ w + b
        threshold = float(np.quantile(train_scores[train_y == 0], 0.98))
        s = np.array([float(vec.candidate(r.text) @ w + b) for r in foreign])
        lines += report(f"probe: {name} alone", foreign, s, s >= threshold, target)
        if args.layer == "stacked":
            model = stacked_layer(Vectors(name, bias=True), shipped)
            s = layer_scores(model, rows, Vectors(name, bias=True))
            lines += report(f"layer + {name} block", rows, s, s >= model.medium, target)
        if args.layer == "joint":
            started = time.perf_counter()
            model = train_layer(vec)
            s = layer_scores(model, rows, vec)
            print(f"layer+{name} trained and scored in {time.perf_counter() - started:.0f} s "
                  f"(medium {model.medium:.3f}, shipped {shipped.medium:.3f})",
                  file=sys.stderr)  # fmt: skip
            lines += report(f"layer retrained with {name}", rows, s, s >= model.medium, target)

    headers = ["model", "rows", "attacks caught", "benign flagged", "recall at current FPR",
               "AUC", "ZH JA AR RU caught"]  # fmt: skip
    body = table(headers, lines)
    print(body)
    if not args.no_write:
        how = {"stacked": "a block on the shipped layer", "joint": "the layer retrained with it",
               "none": "probes"}[args.layer]  # fmt: skip
        write_section(f"screen-multilingual-{args.layer}", "Screening: a multilingual encoder for "
                      f"non-Latin text, {how} (tuning sets)", body)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
