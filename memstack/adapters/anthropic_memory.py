"""A backend for Claude's memory tool (``memory_20250818``) over one memstack scope.

Claude's memory tool is client-side: the model sends ``tool_use`` blocks with a
``command`` (``view``, ``create``, ``str_replace``, ``insert``, ``delete``,
``rename``) on paths under ``/memories``, and the application carries them out
and answers with a ``tool_result``. This backend answers them from a scope's
memory, so what Claude "writes to a file" goes through memstack's review:

* ``/memories`` is a directory holding ``memory.md`` and ``pending.md``.
* ``/memories/memory.md`` is the scope's rendered Markdown
  (:meth:`~memstack.AsyncMemory.render`: headings by kind and topic, one bullet
  per memory, each with its id marker). Editing it (``str_replace``,
  ``insert``) does not write memory: the edited document goes to
  :meth:`~memstack.AsyncMemory.propose_markdown`, which compares it with the
  current one and makes every added, changed or removed bullet a **proposal**
  (author ``anthropic-memory-tool``).
  Where the scope's review policy is ``auto`` a clean proposal is applied at
  once; otherwise it waits for a person, and the file shows it once approved.
* ``/memories/pending.md`` lists the proposals waiting for review (read-only).
* ``create`` of a new ``/memories/<name>.md`` proposes each line of the file as
  a fact (a ``#`` heading sets the topic; the file name is the default topic).
* ``delete`` and ``rename`` of the files are refused: forgetting is done by
  removing bullets, which a person reviews.

Every path is checked before anything else: it must be ``/memories`` or below
it, with no ``..``/``.`` segment (also not percent-encoded), no backslash, no
control character. Anything else is answered with an error result
(``is_error: true``) and touches nothing.

The command handling is written once, as a generator of facade calls, and run
by :class:`MemoryTool` (over :class:`~memstack.Memory`) or
:class:`AsyncMemoryTool` (over :class:`~memstack.AsyncMemory`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ..core import AsyncMemory, Memory
from ..errors import MemstackError
from ..models import Scope, Source

__all__ = ["AUTHOR", "TOOL", "AsyncMemoryTool", "MemoryTool", "ToolOutput"]

#: The tool definition to send in ``tools``.
TOOL: dict[str, str] = {"type": "memory_20250818", "name": "memory"}
#: The author recorded on proposals made through this tool.
AUTHOR = "anthropic-memory-tool"

ROOT = "/memories"
DOC = ROOT + "/memory.md"
PENDING = ROOT + "/pending.md"
_BAD = re.compile(r"[\x00-\x1f\x7f\\]")
_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True, slots=True)
class ToolOutput:
    """What a command answers: the ``tool_result`` text and whether it is an error."""

    text: str
    is_error: bool = False

    def block(self, tool_use_id: str) -> dict[str, Any]:
        """The ``tool_result`` content block answering ``tool_use_id``."""
        out: dict[str, Any] = {"type": "tool_result", "tool_use_id": tool_use_id,
                               "content": self.text}  # fmt: skip
        if self.is_error:
            out["is_error"] = True
        return out


class _Refusal(Exception):
    """A command that cannot be carried out; its message is the error result."""


# One facade call: method name, positional arguments, keyword arguments.
Call = tuple[str, tuple[Any, ...], dict[str, Any]]
Steps = Generator[Call, Any, ToolOutput]


def check_path(path: object) -> str:
    """``path`` normalised, if it is ``/memories`` or under it; else a refusal.

    Example:
        >>> check_path("/memories/memory.md")
        '/memories/memory.md'
        >>> check_path("/memories/../etc/passwd")
        Traceback (most recent call last):
        ...
        memstack.adapters.anthropic_memory._Refusal: The path /memories/../etc/passwd is not \
allowed: paths are /memories or below it, without '..' or '.' segments.
    """
    if not isinstance(path, str) or not path:
        raise _Refusal("A path is required, e.g. /memories/memory.md.")
    decoded = unquote(path)
    segments = decoded.split("/")
    if (
        _BAD.search(decoded)
        or any(s in (".", "..") for s in segments)
        or not (decoded == ROOT or decoded.startswith(ROOT + "/"))
        or posixpath.normpath(decoded) != decoded.rstrip("/")
        or decoded != path
    ):
        raise _Refusal(
            f"The path {path} is not allowed: paths are {ROOT} or below it, "
            "without '..' or '.' segments."
        )
    return decoded.rstrip("/") or ROOT


def _numbered(path: str, text: str, view_range: object) -> str:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    start, end = 1, len(lines)
    if view_range is not None:
        if (
            not isinstance(view_range, list | tuple) or len(view_range) != 2
            or not all(isinstance(n, int) for n in view_range)
        ):  # fmt: skip
            raise _Refusal("view_range must be two line numbers: [start, end], end -1 to the end.")
        start, end = view_range[0], (len(lines) if view_range[1] == -1 else view_range[1])
        if not 1 <= start <= max(end, 1) or end > len(lines):
            raise _Refusal(f"view_range {list(view_range)} is outside 1..{len(lines)}.")
    body = "\n".join(f"{n:6}\t{lines[n - 1]}" for n in range(start, end + 1))
    return f"Here's the content of {path} with line numbers:\n{body}"


def _summary(made: list[Any]) -> str:
    if not made:
        return "Nothing changed: the file already says that."
    applied = sum(p.state == "approved" for p in made)
    pending = sum(p.state == "pending" for p in made)
    rejected = len(made) - applied - pending
    parts = [f"{len(made)} change(s) proposed:"]
    if applied:
        parts.append(f"{applied} applied by the scope's review policy")
    if pending:
        parts.append(f"{pending} waiting for a person's review (see {PENDING}); "
                     f"{DOC} shows them once approved")  # fmt: skip
    if rejected:
        parts.append(f"{rejected} refused by the scope's review policy")
    return " ".join([parts[0], "; ".join(parts[1:])]) + "."


class _Commands:
    """The command logic, as generators of facade calls (see the module docstring)."""

    def __init__(self, scope: str, author: str) -> None:
        self.scope = Scope.parse(scope).path
        self.source = Source(origin="ai", author=author)

    def run(self, command: Mapping[str, Any]) -> Steps:
        try:
            name = command.get("command")
            if name == "rename":
                check_path(command.get("old_path"))
                check_path(command.get("new_path"))
                raise _Refusal(
                    "Memory files cannot be renamed: topics are the ### headings inside "
                    f"{DOC}; edit a heading there instead."
                )
            path = check_path(command.get("path"))
            if name == "view":
                return (yield from self._view(path, command.get("view_range")))
            if name in ("str_replace", "insert"):
                return (yield from self._edit(path, command))
            if name == "create":
                return (yield from self._create(path, command.get("file_text")))
            if name == "delete":
                if path in (ROOT, DOC, PENDING):
                    raise _Refusal(
                        f"{path} cannot be deleted. To forget something, remove its bullet "
                        f"from {DOC}: the removal is proposed for review."
                    )
                raise _Refusal(f"The path {path} does not exist.")
            raise _Refusal(
                f"Unknown command {name!r}; use view, create, str_replace, insert, delete "
                "or rename."
            )
        except _Refusal as exc:
            return ToolOutput(str(exc), is_error=True)
        except MemstackError as exc:
            return ToolOutput(str(exc), is_error=True)

    def _view(self, path: str, view_range: object) -> Steps:
        if path == ROOT:
            doc = yield ("render", (self.scope,), {})
            pending = yield ("proposals", (self.scope,), {"state": "pending"})
            listing = self._pending_text(pending)
            return ToolOutput(
                f"Here are the files in {ROOT}:\n"
                f"{len(doc.encode()):>8}B  {DOC}   (memory of {self.scope}; edit to propose)\n"
                f"{len(listing.encode()):>8}B  {PENDING}   (proposals waiting for review)"
            )
        if path == DOC:
            doc = yield ("render", (self.scope,), {})
            return ToolOutput(_numbered(path, doc, view_range))
        if path == PENDING:
            pending = yield ("proposals", (self.scope,), {"state": "pending"})
            return ToolOutput(_numbered(path, self._pending_text(pending), view_range))
        raise _Refusal(f"The path {path} does not exist. Please provide a valid path.")

    def _pending_text(self, pending: list[Any]) -> str:
        lines = [f"# Pending proposals for {self.scope}", ""]
        for p in pending:
            what = p.text if p.text is not None else "(delete)"
            lines.append(f"- {p.op} {p.kind}: {what}")
        return "\n".join(lines if pending else [*lines, "None."]) + "\n"

    def _edit(self, path: str, command: Mapping[str, Any]) -> Steps:
        if path == PENDING:
            raise _Refusal(f"{PENDING} is read-only: it lists proposals waiting for a person.")
        if path != DOC:
            raise _Refusal(f"The path {path} does not exist. Please provide a valid path.")
        doc: str = yield ("render", (self.scope,), {})
        if command["command"] == "str_replace":
            old, new = command.get("old_str"), command.get("new_str", "")
            if not isinstance(old, str) or not old or not isinstance(new, str):
                raise _Refusal("str_replace needs old_str (not empty) and new_str.")
            found = doc.count(old)
            if found != 1:
                where = "does not appear" if not found else f"appears {found} times"
                raise _Refusal(
                    f"old_str {where} in {path}; it must match exactly one place "
                    "(view the file first, and include more context to make it unique)."
                )
            edited = doc.replace(old, new)
        else:
            line, text = command.get("insert_line"), command.get("insert_text")
            lines = doc.split("\n")
            if lines[-1] == "":
                lines.pop()
            if not isinstance(line, int) or not 0 <= line <= len(lines):
                raise _Refusal(f"insert_line must be between 0 and {len(lines)}.")
            if not isinstance(text, str):
                raise _Refusal("insert needs insert_text.")
            lines[line:line] = text.rstrip("\n").split("\n")
            edited = "\n".join(lines) + "\n"
        made = yield ("propose_markdown", (self.scope, edited), {"source": self.source})
        return ToolOutput(_summary(made))

    def _create(self, path: str, file_text: object) -> Steps:
        if path in (ROOT, DOC, PENDING):
            raise _Refusal(f"File {path} already exists; edit it with str_replace or insert.")
        name = path[len(ROOT) + 1 :]
        if "/" in name or not name.endswith(".md"):
            raise _Refusal(f"Create files directly in {ROOT}, named <topic>.md.")
        if not isinstance(file_text, str):
            raise _Refusal("create needs file_text.")
        topic = name[:-3].replace("_", " ").replace("-", " ").strip() or None
        made = []
        for raw in file_text.splitlines():
            line = raw.strip()
            if line.startswith("#"):
                topic = line.lstrip("#").strip() or topic
                continue
            text = _LINE.sub("", line).strip()
            if text:
                made.append((yield self._propose(text, kind="fact", topic=topic)))
        if not made:
            raise _Refusal("The file holds no statement to remember.")
        return ToolOutput(f"{path} is not stored as a file: each line became a proposal. "
                          + _summary(made))  # fmt: skip

    def _propose(self, text: str | None, **options: Any) -> Call:
        return ("propose", (self.scope, text), {"source": self.source, **options})


class MemoryTool:
    """The memory tool's backend over a blocking :class:`~memstack.Memory`, bound to ``scope``.

    Args:
        memory: the facade (the caller opens and closes it).
        scope: the scope whose memory ``/memories`` shows, e.g. ``acme/alice``.
        author: recorded as the proposer.

    Example:
        >>> from memstack import Memory
        >>> from memstack.embed.fake import FakeEmbedder
        >>> from memstack.store.memory import InMemoryStore
        >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
        >>> tool = MemoryTool(mem, "acme/alice")
        >>> tool.execute({"command": "insert", "path": "/memories/memory.md",
        ...               "insert_line": 6, "insert_text": "- Alice is vegan"}).text
        "1 change(s) proposed: 1 waiting for a person's review (see /memories/pending.md); \
/memories/memory.md shows them once approved."
        >>> tool.execute({"command": "view", "path": "/memories/../secrets"}).is_error
        True
    """

    def __init__(self, memory: Memory, scope: str, *, author: str = AUTHOR) -> None:
        self.memory = memory
        self._commands = _Commands(scope, author)

    def execute(self, command: Mapping[str, Any]) -> ToolOutput:
        """Carry out one command (a ``tool_use`` block's ``input``)."""
        steps = self._commands.run(command)
        try:
            call = next(steps)
            while True:
                name, args, kwargs = call
                try:
                    result = getattr(self.memory, name)(*args, **kwargs)
                except MemstackError as exc:
                    call = steps.throw(exc)
                else:
                    call = steps.send(result)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]

    def answer(self, tool_use: Any) -> dict[str, Any]:
        """The ``tool_result`` block for a ``tool_use`` block (SDK object or dict)."""
        block = tool_use if isinstance(tool_use, Mapping) else tool_use.model_dump()
        return self.execute(block["input"]).block(block["id"])


class AsyncMemoryTool:
    """The memory tool's backend over :class:`~memstack.AsyncMemory` (see :class:`MemoryTool`)."""

    def __init__(self, memory: AsyncMemory, scope: str, *, author: str = AUTHOR) -> None:
        self.memory = memory
        self._commands = _Commands(scope, author)

    async def execute(self, command: Mapping[str, Any]) -> ToolOutput:
        """Carry out one command (a ``tool_use`` block's ``input``)."""
        steps = self._commands.run(command)
        try:
            call = next(steps)
            while True:
                name, args, kwargs = call
                try:
                    result = await getattr(self.memory, name)(*args, **kwargs)
                except MemstackError as exc:
                    call = steps.throw(exc)
                else:
                    call = steps.send(result)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]

    async def answer(self, tool_use: Any) -> dict[str, Any]:
        """The ``tool_result`` block for a ``tool_use`` block (SDK object or dict)."""
        block = tool_use if isinstance(tool_use, Mapping) else tool_use.model_dump()
        return (await self.execute(block["input"])).block(block["id"])
