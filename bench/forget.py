"""How long ``forget`` takes in a large store: one memory, and 10k memories, among 100k.

Builds a store of 100k memories in one scope plus 10k in another (fake 64-d
embedder: the store is measured, not the model), then times, through the
public API:

1. ``forget(scope, ids=[one id])`` — one memory out of 110k;
2. ``forget(other_scope)`` — 10k memories at once;

and reports the physical steps and whether the receipt is complete. With
``--before PATH`` the same runs for another checkout of memstack (e.g. a git
worktree of an older commit), in the same invocation.

Usage:
    python bench/forget.py [--memories 100000] [--before PATH] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "tea coffee garden bike lisbon porto music piano guitar python rust travel paris berlin "
    "dinner lunch breakfast meeting project deadline holiday mountain river book novel film"
).split()


def worker(src: str, memories: int) -> dict[str, Any]:
    sys.path.insert(0, src)
    from memstack import Memory
    from memstack.embed.fake import FakeEmbedder

    rng = random.Random(3)
    home = tempfile.mkdtemp(prefix="memstack-forget-")
    mem = Memory(home, embedder=FakeEmbedder())

    def text(i: int) -> str:
        return f"note {i}: " + " ".join(rng.choice(WORDS) for _ in range(12))

    started = time.perf_counter()
    mem.add_many([{"scope": "bench/a", "text": text(i)} for i in range(memories)], batch_size=2000)
    mem.add_many([{"scope": "bench/b", "text": text(i)} for i in range(10_000)], batch_size=2000)
    built = time.perf_counter() - started
    size = os.path.getsize(Path(home) / "memstack.db")
    victim = mem.list("bench/a", limit=1, offset=memories // 2)[0]
    t = time.perf_counter()
    one = mem.forget("bench/a", ids=[victim.id], reason="bench")
    t_one = time.perf_counter() - t
    t = time.perf_counter()
    many = mem.forget("bench/b", reason="bench")
    t_many = time.perf_counter() - t
    mem.close()
    return {
        "build_s": built,
        "db_mb": size / 1e6,
        "one_s": t_one,
        "one_steps": list(one.physical),
        "one_complete": one.complete,
        "many_s": t_many,
        "many_records": many.counts.records,
        "many_steps": list(many.physical),
        "many_complete": many.complete,
    }


def run(src: str, memories: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", "--src", src, "--memories", str(memories)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"worker for {src} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--memories", type=int, default=100_000, help="memories beside the 10k erased")
    ap.add_argument("--before", help="path of another memstack checkout to compare with")
    ap.add_argument("--write", action="store_true", help="write figures into docs/benchmarks.md")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--src", default=str(ROOT), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.src, args.memories)))
        return
    sys.path.insert(0, str(ROOT))
    from bench._report import table, write_section

    runs = {"after (this checkout)": run(str(ROOT), args.memories)}
    if args.before:
        runs = {"before": run(args.before, args.memories), **runs}
    rows = [
        [
            label, f"{r['db_mb']:.0f}", f"{r['one_s']:.2f}", ", ".join(r["one_steps"]),
            f"{r['many_s']:.2f}", r["many_records"], "yes" if r["many_complete"] else "no",
        ]
        for label, r in runs.items()
    ]  # fmt: skip
    out = table(
        ["code", "database MB", "forget 1 memory s", "physical steps", "forget 10k memories s",
         "records erased", "complete"],
        rows,
    )  # fmt: skip
    print(out)
    if args.write:
        body = (
            f"A store of {args.memories:,} memories in one scope plus 10,000 in another "
            "(fake 64-d embedder), on a file; `forget` through the public API.\n\n" + out + "\n"
        )
        write_section("forget", "Forget in a large store", body)


if __name__ == "__main__":
    main()
