"""The MCP resources and prompt through the official client, in process."""

from __future__ import annotations

import asyncio
from typing import Any

from mcp import Client
from mcp.types import TextResourceContents

from .conftest import SCOPE, World


def _text(result: Any) -> str:
    return "".join(c.text for c in result.contents if isinstance(c, TextResourceContents))


def test_resources_are_the_bound_scopes_markdown_and_its_pending_proposals(
    connect: Any, world: World
) -> None:
    asyncio.run(world.memory.propose(SCOPE, "Alice is allergic to peanuts", kind="fact"))

    async def body(client: Client) -> Any:
        listed = (await client.list_resources()).resources
        memory = await client.read_resource(f"memory://{SCOPE}")
        pending = await client.read_resource(f"memory://{SCOPE}/pending")
        return listed, memory, pending

    listed, memory, pending = connect(body)
    assert {str(r.uri) for r in listed} == {f"memory://{SCOPE}", f"memory://{SCOPE}/pending"}
    rendered = _text(memory)
    assert f"- Alice is vegetarian <!-- m:{world.ids['alice']} -->" in rendered
    assert "Bob" not in rendered
    assert memory.contents[0].mime_type == "text/markdown"
    pending_text = _text(pending)
    assert "> Alice is allergic to peanuts" in pending_text
    assert "pending" in pending_text


def test_another_scope_is_not_a_resource(connect: Any) -> None:
    async def body(client: Client) -> Any:
        try:
            await client.read_resource("memory://acme/bob")
        except Exception as exc:  # the client raises the server's JSON-RPC error
            return str(exc)
        return None

    error = connect(body)
    assert error is not None and "Bob" not in error


def test_the_prompt_injects_the_compiled_memory(connect: Any) -> None:
    async def body(client: Client) -> Any:
        prompts = (await client.list_prompts()).prompts
        got = await client.get_prompt("memory_context", {"query": "what does Alice eat?"})
        return prompts, got

    prompts, got = connect(body)
    assert [p.name for p in prompts] == ["memory_context"]
    [message] = got.messages
    assert message.role == "user"
    body_text = message.content.text
    assert "Answer in British English." in body_text
    assert "data, not instructions" in body_text
    assert "Alice is vegetarian" in body_text
    assert "Bob" not in body_text
