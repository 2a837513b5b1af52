"""Commands that read and write memories: add, search, list, show, history, update, delete."""

from __future__ import annotations

import time

import click

from ..models import Kind
from .common import (
    echo_json,
    events_out,
    hits_out,
    json_option,
    open_memory,
    parse_time,
    records_out,
    scope_option,
)

KIND = click.Choice(["rule", "fact", "episode"])


@click.command()
@scope_option
@click.argument("text")
@click.option("--kind", "-k", type=KIND, default="fact", show_default=True, help="Kind of memory.")
@click.option("--topic", "-t", help="Optional heading the memory belongs under.")
@click.option("--pinned", is_flag=True, help="Always include it in the stable prompt block.")
@click.option("--importance", type=click.FloatRange(0, 1), default=0.5, show_default=True)
@click.option("--valid-from", help="When it became true (ISO 8601; default now).")
@click.option("--expires-at", help="When to forget it (ISO 8601).")
@click.option("--author", help="Who is writing (default: $USER).")
@json_option
@click.pass_context
def add(
    ctx: click.Context, scope: str, text: str, kind: Kind, topic: str | None, pinned: bool,
    importance: float, valid_from: str | None, expires_at: str | None, author: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """Store one memory TEXT in a scope (a human write: applied at once)."""
    mem = open_memory(ctx)
    rec = mem.add(
        scope, text, kind=kind, topic=topic, pinned=pinned, importance=importance,
        valid_from=parse_time(valid_from, "--valid-from"),
        expires_at=parse_time(expires_at, "--expires-at"), author=author,
    )  # fmt: skip
    if as_json:
        echo_json(rec.to_dict())
    else:
        click.echo(f"Added {rec.kind} {rec.id} to {rec.scope}.")


@click.command()
@scope_option
@click.argument("query")
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--kind", "-k", type=KIND, multiple=True, help="Only these kinds (repeatable).")
@click.option("--topic", "-t", help="Only this topic.")
@click.option("--as-of", help="Search the past: versions valid at this ISO 8601 time.")
@click.option("--descendants", is_flag=True, help="Also search scopes below --scope.")
@click.option(
    "--mode", type=click.Choice(["hybrid", "keyword", "dense"]), default="hybrid", show_default=True
)
@json_option
@click.pass_context
def search(
    ctx: click.Context, scope: str, query: str, limit: int, kind: tuple[Kind, ...],
    topic: str | None, as_of: str | None, descendants: bool, mode: str, as_json: bool,
) -> None:  # fmt: skip
    """Find the memories most relevant to QUERY that a scope may see."""
    mem = open_memory(ctx, read_only=True)
    start = time.perf_counter()
    hits = mem.search(
        scope, query, limit=limit, kind=list(kind) or None, topic=topic,
        as_of=parse_time(as_of, "--as-of"), include_descendants=descendants, mode=mode,
    )  # fmt: skip
    elapsed = (time.perf_counter() - start) * 1000
    if hits.memory_off:  # say so, rather than "No matches." (with --json: [] and the note)
        note = f"Memory is off for reads in {scope}: nothing was searched ('memstack scope on')."
        if as_json:
            hits_out(hits, as_json)
        click.echo(note, err=as_json)
        return
    hits_out(hits, as_json)
    if not as_json:
        click.echo(f"{len(hits)} hit(s) in {elapsed:.1f} ms ({mode}).", err=True)


@click.command("list")
@scope_option
@click.option("--kind", "-k", type=KIND, multiple=True, help="Only these kinds (repeatable).")
@click.option("--topic", "-t", help="Only this topic.")
@click.option("--descendants", is_flag=True, help="Include scopes below --scope.")
@click.option("--all-versions", is_flag=True, help="Include superseded versions.")
@click.option("--limit", "-n", type=click.IntRange(min=1), help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0)
@json_option
@click.pass_context
def list_(
    ctx: click.Context, scope: str, kind: tuple[Kind, ...], topic: str | None, descendants: bool,
    all_versions: bool, limit: int | None, offset: int, as_json: bool,
) -> None:  # fmt: skip
    """List the memories a scope sees (it and its ancestors), oldest first."""
    mem = open_memory(ctx, read_only=True)
    records = mem.list(
        scope, kind=list(kind) or None, topic=topic, include_descendants=descendants,
        include_superseded=all_versions, limit=limit, offset=offset,
    )  # fmt: skip
    records_out(records, as_json)


@click.command()
@click.argument("memory_id")
@json_option
@click.pass_context
def show(ctx: click.Context, memory_id: str, as_json: bool) -> None:
    """Show one memory with all its fields."""
    rec = open_memory(ctx, read_only=True).get(memory_id)
    if as_json:
        echo_json(rec.to_dict())
        return
    for key, value in rec.to_dict().items():
        click.echo(f"{key:>14}: {value if value is not None else ''}")


@click.command()
@click.argument("memory_id")
@json_option
@click.pass_context
def history(ctx: click.Context, memory_id: str, as_json: bool) -> None:
    """Show every version of a memory: who changed what, and when."""
    events_out(open_memory(ctx, read_only=True).history(memory_id), as_json)


@click.command()
@click.argument("memory_id")
@click.argument("text")
@click.option("--author", help="Who is writing (default: $USER).")
@click.option("--reason", help="Why it changed (kept in the history).")
@json_option
@click.pass_context
def update(
    ctx: click.Context,
    memory_id: str,
    text: str,
    author: str | None,
    reason: str | None,
    as_json: bool,
) -> None:
    """Replace a memory's TEXT; the old version is kept as history."""
    rec = open_memory(ctx).update(memory_id, text, author=author, reason=reason)
    if as_json:
        echo_json(rec.to_dict())
    else:
        click.echo(f"Updated {memory_id} -> {rec.id}.")


@click.command()
@click.argument("memory_id")
@click.option("--author", help="Who is deleting (default: $USER).")
@click.option("--reason", help="Why (kept in the history).")
@json_option
@click.pass_context
def delete(
    ctx: click.Context, memory_id: str, author: str | None, reason: str | None, as_json: bool
) -> None:
    """Delete a memory (its history keeps a delete event; use forget to erase)."""
    open_memory(ctx, read_only=True).delete(memory_id, author=author, reason=reason)
    if as_json:
        echo_json({"deleted": memory_id})
    else:
        click.echo(f"Deleted {memory_id}.")


COMMANDS = [add, search, list_, show, history, update, delete]
