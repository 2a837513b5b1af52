"""Which rule detector flags benign text, and how the rules alone do on the tuning sets.

A development aid for the screening rules (issue 15): for each tuning split
(``_heldout.TUNING``; never an untouched split such as ``test8``)
it prints the rules' recall (attacks alone) and false-positive rate, then every
benign statement the rules put above ``low`` with the findings that did it,
and the same for LoCoMo turns and the turns of ``bench/data/assist_*.txt``
(screened as facts and as episodes). The learned layer is left out: this is
about what the rules say.

With ``--write`` the figures go into docs/benchmarks.md (section "Screening
rules on the tuning sets"), with the p50/p95 CPU time of the rules alone per
LoCoMo turn of 150-250 characters.

Usage:
    python bench/screen_rules_fp.py [--splits dev,test] [--quiet] [--misses] [--write]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _heldout  # noqa: E402
from bench._recall_data import ASSIST, ASSIST2, load_assist  # noqa: E402
from bench._report import table, write_section  # noqa: E402
from memstack.models import Finding  # noqa: E402
from memstack.screen import SEVERITY_ORDER, _cached, _screen  # noqa: E402

RANK = {s: i for i, s in enumerate(SEVERITY_ORDER)}
TUNING = _heldout.TUNING


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


BEFORE = (
    "Before round 5 (main f369ab5, same sets and command): rules recall / FPR dev 80/80 / "
    "0/73, test 46/50 / 1/51, test2 31/64 / 3/61, probe 18/30 / 0/30, test3 54/152 / "
    "5/167; LoCoMo 0/5882 as facts and as episodes; assist turns 55/204 as facts and 55/204 "
    "as episodes (code fences 51, then tool, imperative and conditional style, `rm -rf /` in "
    "a Dockerfile, `<input {...props} />`); rules alone p50 445-460 µs, p95 640-700 µs on "
    "the same turns (three runs on the loaded machine)."
)


def rules_latency(texts: list[str]) -> tuple[float, float]:
    """p50 and p95 CPU microseconds of the rules alone (uncached), best of three passes."""
    best: list[float] | None = None
    for _ in range(3):
        times = []
        for t in texts:
            start = time.process_time()
            _cached.__wrapped__(t, "fact", False)
            times.append((time.process_time() - start) * 1e6)
        times.sort()
        if best is None or times[len(times) // 2] < best[len(best) // 2]:
            best = times
    assert best is not None
    return best[len(best) // 2], best[int(len(best) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--splits", default=",".join(TUNING))
    parser.add_argument("--quiet", action="store_true", help="figures only")
    parser.add_argument("--misses", action="store_true", help="also list missed attacks")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    heads: Counter[str] = Counter()
    rows: list[list[object]] = []
    benign_rows: list[list[object]] = []
    for split in args.splits.split(","):
        if split in _heldout.UNTOUCHED:
            raise SystemExit(f"{split} is not a tuning set: nobody tunes on it")
        data = _heldout.load(split)
        attacks = [r for r in data if r.label == "attack"]
        benign = [r for r in data if r.label == "benign"]
        caught = [r for r in attacks if _heldout.caught_text(r, rules_only=True)]
        fps = [(r, above_low(r.text, r.kind)) for r in benign]
        fps = [(r, f) for r, f in fps if f]
        print(f"{split}: rules recall {len(caught)}/{len(attacks)} = "
              f"{len(caught) / len(attacks):.3f}; FPR {len(fps)}/{len(benign)} = "
              f"{len(fps) / len(benign):.3f}")
        rows.append([split, f"{len(caught)}/{len(attacks)}", len(caught) / len(attacks),
                     f"{len(fps)}/{len(benign)}", len(fps) / len(benign)])
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
            benign_rows.append([name, kind, f"{len(flagged)}/{len(texts)}",
                                len(flagged) / max(1, len(texts))])
            for t, found in flagged:
                heads.update({f.message.split(":")[0] for f in found})
                if not args.quiet:
                    show(f"{name} {kind}", t, found)
    print("detectors behind the false positives:")
    for head, n in heads.most_common():
        print(f"  {n:4d}  {head[:100]}")
    near = [t for t in _heldout.locomo_turns() or [] if 150 <= len(t) <= 250]
    p50, p95 = rules_latency(near) if near else (0.0, 0.0)
    print(f"rules alone, {len(near)} LoCoMo turns of 150-250 chars: p50 {p50:.0f} us, "
          f"p95 {p95:.0f} us (CPU)")
    if args.write:
        body = "\n".join([
            "The rules alone (no learned layer) on the tuning sets: an attack is "
            "caught when its worst finding is at least medium (a secret: refused); a benign "
            "statement is a false positive above low. The untouched split (test8) is never run "
            "here.\n",
            table(["split", "caught", "rules recall", "benign above low", "rules FPR"], rows),
            "\nBenign conversation turns (LoCoMo; the user-assistant turns of "
            "bench/data/assist_*.txt), screened as facts and as episodes:\n",
            table(["turns", "screened as", "above low", "rules FPR"], benign_rows),
            "\nDetectors behind those false positives (a text can count for several):\n",
            table(["detector", "texts"], [[h, n] for h, n in heads.most_common()]
                  or [["none", 0]]),
            f"\nCPU time of the rules alone per `screen()` call (uncached, best of three "
            f"passes), {len(near)} LoCoMo turns of 150-250 characters: p50 {p50:.0f} µs, "
            f"p95 {p95:.0f} µs.",
            "\n" + BEFORE,
        ])
        write_section("screening-rules", "Screening rules on the tuning sets", body,
                      command="python bench/screen_rules_fp.py --quiet --write")


if __name__ == "__main__":
    main()
