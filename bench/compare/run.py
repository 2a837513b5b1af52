"""memstack beside Mem0 OSS and LangGraph's stores, each in its own virtual environment.

    python bench/compare/run.py [--systems memstack,mem0,langgraph-memory,langgraph-sqlite]
        [--scale 100000] [--scale-queries 200] [--rounds 1] [--venvs DIR] [--write]

What one run measures, interleaved system by system so machine noise falls on all:

* **LoCoMo** (``../shared/data/locomo/locomo10.json``, read in place): every
  turn of the ten conversations stored the way each system documents (memstack:
  ``ingest_conversation`` per session; Mem0: ``add(messages, infer=False)`` per
  session; LangGraph: one ``put`` per turn with a semantic index on the text),
  one scope / user / namespace per conversation; then every question with
  evidence searched: turn recall@k, tokens of the top 10 texts, ingest rate and
  search latency.
* **Scale**: ``--scale`` memories in one scope, then ``--scale-queries``
  questions: ingest rate, search p50/p95, peak RSS, disk, and the cold start of a
  fresh process to its first search result on the stored data (persistent
  systems only).

Vectors are computed once with memstack's shipped embedder (all-MiniLM-L6-v2,
ONNX) and served to every system from a file, so the memory layer is measured,
not the model: the scale set's vectors are LoCoMo turn vectors with small random
perturbations (seeded). Each system's virtual environment is created on first
use from ``bench/compare/requirements/``; memstack runs in the interpreter that
runs this script. Mem0 is configured offline (telemetry off, no LLM calls:
``infer=False``) and searched with ``threshold=0`` so its recall is not cut by
its default score threshold.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from bench._recall_data import CachingEmbedder, load_locomo  # noqa: E402
from bench._report import table, write_section  # noqa: E402
from memstack import Memory  # noqa: E402
from memstack.compile.tokens import count_tokens  # noqa: E402
from memstack.plugins import make  # noqa: E402

SYSTEMS = {
    "memstack": ("memstack", "worker_memstack.py", None),
    "mem0": ("mem0", "worker_mem0.py", None),
    "langgraph-memory": ("langgraph", "worker_langgraph.py", "memory"),
    "langgraph-sqlite": ("langgraph", "worker_langgraph.py", "sqlite"),
}
PERSISTENT = {"memstack", "mem0", "langgraph-sqlite"}
KS = (5, 10, 25)


def python_for(env: str, venvs: Path) -> str:
    """The interpreter of ``env``, creating its virtual environment on first use."""
    if env == "memstack":
        return sys.executable
    python = venvs / env / "bin" / "python"
    if not python.exists():
        print(f"creating the {env} environment in {venvs / env} (once)...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venvs / env)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "-r",
                str(HERE / "requirements" / f"{env}.txt"),
            ],
            check=True,
        )
    return str(python)


def locomo_items() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    items, queries = [], []
    for conv in load_locomo():
        for s in conv.sessions:
            for m in s.messages:
                items.append(
                    {
                        "scope": conv.id,
                        "session": s.id,
                        "id": m["id"],
                        "role": m["role"],
                        "speaker": m["name"],
                        "text": m["content"],
                        "time": s.time.astimezone(UTC).isoformat(),
                    }
                )
        for q in conv.questions:
            queries.append({"scope": conv.id, "text": q.text, "gold": q.gold})
    return items, queries


def vectors(items: list[dict], queries: list[dict], cache: Path) -> str:
    """Embed every text any system will ask for, once; returns the model id."""
    real = make("embedders", "onnx")
    emb = CachingEmbedder(real, cache)
    emb.embed([it["text"] for it in items], input_type="document")
    # Some systems strip the query before embedding it: both forms are served.
    emb.embed(
        sorted({t for q in queries for t in (q["text"], q["text"].strip())}), input_type="query"
    )
    # memstack's conversation door may embed more than the raw turns: record those too.
    mem = Memory(store_url="memory://", embedder=emb)
    try:
        groups: dict[tuple[str, str], list[dict]] = {}
        for it in items:
            groups.setdefault((it["scope"], it["session"]), []).append(it)
        for (scope, session), group in groups.items():
            mem.ingest_conversation(
                scope,
                [
                    {"role": g["role"], "name": g["speaker"], "id": g["id"], "content": g["text"]}
                    for g in group
                ],
                conversation=scope,
                session=session,
            )
    finally:
        mem.close()
    emb.save()
    # One matrix and its keys: loads in milliseconds in every worker (an .npz of
    # thousands of arrays takes seconds, which would blur the cold starts).
    keys = sorted(emb.cache)
    np.save(str(cache) + ".npy", np.stack([emb.cache[k] for k in keys]).astype(np.float32))
    Path(str(cache) + ".keys.json").write_text(json.dumps(keys), "utf-8")
    return real.id


def scale_set(items: list[dict], cache: Path, n: int, folder: Path) -> tuple[str, str, list[dict]]:
    """``n`` memories in one scope: LoCoMo turns, numbered, vectors slightly perturbed."""
    with np.load(cache) as z:
        table_ = {k: z[k] for k in z.files}
    emb = CachingEmbedder.__new__(CachingEmbedder)
    base = np.stack([table_[emb._key(it["text"], "document")] for it in items])
    rng = np.random.default_rng(7)
    rows = np.empty((n, base.shape[1]), np.float32)
    texts = []
    for start in range(0, n, 10_000):
        stop = min(n, start + 10_000)
        idx = np.arange(start, stop) % len(items)
        block = base[idx] + rng.normal(0, 0.02, (stop - start, base.shape[1])).astype(np.float32)
        rows[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
        texts += [f"{items[i]['text']} (note {start + j})" for j, i in enumerate(idx)]
    np.save(folder / "scale.npy", rows)
    (folder / "scale.json").write_text(json.dumps(texts), "utf-8")
    out = [
        {
            "scope": "scale",
            "session": "s",
            "id": str(i),
            "role": "user",
            "speaker": "user",
            "text": t,
            "time": "2026-01-01T00:00:00+00:00",
        }
        for i, t in enumerate(texts)
    ]
    return str(folder / "scale.json"), str(folder / "scale.npy"), out


def run_worker(system: str, task: dict[str, Any], venvs: Path, work: Path) -> dict[str, Any]:
    env, script, variant = SYSTEMS[system]
    task = {**task, "variant": variant, "out": str(work / f"{system}-{task['mode']}.out.json")}
    path = work / f"{system}-{task['mode']}.task.json"
    path.write_text(json.dumps(task), "utf-8")
    spawned = time.time()
    proc = subprocess.run(
        [python_for(env, venvs), str(HERE / script), str(path)],
        capture_output=True,
        text=True,
        timeout=4 * 3600,
    )
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        print(f"{system} {task['mode']} failed: {' | '.join(tail)}", file=sys.stderr)
        return {"error": tail[-1] if tail else f"exit {proc.returncode}"}
    result = json.loads(Path(task["out"]).read_text("utf-8"))
    result["spawned"] = spawned
    return result


def pct(xs: list[float], p: float) -> float:
    return float(np.percentile(np.asarray(xs) * 1000, p)) if xs else float("nan")


def summarize(
    system: str,
    loc: dict,
    scale: dict,
    cold: dict | None,
    queries: list[dict],
    texts: dict[tuple[str, str], str],
    n_items: int,
    n_scale: int,
) -> dict[str, Any]:
    row: dict[str, Any] = {"system": system}
    if "error" not in loc:
        for k in KS:
            row[f"R@{k}"] = statistics.mean(
                sum(g in ranked[:k] for g in q["gold"]) / len(q["gold"])
                for q, ranked in zip(queries, loc["ranked"], strict=True)
            )
        row["tokens"] = statistics.mean(
            count_tokens("\n".join(texts.get((q["scope"], i), "") for i in ranked[:10]))
            for q, ranked in zip(queries, loc["ranked"], strict=True)
        )
        row["locomo_ingest"] = n_items / loc["ingest_s"]
        row["locomo_p50"], row["locomo_p95"] = pct(loc["search_s"], 50), pct(loc["search_s"], 95)
    if "error" not in scale:
        row["scale_ingest"] = n_scale / scale["ingest_s"]
        row["scale_p50"], row["scale_p95"] = pct(scale["search_s"], 50), pct(scale["search_s"], 95)
        row["rss"], row["disk"] = scale["rss_mb"], scale["disk_mb"]
    if cold and "error" not in cold and cold.get("first_result"):
        row["cold"] = cold["first_result"] - cold["spawned"] - cold.get("load_s", 0.0)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--scale", type=int, default=100_000, help="memories in the one-scope set")
    parser.add_argument("--scale-queries", type=int, default=200)
    parser.add_argument("--venvs", type=Path, default=HERE.parents[1] / ".bench-venvs")
    parser.add_argument(
        "--cache", type=Path, default=HERE.parents[1] / ".bench-venvs" / "vectors.npz"
    )
    parser.add_argument(
        "--write", action="store_true", help="write the table into docs/benchmarks.md"
    )
    args = parser.parse_args()
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        parser.error(f"unknown systems: {', '.join(unknown)} (known: {', '.join(SYSTEMS)})")
    args.venvs.mkdir(parents=True, exist_ok=True)
    for s in systems:
        python_for(SYSTEMS[s][0], args.venvs)

    items, queries = locomo_items()
    print(
        f"LoCoMo: {len(items)} turns, {len(queries)} questions; embedding once...", file=sys.stderr
    )
    model = vectors(items, queries, args.cache)
    texts = {(it["scope"], it["id"]): it["text"] for it in items}
    with tempfile.TemporaryDirectory(prefix="memstack-compare-") as tmp:
        work = Path(tmp)
        scale_texts, scale_vectors, scale_items = scale_set(items, args.cache, args.scale, work)
        scale_queries = [
            {"scope": "scale", "text": q["text"]} for q in queries[: args.scale_queries]
        ]
        common = {"cache": str(args.cache), "model": model, "k": max(KS)}
        res: dict[str, dict[str, Any]] = {s: {} for s in systems}
        for s in systems:  # interleaved: every system's LoCoMo run, then every scale run
            print(f"{s}: LoCoMo...", file=sys.stderr)
            res[s]["locomo"] = run_worker(
                s,
                {
                    **common,
                    "mode": "locomo",
                    "dir": str(work / s / "locomo"),
                    "items": items,
                    "queries": queries,
                },
                args.venvs,
                work,
            )
        for s in systems:
            print(f"{s}: {args.scale:,} memories...", file=sys.stderr)
            scale_task = {
                **common,
                "mode": "scale",
                "dir": str(work / s / "scale"),
                "items": scale_items,
                "queries": scale_queries,
                "scale_texts": scale_texts,
                "scale_vectors": scale_vectors,
            }
            res[s]["scale"] = run_worker(s, scale_task, args.venvs, work)
            res[s]["scale_task"] = scale_task
        for s in systems:
            if s in PERSISTENT and "error" not in res[s]["scale"]:
                print(f"{s}: cold start...", file=sys.stderr)
                cold_task = {**res[s]["scale_task"], "mode": "cold", "queries": scale_queries[:1]}
                res[s]["cold"] = run_worker(s, cold_task, args.venvs, work)
    rows = [
        summarize(
            s,
            res[s]["locomo"],
            res[s]["scale"],
            res[s].get("cold"),
            queries,
            texts,
            len(items),
            args.scale,
        )
        for s in systems
    ]
    report(rows, args, len(items), len(queries))


def report(
    rows: list[dict[str, Any]], args: argparse.Namespace, n_items: int, n_queries: int
) -> None:
    def f(row: dict, key: str, fmt: str) -> str:
        return format(row[key], fmt) if key in row else "failed"

    quality = table(
        [
            "system",
            "R@5",
            "R@10",
            "R@25",
            "tokens of top 10",
            "ingest turns/s",
            "search p50 ms",
            "p95 ms",
        ],
        [
            [
                r["system"],
                f(r, "R@5", ".3f"),
                f(r, "R@10", ".3f"),
                f(r, "R@25", ".3f"),
                f(r, "tokens", ".0f"),
                f(r, "locomo_ingest", ".0f"),
                f(r, "locomo_p50", ".2f"),
                f(r, "locomo_p95", ".2f"),
            ]
            for r in rows
        ],
    )
    scale = table(
        [
            "system",
            "ingest memories/s",
            "search p50 ms",
            "p95 ms",
            "cold start s",
            "peak RSS MB",
            "disk MB",
        ],
        [
            [
                r["system"],
                f(r, "scale_ingest", ".0f"),
                f(r, "scale_p50", ".2f"),
                f(r, "scale_p95", ".2f"),
                f(r, "cold", ".2f") if r["system"] in PERSISTENT else "n/a (in memory)",
                f(r, "rss", ".0f"),
                f(r, "disk", ".1f"),
            ]
            for r in rows
        ],
    )
    body = (
        f"LoCoMo: {n_items} turns in 10 conversations (one scope each), {n_queries} questions with "
        "evidence; turn recall@k against the evidence turns; tokens: the top 10 texts of each "
        "answer (raw text, the same counter for every system). Vectors precomputed once with "
        "memstack's shipped embedder and served to every system.\n\n"
        + quality
        + f"\n\n{args.scale:,} memories in one scope, {args.scale_queries} queries; cold start: "
        "a fresh process to its first search result on the stored data.\n\n" + scale
    )
    print(body)
    if args.write:
        write_section("compare", "Side by side: memstack, Mem0 OSS, LangGraph stores", body)
    plots(rows)


def plots(rows: list[dict[str, Any]]) -> None:
    """PNG bar charts into docs/img (skipped, with a note, without matplotlib)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(
            "matplotlib is not installed: no plots (pip install 'memstack[bench]').",
            file=sys.stderr,
        )
        return
    out = HERE.parents[1] / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    names = [r["system"] for r in rows]
    for key, label, fname in (
        ("R@10", "LoCoMo turn recall@10", "compare_recall.png"),
        ("scale_p95", "search p95 (ms) in one scope, log scale", "compare_latency.png"),
    ):
        fig, ax = plt.subplots(figsize=(6, 3.2))
        ax.bar(names, [r.get(key, 0.0) for r in rows], color="#4a78a8")
        if key == "scale_p95":
            ax.set_yscale("log")
        ax.set_title(label)
        ax.tick_params(axis="x", labelsize=8)
        fig.tight_layout()
        fig.savefig(out / fname, dpi=110)
        plt.close(fig)


if __name__ == "__main__":
    main()
