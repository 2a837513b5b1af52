"""``memstack demo``: the main job end to end on a sample conversation we wrote.

It ingests the sample into a fresh store (a temporary folder unless ``--home``
is given), then asks a few questions and shows what is recalled, with the
score parts and the latency of each search. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import datetime
from importlib import resources
from typing import Any

import click

from ..core import Memory
from .common import hits_out

SCOPE = "demo/maya"


def load_sample() -> dict[str, Any]:
    """The demo conversation shipped with the package."""
    text = resources.files("memstack.samples").joinpath("demo_conversation.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@click.command()
@click.option(
    "--limit", "-n", type=click.IntRange(1, 20), default=3, show_default=True,
    help="Hits per question.",
)  # fmt: skip
@click.option("--question", "-q", multiple=True, help="Ask your own question (repeatable).")
@click.pass_context
def demo(ctx: click.Context, limit: int, question: tuple[str, ...]) -> None:
    """Ingest a sample conversation and show what memstack recalls for a few questions."""
    home = ctx.obj.get("home") if ctx.obj else None
    with tempfile.TemporaryDirectory(prefix="memstack-demo-") as tmp:
        mem = Memory(home or tmp)
        try:
            _run(mem, limit, list(question))
        finally:
            mem.close()


def _run(mem: Memory, limit: int, questions: list[str]) -> None:
    sample = load_sample()
    sessions = sample["sessions"]
    turns = sum(len(s["messages"]) for s in sessions)
    click.echo(f"Store: {mem.settings.store}   embedder: {mem.embedder.id}")
    start = time.perf_counter()
    label = "Ingesting sample conversation"
    with click.progressbar(length=turns, label=label, file=sys.stderr) as bar:
        for s in sessions:
            mem.ingest_conversation(
                SCOPE, s["messages"], session_time=datetime.fromisoformat(s["session_time"]),
                conversation=sample["conversation"], session=s["session"], progress=bar.update,
            )  # fmt: skip
    elapsed = time.perf_counter() - start
    click.echo(
        f"Stored {turns} turns from {len(sessions)} sessions as episodes in {elapsed:.2f} s.\n"
    )
    for q in questions or sample["questions"]:
        t0 = time.perf_counter()
        hits = mem.search(SCOPE, q, limit=limit)
        ms = (time.perf_counter() - t0) * 1000
        click.secho(f"Q: {q}   ({ms:.1f} ms)", bold=True)
        hits_out(hits, as_json=False)
        click.echo()
    click.echo(
        "Score parts: kw = keyword (BM25) rank, dense = vector rank and cosine; "
        "score = fused (see docs/architecture.md)."
    )


COMMANDS = [demo]
