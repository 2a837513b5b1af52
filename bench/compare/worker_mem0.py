"""Mem0 OSS in its own virtual environment: ``python worker_mem0.py TASK.json``.

Configured as its documentation shows for a local setup: embedded Qdrant on
disk and the SQLite history database, ``infer=False`` (no LLM: every message is
stored as a memory, the offline comparison). Its embedding model is replaced by
the precomputed vectors; the LLM client is never called. Telemetry is off.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ["MEM0_TELEMETRY"] = "False"
os.environ.setdefault("OPENAI_API_KEY", "unused-offline")  # the default clients want one
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Vectors, disk_mb, items_by_session, load_task, report, timed_queries  # noqa: E402
from mem0 import Memory  # noqa: E402


class Precomputed:
    """Mem0's embedder interface, answered from the precomputed vectors."""

    def __init__(self, vectors: Vectors) -> None:
        self.vectors = vectors

    def embed(self, text, memory_action=None):  # type: ignore[no-untyped-def]
        kind = "query" if memory_action == "search" else "document"
        return self.vectors.get(text, kind).tolist()

    def embed_batch(self, texts, memory_action="add"):  # type: ignore[no-untyped-def]
        return [self.embed(t, memory_action) for t in texts]


def open_memory(task: dict, vectors: Vectors) -> Memory:
    folder = Path(task["dir"])
    folder.mkdir(parents=True, exist_ok=True)
    config = {
        "vector_store": {"provider": "qdrant", "config": {
            "path": str(folder / "qdrant"), "on_disk": True, "collection_name": "bench",
            "embedding_model_dims": vectors.dims}},
        "history_db_path": str(folder / "history.db"),
    }  # fmt: skip
    memory = Memory.from_config(config)
    memory.embedding_model = Precomputed(vectors)
    return memory


def main() -> None:
    task = load_task()
    vectors = Vectors(task["cache"], task.get("scale_texts"), task.get("scale_vectors"))
    opened = time.perf_counter()
    memory = open_memory(task, vectors)
    open_s = time.perf_counter() - opened
    ids: dict[tuple[str, str], str] = {}
    ingest_s = 0.0
    if task["mode"] != "cold":
        t0 = time.perf_counter()
        for group in items_by_session(task):  # a session per call; the scale set 100 at a time
            for start in range(0, len(group), 100):
                msgs = [
                    {"role": it["role"], "content": it["text"]} for it in group[start : start + 100]
                ]
                memory.add(msgs, user_id=group[0]["scope"], infer=False)
        ingest_s = time.perf_counter() - t0
    for it in task["items"]:  # Mem0 keeps no caller id: map its texts back to ours
        ids.setdefault((it["scope"], it["text"]), it["id"])

    def search(scope: str, text: str, k: int) -> list[str]:
        found = memory.search(text, filters={"user_id": scope}, top_k=k, threshold=0.0)
        return [ids.get((scope, r["memory"]), "?") for r in found["results"]]

    result = timed_queries(task, search)
    report(
        task,
        ingest_s=ingest_s,
        open_s=open_s,
        load_s=vectors.load_s,
        disk_mb=disk_mb(task["dir"]),
        **result,
    )


if __name__ == "__main__":
    main()
