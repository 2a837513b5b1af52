"""Every CLI command documents itself (like simonw/sqlite-utils' ``tests/test_docs.py``).

Commands are discovered from the click group, so a new command or subcommand
is covered without touching this file.
"""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from memstack.cli import main


def _walk(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the root group loads its commands lazily
        command = group.get_command(ctx, name)
        assert command is not None, name
        path = (*prefix, name)
        found.append((path, command))
        if isinstance(command, click.Group):
            found += _walk(command, path)
    return found


COMMANDS = _walk(main)


def test_the_core_commands_are_registered() -> None:
    names = {path[0] for path, _ in COMMANDS}
    expected = {
        "add",
        "search",
        "list",
        "show",
        "history",
        "update",
        "delete",
        "ingest",
        "reindex",
        "stats",
        "migrate",
        "scopes",
        "demo",
    }
    assert expected <= names


def test_main_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "memstack:" in result.stdout
    for name in main.list_commands(click.Context(main)):
        assert f"  {name} " in result.stdout or f"  {name}\n" in result.stdout, name


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help(path: tuple[str, ...], command: click.Command) -> None:
    assert command.help and command.help.strip(), f"memstack {' '.join(path)} has no docstring"
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: main {' '.join(path)}")
    first_line = " ".join(command.help.strip().splitlines()[0].split())
    assert first_line in " ".join(result.stdout.split())


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_short_help_flag_works_too(path: tuple[str, ...], command: click.Command) -> None:
    assert CliRunner().invoke(main, [*path, "-h"]).exit_code == 0


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert "0.1.0" in result.stdout
