"""The shipped int8 MiniLM against its 8-bit MatMulNBits variant, in one process.

``scripts/export_minilm.py --quant q8 --out DIR --keep-fp32 FILE`` writes the 8-bit
variant (``onnx:all-MiniLM-L6-v2-q8``) and the float32 export both came from. This
script loads the shipped model, the q8 folder and the float32 file with memstack's own
:class:`~memstack.embed.onnx.OnnxEmbedder` (default threads, no spinning: what a
search runs) and measures, alternating the models call by call so a busy machine
slows them alike:

* **query**: one LoCoMo question per call, as a search embeds it: wall-clock p50/p95
  and processor time (all threads) p50 per call;
* **batch**: every LoCoMo turn through ``embed()`` (length-sorted batches of 64, as
  ingest does), in chunks of 256 alternated between the models: texts per second of
  wall-clock and of processor time;
* **fidelity**: cosine of each turn (as a document) and each question (as a query) to
  the float32 model's vector: mean, 1st percentile, minimum;
* **batch independence**: the worst cosine between a text embedded alone and the same
  text inside batches padded to a long neighbour, with short ones, first and last;
* **size**: ``model.onnx`` on disk and deflated (about what it adds to a wheel); in a
  fresh process per model, the time to the first vector (session load included) and
  the peak memory it added.

``--recall A.jsonl,B.jsonl`` adds the paired recall difference of two
``bench/locomo_recall.py --dump`` files (hybrid R@10 per question, B minus A, with a
95% bootstrap interval), so "recall within noise" is a number, not an impression.

    python bench/embed_q8.py --q8 build/minilm-q8 --fp32 build/minilm-fp32.onnx \\
        [--queries 300] [--recall int8.jsonl,q8.jsonl] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._recall_data import LOCOMO  # noqa: E402
from bench._report import table, write_section  # noqa: E402
from memstack.embed.onnx import SHIPPED_MODEL, OnnxEmbedder  # noqa: E402


def locomo_texts() -> tuple[list[str], list[str]]:
    """Every LoCoMo turn and every question, in file order."""
    data = json.loads(LOCOMO.read_text("utf-8"))
    questions = [str(q["question"]) for conv in data for q in conv["qa"]]
    turns = [
        str(t["text"])
        for conv in data
        for key, session in conv["conversation"].items()
        if key.startswith("session_") and isinstance(session, list)
        for t in session
        if t.get("text")
    ]
    return turns, questions


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def query_latency(
    models: dict[str, OnnxEmbedder], questions: list[str]
) -> dict[str, dict[str, float]]:
    """Wall and processor milliseconds per single-question embed, models alternated."""
    for m in models.values():  # warm-up: first allocations, thread pool start
        for q in questions[:20]:
            m.embed([q], input_type="query")
    wall: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    names = list(models)
    for i, q in enumerate(questions):
        order = names[i % len(names) :] + names[: i % len(names)]  # rotate who goes first
        for name in order:
            c0, t0 = time.process_time(), time.perf_counter()
            models[name].embed([q], input_type="query")
            wall[name].append((time.perf_counter() - t0) * 1e3)
            cpu[name].append((time.process_time() - c0) * 1e3)
    return {
        n: {"p50": pct(wall[n], 50), "p95": pct(wall[n], 95), "cpu": pct(cpu[n], 50)}
        for n in names
    }


def batch_pass(
    models: dict[str, OnnxEmbedder], texts: list[str], input_type: str, chunk: int = 256
) -> tuple[dict[str, np.ndarray], dict[str, tuple[float, float]]]:
    """Embed ``texts`` with every model, chunk by chunk; vectors and (wall, cpu) texts/s."""
    vecs: dict[str, list[np.ndarray]] = defaultdict(list)
    spent: dict[str, list[float]] = {n: [0.0, 0.0] for n in models}
    for start in range(0, len(texts), chunk):
        part = texts[start : start + chunk]
        for name, model in models.items():
            c0, t0 = time.process_time(), time.perf_counter()
            vecs[name].append(model.embed(part, input_type=input_type))  # type: ignore[arg-type]
            spent[name][0] += time.perf_counter() - t0
            spent[name][1] += time.process_time() - c0
    rate = {n: (len(texts) / w, len(texts) / c) for n, (w, c) in spent.items()}
    return {n: np.concatenate(v) for n, v in vecs.items()}, rate


def batch_independence(model: OnnxEmbedder, turns: list[str], questions: list[str]) -> float:
    """Worst cosine between a text alone and in padded batches (first and last)."""
    r = random.Random(7)
    probes = r.sample(turns, 6) + r.sample(questions, 6)
    longest = max(turns, key=len)
    short = sorted(turns, key=len)[:40]
    neighbours = [[longest], [longest, *r.sample(turns, 1)], r.sample(short, 7), ["ok"]]
    worst = 1.0
    for probe in probes:
        alone = model.embed_batch([probe])[0]
        alone = alone / np.linalg.norm(alone)
        for group in neighbours:
            for pos in (0, len(group)):
                v = model.embed_batch(group[:pos] + [probe] + group[pos:])[pos]
                worst = min(worst, float(v @ alone / np.linalg.norm(v)))
    return worst


def size(model: OnnxEmbedder) -> tuple[float, float]:
    """MB of model.onnx on disk and deflated (level 6, as in a wheel)."""
    raw = model.model_path.read_bytes()
    return len(raw) / 1e6, len(zlib.compress(raw, 6)) / 1e6


_FRESH = """
import json, resource, sys, time
import onnxruntime
from memstack.embed.onnx import OnnxEmbedder
path, tokenizer = sys.argv[1] or None, sys.argv[2] or None
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
OnnxEmbedder(path, tokenizer=tokenizer).embed(["warm up"])
seconds = time.perf_counter() - t0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps([seconds, (after - before) / 1024]))
"""


def fresh_load(path: Path | None, tokenizer: Path | None = None) -> tuple[float, float]:
    """Seconds to the first vector and MB of peak memory added, in a fresh process.

    onnxruntime is imported before the clock starts: only the model's own load counts.
    """
    argv = [sys.executable, "-c", _FRESH, str(path or ""), str(tokenizer or "")]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=ROOT)
    seconds, mb = json.loads(done.stdout.strip().splitlines()[-1])
    return float(seconds), float(mb)


def recall_delta(a: Path, b: Path, mode: str = "hybrid", k: int = 2) -> list[list[object]]:
    """Per data set: R@10 of each dump, the paired mean difference and its 95% interval."""

    def rows(path: Path) -> dict[tuple[str, ...], float]:
        out: dict[tuple[str, ...], float] = {}
        seen: dict[tuple[str, ...], int] = defaultdict(int)
        for line in path.read_text("utf-8").splitlines():
            rec = json.loads(line)
            if rec["mode"] != mode:
                continue
            key = (rec["data"], rec["conv"], rec["question"])
            seen[key] += 1
            out[(*key, str(seen[key]))] = float(rec["row"][k])
        return out

    ra, rb = rows(a), rows(b)
    common = sorted(set(ra) & set(rb))
    out: list[list[object]] = []
    rng = np.random.default_rng(0)
    for data in sorted({key[0] for key in common}):
        keys = [key for key in common if key[0] == data]
        va = np.array([ra[key] for key in keys])
        vb = np.array([rb[key] for key in keys])
        d = vb - va
        boots = rng.choice(d, size=(2000, len(d))).mean(axis=1)
        lo, hi = np.percentile(boots, [2.5, 97.5])
        out.append([data, len(keys), va.mean(), vb.mean(), f"{d.mean():+.4f}",
                    f"[{lo:+.4f}, {hi:+.4f}]", int((d != 0).sum())])  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--q8", type=Path, required=True, help="folder of the q8 export")
    parser.add_argument("--fp32", type=Path, required=True, help="the float32 ONNX export")
    parser.add_argument("--queries", type=int, default=300, help="questions for the latency")
    parser.add_argument("--turns", type=int, help="only the first N turns (default: all)")
    parser.add_argument("--recall", help="two locomo_recall.py --dump files: BASE,NEW")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    if not LOCOMO.exists():
        sys.exit(f"LoCoMo data not found at {LOCOMO}; place the shared folder beside the repo.")

    tokenizer = SHIPPED_MODEL / "tokenizer.json"
    load_before = os.getloadavg()[0]
    fresh = {
        "int8 (shipped)": fresh_load(None),
        "q8": fresh_load(args.q8),
        "float32": fresh_load(args.fp32, tokenizer),
    }
    models = {
        "int8 (shipped)": OnnxEmbedder(),
        "q8": OnnxEmbedder(args.q8),
        "float32": OnnxEmbedder(args.fp32, tokenizer=tokenizer, id="onnx:fp32"),
    }
    turns, questions = locomo_texts()
    turns = turns[: args.turns] if args.turns else turns
    lat = query_latency(models, questions[: args.queries])
    doc_vecs, doc_rate = batch_pass(models, turns, "document")
    q_vecs, _ = batch_pass(models, questions, "query")
    load_after = os.getloadavg()[0]

    rows = []
    for name, model in models.items():
        fid_t = (doc_vecs[name] * doc_vecs["float32"]).sum(axis=1)
        fid_q = (q_vecs[name] * q_vecs["float32"]).sum(axis=1)
        disk, packed = size(model)
        rows.append([
            name, model.id, f"{lat[name]['p50']:.2f}", f"{lat[name]['p95']:.2f}",
            f"{lat[name]['cpu']:.2f}", f"{doc_rate[name][0]:.0f}", f"{doc_rate[name][1]:.0f}",
            f"{fid_t.mean():.5f} / {np.percentile(fid_t, 1):.5f} / {fid_t.min():.5f}",
            f"{fid_q.mean():.5f} / {np.percentile(fid_q, 1):.5f} / {fid_q.min():.5f}",
            f"{batch_independence(model, turns, questions):.7f}",
            f"{disk:.1f} / {packed:.1f}", f"{fresh[name][0]:.2f}", f"{fresh[name][1]:.0f}",
        ])  # fmt: skip
    head = ["model", "id", "query p50 ms", "query p95 ms", "query CPU p50 ms",
            "turns/s", "turns/CPU-s", "cosine to float32, turns (mean / 1% / min)",
            "questions (mean / 1% / min)", "worst cosine alone vs batch",
            "model.onnx MB (disk / deflated)", "load + first embed s", "memory MB"]  # fmt: skip
    import onnxruntime  # type: ignore[import-untyped]

    lines = [
        f"{len(questions[: args.queries])} LoCoMo questions one per call (query), "
        f"{len(turns)} turns through `embed()` in chunks of 256 (batch), "
        f"{len(questions)} questions for fidelity; models alternated call by call; "
        f"onnxruntime {onnxruntime.__version__}, default threads, no spinning. "
        f"Load average {load_before:.1f} at the start, {load_after:.1f} at the end.",
        "",
        table(head, rows),
    ]
    if args.recall:
        base, new = (Path(p) for p in args.recall.split(","))
        lines += [
            "",
            f"Hybrid turn R@10, paired per question (`{base.name}` → `{new.name}`, "
            "95% bootstrap interval of the mean difference):",
            "",
            table(["data", "questions", "R@10 base", "R@10 new", "difference", "95% interval",
                   "questions that changed"], recall_delta(base, new)),  # fmt: skip
        ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section("embed_q8", "Query model: shipped int8 against 8-bit MatMulNBits", text)


if __name__ == "__main__":
    main()
