"""``memstack demo``: the main job end to end, offline, on a sample conversation we wrote.

A conversation becomes memory the way memstack means it to: proposals extracted
offline (one of them superseding an older fact, one flagged by screening), a review
that approves what is clean and rejects what was flagged, the compiled prompt for a
question (a stable block whose digest does not change between questions, recall after
the cache breakpoint, token counts, what a provider cache saves) and the CLAUDE.md the
memory would export. It runs in a temporary store (``--home`` keeps it) with the
shipped embedder; nothing leaves the machine. Output fits 100 columns.
"""

from __future__ import annotations

import json
import tempfile
import textwrap
import time
from datetime import datetime
from importlib import resources
from typing import TYPE_CHECKING, Any

import click

from .common import echo_json, json_option, table

if TYPE_CHECKING:
    from ..core import Memory

WIDTH = 100
#: search hits considered for recall; facts already in the stable block are left out of it
RECALL_LIMIT = 6
SEVERITY = ("low", "medium", "high", "critical")


def load_sample(name: str = "demo_memory.json") -> dict[str, Any]:
    """A sample conversation shipped with the package (``memstack/samples/``)."""
    text = resources.files("memstack.samples").joinpath(name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _title(n: int, text: str) -> None:
    click.echo()
    click.secho(f"{n}. {text}", bold=True)


def _block(text: str, prefix: str = "   │ ") -> None:
    for line in text.splitlines() or [""]:
        for part in textwrap.wrap(line, WIDTH - len(prefix)) or [""]:
            click.echo(prefix + part)


def _worst(p: Any) -> str:
    if not p.findings:
        return ""
    worst = max(p.findings, key=lambda f: SEVERITY.index(f.severity))
    return f"{worst.category} ({worst.severity})"


@click.command()
@click.option("--question", "-q", multiple=True,
              help="Ask your own question instead of the sample's (repeatable).")  # fmt: skip
@json_option
@click.pass_context
def demo(ctx: click.Context, question: tuple[str, ...], as_json: bool) -> None:
    """Show the main job offline: a conversation becomes reviewed memory and a cacheable prompt.

    Uses a temporary store unless --home is given (then it stays for you to explore).
    """
    from ..core import Memory

    home = ctx.obj.get("home") if ctx.obj else None
    with tempfile.TemporaryDirectory(prefix="memstack-demo-") as tmp:
        mem = Memory(home or tmp)
        try:
            report = _run(mem, list(question), quiet=as_json)
        finally:
            mem.close()
    if as_json:
        echo_json(report)


def _run(mem: Memory, questions: list[str], quiet: bool) -> dict[str, Any]:
    start = time.perf_counter()

    def out(text: str = "") -> None:
        if not quiet:  # wrapped to 100 columns, continuation lines indented
            click.echo("\n".join(textwrap.wrap(text, WIDTH, subsequent_indent="   ")) or "")
    sample = load_sample()
    scope, when = sample["scope"], datetime.fromisoformat(sample["session_time"])
    out("memstack demo: a conversation becomes reviewed memory and a cache-stable prompt.")
    out(f"Store: {mem.settings.store} · embedder {mem.embedder.id} · offline")

    # 1. What memory already held, from an earlier conversation.
    # One add_many: one embedding request and one transaction for all of them.
    earlier = mem.add_many(
        [{"scope": scope, "text": e["text"], "kind": e["kind"], "topic": e.get("topic"),
          "valid_from": datetime.fromisoformat(e["valid_from"]), "author": "maya"}
         for e in sample["earlier"]]
    )  # fmt: skip
    if not quiet:
        _title(1, f"Memory of {scope} from an earlier conversation (approved)")
        table(["kind", "since", "text"],
              [[r.kind, r.valid_from.date(), r.text] for r in earlier], wrap=2, width=WIDTH,
              indent="   ")  # fmt: skip

    # 2. Today's conversation, archived verbatim as episodes (with each speaker).
    messages = sample["messages"]
    episodes = mem.ingest_conversation(
        scope, messages, session_time=when, conversation=sample["conversation"]
    )
    if not quiet:
        _title(2, f"Today's conversation ({when.date()}), archived as {len(episodes)} episodes")
        table(["speaker", "said"],
              [[m.get("name") or m["role"], m["content"]] for m in messages], wrap=1,
              width=WIDTH, indent="   ")  # fmt: skip

    # 3. Proposals, extracted offline and screened.
    found = list(mem.remember(scope, messages, session_time=when,
                              conversation=sample["conversation"]))  # fmt: skip
    olds = {r.id: r.text for r in earlier}
    if not quiet:
        _title(3, "Proposals extracted offline (explicit cues), reconciled and screened")
        table(["#", "op", "kind", "screening", "text"],
              [[i, p.op, p.kind, _worst(p) or "clean",
                p.text + (f"  (replaces: {olds[p.target]})" if p.target in olds else "")]
               for i, p in enumerate(found, 1)], wrap=4, width=WIDTH, indent="   ")  # fmt: skip

    # 4. Review: approve the clean ones, reject what screening flagged as high risk.
    flagged = [p for p in found if any(SEVERITY.index(f.severity) >= 2 for f in p.findings)]
    clean = [p for p in found if p not in flagged]
    approved = mem.decide([(p.id, p.content_hash) for p in clean], action="approve",
                          reviewer="you")  # fmt: skip
    rejected = mem.decide([(p.id, p.content_hash) for p in flagged], action="reject",
                          reviewer="you", reason="screening: an order to the model")  # fmt: skip
    if not quiet:
        _title(4, "Review: a person approves what is clean and rejects what was flagged")
        out(f"   Approved {sum(d.ok for d in approved)}, rejected {sum(d.ok for d in rejected)} "
            "('memstack review --severity high --reject-all' does the same in bulk).")
        for p in found:
            if p.op == "supersede" and p.target in olds:
                out(f"   {olds[p.target]!r} is closed, not deleted: 'memstack history' keeps it.")

    # 5. The compiled prompt: the stable block is the same for every question.
    asked = questions or sample["questions"]
    history = [m["content"] for m in messages]
    prompts = [mem.compile(scope, q, history=history, recall_limit=RECALL_LIMIT) for q in asked]
    first = prompts[0]
    if not quiet:
        _title(5, f"The prompt compiled for {asked[0]!r}")
        out(f"   Stable block: {first.stable_tokens} tokens, digest "
            f"sha256:{first.stable_digest[:16]}… (rules and facts; the cacheable prefix)")
        _block(first.stable)
        out(f"   Recall: {first.recall_tokens} tokens, after the cache breakpoint (per question)")
        _block(first.recall or "(none)")
        for q, other in zip(asked[1:], prompts[1:], strict=True):
            same = "same" if other.stable_digest == first.stable_digest else "a NEW"
            out(f"   Next question {q!r}: {same} stable digest "
                f"sha256:{other.stable_digest[:16]}…, recall {other.recall_tokens} tokens.")
        _savings(out, first)

    # 6. The agent file it would export.
    name, claude_md = mem.agent_file(scope, "claude")
    if not quiet:
        _title(6, f"The {name} it would export (memstack export --format claude)")
        _block(claude_md)
        out()
        out(f"Done in {time.perf_counter() - start:.1f} s. Keep the store with "
            "'memstack --home ./demo-store demo', then try 'memstack review' or "
            "'memstack scope off'.")
    return {
        "scope": scope,
        "earlier": [r.to_dict() for r in earlier],
        "episodes": len(episodes),
        "proposals": [
            {"id": p.id, "op": p.op, "kind": p.kind, "text": p.text, "target": p.target,
             "findings": [f"{f.category}:{f.severity}" for f in p.findings],
             "decision": "rejected" if p in flagged else "approved"}
            for p in found
        ],  # fmt: skip
        "prompts": [
            {"question": q, "stable_digest": c.stable_digest, "stable_tokens": c.stable_tokens,
             "recall_tokens": c.recall_tokens, "history_tokens": c.history_tokens,
             "stable": c.stable, "recall": c.recall}
            for q, c in zip(asked, prompts, strict=True)
        ],  # fmt: skip
        "agent_file": {"name": name, "text": claude_md},
    }


def _savings(out: Any, p: Any) -> None:
    """Token counts, and what a provider cache saves on the stable block (Claude Sonnet prices)."""
    from ..economics import TokenPrices

    prices = TokenPrices()
    out(f"   Tokens: {p.stable_tokens} stable + {p.recall_tokens} recall per request. Replaying "
        f"today's {p.history_tokens}-token chat would be cheaper; replay grows with every turn, "
        "while memory stays this size ('memstack economics' shows where they cross).")
    full = 1000 * p.stable_tokens * prices.input_per_mtok / 1e6
    cached = 1000 * p.stable_tokens * prices.input_per_mtok * prices.cache_read / 1e6
    out(f"   Provider cache: 1,000 requests with this stable block cost ${full:.4f} in prefill, "
        f"${cached:.4f} when read from the cache (${prices.input_per_mtok:g} per million "
        f"input tokens, cache reads {prices.cache_read:g}×). Providers cache prefixes from "
        f"{prices.min_cache_tokens:,} tokens, so a block this small is sent uncached until "
        "memory grows.")


COMMANDS = [demo]
