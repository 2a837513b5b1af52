"""Front doors talk to the facade only: they import ``memstack.core``, models, errors, config.

The front doors are the CLI (``memstack.cli``) and the MCP server (``memstack.mcp``).
``economics`` is a separate, pure tool with its own command; the CLI may import it,
and the ``mcp`` door, which ``memstack mcp`` starts.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "memstack"
ALLOWED = {"core", "models", "errors", "config", "economics"}
DOORS = {"cli": ALLOWED | {"mcp"}, "mcp": ALLOWED - {"economics"}}


def _memstack_imports(path: Path) -> set[str]:
    """The first-level memstack modules ``path`` imports (relative imports resolved)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 2 and node.module:  # from ..x import y
                found.add(node.module.split(".")[0])
            elif node.level == 2:  # from .. import x
                found.update(alias.name for alias in node.names)
            elif node.level == 0 and node.module and node.module.startswith("memstack."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("memstack."):
                    found.add(alias.name.split(".")[1])
    return found


def test_front_doors_import_only_the_facade_and_public_values() -> None:
    for door, allowed in DOORS.items():
        paths = sorted((PACKAGE / door).glob("*.py"))
        assert paths, door
        for path in paths:
            extra = sorted(_memstack_imports(path) - allowed - {door})
            assert not extra, f"{door}/{path.name} imports memstack.{', memstack.'.join(extra)}"


def test_nothing_below_the_facade_imports_it() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("core", *DOORS) or rel.name == "__init__.py" and len(rel.parts) == 1:
            continue
        code = path.read_text("utf-8")
        assert "memstack.core import" not in code and "from ..core import" not in code, rel
        assert "import click" not in code, rel
