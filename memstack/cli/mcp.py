"""``memstack mcp``: serve one scope's memory to an MCP client over stdio."""

from __future__ import annotations

import click

from ..errors import UsageError
from .common import scope_option


@click.command("mcp")
@scope_option
@click.pass_context
def mcp_command(ctx: click.Context, scope: str) -> None:
    """Serve memory to an MCP client (Claude Desktop, Claude Code, Cursor) over stdio.

    The server is bound to --scope: searches see it and its ancestors, ids from
    other scopes are not found, and memory_remember makes proposals for review,
    never direct writes. Configuration for each client: docs/mcp.md.

    \b
    Example:
      memstack --home ~/.memstack mcp --scope acme/alice
    """
    try:
        from ..mcp import serve_stdio
    except ModuleNotFoundError as exc:
        if exc.name is None or not exc.name.startswith("mcp"):
            raise
        raise UsageError(
            "memstack mcp needs the MCP SDK.", hint="Install it with: pip install 'memstack[mcp]'"
        ) from exc
    obj = ctx.obj or {}
    serve_stdio(scope, home=obj.get("home"), store_url=obj.get("store_url"))


COMMANDS = [mcp_command]
