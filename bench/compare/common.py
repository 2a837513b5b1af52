"""What every worker of the side-by-side benchmark shares: numpy and the standard library only.

A worker runs in its system's own virtual environment (memstack's, Mem0's or
LangGraph's), so nothing here imports memstack. Vectors are computed once by the
driver with memstack's shipped embedder and served to every system from a file,
so the memory layer is measured, not the model: a text the driver did not embed
is an error, never a silent call to a model.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

#: Wall-clock time at which this worker's interpreter reached its first line of code.
STARTED = time.time()


def key(text: str, input_type: str) -> str:
    """The cache key of a text (the same as bench/_recall_data.CachingEmbedder's)."""
    return hashlib.sha1(f"{input_type}\0{text}".encode()).hexdigest()


class Vectors:
    """Precomputed unit vectors by (text, input type): the driver's table plus the scale matrix.

    ``load_s`` is the time spent loading them, which the driver subtracts from a
    cold start (it is the benchmark's own cost, the same for every system).
    """

    def __init__(self, table: str, scale_texts: str | None = None, scale: str | None = None):
        t0 = time.perf_counter()
        keys = json.loads(Path(table + ".keys.json").read_text("utf-8"))
        matrix = np.load(table + ".npy", mmap_mode="r")
        self.table: dict[str, np.ndarray] = {k: matrix[i] for i, k in enumerate(keys)}
        self.rows: dict[str, int] = {}
        self.matrix: np.ndarray | None = None
        if scale_texts and scale:
            texts = json.loads(Path(scale_texts).read_text("utf-8"))
            self.rows = {t: i for i, t in enumerate(texts)}
            self.matrix = np.load(scale, mmap_mode="r")
        self.dims = int(matrix.shape[1])
        self.load_s = time.perf_counter() - t0

    def get(self, text: str, input_type: str = "document") -> np.ndarray:
        row = self.rows.get(text)
        if row is not None and self.matrix is not None and input_type == "document":
            return np.asarray(self.matrix[row], np.float32)
        found = self.table.get(key(text, input_type))
        if found is None and input_type != "query":  # documents are embedded the same way
            found = self.table.get(key(text, "query"))
        if found is None:
            raise KeyError(f"not precomputed ({input_type}): {text[:80]!r}")
        return np.asarray(found, np.float32)


def rss_mb() -> float:
    """Peak resident memory of this process in MB.

    Read from ``/proc/self/status`` (VmHWM): ``getrusage``'s ``ru_maxrss`` survives
    ``exec`` on Linux, so a worker would report its parent's peak when larger.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def disk_mb(path: str) -> float:
    """Bytes under ``path`` in MB (0 for a system that keeps nothing on disk)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total / 1e6


def load_task() -> dict[str, Any]:
    """The task the driver wrote (path in argv[1])."""
    return json.loads(Path(sys.argv[1]).read_text("utf-8"))


#: Distributions whose versions a worker reports when its environment has them.
PACKAGES = ("memstack", "mem0ai", "qdrant-client", "langgraph", "langgraph-checkpoint-sqlite",
            "sqlite-vec")  # fmt: skip


def versions() -> dict[str, str]:
    """The versions of ``PACKAGES`` installed in this worker's environment."""
    out = {}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            pass
    return out


def report(task: dict[str, Any], **result: Any) -> None:
    """Write the result where the driver expects it."""
    result.setdefault("rss_mb", rss_mb())
    result.setdefault("versions", versions())
    result.setdefault("started", STARTED)
    result.setdefault("load_s", 0.0)
    Path(task["out"]).write_text(json.dumps(result), "utf-8")


def timed_queries(task: dict[str, Any], search: Any, model_s: Any = lambda: 0.0) -> dict[str, Any]:
    """Run every query through ``search(scope, text, k) -> [item ids]``; times and rankings.

    With ``budget_s`` in the task (the scale runs), a system stops after that many
    seconds once it has answered 20 queries. ``model_s()`` is the time a system
    spent so far running an embedding model for a text the driver did not
    precompute; it is left out of each search's time.
    """
    times, ranked = [], []
    first = None
    budget = task.get("budget_s")
    began = time.perf_counter()
    for q in task["queries"]:
        if budget and len(times) >= 20 and time.perf_counter() - began > budget:
            break  # a slow system: enough queries for its percentiles
        spent = model_s()
        t0 = time.perf_counter()
        ids = search(q["scope"], q["text"], task["k"])
        times.append(time.perf_counter() - t0 - (model_s() - spent))
        if first is None:
            first = time.time()
        ranked.append(ids)
    return {"search_s": times, "ranked": ranked, "first_result": first}


def items_by_session(task: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The task's items grouped into consecutive runs of one scope and session."""
    groups: list[list[dict[str, Any]]] = []
    for it in task["items"]:
        if groups and (groups[-1][0]["scope"], groups[-1][0]["session"]) == (
            it["scope"],
            it["session"],
        ):
            groups[-1].append(it)
        else:
            groups.append([it])
    return groups
