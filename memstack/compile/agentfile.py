"""Write an agent file (CLAUDE.md, AGENTS.md, a Cursor rule) without touching the user's text.

People write their own ``CLAUDE.md``; ``memstack export --format claude`` must
not replace it. memstack's part of the file lives between two marker lines::

    <!-- memstack:begin scope=acme/web (written by 'memstack export'; edits here are replaced) -->
    ...rules and facts...
    <!-- memstack:end -->

:func:`plan_write` decides what a write does, purely, from the file's current
text (or ``None`` when there is no file):

* no file: create it (the export's title or front matter, then the section);
* a file with one memstack section: replace what is between the markers and
  nothing else;
* a file without a section: refuse, unless ``force``, which appends the
  section at the end (the user's text is still kept, byte for byte);
* markers that do not pair up (a begin without an end, two sections): refuse,
  naming the lines, even with ``force``.

The :class:`AgentFileWrite` it returns carries the text before and after, so a
front door can show the diff (``--dry-run``) before anything is written.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from ..errors import UsageError

__all__ = [
    "AgentFileWrite", "BEGIN", "END", "memstack_section", "plan_write", "section", "section_lines",
]  # fmt: skip

BEGIN = (
    "<!-- memstack:begin scope={scope} (written by 'memstack export'; edits here are replaced) -->"
)
END = "<!-- memstack:end -->"
_BEGIN = re.compile(r"^<!-- memstack:begin\b.*-->\s*$")
_END = re.compile(r"^<!-- memstack:end -->\s*$")
Action = Literal["create", "update", "append", "unchanged"]


@dataclass(frozen=True, slots=True)
class AgentFileWrite:
    """What writing an agent file does (or did).

    Attributes:
        path: the file.
        action: ``create`` (no file yet), ``update`` (the memstack section is
            replaced), ``append`` (``force``: a section added after the user's
            text) or ``unchanged``.
        before: the file's text before (``None``: there was no file).
        after: the file's text after.
        format: ``claude``, ``agents`` or ``cursor``.
        memories: how many memories the section holds.
        written: whether the file was written (``False`` for a dry run or no change).
    """

    path: str
    action: Action
    before: str | None
    after: str
    format: str
    memories: int
    written: bool = False

    def diff(self) -> str:
        """A unified diff of the change ('' when there is none).

        Example:
            >>> w = AgentFileWrite("CLAUDE.md", "update", "a\\n", "b\\n", "claude", 1)
            >>> print(w.diff(), end="")
            --- CLAUDE.md
            +++ CLAUDE.md (memstack export)
            @@ -1 +1 @@
            -a
            +b
        """
        before = (self.before or "").splitlines(keepends=True)
        return "".join(
            difflib.unified_diff(
                before, self.after.splitlines(keepends=True),
                fromfile=self.path if self.before is not None else "/dev/null",
                tofile=f"{self.path} (memstack export)",
            )
        )  # fmt: skip


def section(scope: str, body: str) -> str:
    """The marked section holding ``body``.

    Example:
        >>> print(section("acme", "## Rules\\n\\n- Use uv."), end="")
        <!-- memstack:begin scope=acme (written by 'memstack export'; edits here are replaced) -->
        ## Rules
        <BLANKLINE>
        - Use uv.
        <!-- memstack:end -->
    """
    return f"{BEGIN.format(scope=scope)}\n{body.strip(chr(10))}\n{END}\n"


def _markers(text: str, path: str = "this file") -> tuple[int, int] | None:
    """Line numbers (0-based) of the one begin/end pair, ``None`` if there is none."""
    lines = text.split("\n")
    begins = [i for i, ln in enumerate(lines) if _BEGIN.match(ln)]
    ends = [i for i, ln in enumerate(lines) if _END.match(ln)]
    if not begins and not ends:
        return None
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        where = ", ".join(f"begin on line {i + 1}" for i in begins) or "no begin marker"
        where += "; " + (", ".join(f"end on line {i + 1}" for i in ends) or "no end marker")
        raise UsageError(
            f"The memstack markers in {path} do not pair up ({where}).",
            hint=f"Keep exactly one '{_short_begin()}' line and one '{END}' line after it, "
            "or remove both; nothing was written.",
        )
    return begins[0], ends[0]


def _short_begin() -> str:
    return "<!-- memstack:begin ... -->"


def section_lines(text: str) -> tuple[int, int] | None:
    """Line numbers (0-based) of the begin and end markers, ``None`` if the file has none.

    Raises:
        UsageError: markers that do not pair up.
    """
    return _markers(text)


def memstack_section(text: str) -> str | None:
    """The text between the markers (without them), or ``None`` when the file has none."""
    found = _markers(text)
    if found is None:
        return None
    lines = text.split("\n")
    return "\n".join(lines[found[0] + 1 : found[1]])


def _head_and_body(generated: str) -> tuple[str, str]:
    """Split an export into its head (front matter and ``#`` title) and the rest."""
    lines = generated.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1]) + "\n", "\n".join(lines[i + 1 :])
    return "", generated


def plan_write(
    path: str, existing: str | None, scope: str, fmt: str, generated: str, memories: int,
    *, force: bool = False,
) -> AgentFileWrite:  # fmt: skip
    """What writing ``generated`` (an export of ``scope``) to the file at ``path`` does.

    Args:
        path: the file, for messages.
        existing: its current text, ``None`` if there is no file.
        scope: the exported scope (named in the begin marker).
        fmt: the export format.
        generated: the full export (``export_claude`` and friends).
        memories: how many memories it holds.
        force: allow appending a section to a file that has none.

    Raises:
        UsageError: a file without a memstack section (without ``force``), or
            markers that do not pair up.

    Example:
        >>> w = plan_write("CLAUDE.md", "# My notes\\n\\nBe nice.\\n", "acme", "claude",
        ...                "# CLAUDE.md\\n\\n## Rules\\n\\n- Use uv.\\n", 1, force=True)
        >>> w.action, w.after.startswith("# My notes\\n\\nBe nice.\\n\\n<!-- memstack:begin")
        ('append', True)
    """
    head, body = _head_and_body(generated)
    block = section(scope, body)
    if existing is None:
        return AgentFileWrite(path, "create", None, f"{head}\n{block}", fmt, memories)
    found = _markers(existing, path)
    if found is None:
        if not force:
            raise UsageError(
                f"{path} exists and has no memstack section; memstack will not change "
                "a file it did not write.",
                hint="Add the two lines '<!-- memstack:begin -->' and '<!-- memstack:end -->' "
                "where memstack may write, pass --force to append the section at the end "
                "(your text is kept), or export to another file with --output.",
            )
        after = existing.rstrip("\n") + "\n\n" + block
        return AgentFileWrite(path, "append", existing, after, fmt, memories)
    lines = existing.split("\n")
    start, end = found
    after = "\n".join(lines[:start]) + ("\n" if start else "") + block.rstrip("\n")
    rest = "\n".join(lines[end + 1 :])
    after += "\n" + rest if rest else "\n"
    action: Action = "unchanged" if after == existing else "update"
    return AgentFileWrite(path, action, existing, after, fmt, memories)
