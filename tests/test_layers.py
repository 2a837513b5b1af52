"""Front doors talk to the facade only: they import ``memstack.core``, models, errors, config.

The front doors are the CLI (``memstack.cli``), the MCP server (``memstack.mcp``), the REST
server (``memstack.server``) and its client (``memstack.client``), the OpenAI-compatible proxy
(``memstack.proxy``) and the framework adapters (``memstack.adapters``). ``__version__`` comes
from the package itself. ``economics`` is a separate, pure tool with its own command; the CLI may
import it, and the doors it starts (``memstack mcp``, ``memstack serve``, ``memstack proxy``).
The REST server mounts the agent doors (MCP over HTTP, the proxy) beside its API. ``importers``
is pure (files of other tools read into values): the CLI and the LangGraph adapter use it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "memstack"
ALLOWED = {"core", "models", "errors", "config", "economics"}
#: Each front door and what it may import (the CLI starts the MCP and REST servers).
DOORS = {
    "cli": ALLOWED | {"mcp", "server", "proxy", "importers"},
    "mcp": ALLOWED - {"economics"},
    "server": ALLOWED - {"economics"} | {"mcp", "proxy"},
    "client": ALLOWED - {"economics"},
    "proxy": ALLOWED,  # economics: the metered TokenUsage
    "adapters": (ALLOWED - {"economics"}) | {"importers"},
}


def _imports(path: Path) -> set[str]:
    """The first-level memstack modules ``path`` imports, relative imports resolved at any depth."""
    package = ["memstack", *path.relative_to(PACKAGE).parts[:-1]]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                names = [node.module] if node.module else [a.name for a in node.names]
                found.update(".".join([*base, n]).split(".")[1] for n in names)
            elif node.module and node.module.startswith("memstack."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("memstack."):
                    found.add(alias.name.split(".")[1])
    return found


@pytest.mark.parametrize("door", sorted(DOORS))
def test_front_doors_import_only_the_facade_and_public_values(door: str) -> None:
    paths = sorted((PACKAGE / door).rglob("*.py"))
    assert paths, door
    for path in paths:
        extra = _imports(path) - DOORS[door] - {door, "__version__"}
        rel = path.relative_to(PACKAGE)
        assert not extra, f"{rel} imports memstack.{', memstack.'.join(sorted(extra))}"


def test_nothing_below_the_facade_imports_it() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("core", *DOORS) or rel == Path("__init__.py"):
            continue
        code = path.read_text("utf-8")
        assert "memstack.core import" not in code and "from ..core import" not in code, rel
        assert "import click" not in code, rel
