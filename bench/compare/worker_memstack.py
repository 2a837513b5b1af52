"""memstack, run the way its documentation shows: ``python worker_memstack.py TASK.json``.

One SQLite file in the task's folder; LoCoMo sessions go in through
``ingest_conversation`` (the conversation door), the scale set through
``add_many``; search is the default hybrid search. The embedder answers from the
precomputed vectors under the shipped model's id, so a reopened store sees no
embedder change.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's memstack

import numpy as np  # noqa: E402
from common import Vectors, disk_mb, items_by_session, load_task, report, timed_queries  # noqa: E402

from memstack import Memory  # noqa: E402
from memstack.embed.base import EmbeddingModel, InputType, Matrix  # noqa: E402
from memstack.plugins import make  # noqa: E402
from memstack.store.sqlite import SqliteStore  # noqa: E402


class Precomputed(EmbeddingModel):
    """memstack's embedder interface, answered from the precomputed vectors.

    A search may embed a text the driver could not foresee (the question without
    the words nearly every memory of a large scope holds); such a text is embedded
    by the shipped model, loaded on the first miss, and counted: the driver reports
    the misses, and their model time is left out of search times.
    """

    def __init__(self, vectors: Vectors, model_id: str) -> None:
        self.vectors, self.id, self.dimensions, self.batch_size = (
            vectors,
            model_id,
            vectors.dims,
            64,
        )
        self.real: EmbeddingModel | None = None
        self.misses = 0
        self.model_s = 0.0

    def embed_batch(self, texts: Sequence[str], *, input_type: InputType = "document") -> Matrix:
        out = []
        for t in texts:
            try:
                out.append(self.vectors.get(t, input_type))
            except KeyError:
                t0 = time.perf_counter()
                if self.real is None:
                    self.real = make("embedders", "onnx")
                    if self.real.id != self.id:
                        raise SystemExit(f"shipped model {self.real.id} is not {self.id}") from None
                out.append(self.real.embed_batch([t], input_type=input_type)[0])
                self.model_s += time.perf_counter() - t0
                self.misses += 1
        return np.stack(out)


def main() -> None:
    task = load_task()
    vectors = Vectors(task["cache"], task.get("scale_texts"), task.get("scale_vectors"))
    folder = Path(task["dir"])
    folder.mkdir(parents=True, exist_ok=True)
    opened = time.perf_counter()
    embedder = Precomputed(vectors, task["model"])
    mem = Memory(store=SqliteStore(folder / "m.db"), embedder=embedder)
    open_s = time.perf_counter() - opened
    ingest_s = 0.0
    if task["mode"] == "locomo":
        t0 = time.perf_counter()
        for group in items_by_session(task):
            msgs = [
                {"role": it["role"], "name": it["speaker"], "id": it["id"], "content": it["text"]}
                for it in group
            ]
            mem.ingest_conversation(
                group[0]["scope"],
                msgs,
                session_time=datetime.fromisoformat(group[0]["time"]),
                conversation=group[0]["scope"],
                session=group[0]["session"],
            )
        ingest_s = time.perf_counter() - t0
    elif task["mode"] == "scale":
        t0 = time.perf_counter()
        mem.add_many(
            {
                "scope": it["scope"],
                "text": it["text"],
                "kind": "fact",
                "source": {"origin": "import", "turns": [it["id"]]},
            }
            for it in task["items"]
        )
        ingest_s = time.perf_counter() - t0
    by_id: dict[str, str] = {}

    def search(scope: str, text: str, k: int) -> list[str]:
        out = []
        for hit in mem.search(scope, text, limit=k):
            turns = hit.memory.source.turns if hit.memory.source else []
            out.append(turns[0] if turns else by_id.get(hit.memory.id, "?"))
        return out

    result = timed_queries(task, search, lambda: embedder.model_s)
    mem.close()
    report(
        task,
        ingest_s=ingest_s,
        open_s=open_s,
        load_s=vectors.load_s,
        disk_mb=disk_mb(task["dir"]),
        model_misses=embedder.misses,
        **result,
    )


if __name__ == "__main__":
    main()
