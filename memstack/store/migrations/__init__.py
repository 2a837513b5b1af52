"""Versioned schema migrations, one numbered ``.sql`` file per step and backend.

Each migration runs in its own transaction together with the row that records
it, so a database is never left half-migrated. Files are read from the package,
which makes the schema reviewable as plain SQL (and printable into the docs).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

__all__ = ["Migration", "load", "split_statements"]

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its number, name and SQL text."""

    version: int
    name: str
    sql: str


def load(backend: str) -> list[Migration]:
    """All migrations of ``backend`` (a folder name, e.g. ``sqlite``), in order."""
    folder = resources.files(__package__).joinpath(backend)
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    return sorted(found, key=lambda m: m.version)


def _only_comments(stmt: str) -> bool:
    return all(ln.strip().startswith("--") or not ln.strip() for ln in stmt.splitlines())


def split_statements(sql: str) -> list[str]:
    """Split a SQL script into complete statements (triggers with inner ``;`` stay whole)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            stmt = buf.strip()
            if stmt and not _only_comments(stmt):
                out.append(stmt)
            buf = ""
    if buf.strip() and not _only_comments(buf):
        out.append(buf.strip())
    return out
