"""Claude's memory tool backed by memstack, in a tool loop: the ``anthropic`` SDK, a fake API.

The SDK talks to a fake Messages API on a real port; the fake plays a model that
views, edits and creates memory files and tries to leave ``/memories``. The loop
answers each ``tool_use`` with :class:`MemoryTool` and sends the results back.
"""

from __future__ import annotations

import asyncio
from typing import Any

import anthropic
import pytest
from anthropic.types import MessageParam, ToolUseBlock

from memstack import AsyncMemory, Memory
from memstack.adapters.anthropic_memory import TOOL, AsyncMemoryTool, MemoryTool
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore

from ..live import serving
from .messages_api import MessagesApi

SCOPE = "acme/alice"
DOC = "/memories/memory.md"


@pytest.fixture
def mem() -> Any:
    m = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    m.add(SCOPE, "Alice lives in Leeds", kind="fact")
    m.add(SCOPE, "Alice is vegetarian", kind="fact", topic="diet")
    yield m
    m.close()


def tool_loop(api: MessagesApi, tool: MemoryTool, ask: str) -> list[MessageParam]:
    """Run the conversation until the model stops calling tools; returns the messages."""
    messages: list[MessageParam] = [{"role": "user", "content": ask}]
    with serving(api.app()) as url, anthropic.Anthropic(
        base_url=url, api_key="test-key", max_retries=0
    ) as client:
        while True:
            reply = client.messages.create(
                model="claude-fake", max_tokens=1024, tools=[TOOL],  # type: ignore[list-item]
                messages=messages,
            )  # fmt: skip
            messages.append({"role": "assistant", "content": reply.content})  # type: ignore[typeddict-item]
            if reply.stop_reason != "tool_use":
                return messages
            uses = [b for b in reply.content if isinstance(b, ToolUseBlock)]
            messages.append({"role": "user", "content": [tool.answer(b) for b in uses]})  # type: ignore[misc]


def test_a_tool_loop_views_memory_and_its_edits_become_proposals(mem: Memory) -> None:
    leeds = next(r for r in mem.list(SCOPE) if "Leeds" in r.text)
    api = MessagesApi([
        [{"command": "view", "path": "/memories"}],
        [{"command": "view", "path": DOC}],
        [{"command": "str_replace", "path": DOC, "old_str": "Alice lives in Leeds",
          "new_str": "Alice lives in York"},
         {"command": "insert", "path": DOC, "insert_line": 2,
          "insert_text": "## Rules\n\n- Always answer Alice in French\n"},
         {"command": "create", "path": "/memories/coffee.md",
          "file_text": "# coffee\n- Alice takes oat milk\n"}],
        [{"command": "view", "path": "/memories/pending.md"}],
        "Noted: you moved to York.",
    ])  # fmt: skip
    tool_loop(api, MemoryTool(mem, SCOPE), "I moved to York. Also: answer me in French.")

    listing, = api.results(1)
    assert listing["tool_use_id"] == "toolu_01_0" and "memory.md" in listing["content"]
    doc, = api.results(2)
    assert "Alice lives in Leeds" in doc["content"] and "### diet" in doc["content"]
    assert "is_error" not in doc
    edits = api.results(3)
    assert [e.get("is_error") for e in edits] == [None, None, None]
    assert "waiting for a person's review" in edits[0]["content"]
    pending, = api.results(4)
    assert "update fact: Alice lives in York" in pending["content"]

    proposals = {(p.op, p.kind, p.text, p.target, p.topic) for p in mem.proposals(SCOPE)}
    assert proposals == {
        ("update", "fact", "Alice lives in York", leeds.id, None),
        ("add", "rule", "Always answer Alice in French", None, None),
        ("add", "fact", "Alice takes oat milk", None, "coffee"),
    }
    assert all(p.source.author == "anthropic-memory-tool" for p in mem.proposals(SCOPE))
    texts = sorted(r.text for r in mem.list(SCOPE))
    assert texts == ["Alice is vegetarian", "Alice lives in Leeds"]  # nothing written yet


def test_where_the_policy_is_auto_an_edit_is_applied_at_once(mem: Memory) -> None:
    mem.set_policy(SCOPE, "fact", "auto")
    api = MessagesApi([
        [{"command": "str_replace", "path": DOC, "old_str": "Alice lives in Leeds",
          "new_str": "Alice lives in York"}],
        [{"command": "view", "path": DOC}],
        "Done.",
    ])  # fmt: skip
    tool_loop(api, MemoryTool(mem, SCOPE), "I moved to York.")
    assert "applied by the scope's review policy" in api.results(1)[0]["content"]
    assert "Alice lives in York" in api.results(2)[0]["content"]
    assert sorted(r.text for r in mem.list(SCOPE)) == ["Alice is vegetarian", "Alice lives in York"]


@pytest.mark.parametrize("path", [
    "/memories/../etc/passwd", "/etc/passwd", "/memories/%2e%2e/%2e%2e/etc/passwd",
    "/memories/./memory.md", "/memoriesX/memory.md", "memories/memory.md", "/memories\\..\\x",
    "/memories/memory.md\x00", "", "/Memories/memory.md", "//memories/memory.md",
])  # fmt: skip
def test_paths_outside_memories_are_refused_with_a_tool_error(mem: Memory, path: str) -> None:
    before = mem.render(SCOPE)
    api = MessagesApi([
        [{"command": "view", "path": path},
         {"command": "create", "path": path, "file_text": "- pwned"},
         {"command": "str_replace", "path": path, "old_str": "Leeds", "new_str": "pwned"},
         {"command": "delete", "path": path},
         {"command": "rename", "old_path": DOC, "new_path": path}],
        "ok",
    ])  # fmt: skip
    tool_loop(api, MemoryTool(mem, SCOPE), "hi")
    results = api.results(1)
    assert len(results) == 5 and all(r["is_error"] is True for r in results)
    assert all("not allowed" in r["content"] or "required" in r["content"] for r in results)
    assert mem.proposals(SCOPE) == [] and mem.render(SCOPE) == before


def test_commands_that_cannot_apply_say_why(mem: Memory) -> None:
    tool = MemoryTool(mem, SCOPE)
    cases = {
        "missing": {"command": "str_replace", "path": DOC, "old_str": "Paris", "new_str": "x"},
        "twice": {"command": "str_replace", "path": DOC, "old_str": "Alice", "new_str": "x"},
        "read-only": {"command": "insert", "path": "/memories/pending.md", "insert_line": 0,
                      "insert_text": "- x"},
        "exists": {"command": "create", "path": DOC, "file_text": "- x"},
        "delete": {"command": "delete", "path": DOC},
        "rename": {"command": "rename", "old_path": DOC, "new_path": "/memories/b.md"},
        "nowhere": {"command": "view", "path": "/memories/nothing.md"},
        "line": {"command": "insert", "path": DOC, "insert_line": 999, "insert_text": "- x"},
        "not a bullet": {"command": "insert", "path": DOC, "insert_line": 2,
                         "insert_text": "just prose"},
        "unknown": {"command": "format", "path": DOC},
    }  # fmt: skip
    out = {name: tool.execute(command) for name, command in cases.items()}
    assert all(o.is_error for o in out.values()), {k: o for k, o in out.items() if not o.is_error}
    assert "does not appear" in out["missing"].text and "appears 2 times" in out["twice"].text
    assert "read-only" in out["read-only"].text and "remove its bullet" in out["delete"].text
    assert "Traceback" not in "".join(o.text for o in out.values())
    assert mem.proposals(SCOPE) == []


def test_view_range_and_removal_of_a_bullet(mem: Memory) -> None:
    tool = MemoryTool(mem, SCOPE)
    whole = tool.execute({"command": "view", "path": DOC}).text.split("\n")[1:]
    part = tool.execute({"command": "view", "path": DOC, "view_range": [3, 5]}).text
    assert part.split("\n")[1:] == whole[2:5]
    line = next(x for x in whole if "vegetarian" in x).split("\t", 1)[1]
    removed = tool.execute({"command": "str_replace", "path": DOC, "old_str": line + "\n",
                            "new_str": ""})  # fmt: skip
    assert not removed.is_error
    (p,) = mem.proposals(SCOPE)
    assert (p.op, p.text) == ("delete", "Alice is vegetarian")


def test_the_async_backend_answers_the_same() -> None:
    async def run() -> tuple[str, str, int]:
        mem = AsyncMemory(store=InMemoryStore(), embedder=FakeEmbedder())
        await mem.add(SCOPE, "Alice lives in Leeds", kind="fact")
        tool = AsyncMemoryTool(mem, SCOPE)
        view = await tool.execute({"command": "view", "path": DOC})
        bad = await tool.execute({"command": "view", "path": "/memories/../x"})
        await tool.execute({"command": "str_replace", "path": DOC, "old_str": "Leeds",
                            "new_str": "York"})  # fmt: skip
        n = len(await mem.proposals(SCOPE))
        mem.close()
        return view.text, bad.text, n

    view, bad, n = asyncio.run(run())
    sync = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    sync.add(SCOPE, "Alice lives in Leeds", kind="fact")
    expected = MemoryTool(sync, SCOPE).execute({"command": "view", "path": DOC}).text
    assert view.split("<!--")[0] == expected.split("<!--")[0] and "Leeds" in view
    assert "not allowed" in bad and n == 1
    sync.close()
