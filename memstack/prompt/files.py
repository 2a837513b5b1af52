"""Memory as files: reading what an import gets (any of IMPORT_FORMATS) and writing the
agent files (CLAUDE.md, AGENTS.md, a Cursor rule) an export produces.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from ..compile import ParsedItem, read_export
from ..compile.export import export_agents, export_claude, export_cursor
from ..compile.notes import read_notes
from ..errors import UsageError
from ..models import (
    KINDS,
    EventOp,
    Record,
    Scope,
    check_metadata,
)
from ..plan import MAX_TEXT, Batch, Plan, Planner
from ..plan.turns import split_text
from .plans import scope_records

__all__ = ["AgentExport", "CURSOR_FILE", "IMPORT_FORMATS", "agent_export", "export_formats",
           "parse_import", "record_agent_export"]

IMPORT_FORMATS = ("auto", "claude", "agents", "cursor", "markdown", "json")


def _json_items(text: str) -> list[ParsedItem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"The file is not valid JSON: {exc}.") from exc
    if isinstance(data, Mapping):
        rows = data.get("memories", data.get("records"))
        if not isinstance(rows, list):
            raise UsageError(
                "A JSON import needs a 'memories' list (a memstack export) or a list of memories "
                "(memstack list --json)."
            )
    elif isinstance(data, list):
        rows = data
    else:
        raise UsageError("A JSON import must be an object or a list of memories.")
    items: list[ParsedItem] = []
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping) or not isinstance(row.get("text"), str):
            raise UsageError(f"Memory {i} in the JSON file has no 'text'.")
        if row.get("superseded_by") or row.get("valid_to"):
            continue  # an earlier version: only current memories are imported
        kind = row.get("kind", "fact")
        if kind not in KINDS:
            raise UsageError(
                f"Memory {i} in the JSON file has kind {kind!r}; use {', '.join(KINDS)}."
            )
        topic = row.get("topic")
        meta = row.get("metadata")
        items.append(
            ParsedItem(
                id=None, kind=kind, topic=topic if isinstance(topic, str) and topic else None,
                text=row["text"], pinned=bool(row.get("pinned")), line=0,
                valid_from=_valid_from(i, row.get("valid_from")),
                metadata=check_metadata(meta, where=f"Memory {i}: metadata") if meta else None,
            )  # fmt: skip
        )
    return items


def _valid_from(i: int, value: Any) -> datetime | None:
    """An exported memory's ``valid_from`` (ISO 8601; no zone means UTC), kept on import."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None:
        raise UsageError(f"Memory {i} in the JSON file has valid_from {value!r}, not an ISO time.")
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def parse_import(text: str, fmt: str = "auto") -> list[ParsedItem]:
    """Read memories from an exported file.

    Args:
        text: the file content.
        fmt: ``auto`` (JSON if it starts with ``{`` or ``[``, else Markdown),
            ``json`` (a ``memstack export`` or ``memstack list --json``),
            ``markdown`` (a render, read strictly by :func:`memstack.compile.read_export`),
            or ``claude``/``agents``/``cursor``: memstack's own layout if the file
            is in it, else read as people write these files
            (:func:`memstack.compile.notes.read_notes`: any headings, nested
            lists, code blocks kept as text); a part longer than a memory may be
            is split.

    Returns:
        The items in file order; ids from markers are dropped (an import always adds).

    Raises:
        UsageError: an unknown format or a file that does not parse, naming the line.

    Example:
        >>> doc = "# CLAUDE.md\\n\\n## Rules\\n\\n- Use uv. <!-- m:01HX -->\\n"
        >>> [i.text for i in parse_import(doc)]
        ['Use uv.']
    """
    if fmt not in IMPORT_FORMATS:
        raise UsageError(f"Unknown import format {fmt!r}; use one of {', '.join(IMPORT_FORMATS)}.")
    if fmt == "json" or (fmt == "auto" and text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")):
        return _json_items(text)
    found: list[ParsedItem] = []
    try:
        found = read_export(text)  # memstack's own layout: kinds, topics and pins as written
    except UsageError:
        if fmt == "markdown":
            raise
    if not found and fmt != "markdown":
        found = read_notes(text)  # a file written by hand: any headings, lists, code blocks
    out: list[ParsedItem] = []
    for i in found:
        parts = [i.text] if len(i.text) <= MAX_TEXT else split_text(i.text, MAX_TEXT)
        out += [ParsedItem(None, i.kind, i.topic, p.strip(), i.pinned, i.line) for p in parts]
    return out


AgentExport = Callable[[str, list[Record]], tuple[str, str]]
#: Where Cursor looks for project rules.
CURSOR_FILE = ".cursor/rules/memstack.mdc"


def export_formats() -> dict[str, AgentExport]:
    """The agent-file formats: name -> ``(scope, records) -> (default file name, content)``.

    Records must all belong to ``scope``; episodes are left out by the exporters.

    Example:
        >>> name, text = export_formats()["cursor"]("acme", [])
        >>> name, text.splitlines()[3]
        ('.cursor/rules/memstack.mdc', 'alwaysApply: true')
    """
    return {
        "claude": lambda scope, records: ("CLAUDE.md", export_claude(scope, records)),
        "agents": lambda scope, records: ("AGENTS.md", export_agents(scope, records)),
        "cursor": lambda scope, records: (CURSOR_FILE, export_cursor(scope, records)),
    }


def agent_export(
    planner: Planner, scope: Scope | str, export: AgentExport
) -> Plan[tuple[str, str, int]]:
    """``(default file name, content, memories in it)`` of a scope's agent file."""
    path = Scope.parse(scope).path
    records = yield from scope_records(planner, path)
    name, text = export(path, records)
    return name, text, sum(1 for r in records if r.kind != "episode")


def record_agent_export(
    planner: Planner, scope: Scope | str, fmt: str, file: str, memories: int, author: str | None
) -> Plan[None]:
    """Record that an agent file was written (an ``export`` event naming the file).

    ``forget`` lists these in its receipt: the file is a copy memstack cannot erase.
    """
    path = Scope.parse(scope).path
    event = planner.event(
        "export", path, actor=author or planner.author,
        detail={"format": fmt, "file": file, "counts": {"memories": memories}},
    )  # fmt: skip
    yield Batch([EventOp(event)])
