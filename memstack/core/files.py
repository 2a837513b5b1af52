"""Reading and writing the agent files a user keeps next to their code (CLAUDE.md…).

Only :meth:`Memory.write_agent_file` touches them; what it writes is decided
purely by :func:`memstack.compile.agentfile.plan_write`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import UsageError

__all__ = ["read_agent_file", "write_agent_file"]


def read_agent_file(path: Path) -> str | None:
    """The file's text, ``None`` if it does not exist; a clear error if it is not UTF-8 text."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror}.") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path} is not UTF-8 text (byte 0x{raw[exc.start]:02X} at offset {exc.start}); "
            "memstack will not rewrite it."
        ) from None


def write_agent_file(path: Path, text: str) -> None:
    """Replace the file's content atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        # mkstemp makes the file private (0600); keep the old file's mode, else the usual 0644.
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
