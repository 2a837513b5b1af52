"""Read agent files as people write them: CLAUDE.md, AGENTS.md, Cursor ``.mdc`` rules.

memstack's own exports follow a strict grammar (:func:`memstack.compile.read_export`),
but most instruction files are written by hand: any headings, prose
paragraphs, nested lists, numbered steps, code blocks, YAML front matter.
:func:`read_notes` turns such a file into memory items without losing any of
it:

* each top-level list item is one item (its bullet dropped, a number kept);
  its nested items and continuation lines stay in its text, on their own
  lines, indented as written;
* each paragraph is one item;
* a fenced code block is kept verbatim (never read as headings or bullets) and
  belongs to the item just before it, or stands alone after a heading;
* the nearest heading is the topic (not a ``# CLAUDE.md`` title naming the file);
* kind: under a heading named like ``Facts`` (or ``Context``/``Background``/
  ``About``) an item is a ``fact``; everything else in an instruction file is
  a ``rule``, which always goes to a person for review;
* front matter is skipped; HTML comments (memstack's id markers included) are
  dropped from the text.

A memstack section (``<!-- memstack:begin -->`` … ``<!-- memstack:end -->``)
is read with the strict grammar, the rest of the file with these rules.
"""

from __future__ import annotations

import re

from ..models import Kind
from .agentfile import section_lines
from .markdown import ParsedItem

__all__ = ["read_notes"]

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s+(.*))?$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FACT_HEADINGS = re.compile(r"\b(?:facts?|context|background|about|overview)\b", re.I)
_RULE_HEADINGS = re.compile(r"\brules?\b", re.I)
_FILE_TITLE = re.compile(r"\.mdc?$|^(?:claude|agents)(?:\.md)?$", re.I)
_BULLET = re.compile(r"^[-*+]\s+")
_RULER = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


def _front_matter(lines: list[str]) -> int:
    """How many leading lines a ``---`` YAML block takes (0: none)."""
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() == "---":
                return end + 1
    return 0


class _Reader:
    def __init__(self) -> None:
        self.items: list[ParsedItem] = []
        self.topic: str | None = None
        self.kind: Kind = "rule"
        self.lines: list[str] = []
        self.start = 0
        self.open_item = False  # the block being read is a list item (nested lines join it)

    def flush(self) -> None:
        text = _COMMENT.sub("", "\n".join(self.lines)).strip("\n")
        text = "\n".join(ln.rstrip() for ln in text.split("\n")).strip()
        if text:
            self.items.append(ParsedItem(None, self.kind, self.topic, text, False, self.start))
        self.lines, self.open_item = [], False

    def add(self, number: int, line: str, *, item: bool = False) -> None:
        if not self.lines:
            self.start = number
        self.lines.append(line)
        self.open_item = self.open_item or item


def read_notes(text: str) -> list[ParsedItem]:
    """Memory items from a hand-written instruction file, in file order.

    Example:
        >>> doc = '''---
        ... description: web app
        ... ---
        ... # CLAUDE.md
        ...
        ... ## Testing
        ... - Run `pytest -q` before committing
        ...   - use `-x` to stop early
        ...
        ... Deploys happen on Fridays.
        ...
        ... ## Project facts
        ... 1. The API lives in `api/`.
        ... '''
        >>> for i in read_notes(doc):
        ...     print(i.kind, i.topic, repr(i.text))
        rule Testing 'Run `pytest -q` before committing\\n  - use `-x` to stop early'
        rule Testing 'Deploys happen on Fridays.'
        fact Project facts '1. The API lives in `api/`.'
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    found = section_lines(text)
    if found is not None:  # memstack's own part, strictly; the user's text around it leniently
        from .export import read_export

        begin, end = found
        blank = [""] * (end - begin + 1)  # blanked, so line numbers stay those of the file
        ours = read_export("\n".join(blank[: begin + 1] + lines[begin + 1 : end]))
        outside = "\n".join(lines[:begin] + blank + lines[end + 1 :])
        return sorted(read_notes(outside) + ours, key=lambda i: i.line)
    r = _Reader()
    fence: str | None = None
    for number in range(_front_matter(lines) + 1, len(lines) + 1):
        line = lines[number - 1]
        if fence is not None:  # inside a code block: verbatim
            r.add(number, line)
            if line.strip().startswith(fence):
                fence = None
            continue
        if m := _FENCE.match(line):
            fence = m.group(2)[0] * 3
            if not r.lines or not (r.open_item or r.lines[-1].rstrip().endswith(":")):
                r.flush()
            r.add(number, line)
            continue
        stripped = line.strip()
        if not stripped or _RULER.match(line):
            if not r.open_item:
                r.flush()
            continue
        if m := _HEADING.match(line):
            r.flush()
            level, title = len(m.group(1)), _COMMENT.sub("", m.group(2)).strip()
            if level == 1 and _FILE_TITLE.search(title):
                continue  # "# CLAUDE.md" names the file, not a topic
            r.topic = title or None
            if _FACT_HEADINGS.search(title):
                r.kind = "fact"
            elif level <= 2 or _RULE_HEADINGS.search(title):
                r.kind = "rule"
            continue
        if m := _ITEM.match(line):
            if not m.group(1):  # a top-level item starts a new memory, without its bullet
                r.flush()
                r.add(number, _BULLET.sub("", line.rstrip(), count=1), item=True)
            else:  # a nested item stays with its parent
                if not r.open_item:
                    r.flush()
                r.add(number, line.rstrip(), item=True)
            continue
        if r.open_item and not line.startswith((" ", "\t")):
            r.flush()  # a paragraph right after a list ends the item
        r.add(number, line.rstrip())
    r.flush()
    return r.items
