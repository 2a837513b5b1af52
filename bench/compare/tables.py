"""The side-by-side benchmark's output: tables, notes, PNG plots and the README's headline.

``docs/benchmarks.md`` gets the full section (between its ``bench:compare``
markers) and the README the headline table (between ``bench:compare-headline``
markers), both from the same rows, so the two never disagree.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bench._report import machine, table, write_section

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def label(system: str, versions: dict[str, str]) -> str:
    """A system's name in the README, with the version measured."""
    lg = versions.get("langgraph", "")
    return {
        "memstack": "memstack",
        "mem0": f"Mem0 OSS {versions.get('mem0ai', '')} (embedded Qdrant, `infer=False`)",
        "langgraph-memory": f"LangGraph {lg} `InMemoryStore`",
        "langgraph-sqlite": f"LangGraph {lg} `SqliteStore` (sqlite-vec)",
    }.get(system, system).replace("  ", " ")


def fmt(row: dict[str, Any], key: str, spec: str) -> str:
    """``row[key]`` formatted, or ``failed`` when the system's run failed."""
    return format(row[key], spec) if key in row else "failed"


def quality_table(rows: list[dict[str, Any]]) -> str:
    headers = ["system", "R@5", "R@10", "R@25", "tokens of top 10", "ingest turns/s"]
    headers += ["search p50 ms", "p95 ms"]
    return table(
        headers,
        [
            [
                r["system"],
                fmt(r, "R@5", ".3f"),
                fmt(r, "R@10", ".3f"),
                fmt(r, "R@25", ".3f"),
                fmt(r, "tokens", ".0f"),
                fmt(r, "locomo_ingest", ".0f"),
                fmt(r, "locomo_p50", ".2f"),
                fmt(r, "locomo_p95", ".2f"),
            ]
            for r in rows
        ],
    )


def scale_table(rows: list[dict[str, Any]], persistent: set[str]) -> str:
    headers = ["system", "ingest memories/s", "timed through its door", "queries"]
    headers += ["search p50 ms", "p95 ms"]
    headers += ["cold start s", "peak RSS MB", "disk MB"]
    return table(
        headers,
        [
            [
                r["system"],
                fmt(r, "scale_ingest", ".0f"),
                fmt(r, "scale_ingest_n", ",d"),
                fmt(r, "scale_queries", "d"),
                fmt(r, "scale_p50", ".2f"),
                fmt(r, "scale_p95", ".2f"),
                fmt(r, "cold", ".2f") if r["system"] in persistent else "n/a (in memory)",
                fmt(r, "rss", ".0f"),
                fmt(r, "disk", ".1f"),
            ]
            for r in rows
        ],
    )


def notes(meta: dict[str, Any]) -> str:
    """What the figures were measured on and how each system was filled."""
    v = meta["versions"]
    mem0_fill = meta.get("mem0_fill_s")
    filled = (
        f"Mem0: {meta['scale'] - meta['sample']:,} memories written through its own batch calls "
        f"(`vector_store.insert`, `db.batch_add_history`) with the payload and history row "
        f"`add(infer=False)` writes ({mem0_fill:.0f} s, with embedded Qdrant's per-point commits "
        "not waiting for the disk during the fill; the run checks a point written by `add` "
        f"against that shape), then the last {meta['sample']:,} through `add` (100 messages per "
        "call, commits waiting for the disk as usual), which is the rate shown; "
        if mem0_fill is not None
        else ""
    )
    misses = ""
    if meta.get("misses"):
        misses = (
            " memstack embedded "
            + " and ".join(f"{n} text(s) in the {part} run" for part, n in meta["misses"].items())
            + " that the driver had not precomputed (a question without its scope's most "
            "common words, or an event a question names), with the shipped model, loaded for "
            "them: its model time is left out of search times, its memory is in memstack's "
            "peak RSS."
        )
    return (
        f"Run at commit {meta['commit']}; 1-minute load average {meta['load'][0]:.1f} at the "
        f"start, {meta['load'][1]:.1f} at the end (2 cores shared with other jobs: compare the "
        "systems with each other, not with figures elsewhere in this file). "
        f"Mem0 OSS {v.get('mem0ai', '?')} (embedded Qdrant {v.get('qdrant-client', '?')}, "
        "`infer=False`, searched with `threshold=0`; without fastembed installed its BM25 "
        f"half is off, so its search is dense only), LangGraph {v.get('langgraph', '?')} and "
        f"langgraph-checkpoint-sqlite {v.get('langgraph-checkpoint-sqlite', '?')} (sqlite-vec "
        f"{v.get('sqlite-vec', '?')}), pinned in `bench/compare/requirements/`. Scale ingest: "
        "memstack `add_many` of every memory; " + filled + "LangGraph `batch` of 500 `PutOp`s. "
        "LoCoMo ingest is every system's per-turn or per-session door (memstack "
        "`ingest_conversation`, Mem0 `add` per session, LangGraph one `put` per turn)." + misses
    )


def report(
    rows: list[dict[str, Any]], meta: dict[str, Any], persistent: set[str], write: bool
) -> None:
    """Print the tables; with ``write``, put them into docs/benchmarks.md and the README."""
    body = (
        f"LoCoMo: {meta['n_items']} turns in {meta['conversations']} conversations "
        "(one scope each), "
        f"{meta['n_queries']} questions with evidence; turn recall@k against the evidence turns; "
        "tokens: the top 10 texts of each answer (raw text, the same counter for every system). "
        "Vectors precomputed once with memstack's shipped embedder and served to every system.\n\n"
        + quality_table(rows)
        + f"\n\n{meta['scale']:,} memories in one scope; up to {meta['scale_queries']} "
        f"queries, fewer for a system still searching after {meta['budget']:.0f} s; cold start: "
        "a fresh process to its first search result on the stored data (the time to "
        "load the benchmark's own vector file subtracted).\n\n"
        + scale_table(rows, persistent)
        + "\n\n"
        + notes(meta)
        + "\n\n![LoCoMo recall@10](img/compare_recall.png) ![search p95](img/compare_latency.png)"
        + " ![ingest, memory and cold start](img/compare_scale.png)"
    )
    print(body)
    if write:
        write_section("compare", "Side by side: memstack, Mem0 OSS, LangGraph stores", body)
        write_headline(rows, meta)
        plots(rows)


def headline(rows: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    """The README's table: recall, tokens, latency, ingest and cold start, with date and machine."""
    n = f"{meta['scale'] // 1000}k"
    best = {
        key: (max if high else min)(r[key] for r in rows if key in r)
        for key, high in (("R@10", True), ("scale_p95", False))
        if any(key in r for r in rows)
    }

    def cell(r: dict[str, Any], key: str, spec: str, unit: str = "") -> str:
        if key not in r:
            return "failed"
        text = format(r[key], spec) + unit
        return f"**{text}**" if best.get(key) == r[key] else text

    out = table(
        [
            "system",
            "LoCoMo turn R@10",
            "tokens of top 10",
            f"search p95, {n} memories in one scope",
            f"ingest, {n} memories",
            "cold start",
        ],
        [
            [
                label(r["system"], meta["versions"]),
                cell(r, "R@10", ".3f"),
                cell(r, "tokens", ".0f"),
                cell(r, "scale_p95", ",.0f" if r.get("scale_p95", 0) >= 10 else ".1f", " ms"),
                cell(r, "scale_ingest", ",.0f", "/s"),
                cell(r, "cold", ".1f", " s") if "cold" in r else "n/a (in memory)",
            ]
            for r in rows
        ],
    )
    note = ""
    rate = next((r.get("scale_ingest") for r in rows if r["system"] == "mem0"), None)
    if meta.get("mem0_fill_s") is not None and rate:
        note = (
            f"\n\nMem0's ingest is its `add` timed on the last {meta['sample']:,} memories; the "
            "rest went in through its batch calls with the same rows (`add` alone would take "
            f"about {meta['scale'] / rate / 60:.0f} minutes)."
        )
    return (
        f"Measured by `bench/compare/run.py` on {date.today().isoformat()}, commit "
        f"{meta['commit']}, {machine()} (shared: load average {meta['load'][0]:.1f}).\n\n"
        + out
        + note
    )


def write_headline(rows: list[dict[str, Any]], meta: dict[str, Any], readme: Path = README) -> None:
    """Replace the README's headline table between its markers (a note when they are missing)."""
    text = readme.read_text("utf-8")
    pattern = re.compile(
        r"(<!-- bench:compare-headline -->\n).*?(<!-- /bench:compare-headline -->)", re.S
    )
    if not pattern.search(text):
        print(
            "README.md has no bench:compare-headline markers: headline not written.",
            file=sys.stderr,
        )
        return
    readme.write_text(
        pattern.sub(lambda m: m[1] + headline(rows, meta) + "\n" + m[2], text), "utf-8"
    )


def plots(rows: list[dict[str, Any]]) -> None:
    """PNG bar charts into docs/img (skipped, with a note, without matplotlib)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(
            "matplotlib is not installed: no plots (pip install 'memstack[bench]').",
            file=sys.stderr,
        )
        return
    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    names = [r["system"] for r in rows]
    for key, label, fname in (
        ("R@10", "LoCoMo turn recall@10", "compare_recall.png"),
        ("scale_p95", "search p95 (ms) in one scope, log scale", "compare_latency.png"),
    ):
        fig, ax = plt.subplots(figsize=(6, 3.2))
        ax.bar(names, [r.get(key, 0.0) for r in rows], color="#4a78a8")
        if key == "scale_p95":
            ax.set_yscale("log")
        ax.set_title(label)
        ax.tick_params(axis="x", labelsize=8)
        fig.tight_layout()
        fig.savefig(out / fname, dpi=110)
        plt.close(fig)
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.2))
    for ax, (key, label, log) in zip(
        axes,
        (
            ("scale_ingest", "ingest memories/s (log)", True),
            ("rss", "peak RSS MB", False),
            ("cold", "cold start s", False),
        ),
        strict=True,
    ):
        ax.bar(names, [r.get(key, 0.0) for r in rows], color="#4a78a8")
        if log:
            ax.set_yscale("log")
        ax.set_title(label, fontsize=10)
        ax.tick_params(axis="x", labelsize=7, rotation=30)
    fig.tight_layout()
    fig.savefig(out / "compare_scale.png", dpi=110)
    plt.close(fig)
