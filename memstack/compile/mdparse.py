"""Reading memory Markdown back: the grammar of what :mod:`memstack.compile.markdown` writes.

A document is an optional ``# Memory: <scope>`` title, then ``## Rules``,
``## Facts`` and ``## Episodes`` sections, optional ``### topic`` headings, and
one bullet per memory ending in its id marker; the last line carries the
render's version. The parser is strict because an edited document becomes a
change set: anything it cannot read is an error naming the line, never a guess.
Rendering and diffing stay in :mod:`memstack.compile.markdown`, which re-exports
these names; the exporters read agent files with the same :func:`parse_document`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..errors import UsageError
from ..models import Kind
from .mdcodec import decode_text

__all__ = [
    "EMPTY",
    "HEADINGS",
    "ParsedItem",
    "parse",
    "parse_document",
    "render_version",
]

#: The ``##`` heading of each kind, in the words a document uses.
HEADINGS: dict[Kind, str] = {"rule": "Rules", "fact": "Facts", "episode": "Episodes"}
_KIND_OF = {title.lower(): kind for kind, title in HEADINGS.items()}
# An HTML comment opener that is not escaped: preceded by an even number of backslashes.
_OPEN = re.compile(r"(?<!\\)(?:\\\\)*<!--")
_MARKER = re.compile(
    r"<!--\s*(?:m:(?P<id>[A-Za-z0-9_-]{1,64})(?P<pin>\s+pinned)?|(?P<new>pinned))\s*-->"
)
_BULLET = re.compile(r"^[-*+](?:\s+(?P<rest>.*))?$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})(?:\s+(?P<title>.*?))?\s*$")
_TITLE = re.compile(r"^# Memory: (?P<scope>\S+)$")
_VERSION = re.compile(
    r"^<!-- memstack:as-of (?P<at>empty|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z) -->$"
)
#: The version of a render of an empty scope: older than any memory.
EMPTY = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One bullet read back from Markdown.

    Attributes:
        id: the memory id from the bullet's marker, or ``None`` for a new bullet.
        kind: from the ``##`` heading the bullet sits under.
        topic: from the ``###`` heading, or ``None``.
        text: the decoded memory text.
        pinned: whether the marker says ``pinned``.
        line: 1-based line number in the document (not part of equality).
        valid_from: when it became true, if the file says (a JSON export does;
            not part of equality).
        metadata: the memory's JSON metadata, when the source holds it (a JSON
            export); Markdown never does.
    """

    id: str | None
    kind: Kind
    topic: str | None
    text: str
    pinned: bool = False
    line: int = field(default=0, compare=False)
    valid_from: datetime | None = field(default=None, compare=False, repr=False)
    metadata: dict[str, Any] | None = field(default=None, repr=False)


def render_version(markdown: str) -> datetime | None:
    """The version a render carries (:func:`version_line`), or ``None`` if it has none.

    Example:
        >>> render_version("<!-- memstack:as-of 2026-03-14T09:30:00.000000Z -->")
        datetime.datetime(2026, 3, 14, 9, 30, tzinfo=datetime.timezone.utc)
        >>> render_version("# Memory: acme\\n") is None
        True
    """
    found: datetime | None = None
    for raw in markdown.split("\n"):
        m = _VERSION.match(raw.strip())
        if m is not None:
            at = m.group("at")
            found = EMPTY if at == "empty" else datetime.strptime(
                at, "%Y-%m-%dT%H:%M:%S.%fZ"
            ).replace(tzinfo=UTC)
    return found


def _fail(number: int, line: str, problem: str, hint: str | None = None) -> UsageError:
    shown = line if len(line) <= 80 else line[:77] + "..."
    return UsageError(f"Line {number}: {problem}: {shown!r}.", hint=hint)


def _bullet(number: int, line: str, rest: str, kind: Kind, topic: str | None) -> ParsedItem:
    item_id: str | None = None
    pinned = False
    body = rest
    opens = list(_OPEN.finditer(rest))
    if opens:
        start = opens[0].end() - len("<!--")
        m = _MARKER.fullmatch(rest, start)
        if m is None or len(opens) > 1:
            raise _fail(
                number,
                line,
                "malformed memory marker",
                "A marker is '<!-- m:ID -->' or '<!-- m:ID pinned -->' at the end of the "
                "line ('<!-- pinned -->' on a new bullet); restore it or delete the line.",
            )
        body, item_id = rest[:start], m.group("id")
        pinned = bool(m.group("pin") or m.group("new"))
    text = decode_text(body.strip())
    if not text.strip():
        raise _fail(number, line, "empty bullet", "Write the memory after '- ' or delete the line.")
    return ParsedItem(id=item_id, kind=kind, topic=topic, text=text, pinned=pinned, line=number)


def parse_document(markdown: str, *, preamble: bool = False) -> tuple[str | None, list[ParsedItem]]:
    """Read a document: the scope from its title (if any) and every bullet.

    Args:
        markdown: the document.
        preamble: allow free text before the first ``##`` heading (exported
            files have an introduction); otherwise only a ``#`` title may appear there.

    Returns:
        ``(scope or None, items)``; the scope comes from a ``# Memory: <scope>`` title.

    Raises:
        UsageError: naming the line, for anything that is not a title, heading,
            bullet or blank line, and for malformed markers or empty bullets.

    Example:
        >>> scope, items = parse_document("# Memory: acme\\n## Rules\\n- Be kind\\n")
        >>> scope, [(i.kind, i.text, i.line) for i in items]
        ('acme', [('rule', 'Be kind', 3)])
    """
    scope: str | None = None
    kind: Kind | None = None
    topic: str | None = None
    items: list[ParsedItem] = []
    for number, raw in enumerate(markdown.lstrip("\ufeff").split("\n"), 1):
        line = raw.rstrip("\r").rstrip()
        if not line or _VERSION.match(line.strip()):
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if kind is None and not (heading and len(heading.group("hashes")) == 2):
            if heading and len(heading.group("hashes")) == 1:
                if m := _TITLE.match(line):
                    scope = m.group("scope")
                continue
            if bullet:
                raise _fail(
                    number, line, "bullet before any '## Rules', '## Facts' or '## Episodes'"
                )
            if preamble:
                continue
            raise _fail(number, line, "unexpected text before the first section")
        if heading:
            level, title = len(heading.group("hashes")), heading.group("title") or ""
            if level == 2 and title.lower() in _KIND_OF:
                kind, topic = _KIND_OF[title.lower()], None
            elif level == 2:
                raise _fail(
                    number, line, "unknown section", "Sections are Rules, Facts and Episodes."
                )
            elif level == 3 and title:
                topic = decode_text(title)
            else:
                raise _fail(number, line, "unexpected heading", "Use '### topic' inside a section.")
        elif bullet:
            assert kind is not None
            items.append(_bullet(number, line, bullet.group("rest") or "", kind, topic))
        else:
            raise _fail(
                number,
                line,
                "not a memory bullet",
                "Each memory is one line starting with '- '; use \\n for a line break inside it.",
            )
    return scope, items


def parse(markdown: str) -> list[ParsedItem]:
    """Read the bullets of a document written by :func:`render` (or edited from one).

    Args:
        markdown: the document.

    Returns:
        One :class:`ParsedItem` per bullet, in document order.

    Raises:
        UsageError: naming the line, for malformed markers, empty bullets, unknown
            sections, and text that is not a title, heading, bullet or blank line.

    Example:
        >>> parse("# Memory: acme\\n## Facts\\n### diet\\n- Vegan <!-- m:01HX -->\\n- New\\n")
        [ParsedItem(id='01HX', kind='fact', topic='diet', text='Vegan', pinned=False, line=4), \
ParsedItem(id=None, kind='fact', topic='diet', text='New', pinned=False, line=5)]
    """
    return parse_document(markdown)[1]
