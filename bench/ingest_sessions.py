"""Conversation ingest against the raw embedder: one ``ingest_conversation`` call per session.

Issue 16 asks ``ingest_conversation`` to reach 90% of the raw embedder's
length-sorted throughput. Here the turns of the first ``--conversations``
LoCoMo conversations are (a) embedded all at once by the shipped model
(``embed``: sorted by length, batches of 64: the raw rate) and (b) ingested
into a fresh SQLite store, one ``ingest_conversation`` call per session, as an
application archiving each session when it ends. Alternated twice, best of each.
Processor time (all threads) is shown beside elapsed time: the machine is shared.

Usage:
    python bench/ingest_sessions.py [--conversations 2] [--label after]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "locomo" / "locomo10.json"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conversations", type=int, default=2)
    parser.add_argument("--label", default="")
    args = parser.parse_args()

    from memstack import Memory
    from memstack.plugins import make
    from memstack.store.sqlite import SqliteStore

    sessions: list[list[dict[str, str]]] = []
    for sample in json.loads(DATA.read_text("utf-8"))[: args.conversations]:
        conv = sample["conversation"]
        for key, value in conv.items():
            if key.startswith("session_") and isinstance(value, list) and value:
                sessions.append(
                    [{"role": "user", "name": t["speaker"], "content": t["text"]} for t in value]
                )
    texts = [m["content"] for s in sessions for m in s]
    embedder = make("embedders", "onnx")
    embedder.embed(["warm up"])
    best = {"raw": (float("inf"), 0.0), "ingest": (float("inf"), 0.0)}
    for _ in range(2):
        w, c = time.perf_counter(), time.process_time()
        embedder.embed(texts)
        best["raw"] = min(best["raw"], (time.perf_counter() - w, time.process_time() - c))
        with tempfile.TemporaryDirectory() as tmp:
            mem = Memory(store=SqliteStore(Path(tmp) / "m.db"), embedder=embedder)
            w, c = time.perf_counter(), time.process_time()
            for i, session in enumerate(sessions):
                mem.ingest_conversation("bench/conv", session, session=f"s{i}")
            best["ingest"] = min(
                best["ingest"], (time.perf_counter() - w, time.process_time() - c)
            )
            mem.close()
    (raw_w, raw_c), (ing_w, ing_c) = best["raw"], best["ingest"]
    n = len(texts)
    print(
        f"| {args.label} | {n} | {len(sessions)} | {n / raw_w:.0f} | {n / ing_w:.0f} | "
        f"{raw_w / ing_w:.0%} | {n / raw_c:.0f} | {n / ing_c:.0f} | {raw_c / ing_c:.0%} |"
    )


if __name__ == "__main__":
    main()
