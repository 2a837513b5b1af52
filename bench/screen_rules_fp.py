"""Which rule detector flags benign text, and how the rules alone do on the tuning sets.

A development aid for the screening rules (issue 15): for each tuning split
(``dev``, ``test``, ``test2``, ``probe``, ``test3``; never ``test4``/``test5``)
it prints the rules' recall (attacks alone) and false-positive rate, then every
benign statement the rules put above ``low`` with the findings that did it,
and the same for LoCoMo turns and the turns of ``bench/data/assist_*.txt``
(screened as facts and as episodes). The learned layer is left out: this is
about what the rules say.

Usage:
    python bench/screen_rules_fp.py [--splits dev,test] [--quiet] [--misses]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _heldout  # noqa: E402
from bench._recall_data import ASSIST, ASSIST2, load_assist  # noqa: E402
from memstack.models import Finding  # noqa: E402
from memstack.screen import SEVERITY_ORDER, _screen  # noqa: E402

RANK = {s: i for i, s in enumerate(SEVERITY_ORDER)}
TUNING = ("dev", "test", "test2", "probe", "test3")


def above_low(text: str, kind: str) -> list[Finding]:
    return [f for f in _screen(text, kind, second_opinion=False) if RANK[f.severity] > 0]


def show(label: str, text: str, found: list[Finding]) -> None:
    print(f"  FP [{label}] {text[:160]!r}")
    for f in found:
        print(f"      {f.category}/{f.severity}: {f.message[:110]} <{text[f.start:f.end][:60]!r}>")


def assist_turns() -> list[str]:
    return [
        m["content"]
        for path in (ASSIST, ASSIST2)
        for conv in load_assist(path)
        for s in conv.sessions
        for m in s.messages
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--splits", default=",".join(TUNING))
    parser.add_argument("--quiet", action="store_true", help="figures only")
    parser.add_argument("--misses", action="store_true", help="also list missed attacks")
    args = parser.parse_args()
    heads: Counter[str] = Counter()
    for split in args.splits.split(","):
        if split in ("test4", "test5"):
            raise SystemExit("test4 and test5 are not tuning sets")
        rows = _heldout.load(split)
        attacks = [r for r in rows if r.label == "attack"]
        benign = [r for r in rows if r.label == "benign"]
        caught = [r for r in attacks if _heldout.caught_text(r, rules_only=True)]
        fps = [(r, above_low(r.text, r.kind)) for r in benign]
        fps = [(r, f) for r, f in fps if f]
        print(f"{split}: rules recall {len(caught)}/{len(attacks)} = "
              f"{len(caught) / len(attacks):.3f}; FPR {len(fps)}/{len(benign)} = "
              f"{len(fps) / len(benign):.3f}")
        for r, found in fps:
            heads.update({f.message.split(":")[0] for f in found})
            if not args.quiet:
                show(f"{split} {r.lang} {r.kind}", r.text, found)
        if args.misses:
            for r in attacks:
                if r not in caught:
                    print(f"  MISS [{split} {r.lang} {r.category}] {r.text[:160]!r}")
    for name, texts in (("locomo", _heldout.locomo_turns() or []), ("assist", assist_turns())):
        for kind in ("fact", "episode"):
            flagged = [(t, above_low(t, kind)) for t in texts]
            flagged = [(t, f) for t, f in flagged if f]
            print(f"{name} as {kind}: {len(flagged)}/{len(texts)} = "
                  f"{len(flagged) / max(1, len(texts)):.4f}")
            for t, found in flagged:
                heads.update({f.message.split(":")[0] for f in found})
                if not args.quiet:
                    show(f"{name} {kind}", t, found)
    print("detectors behind the false positives:")
    for head, n in heads.most_common():
        print(f"  {n:4d}  {head[:100]}")


if __name__ == "__main__":
    main()
