"""What a write costs beyond its embedding: processor time per memory, the model left out.

The ingest ratio (``bench/latency.py --ingest-only``, ``bench/ingest_sessions.py``)
is elapsed time of two runs of the model, which a shared machine's load moves by
tens of percent between runs. The part memstack controls is what a write costs
on top of the embedder, and that can be measured alone and steadily: the LoCoMo
turns are written with vectors computed beforehand (an embedder answering from a
table, under its own id), and the processor time of the writing thread is
divided by the number of memories. Two doors:

* ``add_many``: every distinct LoCoMo turn text, one call, into a fresh store;
* ``ingest_conversation``: every LoCoMo session, one call per session, as an
  application archiving each session when it ends.

Best of ``--rounds`` each. ``--raw N`` also embeds N turn texts with the shipped
model (``embed``: sorted by length, batches of 64) for its processor time per
text, so ``raw / (raw + overhead)`` is the ratio by processor time.

To compare code versions, run it with ``PYTHONPATH`` set to each checkout and a
``--label``; one table row per run.

Usage:
    python bench/ingest_overhead.py [--rounds 3] [--raw 600] [--label now]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "locomo" / "locomo10.json"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--raw", type=int, default=0, help="turn texts to embed for the raw rate")
    parser.add_argument("--label", default="")
    args = parser.parse_args()

    from memstack import Memory
    from memstack.embed.base import EmbeddingModel
    from memstack.store.sqlite import SqliteStore

    sessions: list[list[dict[str, str]]] = []
    for sample in json.loads(DATA.read_text("utf-8")):
        for key, value in sample["conversation"].items():
            if key.startswith("session_") and isinstance(value, list) and value:
                sessions.append(
                    [{"role": "user", "name": t["speaker"], "content": t["text"]} for t in value]
                )
    turns = [m["content"] for s in sessions for m in s]
    unique = list(dict.fromkeys(turns))
    rng = np.random.default_rng(0)
    table: dict[str, np.ndarray] = {}

    def vector(text: str) -> np.ndarray:
        if text not in table:
            v = rng.normal(size=384).astype(np.float32)
            table[text] = v / np.linalg.norm(v)
        return table[text]

    class Precomputed(EmbeddingModel):
        """Seeded unit vectors, one per distinct text (the turns' made before timing)."""

        def __init__(self) -> None:
            self.id, self.dimensions, self.batch_size = "bench:precomputed", 384, 4096

        def embed_batch(self, texts: Sequence[str], *, input_type: str = "document") -> np.ndarray:
            # ingest_conversation may embed a turn with its context: made on first use.
            return np.stack([vector(t) for t in texts])

    def timed(write: object) -> float:
        best = float("inf")
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory() as tmp:
                mem = Memory(store=SqliteStore(Path(tmp) / "m.db"), embedder=Precomputed())
                mem.add("bench/warm", "warm up: screening tables, migrations, the embedder check")
                c = time.thread_time()
                write(mem)  # type: ignore[operator]
                best = min(best, time.thread_time() - c)
                mem.close()
        return best

    def add_many(mem: Memory) -> None:
        mem.add_many([{"scope": "bench/ingest", "text": t} for t in unique])

    def ingest(mem: Memory) -> None:
        for i, session in enumerate(sessions):
            mem.ingest_conversation("bench/conv", session, session=f"s{i}")

    for t in ["warm up: screening tables, migrations, the embedder check", *unique]:
        vector(t)
    per_add = timed(add_many) / len(unique) * 1000
    per_turn = timed(ingest) / len(turns) * 1000
    raw_cells = ["", "", ""]
    if args.raw:
        from memstack.plugins import make

        model = make("embedders", "onnx")
        model.embed(["warm up"])
        sample = unique[:: max(1, len(unique) // args.raw)][: args.raw]
        c = time.process_time()  # all threads: the model runs on a pool
        model.embed(sample)
        raw = (time.process_time() - c) / len(sample) * 1000
        raw_cells = [
            f"{raw:.2f}",
            f"{raw / (raw + per_add):.1%}",
            f"{raw / (raw + per_turn):.1%}",
        ]
    print(
        "| code | add_many ms/memory | ingest_conversation ms/turn "
        "| raw embedder ms/text | add_many / raw | ingest / raw |"
    )
    print("|---|---|---|---|---|---|")
    print(f"| {args.label} | {per_add:.3f} | {per_turn:.3f} | " + " | ".join(raw_cells) + " |")


if __name__ == "__main__":
    main()
