"""The MCP front door: memstack memory for Claude Desktop, Claude Code, Cursor and others.

``memstack mcp --scope acme/alice`` serves one scope over stdio; see ``docs/mcp.md``.
Needs the ``mcp`` extra (``pip install 'memstack[mcp]'``).
"""

from __future__ import annotations

from ..core import AsyncMemory
from ..models import Scope
from .server import build_server

__all__ = ["build_server", "serve_stdio"]


def serve_stdio(scope: str, *, home: str | None = None, store_url: str | None = None) -> None:
    """Serve ``scope`` over stdio until the client closes the connection.

    Raises:
        InvalidScope: ``scope`` is not a valid scope path (checked before the store opens).
    """
    Scope.parse(scope)
    memory = AsyncMemory(home, store_url=store_url)
    try:
        build_server(memory, scope).run("stdio")
    finally:
        memory.close()
