"""CLI commands for the privacy service: forget, export, gc, audit.

Each command is a thin wrapper over a :class:`memstack.Memory` method; what an
erasure selects, erases and keeps is specified in ``docs/privacy.md``.
``forget`` is irreversible, so it refuses to run without ``--yes`` unless a
person at a terminal confirms.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from ..core import FORGET_REASON, GC_REASON, Memory
from ..models import ErasureReceipt, Event
from .common import echo_json, json_option, open_memory, parse_time, scope_option, short, table
from .prompt import AGENT_EXPORT_FORMATS

#: ``memstack export --format NAME``: each entry renders a scope as the file's text.
#: To add a format (e.g. an agent file of the current memories), add an entry here.
EXPORT_FORMATS: dict[str, Callable[[Memory, str], str]] = {
    "json": lambda mem, scope: mem.export(scope).to_json(),
    "markdown": lambda mem, scope: mem.export(scope).to_markdown(),
    **AGENT_EXPORT_FORMATS,  # claude, agents, cursor: current rules and facts (cli/prompt.py)
}


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def _receipt_out(r: ErasureReceipt, as_json: bool, where: str) -> None:
    if as_json:
        echo_json(r.to_dict())
        return
    c = r.counts
    click.echo(
        f"Erased {where}: {_plural(c.records, 'memory', 'memories')} "
        f"({_plural(c.versions, 'version')}), {_plural(c.proposals, 'proposal')}, "
        f"{_plural(c.extractions, 'extraction log')}, "
        f"{_plural(c.extraction_jobs, 'queued conversation')}, "
        f"{_plural(c.policies, 'policy', 'policies')}, "
        f"{_plural(c.keyword_rows, 'keyword row')}, {_plural(c.vectors, 'vector')}; "
        f"{_plural(c.events_tombstoned, 'history event')} tombstoned."
    )
    for copy in r.copies:
        click.echo(f"Still outside the store (delete or regenerate it): {copy}")
    state = "complete"
    if not r.complete:
        state = "INCOMPLETE (run 'memstack gc' when no other process uses the store)"
    click.echo(f"Receipt {r.id}; physical erasure {state}: {', '.join(r.physical)}.")


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@click.command()
@scope_option
@click.option("--match", "-m", help="Erase only what contains this text (case-insensitive).")
@click.option("--id", "ids", multiple=True, help="Erase only this memory, all versions (repeat).")
@click.option(
    "--reason", default=FORGET_REASON, show_default=True, help="Why; kept in the tombstones."
)
@click.option("--author", help="Who asks for the erasure (default: $USER).")
@click.option("--yes", "-y", is_flag=True, help="Confirm the erasure (required off a terminal).")
@json_option
@click.pass_context
def forget(
    ctx: click.Context, scope: str, match: str | None, ids: tuple[str, ...], reason: str,
    author: str | None, yes: bool, as_json: bool,
) -> None:  # fmt: skip
    """Erase everything held for a scope and the scopes below it, for good.

    Without --match or --id: every memory (all versions), proposal, extraction
    log, keyword row and vector of the scope and its descendants; the history
    keeps content-free tombstones. Then the deletion is made physical (FTS merge,
    WAL checkpoint, VACUUM) and a receipt is printed. This cannot be undone.
    """
    if match is not None and ids:
        raise click.UsageError("Pass either --match or --id, not both.")
    what = (
        f"memories containing {match!r} under {scope}" if match is not None
        else f"{_plural(len(ids), 'memory', 'memories')} (all versions) under {scope}"
        if ids else f"EVERYTHING held for {scope} and the scopes below it"
    )  # fmt: skip
    if not yes:
        if not _interactive():
            raise click.UsageError(
                f"Refusing to erase {what} without --yes. Erasure cannot be undone; "
                "re-run with --yes to confirm (or run it at a terminal to be asked)."
            )
        click.confirm(f"Erase {what}? This cannot be undone", abort=True)
    mem = open_memory(ctx, read_only=True)
    receipt = mem.forget(scope, match=match, ids=list(ids) or None, reason=reason, author=author)
    _receipt_out(receipt, as_json, f"from {scope}")


@click.command("export")
@scope_option
@click.option(
    "--format", "-f", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), default="json",
    show_default=True, help="Output format.",
)  # fmt: skip
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file ('-' for standard output). Default: standard output for json "
    "and markdown; CLAUDE.md, AGENTS.md or .cursor/rules/memstack.mdc for the agent formats.",
)  # fmt: skip
@click.option("--dry-run", is_flag=True,
              help="Agent formats: show the change to the file as a diff; write nothing.")
@click.option("--force", is_flag=True,
              help="Agent formats: append memstack's section to a file that has none "
              "(your text in it is kept).")  # fmt: skip
@click.pass_context
def export_(
    ctx: click.Context, scope: str, fmt: str, output: Path | None, dry_run: bool, force: bool
) -> None:
    """Export everything held about a scope and its descendants (all versions, proposals, history).

    The export is recorded in the audit log. It is a copy: memstack cannot
    erase it later, so keep it safe ('memstack forget' lists the copies).

    The agent formats (claude, agents, cursor) write the scope's rules and facts
    only between the '<!-- memstack:begin -->' and '<!-- memstack:end -->' lines
    of the file; the rest of the file is never changed. A file without those
    lines is refused unless --force appends the section. --dry-run shows the diff.
    """
    mem = open_memory(ctx, read_only=True)  # an export reads (and audits) an existing store
    if fmt in AGENT_EXPORT_FORMATS and not (output is not None and str(output) == "-"):
        change = mem.write_agent_file(scope, fmt, path=output, force=force, dry_run=dry_run)
        if dry_run:
            diff = change.diff()
            click.echo(diff or f"No change to {change.path}.\n", nl=False)
            if diff:
                click.echo(f"(dry run: {change.action} {change.path}; nothing written)", err=True)
            return
        verb = {"create": "Created", "update": "Updated the memstack section of",
                "append": "Appended a memstack section to", "unchanged": "No change to"}
        click.echo(f"{verb[change.action]} {change.path} ({change.memories} memories from "
                   f"{scope}).", err=True)  # fmt: skip
        return
    if fmt in AGENT_EXPORT_FORMATS:
        text = mem.agent_file(scope, fmt)[1]
    else:
        text = EXPORT_FORMATS[fmt](mem, scope)
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, "utf-8")
    click.echo(f"Wrote the {fmt} export of {scope} to {output}.", err=True)


@click.command()
@click.option("--reason", default=GC_REASON, show_default=True, help="Kept in the tombstones.")
@json_option
@click.pass_context
def gc(ctx: click.Context, reason: str, as_json: bool) -> None:
    """Erase expired memories now, physically, and compact the store.

    Expired memories are already hidden from every read; gc removes them with the
    same machinery as forget. It always compacts, so it also finishes an erasure
    that was interrupted.
    """
    _receipt_out(open_memory(ctx).gc(reason=reason), as_json, "expired memories")


def _event_dict(e: Event) -> dict[str, object]:
    return {
        "id": e.id, "at": e.at.isoformat(), "action": e.action, "actor": e.actor, "scope": e.scope,
        "memory_id": e.memory_id, "before_hash": e.before_hash, "after_hash": e.after_hash,
        "detail": e.detail,
    }  # fmt: skip


@click.command()
@scope_option
@click.option("--since", help="Only events at or after this ISO 8601 time.")
@click.option("--action", "-a", "actions", multiple=True, help="Only this action (repeatable).")
@click.option("--limit", "-n", type=click.IntRange(1), default=100, show_default=True)
@json_option
@click.pass_context
def audit(
    ctx: click.Context, scope: str, since: str | None, actions: tuple[str, ...], limit: int,
    as_json: bool,
) -> None:  # fmt: skip
    """Who did what and when under a scope and its descendants, newest first.

    Shows actions, actors, memory ids and content hashes, never the text;
    erased items appear as tombstones (actor hashed, marked 'erased').
    """
    events = open_memory(ctx, read_only=True).audit(
        scope, since=parse_time(since, "--since"), action=list(actions) or None, limit=limit
    )
    if as_json:
        echo_json([_event_dict(e) for e in events])
        return
    if not events:
        click.echo("No events.")
        return
    table(
        ["when", "action", "who", "scope", "memory", "note"],
        [
            [
                short(e.at), e.action, e.actor if len(e.actor) <= 24 else e.actor[:22] + "…",
                e.scope, e.memory_id or "", _note(e),
            ]
            for e in events
        ],  # fmt: skip
        wrap=5,
    )


def _note(e: Event) -> str:
    if "erased" in e.detail:
        return f"erased ({e.detail['erased']})"
    if e.action in ("forget", "gc", "export") and isinstance(e.detail.get("counts"), dict):
        counts = e.detail["counts"]
        return ", ".join(f"{k} {v}" for k, v in counts.items() if v)
    return str(e.detail.get("reason") or "")


COMMANDS: list[click.Command] = [forget, export_, gc, audit]
