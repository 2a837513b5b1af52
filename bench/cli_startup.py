"""How fast the command line starts: ``memstack --help``, small commands and the demo.

Every command is run as a fresh process (what a person at a shell waits for),
``--runs`` times after one warm-up, and the wall time of each run is recorded.
Reported: the median and fastest wall time, the median CPU time (user + system,
less disturbed by other processes on a shared machine), and the modules a run
imported, so a
regression that pulls NumPy or onnxruntime back into ``--help`` shows up by name.

    python bench/cli_startup.py --runs 20 --demo-runs 5

``memstack demo`` (the whole job: ingest, offline extraction, screening, review,
compile with token counts, the CLAUDE.md export; target about 5 s) loads the
embedding model and the tokenizer, so it gets its own, smaller number of runs.

The figures go into docs/benchmarks.md (section ``cli-startup``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._report import table, write_section  # noqa: E402

HEAVY = ("numpy", "onnxruntime", "tiktoken", "fastapi", "httpx")

CASES: list[tuple[str, list[str]]] = [
    ("python -c pass (interpreter alone)", ["-c", "pass"]),
    ("python -c 'import memstack.cli'", ["-c", "import memstack.cli"]),
    ("memstack --help", ["-m", "memstack", "--help"]),
    ("memstack review --help", ["-m", "memstack", "review", "--help"]),
    ("memstack scope status (empty store)", ["-m", "memstack", "scope", "status"]),
    ("memstack list -s demo (empty store)", ["-m", "memstack", "list", "-s", "demo"]),
    ("memstack demo (the whole job)", ["-m", "memstack", "demo"]),
]
DEMO = "memstack demo (the whole job)"


def _heavy_imports(args: list[str], env: dict[str, str], cwd: str) -> str:
    """The heavy modules one run of ``args`` imports (via -X importtime)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args], env=env, cwd=cwd, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    found = [m for m in HEAVY if m in names]
    return ", ".join(found) or "none"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(
    args: list[str], env: dict[str, str], cwd: str, runs: int
) -> tuple[list[float], list[float]]:
    """Wall times and CPU times (user + system) of ``runs`` fresh processes."""
    wall: list[float] = []
    cpu: list[float] = []
    for i in range(runs + 1):
        start, cpu0 = time.perf_counter(), _cpu()
        subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True,
                       timeout=120, check=False)  # fmt: skip
        if i:  # the first run warms the file cache
            wall.append(time.perf_counter() - start)
            cpu.append(_cpu() - cpu0)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="Timed runs per command.")
    parser.add_argument("--demo-runs", type=int, default=5, help="Timed runs of the demo.")
    parser.add_argument("--no-write", action="store_true", help="Do not update the docs.")
    parser.add_argument(
        "--baseline", metavar="DIR",
        help="Also time 'memstack --help' from another source tree (a folder holding a "
        "memstack/ package, e.g. 'git archive <commit> memstack | tar -x -C DIR').",
    )  # fmt: skip
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="memstack-startup-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MEMSTACK_")}
        env.update(MEMSTACK_HOME=str(Path(tmp) / "home"), MEMSTACK_CEILING_DIRECTORIES=tmp)
        subprocess.run([sys.executable, "-m", "memstack", "migrate"], env=env, cwd=tmp,
                       capture_output=True, check=True, timeout=120)  # fmt: skip
        rows: list[list[object]] = []
        cases = list(CASES)
        if opts.baseline:
            cases.insert(3, (f"memstack --help from {opts.baseline}", ["-m", "memstack", "--help"]))
        for label, args in cases:
            run_env = dict(env, PYTHONPATH=opts.baseline) if " from " in label else env
            wall, cpu = _time(args, run_env, tmp, opts.demo_runs if label == DEMO else opts.runs)
            rows.append([
                label, round(statistics.median(wall) * 1000), round(min(wall) * 1000),
                round(statistics.median(cpu) * 1000), _heavy_imports(args, run_env, tmp),
            ])  # fmt: skip
    headers = ["command", "wall median ms", "wall fastest ms", "CPU median ms",
               "heavy modules imported"]  # fmt: skip
    text = table(headers, rows)
    print(text)
    if not opts.no_write:
        body = (
            f"{opts.runs} runs of each command ({opts.demo_runs} of the demo) as a fresh "
            "process, after one warm-up. "
            "Commands load lazily (memstack/cli/__init__.py): `--help` imports click and the "
            "error tree only, and a command imports the facade (NumPy, onnxruntime, tiktoken) "
            "when it runs. The target is `--help` under 150 ms; the interpreter alone sets "
            "the floor. The machine is shared with other jobs (load average "
            f"{os.getloadavg()[0]:.0f} on {os.cpu_count()} cores during this run), which "
            "stretches wall times; CPU time (user + system of the process) is less disturbed "
            "and is the better guide to what a quiet machine gives. A `from DIR` row is the "
            "same command from another source tree (the baseline: main before lazy "
            "loading). `memstack demo` shows the whole job in one process (about 1 s of it is "
            "loading the embedding model, the tokenizer and NumPy; its target is about 5 s "
            "wall).\n\n" + text
        )
        command = f"python bench/cli_startup.py --runs {opts.runs} --demo-runs {opts.demo_runs}"
        if opts.baseline:
            command += f" --baseline {opts.baseline}"
        write_section("cli-startup", "CLI start-up time", body, command=command)


if __name__ == "__main__":
    main()
