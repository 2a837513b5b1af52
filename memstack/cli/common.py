"""Helpers shared by the CLI modules: opening the store, reading input, printing output.

Conventions every command follows (tests/test_cli_structure.py checks them):

* ``--scope``/``-s`` names the scope everywhere; older spellings stay as hidden aliases
  (:class:`AliasedOption`), so scripts keep working while ``--help`` shows one name.
* ``--json`` prints machine-readable JSON on standard output.
* A FILE argument accepts ``-`` for standard input (:func:`read_text`).
* Progress bars go to standard error, and only when it is a terminal (:func:`progress`).
* A command that only reads does not create a store: with none found it says where it
  looked and exits with status 2 (:func:`open_memory`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import UsageError

if TYPE_CHECKING:
    from ..core import Memory
    from ..models import Event, Hit, Record


class AliasedOption(click.Option):
    """An option with old spellings that still work but are left out of ``--help``."""

    def __init__(self, *args: Any, aliases: Sequence[str] = (), **kwargs: Any) -> None:
        decls = list(args[0]) + list(aliases)
        super().__init__(decls, *args[1:], **kwargs)
        self.aliases = tuple(aliases)

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown = [o for o in self.opts if o not in self.aliases]
        kept, self.opts = self.opts, shown
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = kept


def scope_opt(
    required: bool = True, help: str = "Scope path, e.g. acme/alice.", aliases: Sequence[str] = ()
) -> Callable[[Any], Any]:
    """The ``--scope``/``-s`` option, with hidden ``aliases`` for older spellings."""
    return click.option(
        "--scope", "-s", "scope", cls=AliasedOption, aliases=aliases, required=required, help=help
    )



def read_text(file: str | os.PathLike[str], what: str = "input") -> str:
    """A text file (``-``: stdin) as a string, or one clear line saying why it is not text.

    Text must be UTF-8 (a byte-order mark is dropped); a NUL byte means a binary
    file. Either problem is a :class:`UsageError` naming the file, what it should
    hold (``what``) and the offset.
    """
    name = "stdin" if str(file) == "-" else str(file)
    try:
        raw = sys.stdin.buffer.read() if str(file) == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise UsageError(f"Cannot read {name}: {exc.strerror or exc}.") from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise UsageError(
            f"{name} is a binary file (a NUL byte at offset {nul}), not {what} text.",
            hint="Pass a UTF-8 text file.",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{name} is not UTF-8 text (byte 0x{raw[exc.start]:02X} at offset {exc.start}); "
            f"the {what} must be UTF-8.",
            hint="Convert it first, e.g. 'iconv -f latin1 -t utf-8'.",
        ) from None


json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
scope_option = scope_opt()


def _locate(ctx: click.Context, **overrides: Any) -> tuple[Any, Any]:
    from ..config import find_home, resolve

    obj = ctx.obj or {}
    where = find_home(obj.get("home"))
    return where, resolve(where.path, store_url=obj.get("store_url"), **overrides)


def open_memory(ctx: click.Context, *, read_only: bool = False, **given: Any) -> Memory:
    """Open the memory at ``--store-url`` / the home folder found (see ``config.find_home``).

    Args:
        ctx: the click context (``--home`` and ``--store-url`` live in ``ctx.obj``).
        read_only: the command only reads. Then a SQLite store that does not exist is not
            created: the command fails with one line saying where memstack looked, instead
            of answering "No memories" from a new, empty store. A command that writes
            creates the store and, at a terminal, says so on standard error.
        **given: settings given on the command line (``None``: not given), highest
            precedence (e.g. ``extract_provider`` from ``remember --provider``).
    """
    from ..core import Memory

    where, settings = _locate(ctx, **given)
    file = settings.store_file()
    if file is not None and not file.exists():
        if read_only:
            raise UsageError(
                f"No memstack store at {file} ({where.describe()}).",
                hint="Create it with 'memstack migrate' (or by adding a memory), "
                "or cd into your project, or pass --home.",
            )
        if sys.stderr.isatty():  # a person may be in the wrong folder; scripts want quiet
            click.echo(f"Creating a new memstack store at {file} ({where.describe()}).", err=True)
    mem = Memory(settings=settings)
    ctx.call_on_close(mem.close)
    return mem


@contextlib.contextmanager
def working(label: str) -> Iterator[None]:
    """At a terminal, show ``label…`` on standard error while a step without counts runs."""
    if not sys.stderr.isatty():
        yield
        return
    click.echo(f"{label}…", err=True, nl=False)
    try:
        yield
    finally:
        click.echo("\r\033[K", err=True, nl=False)  # clear the line again


class _Quiet:
    """What :func:`progress` yields off a terminal: takes updates, prints nothing."""

    def update(self, n: int, current_item: Any = None) -> None:
        pass


@contextlib.contextmanager
def progress(length: int, label: str) -> Iterator[Any]:
    """A progress bar on standard error when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty() or length <= 0:
        yield _Quiet()
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar


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


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    wrap: int | None = None,
    width: int | None = None,
    indent: str = "",
) -> None:
    """Print a plain aligned table; the column ``wrap`` is wrapped to fit the terminal.

    ``width`` caps the line length (default: the terminal's); ``indent`` starts each line.
    """
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    if wrap is not None:
        term = shutil.get_terminal_size((120, 24)).columns
        term = (min(term, width) if width else term) - len(indent)
        other = sum(w + 2 for i, w in enumerate(widths) if i != wrap)
        widths[wrap] = max(20, min(widths[wrap], term - other))
    head = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    click.echo((indent + head).rstrip())
    for row in cells:
        cols = [
            textwrap.wrap(c, widths[i]) or [""] if i == wrap else [c] for i, c in enumerate(row)
        ]
        for line in range(max(len(c) for c in cols)):
            parts = [
                (c[line] if line < len(c) else "").ljust(widths[i]) for i, c in enumerate(cols)
            ]
            click.echo(indent + "  ".join(parts).rstrip())


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

