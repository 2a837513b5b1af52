"""Turn- and session-level recall on LoCoMo, for keyword, dense and hybrid retrieval.

Protocol: every LoCoMo turn is stored as an ``episode`` through the public API
(``Memory.ingest_conversation``), one scope per conversation, with its
session's timestamp. For every question we search that conversation's scope
and measure which evidence turns come back.

* turn recall@k: share of a question's evidence turns in the top k, averaged
  over questions (evidence ids that name no turn are skipped; a question with
  no valid evidence is skipped);
* session recall@k: the same with sessions (a session counts as found when any
  of its turns is in the top k).

Conversations conv-26 … conv-44 are the tuning split; conv-47 … conv-50 are
held out and reported separately. memstack itself knows nothing of LoCoMo: this
script converts the file to OpenAI-style messages and calls the public API.

The data file is read from ``../shared/data/locomo/locomo10.json`` (CC BY-NC
4.0) and never copied into the repository.

With ``--store-url postgresql://…`` the memories go to that (empty) PostgreSQL
database instead of a temporary SQLite file, and ``--write`` fills the section
``locomo-postgres``: the same protocol, to compare the backends' rankings.

Usage:
    python bench/locomo_recall.py [--embedder onnx|fake] [--store-url URL] [--write]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._report import table, write_section  # noqa: E402
from memstack import Memory  # noqa: E402
from memstack.config import resolve  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "locomo" / "locomo10.json"
KS = (1, 5, 10, 25, 50)
TUNE = ("conv-26", "conv-30", "conv-41", "conv-42", "conv-43", "conv-44")
HELD_OUT = ("conv-47", "conv-48", "conv-49", "conv-50")
CATEGORIES = {1: "multi-hop", 2: "temporal", 3: "open-domain", 4: "single-hop", 5: "adversarial"}
DRAGON = {5: 0.567, 10: 0.662, 25: 0.767, 50: 0.827}
MODES = ("keyword", "dense", "hybrid")


def parse_when(text: str) -> datetime:
    """LoCoMo's '1:56 pm on 8 May, 2023' as a UTC datetime."""
    return datetime.strptime(text.strip(), "%I:%M %p on %d %B, %Y").replace(tzinfo=UTC)


def sessions_of(conv: dict[str, Any]) -> list[tuple[int, datetime, list[dict[str, Any]]]]:
    """(number, time, messages) for each session, as OpenAI-style messages."""
    out = []
    for key in conv:
        m = re.fullmatch(r"session_(\d+)", key)
        if not m:
            continue
        n = int(m.group(1))
        when = parse_when(conv[f"session_{n}_date_time"])
        messages = []
        for turn in conv[key]:
            text = turn["text"]
            if turn.get("blip_caption"):
                text = f"{text} [shared a photo: {turn['blip_caption']}]"
            role = "user" if turn["speaker"] == conv["speaker_a"] else "assistant"
            messages.append(
                {"role": role, "name": turn["speaker"], "id": turn["dia_id"], "content": text}
            )
        out.append((n, when, messages))
    return sorted(out, key=lambda s: s[0])


def evidence_ids(qa: dict[str, Any], turns: set[str]) -> list[str]:
    """Evidence turn ids that name a real turn ('D1:3'; some entries hold several)."""
    found: list[str] = []
    for item in qa.get("evidence", []):
        for part in re.split(r"[;,\s]+", str(item)):
            part = part.strip()
            if part in turns and part not in found:
                found.append(part)
    return found


def open_store(url: str | None) -> Any:
    """The store a ``--store-url`` names (None: the default SQLite file in a tmp folder)."""
    if not url:
        return None
    from memstack import plugins

    scheme = url.split(":", 1)[0]
    store = plugins.make("stores", "postgres" if scheme.startswith("postgres") else scheme, url=url)
    store.setup()
    if store.scopes("locomo"):
        sys.exit(f"The database at {url} already holds LoCoMo scopes: use an empty database.")
    return store


def run(
    embedder: str, limit_convs: int | None, modes: tuple[str, ...], store_url: str | None = None
) -> dict[str, Any]:
    data = json.loads(DATA.read_text("utf-8"))
    if limit_convs:
        data = data[:limit_convs]
    # results[mode][split][category] -> list of (turn recalls per k, session recalls per k)
    results: dict[str, dict[str, dict[int, list[tuple[list[float], list[float]]]]]] = {
        m: {"tune": defaultdict(list), "held_out": defaultdict(list)} for m in modes
    }
    timings = {"ingest_s": 0.0, "turns": 0, "queries": 0, "search_s": defaultdict(float)}
    with tempfile.TemporaryDirectory(prefix="memstack-locomo-") as tmp:
        mem = Memory(settings=resolve(tmp, embedder=embedder), store=open_store(store_url))
        try:
            for sample in data:
                sid = sample["sample_id"]
                split = "held_out" if sid in HELD_OUT else "tune"
                scope = f"locomo/{sid}"
                conv = sample["conversation"]
                t0 = time.perf_counter()
                for n, when, messages in sessions_of(conv):
                    mem.ingest_conversation(
                        scope, messages, session_time=when, conversation=sid, session=f"S{n}"
                    )
                    timings["turns"] += len(messages)
                timings["ingest_s"] += time.perf_counter() - t0
                by_id = {r.id: r.source.turns[0] for r in mem.list(scope, kind="episode")}
                turns = set(by_id.values())
                for qa in sample["qa"]:
                    evidence = evidence_ids(qa, turns)
                    if not evidence:
                        continue
                    ev_sessions = {e.split(":")[0] for e in evidence}
                    timings["queries"] += 1
                    for mode in modes:
                        t1 = time.perf_counter()
                        hits = mem.search(scope, qa["question"], limit=max(KS), mode=mode)
                        timings["search_s"][mode] += time.perf_counter() - t1
                        ranked = [by_id[h.memory.id] for h in hits]
                        tr, sr = [], []
                        for k in KS:
                            top = ranked[:k]
                            tr.append(sum(e in top for e in evidence) / len(evidence))
                            top_sessions = {t.split(":")[0] for t in top}
                            sr.append(len(ev_sessions & top_sessions) / len(ev_sessions))
                        results[mode][split][qa["category"]].append((tr, sr))
                print(f"{sid}: {len(turns)} turns, {len(sample['qa'])} questions", file=sys.stderr)
        finally:
            mem.close()
    return {
        "results": results, "timings": timings, "embedder": mem.embedder.id,
        "store": mem.store.name,
    }  # fmt: skip


def mean_recall(rows: list[tuple[list[float], list[float]]], which: int) -> list[float]:
    if not rows:
        return [0.0] * len(KS)
    return [sum(r[which][i] for r in rows) / len(rows) for i in range(len(KS))]


def summarize(out: dict[str, Any], modes: tuple[str, ...]) -> str:
    res = out["results"]
    lines = []
    for split in ("tune", "held_out", "all"):
        rows = []
        for mode in modes:
            for which, level in ((0, "turn"), (1, "session")):
                pool: list[Any] = []
                for s in ("tune", "held_out") if split == "all" else (split,):
                    for cat in CATEGORIES:
                        pool += res[mode][s][cat]
                rows.append([mode, level, len(pool), *mean_recall(pool, which)])
        rows.append(["DRAGON (paper)", "turn", "", "", *[DRAGON[k] for k in KS[1:]]])
        title = {
            "tune": "Tuning split (conv-26 … conv-44)",
            "held_out": "Held out (conv-47 … conv-50)",
            "all": "All ten conversations",
        }[split]
        lines.append(f"### {title}, categories 1–5\n")
        lines.append(table(["retriever", "level", "questions", *[f"R@{k}" for k in KS]], rows))
        lines.append("")
    per_cat = []
    for mode in modes:
        for cat, name in CATEGORIES.items():
            pool = res[mode]["tune"][cat] + res[mode]["held_out"][cat]
            per_cat.append([mode, f"{cat} {name}", len(pool), *mean_recall(pool, 0)])
    lines.append("### Turn recall per category (all conversations)\n")
    lines.append(table(["retriever", "category", "questions", *[f"R@{k}" for k in KS]], per_cat))
    t = out["timings"]
    lines.append(
        f"\nStore `{out['store']}`; embedder `{out['embedder']}`; "
        f"{t['turns']} turns ingested in {t['ingest_s']:.1f} s "
        f"({t['turns'] / max(t['ingest_s'], 1e-9):.0f} turns/s); {t['queries']} questions; "
        "mean search "
        + ", ".join(f"{m} {1000 * t['search_s'][m] / max(t['queries'], 1):.1f} ms" for m in modes)
        + "."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--embedder", default="onnx", help="embedder plugin (default: onnx, shipped)"
    )
    parser.add_argument("--convs", type=int, help="only the first N conversations (quick runs)")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated retrievers")
    parser.add_argument(
        "--write", action="store_true", help="write the figures into docs/benchmarks.md"
    )
    parser.add_argument(
        "--store-url", help="an empty database to use, e.g. postgresql://… (default: SQLite)"
    )
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"LoCoMo data not found at {DATA}; place the shared folder beside the repository.")
    modes = tuple(args.modes.split(","))
    out = run(args.embedder, args.convs, modes, args.store_url)
    text = summarize(out, modes)
    print(text)
    if args.write:
        if args.store_url:
            # The URL may hold a password: the command shown names the option only.
            command = "python bench/locomo_recall.py --store-url postgresql://… --write"
            write_section("locomo-postgres", "LoCoMo retrieval recall on PostgreSQL", text, command)
        else:
            write_section("locomo", "LoCoMo retrieval recall", text)


if __name__ == "__main__":
    main()
