"""Commands that move data in bulk or look after the store.

ingest, reindex, stats, migrate, scopes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..core import open_store
from ..errors import UsageError
from .common import (
    echo_json,
    json_option,
    open_memory,
    parse_time,
    progress,
    read_text,
    scope_opt,
    scope_option,
    table,
)


def read_conversation(path: Path | str) -> dict[str, Any]:
    """Read a conversation file (``-``: standard input): a JSON list of messages, or an
    object with ``messages``.

    The object form may also carry ``session_time``, ``conversation`` and ``session``.
    JSON Lines (one message per line) works too.
    """
    raw = read_text(path)
    path = "standard input" if str(path) == "-" else path
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path} is neither JSON nor JSON Lines: {exc}.") from exc
    if isinstance(data, list):
        data = {"messages": data}
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise UsageError(f"{path} must hold a list of messages or an object with 'messages'.")
    return data


@click.command()
@scope_option
# No exists=True: a missing file is reported by read_conversation as one "Error:" line.
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--session-time", help="When the conversation happened (ISO 8601).")
@click.option("--conversation", help="Conversation id to keep in each episode's source.")
@json_option
@click.pass_context
def ingest(
    ctx: click.Context, scope: str, file: Path, session_time: str | None, conversation: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """Archive a conversation FILE (JSON messages with role and content) as episodes.

    FILE may be - to read standard input. No turn is lost: a secret in a turn is
    replaced by '[secret removed: <kind>]' and a turn over 20,000 characters is stored
    as parts; each changed turn is listed.
    """
    data = read_conversation(file)
    when = parse_time(session_time, "--session-time") or parse_time(
        data.get("session_time"), "session_time"
    )
    mem = open_memory(ctx)
    messages = data["messages"]
    with progress(len(messages), "Ingesting") as bar:
        records = mem.ingest_conversation(
            scope, messages, session_time=when,
            conversation=conversation or data.get("conversation"), session=data.get("session"),
            progress=bar.update,
        )  # fmt: skip
    if as_json:
        echo_json({
            "ingested": len(records), "turns": len(messages), "ids": [r.id for r in records],
            "changes": [c.to_dict() for c in records.changes],
        })  # fmt: skip
    else:
        click.echo(f"Ingested {len(messages)} turn(s) into {scope}.")
        for change in records.changes:  # nothing changed silently
            click.echo(f"  changed {change.describe()}")


@click.command()
@json_option
@click.pass_context
def reindex(ctx: click.Context, as_json: bool) -> None:
    """Re-embed every memory with the configured embedder (after switching embedders)."""
    mem = open_memory(ctx, read_only=True)
    todo = mem.stats()["missing_vectors"]
    with progress(todo, "Re-embedding") as bar:
        done = mem.reindex(progress=bar.update)
    if as_json:
        echo_json({"reembedded": done, "embedder": mem.embedder.id})
        return
    click.echo(f"Re-embedded {done} memor{'y' if done == 1 else 'ies'} with {mem.embedder.id}.")


@click.command()
@json_option
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Show what the store holds: memories, scopes, vectors per embedder, file size."""
    info = open_memory(ctx, read_only=True).stats()
    if as_json:
        echo_json(info)
        return
    for key, value in info.items():
        click.echo(f"{key:>16}: {value}")


@click.command()
@click.option(
    "--store-url",
    metavar="URL",
    help="The store to migrate (default: memstack's --store-url, $MEMSTACK_STORE_URL, "
    "config.toml, else memstack.db in the home folder).",
)
@json_option
@click.pass_context
def migrate(ctx: click.Context, store_url: str | None, as_json: bool) -> None:
    """Create the store or bring its schema up to date.

    Safe to run while other processes use the store, and from several at once.
    """
    from ..config import find_home, resolve

    obj = ctx.obj or {}
    home = find_home(obj.get("home")).path
    settings = resolve(home, store_url=store_url or obj.get("store_url"))
    store = open_store(settings)
    try:
        before = store.info().get("schema_version")
        store.setup()
        after = store.info().get("schema_version")
        where = store.info().get("path") or settings.store
        if as_json:
            echo_json({"store": str(where), "schema_version_before": before,
                       "schema_version": after})  # fmt: skip
        elif before is None:
            click.echo(f"Store {where} is ready.")
        else:
            click.echo(f"Schema of {where}: version {before} -> {after}.")
    finally:
        store.close()


@click.command()
@scope_opt(required=False, help="Only this scope and the scopes below it.", aliases=["--prefix"])
@json_option
@click.pass_context
def scopes(ctx: click.Context, scope: str | None, as_json: bool) -> None:
    """List scopes that hold memories, with counts."""
    found = open_memory(ctx, read_only=True).scopes(scope)
    if as_json:
        echo_json(found)
    elif not found:
        click.echo("No scopes.")
    else:
        table(["scope", "memories"], [[s, n] for s, n in found.items()])


COMMANDS = [ingest, reindex, stats, migrate, scopes]
