"""Write the blocking twins of the async sources: the facade's door and the PostgreSQL store.

Two packages are written once, as coroutines, and generated as blocking code by
plain word substitutions (``async def`` -> ``def``, ``await x`` -> ``x``,
``AsyncMemory`` -> ``Memory``, ``AsyncConnectionPool`` -> ``ConnectionPool``,
...), the way httpcore keeps its two doors:

* ``memstack/core/_async/*.py`` (the ``Memory`` method layer) -> ``memstack/core/_sync/``;
* ``memstack/store/postgres/_async/*.py`` (the PostgreSQL handlers and their
  transaction runner, on psycopg's ``AsyncConnection``) ->
  ``memstack/store/postgres/_sync/`` (on ``Connection``).

Usage:
    python scripts/unasync.py          # rewrite the sync files
    python scripts/unasync.py --check  # exit 1 if any sync file is out of date (CI)

The substitutions are line-based and match whole words only, so the async
source must avoid names that would clash after the rename (there is a test:
``tests/test_unasync.py``).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (pattern, replacement), applied in order to every line; patterns match whole words.
SUBS: list[tuple[str, str]] = [
    (r"async def", "def"),
    (r"async with", "with"),
    (r"async for", "for"),
    (r"await ", ""),
    (r"__aenter__", "__enter__"),
    (r"__aexit__", "__exit__"),
    (r"arun_plan", "run_plan"),
    (r"aclose", "close"),
    (r"_async", "_sync"),
    (r"Async([A-Z]\w*)", r"\1"),
]
#: Extra words of the PostgreSQL store, applied before :data:`SUBS`. psycopg names
#: its pairs ``AsyncConnection``/``Connection``, ``AsyncCursor``/``Cursor`` and
#: ``AsyncConnectionPool``/``ConnectionPool``, which the ``Async*`` rule covers.
PG_SUBS: list[tuple[str, str]] = [
    (r"asyncio\.sleep", "time.sleep"),
    (r"apool", "pool"),
    (r"Awaitable, ", ""),
]


def _compile(subs: list[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    out = []
    for pattern, repl in subs:
        if pattern.endswith(" "):
            # ``await `` ends in a space, so a trailing \b would need a word after it.
            out.append((re.compile(r"\b" + pattern), repl))
        else:
            out.append((re.compile(r"(^|\b)" + pattern + r"($|\b)"), r"\g<1>" + repl + r"\g<2>"))
    return out


@dataclass(frozen=True)
class Pair:
    """An async source folder and the folder of its generated blocking twin."""

    source: str
    target: str
    extra: tuple[tuple[str, str], ...] = ()
    #: ``Awaitable[X]`` in type aliases becomes ``X``.
    strip_awaitable: bool = False
    #: Whole lines left out of the twin (imports only the async source needs).
    drop: tuple[str, ...] = ()

    def rules(self) -> list[tuple[re.Pattern[str], str]]:
        return _compile([*self.extra, *SUBS])


PAIRS = [
    Pair("memstack/core/_async", "memstack/core/_sync"),
    Pair(
        "memstack/store/postgres/_async",
        "memstack/store/postgres/_sync",
        tuple(PG_SUBS),
        strip_awaitable=True,
        drop=("import asyncio\n",),
    ),
]


def _strip_awaitable(line: str) -> str:
    """``Awaitable[X]`` -> ``X``, with ``X`` itself holding brackets."""
    while (start := line.find("Awaitable[")) >= 0:
        depth, i = 0, start + len("Awaitable")
        for i in range(start + len("Awaitable"), len(line)):
            depth += {"[": 1, "]": -1}.get(line[i], 0)
            if depth == 0:
                break
        line = line[:start] + line[start + len("Awaitable[") : i] + line[i + 1 :]
    return line


_FROM_IMPORT = re.compile(r"^(\s*from \S+ import )([\w, ]+)(\s*(?:#.*)?)$")


def _import_key(name: str) -> tuple[int, str]:
    """isort's order of imported names (ruff's default): constants, classes, the rest."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name.lower()


def _sort_import(line: str) -> str:
    """A one-line ``from x import a, b`` with its names in order again after a rename."""
    found = _FROM_IMPORT.match(line.rstrip("\n"))
    if found is None:
        return line
    names = sorted((n.strip() for n in found[2].split(",")), key=_import_key)
    end = "\n" if line.endswith("\n") else ""
    return found[1] + ", ".join(names) + found[3] + end


def unasync_line(line: str, pair: Pair = PAIRS[0]) -> str:
    """One line of the async source as it reads in the sync twin."""
    before = line
    if pair.strip_awaitable:
        line = _strip_awaitable(line)
    for pattern, repl in pair.rules():
        line = pattern.sub(repl, line)
    return _sort_import(line) if line != before else line


def unasync_text(text: str, name: str, pair: Pair = PAIRS[0]) -> str:
    """A whole async source file as its sync twin, with a header saying where it comes from."""
    header = f"# Generated from {pair.source}/{name} by scripts/unasync.py: do not edit.\n"
    lines = [line for line in text.splitlines(keepends=True) if line not in pair.drop]
    return header + "".join(unasync_line(line, pair) for line in lines)


def expected() -> dict[Path, str]:
    """Every sync file and the text it should have."""
    out = {}
    for pair in PAIRS:
        for src in sorted((ROOT / pair.source).glob("*.py")):
            text = unasync_text(src.read_text("utf-8"), src.name, pair)
            out[ROOT / pair.target / src.name] = text
    return out


def _targets() -> list[Path]:
    return [path for pair in PAIRS for path in sorted((ROOT / pair.target).glob("*.py"))]


def stale() -> list[Path]:
    """Sync files that differ from what the async source gives, or should not exist."""
    want = expected()
    out = [p for p, text in want.items() if not p.exists() or p.read_text("utf-8") != text]
    out += [path for path in _targets() if path not in want]
    return out


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print(__doc__, file=sys.stderr)
        return 2
    if argv == ["--check"]:
        bad = stale()
        for path in bad:
            print(f"{path.relative_to(ROOT)} is out of date; run: python scripts/unasync.py")
        return 1 if bad else 0
    for pair in PAIRS:
        if (ROOT / pair.source).is_dir():
            (ROOT / pair.target).mkdir(exist_ok=True)
    want = expected()
    for path in _targets():
        if path not in want:
            path.unlink()
    for path, text in want.items():
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
