"""The virtual environments of the side-by-side benchmark; the standard library only.

Each compared system runs in its own environment under ``--venvs`` (made from
``requirements/<env>.txt`` on first use), and memstack in the interpreter that
runs the driver. A bare ``python3`` without memstack's dependencies is not an
error: the driver makes ``<venvs>/memstack`` with this checkout installed and
starts again in it. Anything that cannot be made ends in one clear message
(``SetupError``), never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


class SetupError(SystemExit):
    """A virtual environment could not be made: the message says what to do."""


def ensure_venv(env: str, venvs: Path, pip_args: list[str], fingerprint: str) -> str:
    """The interpreter of the virtual environment ``venvs/env``, made or repaired when needed.

    The environment counts as ready only once pip has finished: a marker holding
    ``fingerprint`` (a digest of what was asked for) is written last, so an
    interrupted install or changed requirements are installed again, never used half made.
    """
    folder = venvs / env
    python = folder / "bin" / "python"
    marker = folder / ".bench-ready"
    if python.exists() and marker.exists() and marker.read_text("utf-8") == fingerprint:
        return str(python)
    log = venvs / f"{env}.log"
    print(f"preparing the {env} environment in {folder} (log: {log})...", file=sys.stderr)
    venvs.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        if not python.exists():
            made = subprocess.run(
                [sys.executable, "-m", "venv", str(folder)], stdout=out, stderr=subprocess.STDOUT
            )
            if made.returncode != 0 or not python.exists():
                raise SetupError(
                    f"could not create a virtual environment with {sys.executable} -m venv "
                    f"(see {log}). On Debian or Ubuntu install python3-venv, or run this script "
                    "with another Python 3.11+."
                )
        pip = [str(python), "-m", "pip", "install", "-q", *pip_args]
        try:
            failed = subprocess.run(pip, stdout=out, stderr=subprocess.STDOUT).returncode != 0
        except OSError as e:  # the environment's interpreter cannot run at all
            print(f"{pip[0]}: {e}", file=out)
            failed = True
    if failed:
        tail = log.read_text("utf-8", "replace").strip().splitlines()[-3:]
        raise SetupError(
            f"pip could not install the {env} environment ({' '.join(pip[3:])}); the end of "
            f"{log}:\n  "
            + "\n  ".join(tail)
            + f"\nCheck that the package registry is reachable, or remove {folder} to start afresh."
        )
    marker.write_text(fingerprint, "utf-8")
    return str(python)


def python_for(env: str, venvs: Path) -> str:
    """The interpreter of ``env``: this one for memstack, else its own virtual environment."""
    if env == "memstack":
        return sys.executable
    req = HERE / "requirements" / f"{env}.txt"
    digest = hashlib.sha256(req.read_bytes()).hexdigest()
    return ensure_venv(env, venvs, ["-r", str(req)], digest)


def memstack_missing() -> str | None:
    """Why this interpreter cannot run memstack's side of the benchmark, or None when it can."""
    try:
        import numpy  # noqa: F401

        import memstack.core  # noqa: F401  (imports every runtime dependency of search)
        import memstack.plugins  # noqa: F401
    except ImportError as e:
        return f"{e.name or e} is not importable"
    return None


def ensure_memstack(venvs: Path) -> None:
    """Run in an interpreter that has memstack's dependencies, re-executing this script if not.

    The driver and memstack's worker import this checkout's memstack. When the
    interpreter lacks its dependencies (a bare ``python3``), an environment
    ``venvs/memstack`` gets this checkout installed with the ``bench`` extra, and
    the script starts again in it.
    """
    why = memstack_missing()
    if why is None:
        return
    if os.environ.get("MEMSTACK_COMPARE_REEXEC"):
        raise SetupError(
            f"{sys.executable} still cannot import memstack ({why}); remove {venvs / 'memstack'} "
            "and rerun, or run with a Python where `pip install -e '.[bench]'` was done."
        )
    print(f"{sys.executable}: {why}; using {venvs / 'memstack'} instead.", file=sys.stderr)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = ensure_venv("memstack", venvs, ["-e", f"{ROOT}[bench]"], digest)
    os.environ["MEMSTACK_COMPARE_REEXEC"] = "1"
    os.execv(python, [python, str(HERE / "run.py"), *sys.argv[1:]])
