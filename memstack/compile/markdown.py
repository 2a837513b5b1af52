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

* **Versioned.** The last line, ``<!-- memstack:as-of 2026-03-14T09:30:00.000000Z -->``,
  is the newest ``recorded_at`` among the rendered memories (``empty`` for an
  empty scope): still a function of the records, so the bytes stay
  deterministic. :func:`stale` compares it with the scope when an edit is
  applied, so an old render cannot delete or overwrite what changed after it.

Reading a document back (the grammar, :func:`parse`, :func:`parse_document`,
:func:`render_version`) lives in :mod:`memstack.compile.mdparse`; this module
re-exports it.

Exporters to the files coding agents already read (``CLAUDE.md``,
``AGENTS.md``, Cursor ``.mdc`` rules) live in :mod:`memstack.compile.export`
and use the same bullet grammar, so :func:`read_export` reads them back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC

from ..errors import UsageError
from ..models import KINDS, Kind, Record, Scope
from .mdcodec import decode_text, encode_text
from .mdparse import HEADINGS, ParsedItem, parse, parse_document, render_version

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
    "render_version",
    "sort_key",
    "stale",
    "validate_records",
    "version_line",
]

_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


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
        lines += ["", f"## {HEADINGS[kind]}"]
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
        <!-- memstack:as-of 2024-05-01T00:00:00.000000Z -->
        <BLANKLINE>
    """
    path = validate_records(scope, records)
    lines = [f"# Memory: {path}", *render_sections(records), "", version_line(records)]
    return "\n".join(lines) + "\n"


def version_line(records: Sequence[Record]) -> str:
    """The comment that dates a render: the newest ``recorded_at`` among ``records``.

    Example:
        >>> version_line([])
        '<!-- memstack:as-of empty -->'
    """
    if not records:
        return "<!-- memstack:as-of empty -->"
    newest = max(r.recorded_at for r in records).astimezone(UTC)
    return f"<!-- memstack:as-of {newest.strftime('%Y-%m-%dT%H:%M:%S.%fZ')} -->"


def _short(text: str, limit: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def stale(current_records: Sequence[Record], markdown: str) -> list[str]:
    """What an edited render would undo that changed after it was rendered.

    A render carries its version (:func:`version_line`). Applying it deletes every
    current memory without a bullet, so a render older than the scope would
    delete the memories added or changed since (a change is a new version with a
    new id, which the old render cannot name). Those are listed here, one line
    each; a render without a version (written by hand, or before versions) lists
    nothing. (A bullet naming a version that changed since is refused by
    :func:`diff`: its id is no longer current, so it is never overwritten.)

    Args:
        current_records: the current records of the scope, read when applying.
        markdown: the edited render.

    Returns:
        One sentence per current memory newer than the render and missing from it.
    """
    since = render_version(markdown)
    if since is None:
        return []
    _, items = parse_document(markdown)
    ids = {i.id for i in items if i.id is not None}
    return [
        f"{r.id} ({_short(r.text)!r}) was added or changed after this render"
        for r in sorted(current_records, key=sort_key)
        if r.recorded_at > since and r.id not in ids
    ]


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
