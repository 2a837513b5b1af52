"""memstack beside Mem0 OSS and LangGraph's stores, each in its own virtual environment.

    python bench/compare/run.py [--systems memstack,mem0,langgraph-memory,langgraph-sqlite]
        [--scale 100000] [--scale-queries 200] [--budget 240] [--sample 2000]
        [--conversations 10] [--venvs DIR] [--write]

What one run measures, interleaved system by system so machine noise falls on all:

* **LoCoMo** (``../shared/data/locomo/locomo10.json``, read in place): every
  turn of the ten conversations stored the way each system documents (memstack:
  ``ingest_conversation`` per session; Mem0: ``add(messages, infer=False)`` per
  session; LangGraph: one ``put`` per turn with a semantic index on the text),
  one scope / user / namespace per conversation; then every question with
  evidence searched: turn recall@k, tokens of the top 10 texts, ingest rate and
  search latency.
* **Scale**: ``--scale`` memories in one scope, then ``--scale-queries``
  questions (a system stops after ``--budget`` seconds once it has answered 20):
  ingest rate, search p50/p95, peak RSS, disk, and the cold start of a
  fresh process to its first search result on the stored data (persistent
  systems only). Mem0's ``add`` stores about 30 memories/s, so all but the last
  ``--sample`` are written through its own batch calls with the rows ``add``
  writes, and its ingest rate is ``add``'s on that sample (``mem0_fill.py``).

Vectors are computed once with memstack's shipped embedder (all-MiniLM-L6-v2,
ONNX) and served to every system from a file, so the memory layer is measured,
not the model: the scale set's vectors are LoCoMo turn vectors with small random
perturbations (seeded). Each system's virtual environment is made on first use
from ``bench/compare/requirements/`` (``envs.py``); memstack runs in the
interpreter that runs this script, or, when that one lacks memstack's
dependencies, in ``<venvs>/memstack``, made from this checkout. Mem0 is
configured offline (telemetry off, no LLM calls: ``infer=False``) and searched
with ``threshold=0`` so its recall is not cut by its default score threshold.
With ``--write``, the tables go into docs/benchmarks.md, the headline into the
README, and PNG plots into docs/img.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from envs import ROOT, SetupError, ensure_memstack  # noqa: E402

SYSTEMS = ("memstack", "mem0", "langgraph-memory", "langgraph-sqlite")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated")
    parser.add_argument("--scale", type=int, default=100_000, help="memories in the one-scope set")
    parser.add_argument("--scale-queries", type=int, default=200)
    parser.add_argument(
        "--budget",
        type=float,
        default=240.0,
        help="seconds of scale queries per system (at least 20 queries are always timed)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=2000,
        help="Mem0: memories of the scale set stored (and timed) through add(); the rest in bulk",
    )
    parser.add_argument(
        "--conversations", type=int, default=10, help="LoCoMo conversations (all 10 by default)"
    )
    parser.add_argument("--venvs", type=Path, default=ROOT / ".bench-venvs")
    parser.add_argument("--cache", type=Path, default=None, help="default: <venvs>/vectors.npz")
    parser.add_argument(
        "--write", action="store_true", help="write docs/benchmarks.md, the README headline, plots"
    )
    args = parser.parse_args()
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        parser.error(f"unknown systems: {', '.join(unknown)} (known: {', '.join(SYSTEMS)})")
    if not 1 <= args.conversations <= 10:
        parser.error("--conversations must be 1 to 10")
    if args.scale < 1 or args.scale_queries < 1 or not 0 < args.sample <= args.scale:
        parser.error("--scale and --scale-queries must be positive, 0 < --sample <= --scale")
    args.venvs = args.venvs.resolve()
    args.cache = (args.cache or args.venvs / "vectors.npz").resolve()
    try:
        ensure_memstack(args.venvs)
        import measure
        import tables

        rows, meta = measure.run_all(args, systems)
        tables.report(rows, meta, measure.PERSISTENT, args.write)
    except SetupError as e:
        sys.exit(f"bench/compare: {e}")


if __name__ == "__main__":
    main()
