"""Helpers shared by the CLI modules: opening the store, printing tables and JSON."""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ..core import Memory
from ..errors import UsageError
from ..models import Event, Hit, Record


def read_text(file: str | os.PathLike[str]) -> str:
    """A text file (``-``: stdin) as a string, or one clear line saying why it is not text.

    Text must be UTF-8 (a byte-order mark is dropped); a NUL byte means a binary
    file. Either problem is a :class:`UsageError` naming the file and the offset.
    """
    name = "stdin" if str(file) == "-" else str(file)
    try:
        raw = sys.stdin.buffer.read() if str(file) == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise UsageError(f"Cannot read {name}: {exc.strerror}.") from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise UsageError(
            f"{name} is a binary file (a NUL byte at offset {nul}), not text.",
            hint="Pass a UTF-8 text file.",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{name} is not UTF-8 text (byte 0x{raw[exc.start]:02X} at offset {exc.start}).",
            hint="Convert it first, e.g. 'iconv -f latin1 -t utf-8'.",
        ) from None


json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
scope_option = click.option("--scope", "-s", required=True, help="Scope path, e.g. acme/alice.")


def open_memory(ctx: click.Context) -> Memory:
    """Open the memory at ``--store-url`` / ``--home`` (created and migrated if missing)."""
    obj = ctx.obj or {}
    mem = Memory(obj.get("home"), store_url=obj.get("store_url"))
    ctx.call_on_close(mem.close)
    return mem


def parse_time(value: str | None, name: str) -> datetime | None:
    """Parse an ISO 8601 time; a missing zone means UTC."""
    if value is None:
        return None
    from datetime import UTC

    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time", param_hint=name) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def short(t: datetime | None) -> str:
    return "" if t is None else t.strftime("%Y-%m-%d %H:%M")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], wrap: int | None = None) -> None:
    """Print a plain aligned table; the column ``wrap`` is wrapped to fit the terminal."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    if wrap is not None:
        term = shutil.get_terminal_size((120, 24)).columns
        other = sum(w + 2 for i, w in enumerate(widths) if i != wrap)
        widths[wrap] = max(20, min(widths[wrap], term - other))
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        cols = [
            textwrap.wrap(c, widths[i]) or [""] if i == wrap else [c] for i, c in enumerate(row)
        ]
        for line in range(max(len(c) for c in cols)):
            parts = [
                (c[line] if line < len(c) else "").ljust(widths[i]) for i, c in enumerate(cols)
            ]
            click.echo("  ".join(parts).rstrip())


def records_out(records: Sequence[Record], as_json: bool) -> None:
    if as_json:
        echo_json([r.to_dict() for r in records])
        return
    if not records:
        click.echo("No memories.")
        return
    table(
        ["id", "scope", "kind", "topic", "valid from", "text"],
        [[r.id, r.scope, r.kind, r.topic or "", short(r.valid_from), r.text] for r in records],
        wrap=5,
    )


def hits_out(hits: Sequence[Hit], as_json: bool) -> None:
    if as_json:
        echo_json(
            [
                {"score": h.score, "parts": _parts(h), **h.memory.to_dict()}
                for h in hits
            ]
        )
        return
    if not hits:
        click.echo("No matches.")
        return
    table(
        ["score", "kw", "dense", "kind", "scope", "text"],
        [
            [
                f"{h.score:.4f}",
                "-" if h.parts.keyword_rank is None else f"#{h.parts.keyword_rank}",
                "-"
                if h.parts.dense_rank is None
                else f"#{h.parts.dense_rank} {h.parts.dense_score:.2f}",
                h.memory.kind,
                h.memory.scope,
                h.memory.text,
            ]
            for h in hits
        ],
        wrap=5,
    )


def _parts(h: Hit) -> dict[str, Any]:
    p = h.parts
    return {
        "keyword_rank": p.keyword_rank,
        "keyword_score": p.keyword_score,
        "dense_rank": p.dense_rank,
        "dense_score": p.dense_score,
        "fused": p.fused,
        "recency": p.recency,
        "importance": p.importance,
    }


def events_out(events: Sequence[Event], as_json: bool) -> None:
    if as_json:
        echo_json([e.to_dict() for e in events])
        return
    table(
        ["when", "action", "who", "memory", "text"],
        [
            [short(e.at), e.action, e.actor, e.memory_id or "", e.after or e.before or ""]
            for e in events
        ],
        wrap=4,
    )

