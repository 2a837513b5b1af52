"""Memory as Markdown: a deterministic view that a person can read, edit and apply back.

``render`` turns a scope's records into one Markdown document; ``parse`` reads
it back; ``diff`` compares an edited document with the current records and
says what was added, edited and removed. Markdown is a view and an input, never
a second database, so three properties matter more than looks:

* **Deterministic.** Same records, same bytes: headings by kind (Rules, Facts,
  Episodes) then topic (sorted, no topic first), bullets by id. A document in
  git only changes when memory does.
* **Stable identity.** Every bullet ends with ``<!-- m:ID -->`` (``<!-- m:ID
  pinned -->`` when pinned), an HTML comment that previews hide and that
  survives editing the text around it. A new bullet has no marker (or just
  ``<!-- pinned -->``). A marker that names an unknown id, appears twice or is
  malformed is an error naming the line: ``diff`` never guesses which memory a
  line meant.
* **Lossless.** Each memory is one line, so its text is escaped reversibly:
  ``\\\\`` for a backslash, ``\\n``/``\\r``/``\\t`` for line breaks and tabs,
  ``\\u{hex}`` for invisible or control characters and for spaces at either
  end, ``\\<`` before what could open HTML, and a backslash before punctuation
  that would otherwise start a heading, quote, list or fence inside the bullet
  (CommonMark reads all of these as the literal character; see
  :mod:`memstack.compile.mdcodec`). ``parse(render(x))`` gives back exactly
  the stored text, so an untouched document diffs clean.

Exporters to the files coding agents already read (``CLAUDE.md``,
``AGENTS.md``, Cursor ``.mdc`` rules) live in :mod:`memstack.compile.export`
and use the same bullet grammar, so :func:`read_export` reads them back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..errors import UsageError
from ..models import KINDS, Kind, Record, Scope
from .mdcodec import decode_text, encode_text

__all__ = [
    "ChangeSet",
    "Edit",
    "ParsedItem",
    "decode_text",
    "diff",
    "encode_text",
    "parse",
    "parse_document",
    "render",
    "render_sections",
    "sort_key",
    "validate_records",
]

_HEADINGS: dict[Kind, str] = {"rule": "Rules", "fact": "Facts", "episode": "Episodes"}
_KIND_OF = {title.lower(): kind for kind, title in _HEADINGS.items()}
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# An HTML comment opener that is not escaped: preceded by an even number of backslashes.
_OPEN = re.compile(r"(?<!\\)(?:\\\\)*<!--")
_MARKER = re.compile(
    r"<!--\s*(?:m:(?P<id>[A-Za-z0-9_-]{1,64})(?P<pin>\s+pinned)?|(?P<new>pinned))\s*-->"
)
_BULLET = re.compile(r"^[-*+](?:\s+(?P<rest>.*))?$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})(?:\s+(?P<title>.*?))?\s*$")
_TITLE = re.compile(r"^# Memory: (?P<scope>\S+)$")


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
    """

    id: str | None
    kind: Kind
    topic: str | None
    text: str
    pinned: bool = False
    line: int = field(default=0, compare=False)
    valid_from: datetime | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Edit:
    """A bullet whose memory exists but whose text, kind, topic or pinning changed.

    Attributes:
        record: the current record.
        item: the edited bullet.
        fields: which of ``text``, ``kind``, ``topic``, ``pinned`` differ.
    """

    record: Record
    item: ParsedItem
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What an edited document changes, by stable id.

    Attributes:
        added: new bullets, in document order.
        edited: changed bullets, in document order.
        removed: records with no bullet left, in render order.
        unchanged: records whose bullet is untouched, in document order.
    """

    added: tuple[ParsedItem, ...] = ()
    edited: tuple[Edit, ...] = ()
    removed: tuple[Record, ...] = ()
    unchanged: tuple[Record, ...] = ()

    @property
    def empty(self) -> bool:
        """True if the document adds, edits and removes nothing.

        Example:
            >>> ChangeSet().empty
            True
        """
        return not (self.added or self.edited or self.removed)


# --------------------------------------------------------------------------- render


def _topic(value: str | None) -> str | None:
    return value or None


def sort_key(record: Record) -> tuple[int, bool, str, str, str]:
    """The render order: kind (rule, fact, episode), no topic first, topic, then id.

    Topics sort case-insensitively, with the exact spelling as a tie-break.

    Example:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2024, 5, 1, tzinfo=timezone.utc)
        >>> sort_key(Record(id="a", scope="s", kind="fact", text="x",
        ...                 recorded_at=at, valid_from=at))
        (1, False, '', '', 'a')
    """
    topic = _topic(record.topic) or ""
    return (_KIND_ORDER[record.kind], bool(topic), topic.casefold(), topic, record.id)


def validate_records(scope: str, records: Sequence[Record]) -> str:
    """Check that every record belongs to ``scope``, once, with a marker-safe id.

    Args:
        scope: the scope path.
        records: the records to render or diff against.

    Returns:
        The validated scope path.

    Raises:
        InvalidScope: the scope path is invalid.
        UsageError: a record of another scope, a duplicate id, or an id that
            cannot be written in a marker.

    Example:
        >>> validate_records("acme/web", [])
        'acme/web'
    """
    path = Scope.parse(scope).path
    seen: set[str] = set()
    for r in records:
        if r.scope != path:
            raise UsageError(
                f"Record {r.id} belongs to scope {r.scope!r}, not {path!r}; "
                "render and diff one scope at a time."
            )
        if not _ID.fullmatch(r.id):
            raise UsageError(f"Record id {r.id!r} cannot be written as a Markdown id marker.")
        if r.id in seen:
            raise UsageError(f"Record id {r.id} appears twice; pass each record once.")
        seen.add(r.id)
    return path


def _marker(record: Record) -> str:
    return f"<!-- m:{record.id}{' pinned' if record.pinned else ''} -->"


def render_sections(records: Sequence[Record], kinds: Sequence[Kind] = KINDS) -> list[str]:
    """The ``##``/``###`` sections of a document as lines (shared with the exporters).

    Args:
        records: records to show; those of other kinds are left out.
        kinds: which kind headings to write, in this order (empty ones included).

    Returns:
        Lines without trailing newlines, each section preceded by a blank line.

    Example:
        >>> render_sections([], kinds=("rule",))
        ['', '## Rules']
    """
    lines: list[str] = []
    ordered = sorted((r for r in records if r.kind in kinds), key=sort_key)
    for kind in kinds:
        lines += ["", f"## {_HEADINGS[kind]}"]
        current: object = ()  # sentinel: no group started yet
        for r in (r for r in ordered if r.kind == kind):
            topic = _topic(r.topic)
            if topic != current:
                if topic is not None:
                    lines += ["", f"### {encode_text(topic)}"]
                lines.append("")
                current = topic
            lines.append(f"- {encode_text(r.text)} {_marker(r)}")
    return lines


def render(scope: str, records: Sequence[Record]) -> str:
    """Render one scope's records as deterministic Markdown.

    Args:
        scope: the scope path; every record must belong to it.
        records: the records, in any order.

    Returns:
        The document; the same records give the same bytes.

    Raises:
        UsageError: a record of another scope, a duplicate id, or an id that
            cannot be written in a marker.

    Example:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2024, 5, 1, tzinfo=timezone.utc)
        >>> r = Record(id="01HX", scope="acme", kind="rule", text="Be brief.",
        ...            recorded_at=at, valid_from=at, pinned=True)
        >>> print(render("acme", [r]))
        # Memory: acme
        <BLANKLINE>
        ## Rules
        <BLANKLINE>
        - Be brief. <!-- m:01HX pinned -->
        <BLANKLINE>
        ## Facts
        <BLANKLINE>
        ## Episodes
        <BLANKLINE>
    """
    path = validate_records(scope, records)
    return "\n".join([f"# Memory: {path}", *render_sections(records)]) + "\n"


# --------------------------------------------------------------------------- parse


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
        if not line:
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


def diff(scope: str, current_records: Sequence[Record], markdown: str) -> ChangeSet:
    """Compare an edited document with the current records of its scope, by stable id.

    Args:
        scope: the scope the document is applied to.
        current_records: every current record of that scope.
        markdown: the edited document.

    Returns:
        The :class:`ChangeSet`; ``render`` → ``diff`` gives an empty one.

    Raises:
        UsageError: the title names another scope, a marker names an id that is
            not among ``current_records`` or appears twice, or :func:`parse` fails.

    Example:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2024, 5, 1, tzinfo=timezone.utc)
        >>> r = Record(id="01HX", scope="acme", kind="fact", text="Vegan",
        ...            recorded_at=at, valid_from=at)
        >>> doc = render("acme", [r]).replace("Vegan", "Vegetarian")
        >>> diff("acme", [r], doc).edited[0].fields
        ('text',)
    """
    path = validate_records(scope, current_records)
    title_scope, items = parse_document(markdown)
    if title_scope is not None and title_scope != path:
        raise UsageError(
            f"This document is the memory of scope {title_scope!r}, not {path!r}.",
            hint=f"Apply it to {title_scope!r}, or change its title to '# Memory: {path}'.",
        )
    by_id = {r.id: r for r in current_records}
    seen: dict[str, int] = {}
    added: list[ParsedItem] = []
    edited: list[Edit] = []
    unchanged: list[Record] = []
    for item in items:
        if item.id is None:
            added.append(item)
            continue
        if item.id in seen:
            raise UsageError(
                f"Line {item.line}: memory id {item.id} already appears on line {seen[item.id]}.",
                hint="Each marker may appear once; remove the copied marker from the new line.",
            )
        seen[item.id] = item.line
        record = by_id.get(item.id)
        if record is None:
            raise UsageError(
                f"Line {item.line}: memory id {item.id} is not a current memory of {path!r}.",
                hint="It was deleted or changed since this document was rendered; "
                "render the scope again, or remove the marker to add the line as new.",
            )
        changed = tuple(
            name
            for name, before, after in (
                ("text", record.text, item.text),
                ("kind", record.kind, item.kind),
                ("topic", _topic(record.topic), item.topic),
                ("pinned", record.pinned, item.pinned),
            )
            if before != after
        )
        if changed:
            edited.append(Edit(record=record, item=item, fields=changed))
        else:
            unchanged.append(record)
    removed = sorted((r for r in current_records if r.id not in seen), key=sort_key)
    return ChangeSet(tuple(added), tuple(edited), tuple(removed), tuple(unchanged))
