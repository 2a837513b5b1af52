"""Mem0 OSS in its own virtual environment: ``python worker_mem0.py TASK.json``.

Configured as its documentation shows for a local setup: embedded Qdrant on
disk and the SQLite history database, ``infer=False`` (no LLM: every message is
stored as a memory, the offline comparison). Its embedding model is replaced by
the precomputed vectors; the LLM client is never called. Telemetry is off.

The scale set is too large for ``add`` (about 30 messages/s here: an hour for
100,000), so all but the last ``sample`` items are written through Mem0's own
batch calls with the rows ``add`` would write (``mem0_fill``), and the ingest
rate is timed on the sample through ``add``, into the nearly full store. The
first point ``add`` wrote is then compared with the built shape; a difference
fails the run.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ["MEM0_TELEMETRY"] = "False"
os.environ.setdefault("OPENAI_API_KEY", "unused-offline")  # the default clients want one
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mem0_fill  # noqa: E402
from common import Vectors, disk_mb, items_by_session, load_task, report, timed_queries  # noqa: E402
from mem0 import Memory  # noqa: E402
from mem0.utils.lemmatization import lemmatize_for_bm25  # noqa: E402

COLLECTION = "bench"


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
            "path": str(folder / "qdrant"), "on_disk": True, "collection_name": COLLECTION,
            "embedding_model_dims": vectors.dims}},
        "history_db_path": str(folder / "history.db"),
    }  # fmt: skip
    memory = Memory.from_config(config)
    memory.embedding_model = Precomputed(vectors)
    return memory


def fill(memory: Memory, items: list[dict], vectors: Vectors, batch: int = 1000) -> None:
    """Write ``items`` with the rows ``add(infer=False)`` writes, through Mem0's batch calls.

    ``vector_store.insert`` is the call ``add`` makes, with a list instead of one
    point; embedded Qdrant still writes and commits each point on its own, and
    waits for the disk at every commit (about 35 points/s here). During the fill
    only, its storage connection skips that wait (``PRAGMA synchronous=OFF``): the
    same rows land in the same file, and the timed ``add`` sample runs with the
    setting restored.
    """
    conn = memory.vector_store.client._client.collections[COLLECTION].storage.storage
    (sync,) = conn.execute("PRAGMA synchronous").fetchone()
    conn.execute("PRAGMA synchronous=OFF")
    try:
        for start in range(0, len(items), batch):
            chunk = items[start : start + batch]
            ids = [mem0_fill.new_id() for _ in chunk]
            points = [
                mem0_fill.payload(
                    it["text"], user_id=it["scope"], role=it["role"], lemmatize=lemmatize_for_bm25
                )
                for it in chunk
            ]
            memory.vector_store.insert(
                vectors=[vectors.get(it["text"]).tolist() for it in chunk],
                payloads=points,
                ids=ids,
            )
            memory.db.batch_add_history(
                [mem0_fill.history(i, p) for i, p in zip(ids, points, strict=True)]
            )
    finally:
        conn.execute(f"PRAGMA synchronous={int(sync)}")


def check_shape(memory: Memory, memory_id: str, item: dict) -> None:
    """Fail unless the point ``add`` wrote for ``item`` has the shape ``fill`` writes."""
    written = memory.vector_store.get(vector_id=memory_id).payload
    built = mem0_fill.payload(
        item["text"], user_id=item["scope"], role=item["role"], lemmatize=lemmatize_for_bm25
    )
    diff = mem0_fill.differences(written, built)
    if diff:
        raise SystemExit("Mem0 wrote another payload than the bulk fill: " + "; ".join(diff))


def main() -> None:
    task = load_task()
    vectors = Vectors(task["cache"], task.get("scale_texts"), task.get("scale_vectors"))
    opened = time.perf_counter()
    memory = open_memory(task, vectors)
    open_s = time.perf_counter() - opened
    ids: dict[tuple[str, str], str] = {}
    ingest_s = fill_s = 0.0
    added = task["items"]
    if task["mode"] == "scale" and len(added) > task.get("sample", len(added)):
        t0 = time.perf_counter()
        fill(memory, added[: -task["sample"]], vectors)
        fill_s = time.perf_counter() - t0
        added = added[-task["sample"] :]
    if task["mode"] != "cold":
        first = None
        t0 = time.perf_counter()
        # A session per call; the scale set 100 messages at a time.
        for group in items_by_session({"items": added}):
            for start in range(0, len(group), 100):
                msgs = [
                    {"role": it["role"], "content": it["text"]} for it in group[start : start + 100]
                ]
                out = memory.add(msgs, user_id=group[0]["scope"], infer=False)
                first = first or out["results"][0]["id"]
        ingest_s = time.perf_counter() - t0
        if task["mode"] == "scale" and first:
            check_shape(memory, first, added[0])
    for it in task["items"]:  # Mem0 keeps no caller id: map its texts back to ours
        ids.setdefault((it["scope"], it["text"]), it["id"])

    def search(scope: str, text: str, k: int) -> list[str]:
        found = memory.search(text, filters={"user_id": scope}, top_k=k, threshold=0.0)
        return [ids.get((scope, r["memory"]), "?") for r in found["results"]]

    result = timed_queries(task, search)
    report(
        task,
        ingest_s=ingest_s,
        ingest_n=len(added) if task["mode"] != "cold" else 0,
        fill_s=fill_s,
        open_s=open_s,
        load_s=vectors.load_s,
        disk_mb=disk_mb(task["dir"]),
        **result,
    )


if __name__ == "__main__":
    main()
