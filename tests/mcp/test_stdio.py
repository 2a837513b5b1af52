"""``memstack mcp`` as a real subprocess over stdio, driven by the official MCP client."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mcp import Client, StdioServerParameters

from memstack import Memory
from memstack.cli import main

from .conftest import SCOPE, text_of


def _params(home: Path, scope: str = SCOPE) -> StdioServerParameters:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEMSTACK_")}
    env["MEMSTACK_EMBEDDER"] = "fake"
    return StdioServerParameters(
        command=sys.executable,
        args=["-m", "memstack", "--home", str(home), "mcp", "--scope", scope],
        env=env,
    )


def test_stdio_server_lists_calls_reads_and_only_proposes(tmp_path: Path) -> None:
    home = tmp_path / "served"
    with Memory(home) as mem:
        alice = mem.add(SCOPE, "Alice is vegetarian", kind="fact").id
        bob = mem.add("acme/bob", "Bob's salary is 90k", kind="fact").id

    async def session() -> dict[str, Any]:
        out: dict[str, Any] = {}
        async with Client(_params(home), cache=None) as client:
            out["tools"] = {t.name for t in (await client.list_tools()).tools}
            out["search"] = await client.call_tool("memory_search", {"query": "vegetarian"})
            out["list"] = await client.call_tool("memory_list", {})
            out["get"] = await client.call_tool("memory_get", {"id": alice})
            out["history"] = await client.call_tool("memory_history", {"id": alice})
            out["bob"] = await client.call_tool("memory_get", {"id": bob})
            out["compile"] = await client.call_tool("memory_compile", {"query": "food"})
            out["remember"] = await client.call_tool(
                "memory_remember", {"statement": "Alice is allergic to peanuts"}
            )
            out["pending"] = await client.read_resource(f"memory://{SCOPE}/pending")
            out["prompt"] = await client.get_prompt("memory_context", {})
        return out

    out = asyncio.run(asyncio.wait_for(session(), 120))
    assert len(out["tools"]) == 6
    assert [h["memory"]["id"] for h in out["search"].structured_content["hits"]] == [alice]
    assert out["list"].structured_content["total"] == 1
    assert out["get"].structured_content["text"] == "Alice is vegetarian"
    assert out["history"].structured_content["events"][0]["action"] == "add"
    assert out["bob"].is_error and "salary" not in text_of(out["bob"])
    assert "Alice is vegetarian" in out["compile"].structured_content["stable"]
    [proposal] = out["remember"].structured_content["proposals"]
    assert proposal["state"] == "pending"
    assert "> Alice is allergic to peanuts" in out["pending"].contents[0].text
    assert "Alice is vegetarian" in out["prompt"].messages[0].content.text

    with Memory(home) as mem:  # the write reached the store as a proposal, not a memory
        assert [r.text for r in mem.list(SCOPE)] == ["Alice is vegetarian"]
        assert [p.id for p in mem.proposals(SCOPE)] == [proposal["id"]]


def test_mcp_command_refuses_a_bad_scope_with_a_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--home", str(tmp_path), "mcp", "--scope", "acme//x"])
    assert result.exit_code == 2
    assert "empty segment" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "memstack.db").exists()


def test_mcp_command_has_help() -> None:
    result = CliRunner().invoke(main, ["mcp", "--help"])
    assert result.exit_code == 0 and "--scope" in result.output and "docs/mcp.md" in result.output


def test_without_the_sdk_the_command_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in [n for n in sys.modules if n == "mcp" or n.startswith(("mcp.", "memstack.mcp"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "mcp", None)  # what an install without the extra sees
    result = CliRunner().invoke(main, ["--home", str(tmp_path), "mcp", "--scope", SCOPE])
    assert result.exit_code == 2
    assert "pip install 'memstack[mcp]'" in result.output and "Traceback" not in result.output
