"""The blocking door is generated from the async source and must match it (the CI check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "unasync.py"
SYNC = ROOT / "memstack" / "core" / "_sync"


def test_generated_sync_door_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_fails_on_a_stale_file(tmp_path: Path) -> None:
    """The check can fail: an edited copy of the tree is reported by name."""
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "memstack" / "core", copy / "memstack" / "core")
    (copy / "scripts").mkdir()
    shutil.copy(SCRIPT, copy / "scripts" / "unasync.py")
    stale = copy / "memstack" / "core" / "_sync" / "records.py"
    stale.write_text(stale.read_text("utf-8") + "\n# hand edit\n", "utf-8")
    run = [sys.executable, str(copy / "scripts" / "unasync.py"), "--check"]
    result = subprocess.run(run, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "memstack/core/_sync/records.py is out of date" in result.stdout
    fixed = subprocess.run(run[:-1], capture_output=True, text=True, check=False)
    assert fixed.returncode == 0 and "wrote memstack/core/_sync/records.py" in fixed.stdout
    assert subprocess.run(run, check=False).returncode == 0


def test_sync_door_has_no_awaits_left() -> None:
    for path in sorted(SYNC.glob("*.py")):
        code = path.read_text("utf-8")
        assert "async def" not in code and "await " not in code, path.name
        assert "AsyncDoor" not in code and "arun_plan" not in code, path.name
