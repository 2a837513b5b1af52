"""Cold start: time to the first search result in a fresh process, at 100k memories.

A store of ``--big`` memories in one scope plus ``--small-scopes`` scopes of
``--small-size`` memories is built once (stored vectors come from a stand-in
embedder with the shipped model's id, random unit vectors: the store-side cost
is what is measured; queries are embedded by the shipped model). Then each
probe runs in a **new Python process** and reports:

* ``open``: import memstack, open the store and load the embedder;
* ``first search``: the first ``Memory.search`` (embedder check, scope load,
  query embedding, ranking);
* ``second search``: the next search of the same scope (warm);
* ``new small scope``: then the first search of another small scope, in this
  now warm process (what a server pays for each scope it has not searched yet),
  elapsed and processor time.

Probes: the big scope, and one small scope (a different one each run, so
none is cached by an earlier probe of the same process). Each probe is run
``--runs`` times; the table shows the median. The store file stays in the OS page
cache between runs, as it would for a service restarted on the same machine.

Search blocks saved beside the store (``<store>-blocks/``, the ``block_files``
setting) are what a restarted process normally finds; ``--fresh`` adds a probe
of the big scope with that folder deleted first (the first process after the
blocks were written or invalidated: it rebuilds them from rows and saves them).

``--code LABEL=DIR`` (repeatable) runs the probes of several checkouts of
memstack, interleaved run by run, on the same store file (``DIR`` is put first
on the probes' ``PYTHONPATH``); each checkout's bytecode is compiled first, as
``pip install`` does.

Usage:
    python bench/cold_start.py [--store /tmp/cold.db] [--big 100000] [--runs 3] [--fresh]
        [--code before=/tmp/main --code after=.] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
# Appended, not prepended: a probe imports memstack from the checkout on its PYTHONPATH.
sys.path.append(str(REPO))

from bench._report import table, write_section  # noqa: E402

WORDS = (
    "cat dog garden paint trip lisbon guitar recipe bread coffee river train book rain school "
    "sister job interview camera beach concert festival python error deploy server database "
    "index query memory cache thread lock socket timeout retry backup"
).split()
QUERY = "what did she say about the garden and the coffee"


def build(path: Path, big: int, small_scopes: int, small_size: int) -> None:
    from memstack import Memory
    from memstack.embed.base import EmbeddingModel, InputType, Matrix
    from memstack.plugins import make
    from memstack.store.sqlite import SqliteStore

    real = make("embedders", "onnx")

    class StandIn(EmbeddingModel):
        def __init__(self) -> None:
            self.id, self.dimensions, self.batch_size = real.id, real.dimensions, 4096
            self.rng = np.random.default_rng(0)

        def embed_batch(
            self, texts: Sequence[str], *, input_type: InputType = "document"
        ) -> Matrix:
            out = self.rng.normal(size=(len(texts), self.dimensions)).astype(np.float32)
            return out / np.linalg.norm(out, axis=1, keepdims=True)

    rng = np.random.default_rng(1)
    mem = Memory(store=SqliteStore(path), embedder=StandIn())
    layout = [("bench/big", big)] + [(f"bench/small{i}", small_size) for i in range(small_scopes)]
    n = 0
    t0 = time.perf_counter()
    for scope, size in layout:
        for start in range(0, size, 10_000):
            items = []
            for _ in range(min(10_000, size - start)):
                words = rng.choice(WORDS, size=int(rng.integers(4, 14)))
                items.append({"scope": scope, "text": " ".join(words) + f" ({n})"})
                n += 1
            mem.add_many(items, batch_size=5000)
        if size >= 10_000:
            print(f"{scope}: {size} memories, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    mem.close()


def probe(path: str, scope: str, other: str) -> None:
    """Run in a fresh process: print the timings of one cold start as JSON."""
    t0 = time.perf_counter()
    from memstack import Memory
    from memstack.plugins import make
    from memstack.store.sqlite import SqliteStore

    mem = Memory(store=SqliteStore(path), embedder=make("embedders", "onnx"))
    t1 = time.perf_counter()
    mem.search(scope, QUERY, limit=10)
    t2 = time.perf_counter()
    cpu = time.process_time()  # every thread of the process, from its start
    mem.search(scope, "coffee in lisbon", limit=10)
    t3 = time.perf_counter()
    c3 = time.process_time()
    mem.search(other, "garden lisbon", limit=10)
    t4 = time.perf_counter()
    other_cpu = time.process_time() - c3
    mem.close()
    print(json.dumps({"open": t1 - t0, "first": t2 - t1, "second": t3 - t2, "other": t4 - t3,
                      "cpu": cpu, "other_cpu": other_cpu}))  # fmt: skip


def run_probe(path: Path, scope: str, other: str, code: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run(
        [sys.executable, __file__, "--probe", str(path), scope, other],
        check=True, capture_output=True, text=True, env=env, cwd="/",
    )  # fmt: skip
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", default="/tmp/memstack-cold.db", help="store file (built once)")
    parser.add_argument("--big", type=int, default=100_000, help="memories in the big scope")
    parser.add_argument("--small-scopes", type=int, default=100)
    parser.add_argument("--small-size", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--label", default="", help="a label for the rows (e.g. before/after)")
    parser.add_argument(
        "--code", action="append", default=[], metavar="LABEL=DIR",
        help="a checkout of memstack to probe (repeatable; default: this one, as --label)",
    )  # fmt: skip
    parser.add_argument(
        "--fresh", action="store_true", help="also probe the big scope with no saved blocks"
    )
    parser.add_argument("--probe", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    if args.probe:
        probe(*args.probe)
        return
    path = Path(args.store)
    if not path.exists():
        build(path, args.big, args.small_scopes, args.small_size)
    total = args.big + args.small_scopes * args.small_size
    codes = [tuple(c.split("=", 1)) for c in args.code] or [(args.label, str(REPO))]
    for _, code in codes:
        subprocess.run([sys.executable, "-m", "compileall", "-q", f"{code}/memstack"], check=True)
    blocks = Path(f"{path}-blocks")
    kinds = [("fresh", "bench/big")] if args.fresh else []
    kinds += [("big", "bench/big"), ("small", "")]
    runs: dict[tuple[str, str], list[dict[str, float]]] = {}
    for i in range(args.runs):
        for label, code in codes:
            for kind, scope in kinds:
                if kind == "fresh":
                    shutil.rmtree(blocks, ignore_errors=True)
                other = f"bench/small{args.small_scopes - 1 - i}"
                result = run_probe(path, scope or f"bench/small{i}", other, Path(code))
                runs.setdefault((label, kind), []).append(result)
                print(label, kind, {k: round(1000 * v) for k, v in result.items()}, flush=True)
    names = {
        "fresh": f"big scope ({args.big:,}), no saved blocks",
        "big": f"big scope ({args.big:,})",
        "small": f"small scope ({args.small_size})",
    }
    rows = []
    for (label, kind), found in runs.items():
        med = {k: 1000 * statistics.median(r[k] for r in found) for k in found[0]}
        rows.append([label, names[kind], f"{med['open']:.0f}", f"{med['first']:.0f}",
                     f"{med['second']:.1f}", f"{med['open'] + med['first']:.0f}",
                     f"{med['cpu']:.0f}", f"{med['other']:.1f}",
                     f"{med.get('other_cpu', float('nan')):.1f}"])  # fmt: skip
    text = (
        f"Store of {total:,} memories ({args.big:,} in one scope, {args.small_scopes} scopes of "
        f"{args.small_size}); each row the median of {args.runs} fresh processes. CPU ms: "
        "processor time of the whole process (all threads, interpreter start included) up to "
        "the first result, which a loaded machine inflates less than elapsed time.\n\n"
        + table(
            [
                "build",
                "scope searched",
                "open ms",
                "first search ms",
                "second search ms",
                "to first result ms",
                "to first result, CPU ms",
                "new small scope ms",
                "new small scope, CPU ms",
            ],
            rows,
        )  # fmt: skip
    )
    print(text)
    if args.write:
        title = f"Cold start ({args.label})" if args.label else "Cold start"
        write_section("cold_start" + (f"_{args.label}" if args.label else ""), title, text)


if __name__ == "__main__":
    main()
