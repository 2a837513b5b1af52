"""CLI commands for extraction: remember, worker, extractions, jobs.

``memstack remember`` reads the same conversation files as ``memstack ingest``
and turns them into proposals (review them with ``memstack review``);
``--background`` only queues the file for ``memstack worker``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..models import Extraction, Job, Remembered, proposal_to_dict
from .common import (
    echo_json,
    json_option,
    open_memory,
    parse_time,
    scope_option,
    short,
    table,
    working,
)
from .maintenance import read_conversation


def _cost(value: float | None) -> str:
    return "unknown" if value is None else f"${value:.6f}"


def extraction_to_dict(x: Extraction) -> dict[str, Any]:
    """A JSON-ready dict of a logged extraction run."""
    return {
        "id": x.id,
        "scope": x.scope,
        "status": x.status,
        "created_at": x.created_at.isoformat(),
        "model": x.model,
        "input_tokens": x.input_tokens,
        "output_tokens": x.output_tokens,
        "cost_usd": x.cost_usd,
        "proposals": list(x.proposals),
        "reason": x.reason,
        "raw": x.raw,
    }


def _usage(x: Extraction) -> str:
    return f"{x.input_tokens or 0} in / {x.output_tokens or 0} out tokens, cost {_cost(x.cost_usd)}"


@click.command()
@scope_option
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option(
    "--session-time",
    help="When the conversation happened (ISO 8601); relative dates resolve against it.",
)
@click.option("--conversation", help="Conversation id to keep in each proposal's source.")
@click.option(
    "--background", is_flag=True, help="Only queue the file; 'memstack worker' processes it."
)
@click.option("--provider", metavar="NAME",
              help="Extract with this chat model plugin: openai (and compatible servers: Ollama, "
              "vLLM), anthropic, or none for the offline cue extractor (default: the "
              "extract_provider setting).")  # fmt: skip
@click.option("--model", metavar="NAME", help="Model name, e.g. gpt-4.1-mini, claude-haiku-4-5.")
@click.option("--base-url", metavar="URL",
              help="API base URL, e.g. http://localhost:11434/v1 for Ollama.")  # fmt: skip
@json_option
@click.pass_context
def remember(
    ctx: click.Context, scope: str, file: Path, session_time: str | None, conversation: str | None,
    background: bool, provider: str | None, model: str | None, base_url: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """Propose memories from a conversation FILE (JSON messages, as for 'memstack ingest').

    FILE may be - to read standard input.

    Statements are extracted from what the user says (with the configured LLM, or
    offline from explicit cues such as "remember that…", "I prefer…", "记住…"),
    reconciled with what SCOPE already holds, screened, and stored as proposals.
    The LLM's SDK comes with an extra: pip install 'memstack[openai]' (or
    'memstack[anthropic]'); the API key is read from OPENAI_API_KEY /
    ANTHROPIC_API_KEY.

    \b
    Example:
      memstack remember -s acme/alice chat.json --provider openai --model gpt-4.1-mini
    """
    data = read_conversation(file)
    when = parse_time(session_time, "--session-time") or parse_time(
        data.get("session_time"), "session_time"
    )
    if background and (provider or model or base_url):
        raise click.UsageError(
            "--provider, --model and --base-url do not apply to --background: the worker "
            "uses its own settings (extract_provider, extract_model, extract_url)."
        )
    mem = open_memory(
        ctx, extract_provider=provider, extract_model=model, extract_url=base_url
    )
    turns = len(data["messages"])
    with working(f"Extracting memories from {turns} turn(s) with {mem.settings.extract_provider}"):
        result: Remembered = mem.remember(
            scope, data["messages"], session_time=when, background=background,
            conversation=conversation or data.get("conversation"),
        )  # fmt: skip
    changes = [c.to_dict() for c in result.changes]
    if result.job is not None:
        if as_json:
            echo_json({"job": result.job.to_dict(), "changes": changes})
        else:
            turns = len(result.job.messages)
            click.echo(f"Queued job {result.job.id} ({turns} turns); run 'memstack worker'.")
            _said_changes(result)
        return
    x = result.extraction
    assert x is not None
    if as_json:
        echo_json(
            {
                "extraction": extraction_to_dict(x),
                "proposals": [proposal_to_dict(p) for p in result],
                "changes": changes,
            }
        )
        return
    _said_changes(result)
    if result:
        table(
            ["proposal", "op", "kind", "state", "target", "text"],
            [[p.id, p.op, p.kind, p.state, p.target or "", p.text] for p in result],
            wrap=5,
        )
    click.echo(f"Extraction {x.id} with {x.model}: {x.reason}. {_usage(x)}.")
    if result:
        click.echo("Review them with 'memstack review'.")


def _said_changes(result: Remembered) -> None:
    for change in result.changes:  # nothing changed silently
        click.echo(f"  read {change.describe()} (longer than a memory may be)")


@click.command()
@click.option("--once", is_flag=True, help="Process the jobs that are due, then exit.")
@click.option("--interval", type=click.FloatRange(min=0.01), default=2.0, show_default=True,
              help="Seconds between polls of an empty queue.")  # fmt: skip
@json_option
@click.pass_context
def worker(ctx: click.Context, once: bool, interval: float, as_json: bool) -> None:
    """Process queued extraction jobs ('memstack remember --background'), until Ctrl-C.

    Uses the configured extractor (extract_provider, extract_model, extract_url).
    Several workers may run at once: each job is claimed by exactly one. A job's
    messages are deleted once it is processed.
    """
    mem = open_memory(ctx)
    total = 0
    try:
        while True:
            taken = mem.run_jobs()
            total += taken
            if taken and not once:
                click.echo(f"Processed {taken} job(s).", err=True)
            if once:
                break
            if not taken:
                time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("Stopping.", err=True)
    if as_json:
        echo_json({"processed": total})
    elif once:
        click.echo(f"Processed {total} job(s).")


@click.command()
@click.option("--scope", "-s", help="Only runs for this scope and its descendants.")
@click.option(
    "--status", type=click.Choice(["ok", "failed"]), help="Only successful or failed runs."
)
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="At most this many.",
)
@json_option
@click.pass_context
def extractions(
    ctx: click.Context, scope: str | None, status: str | None, limit: int, as_json: bool
) -> None:
    """List extraction runs, newest first: status, model, tokens, cost, and why a run failed."""
    mem = open_memory(ctx, read_only=True)
    found: Sequence[Extraction] = mem.extractions(scope, status=status, limit=limit)
    if as_json:
        echo_json([extraction_to_dict(x) for x in found])
        return
    if not found:
        click.echo("No extractions.")
        return
    table(
        ["id", "when", "status", "scope", "model", "tokens in/out", "cost", "proposals", "note"],
        [
            [
                x.id,
                short(x.created_at),
                x.status,
                x.scope,
                x.model or "",
                f"{x.input_tokens or 0}/{x.output_tokens or 0}",
                _cost(x.cost_usd),
                len(x.proposals),
                x.reason or "",
            ]
            for x in found
        ],  # fmt: skip
        wrap=8,
    )
    tokens_in = sum(x.input_tokens or 0 for x in found)
    tokens_out = sum(x.output_tokens or 0 for x in found)
    costs = [x.cost_usd for x in found]
    total = None if any(c is None for c in costs) else sum(c or 0.0 for c in costs)
    click.echo(f"Total: {tokens_in} in / {tokens_out} out tokens, cost {_cost(total)}.")


@click.command()
@click.option("--scope", "-s", help="Only jobs for this scope and its descendants.")
@json_option
@click.pass_context
def jobs(ctx: click.Context, scope: str | None, as_json: bool) -> None:
    """List queued extraction jobs (the messages themselves are not shown)."""
    found: Sequence[Job] = open_memory(ctx, read_only=True).jobs(scope)
    if as_json:
        echo_json([j.to_dict() for j in found])
        return
    if not found:
        click.echo("No queued jobs.")
        return
    table(
        ["id", "queued", "scope", "state", "attempts", "turns", "error"],
        [
            [
                j.id,
                short(j.created_at),
                j.scope,
                j.state,
                j.attempts,
                len(j.messages),
                j.error or "",
            ]
            for j in found
        ],
        wrap=6,
    )


COMMANDS = [remember, worker, extractions, jobs]
