"""The blocking twins are generated from the async sources and must match them (the CI check).

Two pairs: the facade's door (``memstack/core``) and the PostgreSQL store's
handlers and batch runner (``memstack/store/postgres``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "unasync.py"
SYNC = [ROOT / "memstack" / "core" / "_sync", ROOT / "memstack" / "store" / "postgres" / "_sync"]


def test_generated_sync_door_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("package", "edited"),
    [("memstack/core", "_sync/records.py"), ("memstack/store/postgres", "_sync/search.py")],
)
def test_check_fails_on_a_stale_file(tmp_path: Path, package: str, edited: str) -> None:
    """The check can fail: an edited copy of the tree is reported by name."""
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(ROOT / package, copy / package)
    (copy / "scripts").mkdir()
    shutil.copy(SCRIPT, copy / "scripts" / "unasync.py")
    stale = copy / package / edited
    stale.write_text(stale.read_text("utf-8") + "\n# hand edit\n", "utf-8")
    run = [sys.executable, str(copy / "scripts" / "unasync.py"), "--check"]
    result = subprocess.run(run, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert f"{package}/{edited} is out of date" in result.stdout
    fixed = subprocess.run(run[:-1], capture_output=True, text=True, check=False)
    assert fixed.returncode == 0 and f"wrote {package}/{edited}" in fixed.stdout
    assert subprocess.run(run, check=False).returncode == 0


@pytest.mark.parametrize("folder", SYNC, ids=["core", "postgres"])
def test_sync_twins_have_no_awaits_left(folder: Path) -> None:
    paths = sorted(folder.glob("*.py"))
    assert paths
    for path in paths:
        code = path.read_text("utf-8")
        assert "async def" not in code and "await " not in code, path.name
        assert "AsyncDoor" not in code and "arun_plan" not in code, path.name
        assert "AsyncConnection" not in code and "AsyncCursor" not in code, path.name
        assert "asyncio" not in code and "Awaitable" not in code, path.name


def test_the_postgres_twin_renames_psycopgs_async_names() -> None:
    """The rules a reader of the generated store relies on, on sample lines."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("unasync", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules["unasync"] = script  # dataclasses look their module up there
    spec.loader.exec_module(script)
    pg = script.PAIRS[1]
    cases = {
        "    pool = await store.apool()\n": "    pool = store.pool()\n",
        "async with await psycopg.AsyncConnection.connect(url) as conn:\n": (
            "with psycopg.Connection.connect(url) as conn:\n"
        ),
        "Bulk = Callable[[AsyncTx, Sequence[Any]], Awaitable[list[Any]]]\n": (
            "Bulk = Callable[[Tx, Sequence[Any]], list[Any]]\n"
        ),
        "from .tx import AsyncTx, Bulk, Handler\n": "from .tx import Bulk, Handler, Tx\n",
        "                await asyncio.sleep(delay)\n": "                time.sleep(delay)\n",
        "import AsyncConnectionPool\n": "import ConnectionPool\n",
    }
    for line, want in cases.items():
        assert script.unasync_line(line, pg) == want
    assert script.unasync_text("import asyncio\nimport time\n", "x.py", pg).endswith(
        "do not edit.\nimport time\n"
    )
