"""``memstack scope off|on|status``: turn memory off per scope, like a chat app's memory switch.

The switch lives in the store and is enforced by the facade, so the server, MCP and
every process see it at once (see docs/review.md#turning-memory-off).
"""

from __future__ import annotations

from typing import Any

import click

from .common import echo_json, json_option, open_memory, table


def _halves(reads: bool, writes: bool) -> tuple[bool, bool]:
    """--reads / --writes pick halves; neither means both."""
    return (True, True) if not (reads or writes) else (reads, writes)


def _say(state: Any) -> str:
    what = [w for w, off in (("reads", state.reads_off), ("writes", state.writes_off)) if off]
    if not what:
        return f"Memory is on in {state.scope}."
    return f"Memory is off for {' and '.join(what)} in {state.scope}."


halves = [
    click.option("--reads", is_flag=True, help="Only reads: search and compile use none of it."),
    click.option("--writes", is_flag=True, help="Only writes: nothing new is stored or proposed."),
]


def _with_halves(f: Any) -> Any:
    for option in reversed(halves):
        f = option(f)
    return f


@click.group()
def scope() -> None:
    """Turn memory off or on for a scope: reads, writes or both.

    A switch covers the scope and every scope below it. Off for reads: search
    answers nothing and compiled prompts hold none of its memory (flagged
    memory_off). Off for writes: add, ingest, remember, propose and import are
    refused; forget and delete still work.
    """


@scope.command("off")
@click.argument("path")
@_with_halves
@click.option("--author", help="Who switches (default: $USER).")
@json_option
@click.pass_context
def scope_off(
    ctx: click.Context, path: str, reads: bool, writes: bool, author: str | None, as_json: bool
) -> None:
    """Turn memory off for PATH (e.g. acme/alice); without --reads/--writes, both."""
    r, w = _halves(reads, writes)
    state = open_memory(ctx).memory_off(path, reads=r, writes=w, author=author)
    if as_json:
        echo_json(state.to_dict())
    else:
        click.echo(_say(state))


@scope.command("on")
@click.argument("path")
@_with_halves
@click.option("--author", help="Who switches (default: $USER).")
@json_option
@click.pass_context
def scope_on(
    ctx: click.Context, path: str, reads: bool, writes: bool, author: str | None, as_json: bool
) -> None:
    """Turn memory back on for PATH; an ancestor switched off still applies."""
    r, w = _halves(reads, writes)
    mem = open_memory(ctx)
    state = mem.memory_on(path, reads=r, writes=w, author=author)
    if as_json:
        echo_json(state.to_dict())
        return
    click.echo(_say(state))
    if state.off:
        above = [s.scope for s in mem.memory_switches() if s.scope != path and s.off]
        above = [s for s in above if path.startswith(s + "/")]
        if above:
            click.echo(f"It is switched off on {', '.join(above)}: 'memstack scope on {above[0]}'.")


@scope.command("status")
@click.argument("path", required=False)
@json_option
@click.pass_context
def scope_status(ctx: click.Context, path: str | None, as_json: bool) -> None:
    """Show whether memory is off in PATH, or list every scope with memory off."""
    mem = open_memory(ctx, read_only=True)
    if path is not None:
        state = mem.memory_status(path)
        if as_json:
            echo_json(state.to_dict())
        else:
            click.echo(_say(state))
        return
    found = mem.memory_switches()
    if as_json:
        echo_json([s.to_dict() for s in found])
        return
    if not found:
        click.echo("Memory is on everywhere.")
        return
    table(
        ["scope", "reads", "writes", "set by", "set at"],
        [
            [s.scope, "off" if s.reads_off else "on", "off" if s.writes_off else "on",
             s.author or "", s.updated_at.strftime("%Y-%m-%d %H:%M") if s.updated_at else ""]
            for s in found
        ],
    )  # fmt: skip


COMMANDS = [scope]
