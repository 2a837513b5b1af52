"""The driver's side of the side-by-side benchmark: data, vectors, workers, figures.

Runs in memstack's interpreter (``run.py`` makes sure of it). Each system's
worker is a separate process in its own virtual environment, given a task file
and answering a result file; nothing here imports another system.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from envs import ROOT, python_for

from bench._recall_data import CachingEmbedder, load_locomo
from memstack import Memory
from memstack.compile.tokens import count_tokens
from memstack.plugins import make

HERE = Path(__file__).resolve().parent

SYSTEMS = {
    "memstack": ("memstack", "worker_memstack.py", None),
    "mem0": ("mem0", "worker_mem0.py", None),
    "langgraph-memory": ("langgraph", "worker_langgraph.py", "memory"),
    "langgraph-sqlite": ("langgraph", "worker_langgraph.py", "sqlite"),
}
PERSISTENT = {"memstack", "mem0", "langgraph-sqlite"}
KS = (5, 10, 25)


def locomo_items(conversations: int = 10) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The first ``conversations`` LoCoMo conversations as turn items and questions."""
    items, queries = [], []
    for conv in load_locomo()[:conversations]:
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
    # memstack embeds more than the raw texts: its conversation door may add context to a
    # turn, and a search may embed the question without the scope's most common words or
    # an event it names. The same ingest and searches on an in-memory store record those.
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
                session_time=datetime.fromisoformat(group[0]["time"]),
                conversation=scope,
                session=session,
            )
        for q in queries:
            mem.search(q["scope"], q["text"], limit=25)
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
        # A system filled in bulk reports how many items went through its own door, timed.
        row["scale_ingest"] = scale.get("ingest_n", n_scale) / scale["ingest_s"]
        row["scale_ingest_n"] = scale.get("ingest_n", n_scale)
        row["scale_p50"], row["scale_p95"] = pct(scale["search_s"], 50), pct(scale["search_s"], 95)
        row["rss"], row["disk"] = scale["rss_mb"], scale["disk_mb"]
        row["scale_queries"] = len(scale["search_s"])
    if cold and "error" not in cold and cold.get("first_result"):
        row["cold"] = cold["first_result"] - cold["spawned"] - cold.get("load_s", 0.0)
    return row


def run_all(args: Any, systems: list[str]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every system's LoCoMo run, then every scale run, then every cold start.

    Returns:
        The summary rows, one per system, and what the notes need (counts, versions,
        commit, load averages, Mem0's bulk fill time).
    """
    load_start = os.getloadavg()[0]
    for s in systems:
        python_for(SYSTEMS[s][0], args.venvs)
    items, queries = locomo_items(args.conversations)
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
                "sample": args.sample,
                "budget_s": args.budget,
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
    versions: dict[str, str] = {}
    for s in systems:
        for part in ("locomo", "scale"):
            versions.update(res[s][part].get("versions", {}))
    meta = {
        "n_items": len(items),
        "conversations": args.conversations,
        "n_queries": len(queries),
        "scale": args.scale,
        "scale_queries": args.scale_queries,
        "budget": args.budget,
        "sample": args.sample,
        "commit": commit(),
        "load": (load_start, os.getloadavg()[0]),
        "versions": versions,
    }
    if "memstack" in res:
        meta["misses"] = {
            part: res["memstack"][part]["model_misses"]
            for part in ("locomo", "scale")
            if res["memstack"][part].get("model_misses")
        }
    if "mem0" in res and res["mem0"]["scale"].get("fill_s"):
        meta["mem0_fill_s"] = res["mem0"]["scale"]["fill_s"]
    return rows, meta


def commit() -> str:
    """The checkout's short commit, marked ``+changes`` when its tracked files differ."""
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "diff", "--quiet", "HEAD", "--", "memstack"], capture_output=True
    ).returncode
    return (head or "unknown") + (" +changes" if dirty else "")
