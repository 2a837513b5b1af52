"""Search right after a write: processor time per search, with and without a write before it.

An agent remembers something, then searches: the write must not make the next
search rebuild or re-read the scope's in-memory blocks. This times, in one
process, ``--searches`` hybrid searches of the big scope of a store built by
``bench/cold_start.py`` (100k memories in ``bench/big``), each alone and each
after ``Memory.add`` into the same scope, alternating the two kinds in two
rounds. Queries are embedded by a stand-in (seeded random unit vectors with
the shipped model's id) so the store and its blocks are measured, not the model.

The figure is processor time of the searching thread (``time.thread_time``),
median and 95th percentile: on a shared, loaded machine elapsed time mostly
measures the neighbours. Run it with other checkouts on ``PYTHONPATH`` to
compare code versions on the same store (it works on a copy).

Usage:
    python bench/after_write.py --store /tmp/cold.db [--label after] [--searches 80] [--write]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", required=True, help="a store built by bench/cold_start.py")
    parser.add_argument("--scope", default="bench/big")
    parser.add_argument("--searches", type=int, default=80)
    parser.add_argument("--label", default="")
    args = parser.parse_args()

    from memstack import Memory
    from memstack.embed.base import EmbeddingModel, InputType, Matrix
    from memstack.store.sqlite import SqliteStore

    class StandIn(EmbeddingModel):
        def __init__(self) -> None:
            self.id, self.dimensions, self.batch_size = "onnx:all-MiniLM-L6-v2-int8", 384, 4096
            self.rng = np.random.default_rng(0)

        def embed_batch(
            self, texts: Sequence[str], *, input_type: InputType = "document"
        ) -> Matrix:
            out = self.rng.normal(size=(len(texts), 384)).astype(np.float32)
            return out / np.linalg.norm(out, axis=1, keepdims=True)

    tmp = Path(tempfile.mkdtemp(prefix="memstack-aw-"))
    shutil.copy(args.store, tmp / "m.db")
    mem = Memory(store=SqliteStore(tmp / "m.db"), embedder=StandIn())
    query = "what about the garden and the coffee"
    for _ in range(5):
        mem.search(args.scope, query, limit=10)
    times: dict[bool, list[float]] = {False: [], True: []}
    for write in (False, True, False, True):
        for i in range(args.searches // 2):
            if write:
                mem.add(args.scope, f"coffee in the garden, note {i}")
            t0 = time.thread_time()
            mem.search(args.scope, query, limit=10)
            times[write].append(time.thread_time() - t0)
    mem.close()
    shutil.rmtree(tmp)
    for write, label in ((False, "alone"), (True, "after a write")):
        ms = np.array(times[write]) * 1000
        print(f"| {args.label} | {label} | {np.percentile(ms, 50):.1f} | "
              f"{np.percentile(ms, 95):.1f} |")  # fmt: skip
    sys.stdout.flush()


if __name__ == "__main__":
    main()
