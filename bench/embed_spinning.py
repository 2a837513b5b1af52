"""Query and batch embedding with onnxruntime's idle threads spinning or not.

onnxruntime lets its worker threads spin (busy-wait) between calls so the next call
starts a little sooner. memstack embeds one short query per search, with pauses in
between, often on a machine that also runs a server, a database or other agents:
there the spinning threads take the cores the other work needs. This script embeds
the same LoCoMo questions (one per call, as a search does) and a batch of turns,
with spinning on and off, alternated ``--rounds`` times in one process, and reports
wall and processor time (all threads) per call. Run it on a quiet machine and again
while the machine is busy; the load average is printed with the table.

    python bench/embed_spinning.py [--queries 200] [--rounds 2] [--write]

The figures go into docs/benchmarks.md (section ``embed-spinning``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._report import table, write_section  # noqa: E402
from memstack.embed.onnx import OnnxEmbedder  # noqa: E402

LOCOMO = Path(__file__).resolve().parents[2] / "shared" / "data" / "locomo" / "locomo10.json"


def _texts(queries: int) -> tuple[list[str], list[str]]:
    data = json.loads(LOCOMO.read_text())
    questions = [str(q["question"]) for conv in data for q in conv["qa"]][:queries]
    turns = [
        str(t["text"])
        for conv in data
        for key, session in conv["conversation"].items()
        if key.startswith("session_") and isinstance(session, list)
        for t in session
        if t.get("text")
    ][:256]
    return questions, turns


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _measure(spin: bool, questions: list[str], turns: list[str]) -> dict[str, float]:
    embedder = OnnxEmbedder(spin=spin)
    for q in questions[:20]:  # warm-up: session creation, first allocations
        embedder.embed([q], input_type="query")
    wall: list[float] = []
    cpu: list[float] = []
    for q in questions:
        w0, c0 = time.perf_counter(), time.process_time()
        embedder.embed([q], input_type="query")
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    w0, c0 = time.perf_counter(), time.process_time()
    embedder.embed(turns)
    batch_wall, batch_cpu = time.perf_counter() - w0, time.process_time() - c0
    return {
        "wall50": statistics.median(wall),
        "wall95": _pct(wall, 0.95),
        "cpu50": statistics.median(cpu),
        "cpu95": _pct(cpu, 0.95),
        "batch_rate": len(turns) / batch_wall,
        "batch_cpu_rate": len(turns) / batch_cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    questions, turns = _texts(args.queries)
    results: dict[bool, list[dict[str, float]]] = {True: [], False: []}
    load_before = os.getloadavg()[0]
    for _ in range(args.rounds):
        for spin in (True, False):
            results[spin].append(_measure(spin, questions, turns))
    load_after = os.getloadavg()[0]
    rows: list[list[object]] = []
    for spin in (True, False):
        best = min(results[spin], key=lambda r: r["wall95"])  # the least disturbed round
        rows.append([
            "on" if spin else "off (default)",
            f"{best['wall50']:.1f}", f"{best['wall95']:.1f}",
            f"{best['cpu50']:.1f}", f"{best['cpu95']:.1f}",
            f"{best['batch_rate']:.0f}", f"{best['batch_cpu_rate']:.0f}",
        ])  # fmt: skip
    body = table(
        ["spinning", "query wall p50 ms", "query wall p95 ms", "query CPU p50 ms",
         "query CPU p95 ms", "batch texts/s", "batch texts per CPU-s"],
        rows,
    )  # fmt: skip
    note = (
        f"{len(questions)} LoCoMo questions embedded one per call, then {len(turns)} turns in one "
        f"call; {args.rounds} alternated rounds, the round with the lowest query p95 shown. "
        f"1-minute load average {load_before:.1f} at the start, {load_after:.1f} at the end. "
        "Processor time counts every thread of the process, so a spinning thread's "
        "busy-waiting shows there."
    )
    print(note)
    print(body)
    if args.write:
        write_section(
            "embed-spinning", "Query embedding: onnxruntime threads spinning or not",
            note + "\n\n" + body,
        )  # fmt: skip


if __name__ == "__main__":
    main()
