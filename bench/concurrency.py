"""The SQLite store under concurrent load: mixed threads, and readers beside writer processes.

Two measurements, each run for the current code and, with ``--before PATH``, for
another checkout of memstack (e.g. a ``git worktree`` of an older commit), in
one interleaved run so the ratios are comparable:

1. **mixed threads**: one ``Memory`` shared by 2 writer threads (``add``, one
   transaction each) and 8 reader threads (``get`` of a random memory, then a
   hybrid ``search``), as the async door and a threaded server use it. Reports
   writes/s, reads/s and p50/p95 per operation.
2. **writer processes**: one reader process doing ``get`` + keyword ``search``
   in a 20k-memory scope, first alone, then while 4 other processes write
   (half into the reader's scope, half elsewhere). Reports the reader's p50
   and p95 quiet and loaded, and their ratio (target: p50 within 5x).

The store-side cost is measured, not the model: every process uses the
deterministic fake embedder (64 dimensions), so embedding is negligible.

Usage:
    python bench/concurrency.py [--seconds 60] [--memories 20000] [--before PATH] [--write]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "tea coffee garden bike lisbon porto music piano guitar python rust travel paris berlin "
    "dinner lunch breakfast meeting project deadline holiday mountain river book novel film "
    "running swimming yoga cat dog sister brother mother father birthday gift recipe pasta"
).split()
SCOPE = "bench/alice"


def _src(path: str) -> None:
    sys.path.insert(0, path)


def _text(rng: random.Random, n: int) -> str:
    return f"memory {n}: Alice " + " ".join(rng.choice(WORDS) for _ in range(8))


def _seed(home: str, memories: int) -> None:
    from memstack import Memory
    from memstack.embed.fake import FakeEmbedder

    rng = random.Random(7)
    with Memory(home, embedder=FakeEmbedder()) as mem:
        items = [{"scope": SCOPE, "text": _text(rng, i)} for i in range(memories)]
        items += [
            {"scope": f"bench/u{i % 50}", "text": _text(rng, i)} for i in range(memories // 4)
        ]
        mem.add_many(items, batch_size=1000)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


# -- 1. mixed threads -----------------------------------------------------------------


def mixed(home: str, seconds: float) -> dict[str, Any]:
    from memstack import Memory
    from memstack.embed.fake import FakeEmbedder

    mem = Memory(home, embedder=FakeEmbedder())
    ids = [r.id for r in mem.list(SCOPE, limit=2000)]
    stop = time.monotonic() + seconds
    writes: list[float] = []
    gets: list[float] = []
    searches: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        rng = random.Random(100 + n)
        mine: list[float] = []
        i = 0
        while time.monotonic() < stop:
            t = time.perf_counter()
            try:
                mem.add(SCOPE, _text(rng, 10_000_000 + n * 1_000_000 + i))
            except Exception as exc:  # counted and reported, the load goes on
                errors.append(f"write: {exc}")
            mine.append(time.perf_counter() - t)
            i += 1
        with lock:
            writes.extend(mine)

    def reader(n: int) -> None:
        rng = random.Random(200 + n)
        g: list[float] = []
        s: list[float] = []
        while time.monotonic() < stop:
            try:
                t = time.perf_counter()
                mem.get(rng.choice(ids))
                g.append(time.perf_counter() - t)
                t = time.perf_counter()
                mem.search(SCOPE, f"{rng.choice(WORDS)} {rng.choice(WORDS)}", limit=10)
                s.append(time.perf_counter() - t)
            except Exception as exc:  # counted and reported, the load goes on
                errors.append(f"read: {exc}")
        with lock:
            gets.extend(g)
            searches.extend(s)

    mem.search(SCOPE, "warm up the blocks")
    threads = [threading.Thread(target=writer, args=(i,)) for i in range(2)]
    threads += [threading.Thread(target=reader, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    mem.close()
    return {
        "writes_per_s": len(writes) / seconds,
        "reads_per_s": len(searches) / seconds,
        "write_p95": _pct(writes, 0.95),
        "get_p50": _pct(gets, 0.5),
        "get_p95": _pct(gets, 0.95),
        "search_p50": _pct(searches, 0.5),
        "search_p95": _pct(searches, 0.95),
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
    }


# -- 2. a reader beside writer processes ----------------------------------------------


def _writer_process(src: str, home: str, n: int, stop_at: float, done: Any) -> None:
    _src(src)
    from memstack import Memory
    from memstack.embed.fake import FakeEmbedder

    rng = random.Random(300 + n)
    with Memory(home, embedder=FakeEmbedder()) as mem:
        i = 0
        while time.time() < stop_at:
            scope = SCOPE if i % 2 == 0 else f"bench/w{n}"
            mem.add(scope, _text(rng, 20_000_000 + n * 1_000_000 + i))
            i += 1
    done.put(i)


def _read_for(mem: Any, ids: list[str], seconds: float) -> list[float]:
    rng = random.Random(5)
    out: list[float] = []
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        t = time.perf_counter()
        mem.get(rng.choice(ids))
        mem.search(SCOPE, rng.choice(WORDS), mode="keyword", limit=10)
        out.append(time.perf_counter() - t)
    return out


def writers(src: str, home: str, seconds: float) -> dict[str, Any]:
    from memstack import Memory
    from memstack.embed.fake import FakeEmbedder

    mem = Memory(home, embedder=FakeEmbedder())
    ids = [r.id for r in mem.list(SCOPE, limit=2000)]
    _read_for(mem, ids, 2)  # warm the blocks
    quiet = _read_for(mem, ids, seconds / 2)
    ctx = multiprocessing.get_context("spawn")
    stop_at = time.time() + seconds / 2 + 3
    done = ctx.Queue()
    procs = [
        ctx.Process(target=_writer_process, args=(src, home, n, stop_at, done)) for n in range(4)
    ]
    for p in procs:
        p.start()
    time.sleep(2.5)  # let the writers open the store and start
    loaded = _read_for(mem, ids, seconds / 2)
    written = sum(done.get(timeout=120) for _ in procs)
    for p in procs:
        p.join()
    mem.close()
    return {
        "quiet_p50": _pct(quiet, 0.5),
        "quiet_p95": _pct(quiet, 0.95),
        "loaded_p50": _pct(loaded, 0.5),
        "loaded_p95": _pct(loaded, 0.95),
        "ratio_p50": _pct(loaded, 0.5) / _pct(quiet, 0.5),
        "reads_loaded": len(loaded),
        "writes_per_s": written / (seconds / 2 + 0.5),
    }


# -- driver ---------------------------------------------------------------------------


def worker(args: argparse.Namespace) -> None:
    _src(args.src)
    home = tempfile.mkdtemp(prefix="memstack-conc-")
    _seed(home, args.memories)
    out = {"mixed": mixed(home, args.seconds)}
    home2 = tempfile.mkdtemp(prefix="memstack-conc-")
    _seed(home2, args.memories)
    out["writers"] = writers(args.src, home2, args.seconds)
    print(json.dumps(out))


def run(src: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", "--src", src]
    cmd += ["--seconds", str(args.seconds), "--memories", str(args.memories)]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"worker for {src} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60.0, help="duration of each load phase")
    ap.add_argument("--memories", type=int, default=20_000, help="memories in the measured scope")
    ap.add_argument("--before", help="path of another memstack checkout to compare with")
    ap.add_argument("--write", action="store_true", help="write figures into docs/benchmarks.md")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--src", default=str(ROOT), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return
    sys.path.insert(0, str(ROOT))
    from bench._report import table, write_section

    runs = {"after (this checkout)": run(str(ROOT), args)}
    if args.before:
        runs = {"before": run(args.before, args), **runs}
    mixed_rows = [
        [
            label, f"{r['mixed']['writes_per_s']:.0f}", f"{r['mixed']['reads_per_s']:.0f}",
            f"{r['mixed']['write_p95']:.1f}", f"{r['mixed']['get_p50']:.2f}",
            f"{r['mixed']['get_p95']:.2f}", f"{r['mixed']['search_p50']:.1f}",
            f"{r['mixed']['search_p95']:.1f}", r["mixed"]["errors"],
        ]
        for label, r in runs.items()
    ]  # fmt: skip
    writer_rows = [
        [
            label, f"{r['writers']['quiet_p50']:.2f}", f"{r['writers']['loaded_p50']:.2f}",
            f"{r['writers']['ratio_p50']:.1f}x", f"{r['writers']['quiet_p95']:.2f}",
            f"{r['writers']['loaded_p95']:.2f}", f"{r['writers']['writes_per_s']:.0f}",
        ]
        for label, r in runs.items()
    ]  # fmt: skip
    t1 = table(
        ["code", "writes/s", "searches/s", "write p95 ms", "get p50 ms", "get p95 ms",
         "search p50 ms", "search p95 ms", "errors"],
        mixed_rows,
    )  # fmt: skip
    t2 = table(
        [
            "code",
            "quiet p50 ms",
            "4 writers p50 ms",
            "ratio",
            "quiet p95 ms",
            "4 writers p95 ms",
            "writes/s by the 4",
        ],
        writer_rows,
    )
    print(t1, "\n\n" + t2)
    for label, r in runs.items():
        if r["mixed"]["first_error"]:
            print(f"{label}: first error: {r['mixed']['first_error']}")
    if args.write:
        body = (
            f"{args.memories:,} memories in the measured scope (plus {args.memories // 4:,} in 50 "
            f"other scopes), fake 64-d embedder, {args.seconds:.0f} s per phase.\n\n"
            "### Mixed load: 2 writer threads + 8 reader threads on one `Memory`\n\n"
            "Each reader does a `get` of a random memory, then a hybrid `search`.\n\n"
            f"{t1}\n\n"
            "### A reader process beside 4 writer processes\n\n"
            "The reader does `get` + keyword `search` in the 20k scope, alone, then while 4 "
            "processes write (half into its scope). Target: p50 within 5x of the quiet figure.\n\n"
            f"{t2}\n"
        )
        write_section("concurrency", "Concurrency: threads and processes on one SQLite store", body)


if __name__ == "__main__":
    main()
