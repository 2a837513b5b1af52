"""The client configurations in docs/mcp.md are valid JSON and start a command memstack accepts."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from click.testing import CliRunner

from memstack.cli import main
from memstack.models import Scope

DOC = Path(__file__).resolve().parents[2] / "docs" / "mcp.md"


def _configs() -> list[dict[str, Any]]:
    text = DOC.read_text("utf-8")
    found = []
    for block in re.findall(r"```json\n(.*?)```", text, re.S):
        found += json.loads(block)["mcpServers"].values()
    return found


def _commands() -> list[list[str]]:
    found = [[c["command"], *c["args"]] for c in _configs() if "command" in c]
    text = DOC.read_text("utf-8")
    for line in re.findall(r"^claude mcp add .*$", text, re.M):
        if " -- " in line:
            found.append(shlex.split(line.split(" -- ", 1)[1]))
    return found


def test_every_documented_http_configuration_names_the_endpoint_a_scope_and_a_key() -> None:
    text = DOC.read_text("utf-8")
    urls = [(c["url"], c["headers"]) for c in _configs() if "url" in c]
    for line in re.findall(r"^claude mcp add --transport http .*$", text, re.M):
        args = shlex.split(line)
        header = args[args.index("--header") + 1].split(": ", 1)
        urls.append((args[6], {header[0]: header[1]}))
    assert len(urls) == 2  # the claude command and the JSON file
    for url, headers in urls:
        parts = urlsplit(url)
        assert parts.path == "/mcp"
        Scope.parse(parse_qs(parts.query)["scope"][0])
        assert headers["Authorization"].startswith("Bearer ")


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
