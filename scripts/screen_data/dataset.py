"""The learned screening layer's training texts: every generator and hand-written file, labelled.

``scripts/train_screen.py`` trains on :func:`dataset`; ``bench/screening_by_source.py``
and ``bench/screen_multilingual.py`` rebuild the same texts. The order in which
the generators draw from their seeds is part of the shipped weights: a new
sentence file goes at the end of ``ONE_BY_ONE``, with its own seed, so every
text drawn before it stays as it was.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import (
    attacks,
    attacks_i18n,
    benign,
    benign_i18n,
    chat,
    overlap,
    pointers,
    sentences,
    sentences5_en,
    sentences5_i18n,
    sentences6_en,
    sentences6_i18n,
    sentences7,
)

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = 15
ROUNDS_EN = 220
ROUNDS_I18N = 90
ROUNDS_BENIGN = 260
ROUNDS_CHAT = 4000
SENTENCE_VARIANTS = 6
ROUNDS_POINTERS = 40
SENTENCE5_VARIANTS = 4
INSTRUCTING = {"injection", "exfiltration", "breakout"}
# Sentence files written one by one (rounds 5 and 6), one a line: each is drawn
# from its own seed, SEED + 5 + its place here, so a new file goes at the end.
ONE_BY_ONE = (
    sentences5_en,
    sentences5_i18n,
    sentences6_en,
    sentences6_i18n,
    sentences7,
)


def _disguise(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    how = rng.randrange(5)
    out = []
    for w in words:
        if len(w) < 5 or rng.random() < 0.4:
            out.append(w)
        elif how == 0:
            cut = rng.randrange(2, len(w) - 1)
            out.append(w[:cut] + "-" + w[cut:])
        elif how == 1:
            out.append(" ".join(w))
        elif how == 2:
            out.append("".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(w)))
        elif how == 3:
            out.append(".".join(w))
        else:
            out.append(w.translate(str.maketrans("oieas", "01345")))
    return " ".join(out)


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _assist_turns() -> list[str]:
    turns: list[str] = []
    current: list[str] = []
    for line in (ROOT / "bench/data/assist_dev.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(("U: ", "A: ", "#")):
            if current:
                turns.append("\n".join(current).strip())
            current = [line[3:]] if line.startswith(("U: ", "A: ")) else []
        elif current:
            current.append(line)
    if current:
        turns.append("\n".join(current).strip())
    out = []
    for turn in turns:  # long answers as paragraphs, like the memories made of them
        out += [p.strip() for p in turn.split("\n\n") if len(p.strip()) > 10]
    return out


# Round 8: the tuning splits of tests/screen/heldout, written blind by engineers who
# tuned nothing and tuned on since, are training texts too: they are worded by other
# hands than every file above. Never the untouched splits (UNTOUCHED), and no row of
# a tuning split that copies or nearly copies one of theirs: blind writers of the same
# brief meet on the classic attacks ("Ignore all previous instructions…"), and such a
# row would teach the layer a row it is judged on. The untouched rows are read for
# that comparison only (tests/screen/test_training_data.py). Secrets are the rules' job.
TUNED = ("dev", "test", "test2", "probe", "test3", "test4", "test5", "test6", "test7", "test10",
         "test11", "test8", "test9")  # fmt: skip
# Round 9: test8 and test9 were run twice in round 8 and are tuned on; test12 judges round 9
# and test13 round 10.
UNTOUCHED = ("test12", "test13")
TUNED_VARIANTS = 2
HELDOUT = ROOT / "tests/screen/heldout"


def tuned_rows() -> list[tuple[str, int, str]]:
    """``(text, label, lang)`` of the tuning splits' statements, secrets and rows that
    copy or nearly copy an untouched row left out."""
    rows = []
    for split in TUNED:
        for r in _jsonl(HELDOUT / f"{split}.jsonl"):
            if r["category"] != "secret":
                rows.append((str(r["text"]), int(r["label"] == "attack"), str(r["lang"])))
    apart = [str(r["text"]) for split in UNTOUCHED for r in _jsonl(HELDOUT / f"{split}.jsonl")]
    texts = [t for t, _, _ in rows]
    near = {t for t, _ in overlap.copies(texts, apart)}
    near |= {t for t, _ in overlap.gram_near_copies(texts, apart)}
    near |= {t for t, _ in overlap.near_copies(texts, apart)}
    return [row for row in rows if row[0] not in near]


def _doc_sentences() -> list[str]:
    """Sentences of memstack's docs: instructions to people about software.

    Read from a snapshot (``screen_data/doc_sentences.txt``, one sentence a
    line, taken from docs/ at round 2 of issue 15, leaving out screening.md and
    benchmarks.md, which quote attacks), not from docs/ itself: the docs change
    every day, and the shipped weights must stay reproducible.
    """
    path = ROOT / "scripts/screen_data/doc_sentences.txt"
    return [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@dataclass
class Data:
    """The training texts (sorted) with their labels and where each came from."""

    texts: list[str]
    y: np.ndarray  # 1 = instructs the model
    hand: np.ndarray  # hand-written benign statements (for calibration)
    source: list[str]  # the file (or generator) a text came from (bench/screening_by_source.py)


def dataset() -> Data:
    """Texts, labels (1 = instructs the model), a hand-written flag and source."""
    rng = random.Random(SEED)
    rows: dict[str, tuple[int, bool, str]] = {}
    pos: list[tuple[str, str]] = [(t, "attacks") for t, _ in attacks.generate(rng, ROUNDS_EN)]
    pos += [(t, "attacks_i18n") for t, _, _ in attacks_i18n.generate(rng, ROUNDS_I18N)]
    corpus = ROOT / "tests/screen/corpus"
    pos += [(str(r["text"]), "corpus") for r in _jsonl(corpus / "malicious.jsonl")
            if str(r["category"]) in INSTRUCTING]  # fmt: skip
    neg: list[tuple[str, str]] = [(t, "benign") for t, _, _ in benign.generate(rng, ROUNDS_BENIGN)]
    neg += [(t, "chat") for t, _, _ in chat.generate(rng, ROUNDS_CHAT)]
    neg += [(t, "benign_i18n") for t, _, _ in benign_i18n.generate(rng, ROUNDS_I18N * 4)]
    for text, label, _ in sentences.generate(rng, SENTENCE_VARIANTS):
        if label:
            pos.append((text, "sentences"))
        else:
            neg.append((text, "sentences"))
    hand = [(str(r["text"]), "corpus") for r in _jsonl(corpus / "benign.jsonl")]
    hand += [(t, "assist") for t in _assist_turns()] + [(t, "docs") for t in _doc_sentences()]
    pos += [(_disguise(rng, t), s) for t, s in pos if rng.random() < 0.12]
    neg += [(_disguise(rng, t), s) for t, s in neg if rng.random() < 0.04]
    # Added in round 4 from their own seed, so every text above stays as it was.
    neg += [(t, "pointers") for t, _ in pointers.generate(random.Random(SEED + 4), ROUNDS_POINTERS)]
    # Rounds 5 and 6: sentences written one by one, each file from its own seed, so the
    # texts above stay as they were and one file's growth leaves the other's as it is.
    for offset, module in enumerate(ONE_BY_ONE):
        rng5 = random.Random(SEED + 5 + offset)
        name = module.__name__.rsplit(".", 1)[-1]
        new_pos: list[tuple[str, str]] = []
        new_neg: list[tuple[str, str]] = []
        for text, label, _ in module.generate(rng5, SENTENCE5_VARIANTS):
            (new_pos if label else new_neg).append((text, name))
        new_pos += [(_disguise(rng5, t), s) for t, s in new_pos if rng5.random() < 0.12]
        new_neg += [(_disguise(rng5, t), s) for t, s in new_neg if rng5.random() < 0.04]
        pos += new_pos
        neg += new_neg
    # Round 8: the tuning splits, each statement alone and behind TUNED_VARIANTS wrappers,
    # from the next seed; the benign ones alone count as hand-written (thresholds).
    tuned = tuned_rows()
    rng8 = random.Random(SEED + 5 + len(ONE_BY_ONE))
    for text, label, _ in sentences.with_variants(rng8, TUNED_VARIANTS, tuned):
        (pos if label else neg).append((text, "heldout"))
    for t, src in pos:
        rows.setdefault(t, (1, False, src))
    for t, src in neg:
        rows.setdefault(t, (0, False, src))
    for t, src in hand:
        rows.setdefault(t, (0, True, src))
    for t in (t for t, label, _ in tuned if not label):
        if rows[t][0] == 0:
            rows[t] = (0, True, rows[t][2])
    # The look-alikes written one by one (rounds 2, 5 and 6, without their wrappers)
    # are hand-written benign statements too, and count for the thresholds.
    for module in (sentences, *ONE_BY_ONE):
        for t in (t for texts in module.BENIGN.values() for t in texts):
            if rows[t][0] == 0:
                rows[t] = (0, True, rows[t][2])
    texts = sorted(rows)
    return Data(
        texts,
        np.array([rows[t][0] for t in texts], dtype=np.float64),
        np.array([rows[t][1] for t in texts], dtype=bool),
        [rows[t][2] for t in texts],
    )
