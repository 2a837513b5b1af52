"""LangGraph's stores in their own virtual environment: ``python worker_langgraph.py TASK.json``.

``variant`` in the task picks ``InMemoryStore`` or ``SqliteStore`` (sqlite-vec),
each with a semantic index over the ``text`` field (``index={"dims", "embed",
"fields"/"text_fields"}``) as LangGraph's documentation shows; one ``put`` per turn, the
namespace ``(scope,)``, the key the turn id; the scale set in ``batch`` calls of 500
``PutOp``s. The embed function answers from the
precomputed vectors.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Vectors, disk_mb, load_task, report, timed_queries  # noqa: E402


def main() -> None:
    task = load_task()
    vectors = Vectors(task["cache"], task.get("scale_texts"), task.get("scale_vectors"))

    def embed(texts: list[str]) -> list[list[float]]:
        # LangGraph embeds documents and queries through one function: a text is looked
        # up as a document first, then as a query (the vectors are the same model's).
        out = []
        for t in texts:
            try:
                out.append(vectors.get(t, "document").tolist())
            except KeyError:
                out.append(vectors.get(t, "query").tolist())
        return out

    # InMemoryStore reads "fields", SqliteStore "text_fields" (its docstring says "fields").
    index = {"dims": vectors.dims, "embed": embed, "fields": ["text"], "text_fields": ["text"]}
    folder = Path(task["dir"])
    folder.mkdir(parents=True, exist_ok=True)
    opened = time.perf_counter()
    if task["variant"] == "memory":
        from langgraph.store.memory import InMemoryStore

        store = InMemoryStore(index=index)  # type: ignore[arg-type]
    else:
        from langgraph.store.sqlite import SqliteStore

        try:  # SqliteStore loads sqlite-vec: needs a sqlite3 that may load extensions
            import pysqlite3 as sqlite3  # type: ignore[import-not-found]
        except ImportError:
            import sqlite3

        conn = sqlite3.connect(folder / "store.db", check_same_thread=False, isolation_level=None)
        store = SqliteStore(conn, index=index)  # type: ignore[arg-type]
        store.setup()
    open_s = time.perf_counter() - opened
    ingest_s = 0.0
    if task["mode"] == "locomo":  # one put per turn, as a conversation arrives
        t0 = time.perf_counter()
        for it in task["items"]:
            store.put((it["scope"],), it["id"], {"text": it["text"], "speaker": it.get("speaker")})
        ingest_s = time.perf_counter() - t0
    elif task["mode"] == "scale":  # a bulk load: PutOps through batch(), 500 at a time
        from langgraph.store.base import PutOp

        t0 = time.perf_counter()
        items = task["items"]
        for start in range(0, len(items), 500):
            store.batch(
                [
                    PutOp((it["scope"],), it["id"], {"text": it["text"]})
                    for it in items[start : start + 500]
                ]
            )
        ingest_s = time.perf_counter() - t0

    def search(scope: str, text: str, k: int) -> list[str]:
        return [item.key for item in store.search((scope,), query=text, limit=k)]

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
