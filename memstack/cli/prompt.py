"""CLI commands for the prompt service: compile, render, apply, edit, import.

``memstack export --format claude|agents|cursor`` (in :mod:`memstack.cli.privacy`)
uses :data:`AGENT_EXPORT_FORMATS` from here. Every command is a thin wrapper
over a :class:`memstack.Memory` method; see ``docs/prompting.md``.

Applying a document always shows the changes first. ``apply`` and ``edit`` ask
for confirmation unless ``--yes`` is given; an edit that cannot be applied (a
tampered marker, a secret) is saved to a file so no typing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from ..core import IMPORT_FORMATS, ChangeSet, Memory, ParsedItem, drafts, export_formats
from ..core.wire import changeset_to
from ..errors import UsageError
from .common import (
    AliasedOption,
    echo_json,
    json_option,
    open_memory,
    read_text,
    scope_option,
    working,
)

__all__ = ["AGENT_EXPORT_FORMATS", "COMMANDS", "export_formats"]

PROVIDER = click.Choice(["anthropic", "openai", "text"])
reviewer_option = click.option(
    "--author", "-r", "reviewer", cls=AliasedOption, aliases=["--reviewer"],
    help="Who authors the change (default: the configured author or $USER).",
)  # fmt: skip


def _agent_export(name: str) -> Callable[[Memory, str], str]:
    def render(mem: Memory, scope: str) -> str:
        return mem.agent_file(scope, name)[1]

    return render


#: ``memstack export --format claude|agents|cursor``: a scope's rules and facts as an agent file.
AGENT_EXPORT_FORMATS: dict[str, Callable[[Memory, str], str]] = {
    name: _agent_export(name) for name in export_formats()
}


def _item(item: ParsedItem) -> str:
    topic = f" ({item.topic})" if item.topic else ""
    pin = " [pinned]" if item.pinned else ""
    return f"[{item.kind}{topic}]{pin} {item.text}"


def show_changes(changes: ChangeSet) -> None:
    """Print a change set: ``+`` added, ``~`` edited (old → new), ``-`` removed."""
    if changes.empty:
        click.echo("No changes.")
        return
    for item in changes.added:
        click.secho(f"+ {_item(item)}", fg="green")
    for edit in changes.edited:
        r = edit.record
        click.secho(f"~ {r.id} ({', '.join(edit.fields)})", fg="yellow")
        click.echo(f"    was: {_item(ParsedItem(r.id, r.kind, r.topic or None, r.text, r.pinned))}")
        click.echo(f"    now: {_item(edit.item)}")
    for r in changes.removed:
        click.secho(f"- {r.id} [{r.kind}] {r.text}", fg="red")
    click.echo(
        f"{len(changes.added)} added, {len(changes.edited)} edited, "
        f"{len(changes.removed)} removed, {len(changes.unchanged)} unchanged."
    )


def _read(file: str) -> str:
    return read_text(file)


@click.command("compile")
@scope_option
@click.option("--query", "-q", help="What the request is about; adds recall for it.")
@click.option("--provider", "-p", type=PROVIDER, default="anthropic", show_default=True)
@click.option("--budget", type=click.IntRange(min=0), default=2000, show_default=True,
              help="Token budget of the stable block.")  # fmt: skip
@click.option("--recall", "recall_tokens", type=click.IntRange(min=0), default=500,
              show_default=True, help="Token budget of the recall block.")  # fmt: skip
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="Search hits considered for recall.")  # fmt: skip
@click.option("--payload", is_flag=True,
              help="Print the provider request body (--query is the user message).")  # fmt: skip
@json_option
@click.pass_context
def compile_(
    ctx: click.Context, scope: str, query: str | None, provider: str, budget: int,
    recall_tokens: int, limit: int, payload: bool, as_json: bool,
) -> None:  # fmt: skip
    """Compile a scope's memory into a prompt: the cacheable stable block, then recall.

    The stable block (rules, pinned facts, facts by importance) changes only when
    approved memory changes, so its digest stays the same across queries.
    """
    mem = open_memory(ctx, read_only=True)
    p = mem.compile(
        scope, query, budget_tokens=budget, recall_tokens=recall_tokens,
        provider=provider, recall_limit=limit,  # type: ignore[arg-type]
    )  # fmt: skip
    if payload:
        if not query:
            raise click.UsageError("--payload needs --query (it becomes the user message).")
        echo_json(p.payload([{"role": "user", "content": query}]))
        return
    if as_json:
        echo_json({
            "stable": p.stable, "recall": p.recall, "stable_digest": p.stable_digest,
            "stable_tokens": p.stable_tokens, "recall_tokens": p.recall_tokens,
            "budget_tokens": budget, "recall_budget": recall_tokens,
            "stable_ids": list(p.stable_ids), "recall_ids": list(p.recall_ids),
            "provider": p.provider, "memory_off": p.memory_off,
        })  # fmt: skip
        return
    if p.memory_off:
        click.secho(f"Memory is off for reads in {scope}: the prompt holds none of its memory "
                    "('memstack scope on' turns it back on).", bold=True)  # fmt: skip
    click.secho(
        f"Stable block: {p.stable_tokens} of {budget} tokens, {len(p.stable_ids)} memories "
        "(cached; changes only when approved memory changes)",
        bold=True,
    )
    click.echo(p.stable or "(empty)")
    click.echo("")
    label = f"Recall for {query!r}" if query else "Recall"
    click.secho(
        f"{label}: {p.recall_tokens} of {recall_tokens} tokens, {len(p.recall_ids)} memories "
        "(after the cache breakpoint)",
        bold=True,
    )
    click.echo(p.recall or "(none)")
    click.echo("")
    click.echo(f"Tokens: {p.stable_tokens + p.recall_tokens} (stable {p.stable_tokens}, "
               f"recall {p.recall_tokens}). Stable digest: sha256:{p.stable_digest}")  # fmt: skip


@click.command()
@scope_option
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of standard output.",
)  # fmt: skip
@json_option
@click.pass_context
def render(ctx: click.Context, scope: str, output: Path | None, as_json: bool) -> None:
    """Print a scope's memories as Markdown to read, diff, edit and apply back.

    The same memories always give the same bytes. Each line ends with an id
    marker (<!-- m:ID -->): keep it when editing a line, leave it off a new line.
    """
    text = open_memory(ctx, read_only=True).render(scope)
    if as_json and output is None:
        echo_json({"scope": scope, "markdown": text})
        return
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, "utf-8")
    click.echo(f"Wrote the memory of {scope} to {output}.", err=True)


def _apply(mem: Memory, scope: str, text: str, reviewer: str | None, yes: bool) -> ChangeSet | None:
    who = reviewer or mem.planner.author
    changes = mem.apply(scope, text, reviewer=who, dry_run=True)
    show_changes(changes)
    if changes.empty:
        return None
    if not yes:
        click.confirm(f"Apply these changes to {scope} as {who}?", abort=True)
    done = mem.apply(scope, text, reviewer=who)
    click.echo(f"Applied to {scope}.")
    return done


@click.command()
@scope_option
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--dry-run", is_flag=True, help="Only show the changes; write nothing.")
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
@reviewer_option
@json_option
@click.pass_context
def apply(
    ctx: click.Context, scope: str, file: str, dry_run: bool, yes: bool, reviewer: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """Apply an edited Markdown render (FILE, or - for stdin) to a scope.

    Shows the changes first (+ added, ~ edited, - removed), then asks. Every
    change is human-authored and lands in one transaction. A marker naming an
    unknown or repeated id is an error; nothing is guessed.
    """
    if as_json and not (yes or dry_run):
        raise click.UsageError("--json needs --yes or --dry-run (there is no question to ask).")
    text = drafts.strip_head(_read(file))
    mem = open_memory(ctx)
    if dry_run or as_json:
        who = reviewer or mem.planner.author
        changes = mem.apply(scope, text, reviewer=who, dry_run=dry_run)
        if as_json:
            echo_json({"applied": not dry_run, **changeset_to(changes)})
        else:
            show_changes(changes)
        return
    _apply(mem, scope, text, reviewer, yes)


@click.command()
@scope_option
@click.option("--yes", "-y", is_flag=True, help="Apply without asking after the editor closes.")
@reviewer_option
@click.pass_context
def edit(ctx: click.Context, scope: str, yes: bool, reviewer: str | None) -> None:
    """Edit a scope's memories as Markdown in $EDITOR, then review and apply the changes.

    The file being edited lives in the store folder (drafts/, private to you),
    never in the system temp folder; it is deleted once applied. An edit that
    cannot be applied stays there until you apply it or forget the scope.
    """
    mem = open_memory(ctx)
    before = mem.render(scope)
    draft = drafts.new_draft(mem.home, scope, before)
    try:
        click.edit(filename=str(draft), extension=".md")
        after = drafts.strip_head(read_text(draft))
    except (OSError, UsageError, click.ClickException):
        draft.unlink(missing_ok=True)
        raise
    if after == before:
        draft.unlink(missing_ok=True)
        click.echo("No changes.")
        return
    try:
        _apply(mem, scope, after, reviewer, yes)
    except UsageError as exc:
        draft.unlink(missing_ok=True)
        draft = drafts.new_draft(mem.home, scope, after)  # the scope marker, even if edited away
        exc.hint = (exc.hint + " " if exc.hint else "") + (
            f"Your edit is saved in {draft}; fix it and run "
            f"'memstack apply --scope {scope} {draft}' ('memstack forget' deletes it too)."
        )
        exc.args = (f"{exc.message} {exc.hint}",)
        raise
    except BaseException:
        draft.unlink(missing_ok=True)
        raise
    draft.unlink(missing_ok=True)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@scope_option
@click.option("--format", "-f", "fmt", type=click.Choice(IMPORT_FORMATS), default="auto",
              show_default=True, help="File format (auto: JSON if it starts with { or [)."
              )  # fmt: skip
@click.option("--approve", is_flag=True,
              help="Apply at once as a human-authored import instead of proposing.")  # fmt: skip
@click.option("--author", help="Who imports (default: the configured author or $USER).")
@click.option("--from", "from_", type=click.Choice(["mem0", "langgraph"]),
              help="Another tool's file: Mem0's get_all/export JSON or a LangGraph store dump; "
              "--scope is then the root its users, agents or namespaces go under.")  # fmt: skip
@click.option("--dry-run", is_flag=True, help="With --from: read and screen, write nothing.")
@json_option
@click.pass_context
def import_(
    ctx: click.Context, file: str, scope: str, fmt: str, approve: bool, author: str | None,
    from_: str | None, dry_run: bool, as_json: bool,
) -> None:  # fmt: skip
    """Read CLAUDE.md, AGENTS.md, a Cursor rule, a render or a JSON export into a scope.

    Without --approve every new memory becomes a proposal waiting for review
    ('memstack proposals'); with --approve they are applied at once, in one
    transaction. Memories already in the scope are skipped.

    With --from mem0|langgraph, each item keeps its own scope under --scope, its
    times and metadata, and is proposed (or with --approve added) on its own;
    the report says what happened to each (see docs/migrating.md).
    """
    if from_ is not None:
        from . import migrate_in

        mem = None if dry_run else open_memory(ctx)
        migrate_in.run(
            mem, from_, _read(file), scope, approve=approve, author=author, dry_run=dry_run,
            as_json=as_json,
        )  # fmt: skip
        return
    if dry_run:
        raise click.UsageError("--dry-run works with --from; 'memstack apply --dry-run' previews.")
    text = _read(file)
    mem = open_memory(ctx)
    with working(f"Importing {'-' if file == '-' else Path(file).name} into {scope}"):
        result = mem.import_memories(
            scope, text, format=fmt, author=author, approve=approve,
            source_name=None if file == "-" else Path(file).name,
        )  # fmt: skip
    if as_json:
        echo_json({
            "read": len(result.items), "skipped": len(result.skipped),
            "proposals": [p.id for p in result.proposals], "added": [r.id for r in result.added],
        })  # fmt: skip
        return
    skipped = f" ({len(result.skipped)} already present)" if result.skipped else ""
    if approve:
        click.echo(f"Imported {len(result.added)} memories into {scope}{skipped}.")
    else:
        click.echo(
            f"Proposed {len(result.proposals)} memories for {scope}{skipped}; "
            "review them with 'memstack proposals' or 'memstack review'."
        )


COMMANDS: list[click.Command] = [compile_, render, apply, edit, import_]
