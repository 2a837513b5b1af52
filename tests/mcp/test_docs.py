"""The client configurations in docs/mcp.md are valid JSON and start a command memstack accepts."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from memstack.cli import main
from memstack.models import Scope

DOC = Path(__file__).resolve().parents[2] / "docs" / "mcp.md"


def _commands() -> list[list[str]]:
    text = DOC.read_text("utf-8")
    found = []
    for block in re.findall(r"```json\n(.*?)```", text, re.S):
        for server in json.loads(block)["mcpServers"].values():
            found.append([server["command"], *server["args"]])
    for line in re.findall(r"^claude mcp add .*$", text, re.M):
        found.append(shlex.split(line.split(" -- ", 1)[1]))
    return found


def test_every_documented_configuration_runs_memstack_mcp_with_valid_options() -> None:
    commands = _commands()
    assert len(commands) == 4  # Claude Desktop, Claude Code (command and .mcp.json), Cursor
    for command in commands:
        assert command[0] == "memstack"
        args = command[1:]
        assert args[args.index("mcp") + 1] == "--scope"
        Scope.parse(args[args.index("--scope") + 1])
        result = CliRunner().invoke(main, [*args, "--help"])  # the options parse
        assert result.exit_code == 0, (command, result.output)
        assert "Usage: main mcp" in result.output
