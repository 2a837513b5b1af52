"""What a metadata filter costs on SQLite: search, list and count with and without one.

Builds one scope of N memories (fake embedder: the store is measured, not the
model), each with metadata ``{"tag": "t<i % 100>", "i": i}``, and times the
median of 20 calls through the public API:

* ``search`` (hybrid) alone, then with ``metadata={"tag": "t5"}`` (1% of the scope);
* ``list(limit=10)`` and ``count`` with the filter (``count`` with ``$in`` of two tags).

SQLite answers a filter in SQL (a substring test on the stored JSON, then
``json_each``) over the memories visible from the scope, so its cost grows with
the scope; the search blocks then rank only the rows that passed.

Usage:
    python bench/metadata_filter.py [--memories 20000] [--write]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

from bench._report import table, write_section


def timed(call: Callable[[], Any], rounds: int = 20) -> float:
    call()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--memories", type=int, default=20_000)
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()

    from memstack import Memory
    from memstack.embed.fake import FakeEmbedder

    mem = Memory(tempfile.mkdtemp(prefix="memstack-meta-"), embedder=FakeEmbedder())
    n = args.memories
    mem.add_many(
        [
            {"scope": "bench/big", "text": f"note {i} about topic {i % 97} and tea",
             "metadata": {"tag": f"t{i % 100}", "i": i}}
            for i in range(n)
        ],
        batch_size=2000,
    )  # fmt: skip
    flt = {"tag": "t5"}
    rows = [
        ["search (hybrid), no filter", timed(lambda: mem.search("bench/big", "topic 5 tea"))],
        ["search, metadata filter (1%)",
         timed(lambda: mem.search("bench/big", "topic 5 tea", metadata=flt))],
        ["list limit 10, metadata filter", timed(lambda: mem.list("bench/big", metadata=flt,
                                                                  limit=10))],
        ["count, $in of two tags",
         timed(lambda: mem.count("bench/big", metadata={"tag": {"$in": ["t5", "t6"]}}))],
    ]  # fmt: skip
    mem.close()
    text = table(["call", "median ms"], rows)
    print(f"{n} memories in one scope\n\n{text}")
    if args.write:
        body = (
            f"{n} memories in one scope, each with a small metadata object; median of 20 "
            f"calls.\n\n{text}\n\nThe filter is answered in SQL over the scope's memories "
            "before ranking, so its cost grows with the scope (no metadata index yet)."
        )
        write_section("metadata_filter", "Metadata filters on SQLite", body)


if __name__ == "__main__":
    main()
