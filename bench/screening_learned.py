"""Experiment: would a small learned layer beside the rules catch what they miss?

Issue 15 asks for a classifier of "text that tries to instruct the model". This
script trains the cheapest candidate, a logistic regression over hashed word
unigrams, bigrams and character 4-grams, on data the team wrote (the corpus,
the held-out ``dev`` set, and sentences of memstack's own docs as hard
negatives), and measures it where it was not trained: the held-out ``test``
and ``probe`` sets (attacks caught alone and together with the rules) and every
LoCoMo turn (benign chat; share flagged). The threshold flags at most 1% of the
training negatives. Deterministic: full-batch gradient descent, no randomness.

The result decides adoption; it is written to docs/benchmarks.md.

Usage:
    python bench/screening_learned.py [--no-write]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import _heldout  # noqa: E402
from bench._report import table, write_section  # noqa: E402
from memstack.screen import max_severity, screen  # noqa: E402
from memstack.screen._text import fold  # noqa: E402

INSTRUCTING = {"injection", "exfiltration", "breakout"}
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def features(text: str) -> list[int]:
    words = _WORD.findall(fold(text).folded.lower())
    feats = {f"w:{w}" for w in words}
    feats.update(f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False))
    padded = f" {' '.join(words)} "
    feats.update(f"c:{padded[i : i + 4]}" for i in range(len(padded) - 3))
    return sorted({zlib.crc32(f.encode()) % (1 << 18) for f in feats})


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def dataset() -> tuple[list[str], list[int]]:
    pairs: list[tuple[str, int]] = []
    for row in _jsonl(ROOT / "tests/screen/corpus/malicious.jsonl"):
        if str(row["category"]) in INSTRUCTING:
            pairs.append((str(row["text"]), 1))
    pairs += [(str(r["text"]), 0) for r in _jsonl(ROOT / "tests/screen/corpus/benign.jsonl")]
    for row in _jsonl(ROOT / "tests/screen/heldout/dev.jsonl"):
        if row["label"] == "benign":
            pairs.append((str(row["text"]), 0))
        elif row["category"] != "secret":
            pairs.append((str(row["text"]), 1))
    for path in sorted([*ROOT.glob("docs/*.md"), ROOT / "README.md"]):
        if path.name in ("screening.md", "benchmarks.md"):
            continue
        for chunk in re.split(r"(?<=[.!?])\s+|\n\s*\n", path.read_text(encoding="utf-8")):
            chunk = " ".join(chunk.split())
            if 30 <= len(chunk) <= 400 and max_severity(screen(chunk)) in (None, "low"):
                pairs.append((chunk, 0))
    return [t for t, _ in pairs], [y for _, y in pairs]


def train(texts: list[str], labels: list[int], l2: float, steps: int = 1500) -> tuple[
    dict[int, float], float, float
]:  # fmt: skip
    rows = [features(t) for t in texts]
    used = sorted({b for r in rows for b in r})
    index = {b: i for i, b in enumerate(used)}
    x = np.zeros((len(rows), len(used)))
    for i, r in enumerate(rows):
        x[i, [index[b] for b in r]] = 1.0 / max(1.0, len(r)) ** 0.5
    y = np.asarray(labels, dtype=np.float64)
    sample = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    w, bias = np.zeros(len(used)), 0.0
    for _ in range(steps):
        g = (1.0 / (1.0 + np.exp(-(x @ w + bias))) - y) * sample / len(y)
        w -= 5.0 * (x.T @ g + l2 * w)
        bias -= 5.0 * g.sum()
    negatives = np.sort((x @ w + bias)[y == 0])
    cut = float(negatives[int(len(negatives) * 0.99)])
    return {b: float(w[index[b]]) for b in used}, bias, cut


def flagged(model: tuple[dict[int, float], float, float], text: str) -> bool:
    weights, bias, cut = model
    r = features(text)
    return bias + sum(weights.get(b, 0.0) for b in r) / max(1.0, len(r)) ** 0.5 >= cut


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()
    texts, labels = dataset()
    turns = _heldout.locomo_turns() or []
    evals = {}
    for split in ("test", "probe"):
        rows = [r for r in _heldout.load(split) if r.category != "secret"]
        attacks = [
            r for r in rows if r.label == "attack" and not re.search(r"key|passphrase", r.text)
        ]
        evals[split] = attacks
    out = []
    for l2 in (1e-3, 1e-4):
        weights, bias, cut = train(texts, labels, l2)

        model = (weights, bias, cut)
        row: list[object] = [f"{l2:g}"]
        for attacks in evals.values():
            rules = [_heldout.worst(a.text, a.kind) >= 1 for a in attacks]
            learned = [flagged(model, a.text) for a in attacks]
            row += [
                f"{sum(rules)}/{len(attacks)}",
                f"{sum(x or y for x, y in zip(rules, learned, strict=True))}/{len(attacks)}",
            ]
        row.append(sum(flagged(model, t) for t in turns) / len(turns) if turns else "n/a")
        out.append(row)
    text = (
        f"{sum(labels)} positives and {len(labels) - sum(labels)} negatives for training. "
        "Attacks caught by the rules alone and by rules or model (secrets left out); "
        "LoCoMo = share of all benign chat turns the model flags.\n\n"
        + table(
            [
                "L2",
                "test: rules",
                "test: rules+model",
                "probe: rules",
                "probe: rules+model",
                "LoCoMo flagged",
            ],
            out,
        )  # fmt: skip
    )
    print(text)
    if not args.no_write:
        write_section("screening-learned", "Screening: a learned layer (experiment, not adopted)",
                      text, command="python bench/screening_learned.py")  # fmt: skip


if __name__ == "__main__":
    main()
