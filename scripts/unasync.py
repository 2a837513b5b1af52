"""Write the blocking door of the facade from its async source.

``memstack/core/_async/*.py`` is the one source of the ``Memory`` method layer:
every public method is written there once, as a coroutine. This script turns
each file into its twin in ``memstack/core/_sync/`` by plain word
substitutions (``async def`` -> ``def``, ``await x`` -> ``x``,
``AsyncMemory`` -> ``Memory``, ...), the way httpcore keeps its two doors.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "memstack" / "core" / "_async"
TARGET = ROOT / "memstack" / "core" / "_sync"

#: (pattern, replacement), applied in order to every line; patterns match whole words.
SUBS: list[tuple[str, str]] = [
    (r"async def", "def"),
    (r"async with", "with"),
    (r"async for", "for"),
    (r"await ", ""),
    (r"__aenter__", "__enter__"),
    (r"__aexit__", "__exit__"),
    (r"arun_plan", "run_plan"),
    (r"_async", "_sync"),
    (r"Async([A-Z]\w*)", r"\1"),
]

_COMPILED = [(re.compile(r"(^|\b)" + pattern + r"($|\b)"), r"\g<1>" + repl + r"\g<2>")
             for pattern, repl in SUBS]  # fmt: skip
# ``await `` ends in a space, so its trailing \b would need a word after it: match it plainly.
_COMPILED[3] = (re.compile(r"\bawait "), "")


def unasync_line(line: str) -> str:
    """One line of the async source as it reads in the sync door."""
    for pattern, repl in _COMPILED:
        line = pattern.sub(repl, line)
    return line


def unasync_text(text: str, name: str) -> str:
    """A whole async source file as its sync twin, with a header saying where it comes from."""
    header = (
        f"# Generated from memstack/core/_async/{name} by scripts/unasync.py: do not edit.\n"
    )
    return header + "".join(unasync_line(line) for line in text.splitlines(keepends=True))


def expected() -> dict[Path, str]:
    """Every sync file and the text it should have."""
    return {
        TARGET / src.name: unasync_text(src.read_text("utf-8"), src.name)
        for src in sorted(SOURCE.glob("*.py"))
    }


def stale() -> list[Path]:
    """Sync files that differ from what the async source gives, or should not exist."""
    want = expected()
    out = [p for p, text in want.items() if not p.exists() or p.read_text("utf-8") != text]
    out += [path for path in sorted(TARGET.glob("*.py")) if path not in want]
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
    TARGET.mkdir(exist_ok=True)
    want = expected()
    for path in sorted(TARGET.glob("*.py")):
        if path not in want:
            path.unlink()
    for path, text in want.items():
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
