"""Do the style findings need the learned layer's backing? The evidence behind ``CORROBORATE``.

The style detectors ("imperative aimed at the model", "instruction about how
the model answers" and, since round 8, the standing and conditional forms)
flag an order to the model and a harmless preference alike, and the shape
detectors (round 8: a fetch-and-run command, a code fence, a ``<script>``
element, a "user:" line) a form an attack may take and a note about one's own
work alike. ``memstack/screen/_opinion.py`` keeps their findings at ``medium``
only when the learned layer scores the statement at least ``CORROBORATE``. For each
tuning split (``bench/_heldout.TUNING``, never the untouched split) and the
corpus, this prints:

* the attacks that only those detectors catch (no other finding of
  ``medium`` or more from the rules), and the lowest learned score among them:
  what the threshold must stay below;
* the benign statements whose only findings above ``low`` are theirs, and
  the highest learned score among them: what the threshold must stay above;
* what the shipped threshold does: attacks lost, false positives removed.

The learned score is the highest over the statement and the layers inside its
wrappers, as screening computes it.

Usage:
    python bench/screen_corroborate.py [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _heldout  # noqa: E402
from bench._report import table, write_section  # noqa: E402
from memstack.screen import SEVERITY_ORDER, _inner, _screen, learned  # noqa: E402
from memstack.screen._opinion import CORROBORATE, peeled  # noqa: E402
from memstack.screen._rules import SHAPES, STYLE  # noqa: E402

RANK = {s: i for i, s in enumerate(SEVERITY_ORDER)}
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "screen" / "corpus"


def backing(text: str) -> float:
    """The learned layer's highest score over the statement and its inner layers."""
    best = learned.score(text)[0]
    for start, end in peeled(text, _inner(text)):
        best = max(best, learned.score(text[start:end])[0])
    return best


def style_only(text: str, kind: str) -> bool:
    """The rules' only findings above low come from the style and shape detectors."""
    above = [f for f in _screen(text, kind, second_opinion=False) if RANK[f.severity] >= 1]
    return bool(above) and all(f.message.partition(":")[0] in STYLE + SHAPES for f in above)


def corpus_rows() -> list[tuple[str, str, bool]]:
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                rows.append((d["text"], d.get("kind", "fact"), path.stem == "malicious"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    sources = {s: [(r.text, r.kind, r.label == "attack") for r in _heldout.load(s)]
               for s in _heldout.TUNING}  # fmt: skip
    sources["corpus"] = corpus_rows()
    rows: list[list[object]] = []
    for name, items in sources.items():
        attacks = [backing(t) for t, kind, bad in items if bad and style_only(t, kind)]
        benign = [backing(t) for t, kind, bad in items if not bad and style_only(t, kind)]
        rows.append([
            name, len(attacks), f"{min(attacks):.2f}" if attacks else "-",
            len(benign), f"{max(benign):.2f}" if benign else "-",
            sum(s < CORROBORATE for s in attacks), sum(s < CORROBORATE for s in benign),
        ])  # fmt: skip
    heads = ["set", "attacks caught by style only", "lowest learned score", "benign flagged by "
             "style only", "highest learned score", f"attacks lost at {CORROBORATE}",
             f"false positives removed at {CORROBORATE}"]  # fmt: skip
    body = table(heads, rows)
    print(body)
    if args.write:
        note = (
            "Style findings (an imperative aimed at the model, a 'when you answer' clause, "
            "and since round 8 the standing and conditional forms) and shape findings (round 8: "
            "a fetch-and-run command, a code fence, a <script> element, a 'user:' line) keep "
            f"medium only when the learned layer scores the statement at least {CORROBORATE} "
            "(memstack/screen/_opinion.py). Per tuning split and the corpus: the attacks only "
            "those detectors catch and the benign statements only they flag, with the learned "
            "scores that bound the threshold. Since round 8 the learned layer trains on the "
            "tuning splits, so these scores are in-sample; the out-of-sample evidence is in "
            "docs/screening.md (Round 8).\n\n"
        )
        write_section("screening-corroborate", "Style findings and the learned layer's backing",
                      note + body, command="python bench/screen_corroborate.py --write")


if __name__ == "__main__":
    main()
