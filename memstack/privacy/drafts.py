"""Drafts: edited Markdown that could not be applied yet, kept inside the store folder.

``memstack edit`` renders a scope for the user's editor. The text it holds is
memory, so it never goes to the system temp folder: the editor works on a
file under ``<home>/drafts/`` (folder 0700, file 0600), which is deleted once
the edit is applied. When an edit cannot be applied, the draft stays there
for the user to fix and apply, and ``forget`` of the scope, or of any
ancestor, deletes it with everything else (the file name carries a hash of
the scope; the first line of the file names the scope itself).

Example:
    >>> from pathlib import Path
    >>> import tempfile
    >>> home = Path(tempfile.mkdtemp())
    >>> path = new_draft(home, "acme/alice", "- Alice likes tea\\n")
    >>> path.parent.name, path.read_text().splitlines()[0]
    ('drafts', '<!-- memstack draft: acme/alice -->')
    >>> erase_drafts(home, "acme")
    1
    >>> path.exists()
    False
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

__all__ = ["draft_scope", "erase_drafts", "new_draft"]

_HEAD = "<!-- memstack draft: {scope} -->\n"


def _folder(home: Path) -> Path:
    folder = Path(home) / "drafts"
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    return folder


def new_draft(home: Path, scope: str, text: str) -> Path:
    """Write ``text`` as a new private draft of ``scope``; returns its path."""
    tag = hashlib.sha256(scope.encode("utf-8")).hexdigest()[:16]
    path = _folder(home) / f"{tag}-{time.time_ns()}.md"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "w", encoding="utf-8") as f:
        f.write(_HEAD.format(scope=scope) + text)
    return path


def draft_scope(path: Path) -> str | None:
    """The scope a draft belongs to (``None`` if the file is not a draft)."""
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
    except (OSError, UnicodeDecodeError):
        return None
    prefix, suffix = _HEAD.split("{scope}")
    if first.startswith(prefix) and first.endswith(suffix):
        return first[len(prefix) : -len(suffix)]
    return None


def strip_head(text: str) -> str:
    """A draft's text without its first line (the scope marker), for applying it."""
    first, _, rest = text.partition("\n")
    prefix = _HEAD.split("{scope}")[0]
    return rest if first.startswith(prefix) else text


def erase_drafts(home: Path, scope: str) -> int:
    """Delete every draft of ``scope`` and its descendants; returns how many."""
    folder = Path(home) / "drafts"
    if not folder.is_dir():
        return 0
    erased = 0
    for path in sorted(folder.glob("*.md")):
        owner = draft_scope(path)
        if owner is not None and (owner == scope or owner.startswith(scope + "/")):
            path.unlink(missing_ok=True)
            erased += 1
    return erased
