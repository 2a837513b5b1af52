"""How the command line behaves as a whole: fast start, finding the store, pipes, stdin, aliases.

Each test states a promise made in ``memstack/cli/__init__.py`` or ``cli/common.py``.
Subprocess tests run ``python -m memstack`` so that what is imported, the exit code and
what reaches a closed pipe are those of a real process.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from memstack.cli import COMMANDS, main
from memstack.config import find_home

MODULES = sorted({e.module for e in COMMANDS.values()})


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEMSTACK_")}
    env.update(MEMSTACK_EMBEDDER="fake", **extra)
    return env


def _memstack(*args: str, cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "memstack", *args], cwd=cwd, capture_output=True, text=True,
        timeout=120, **kw,  # type: ignore[call-overload]
    )  # fmt: skip


# -- lazy commands ---------------------------------------------------------------------------


def test_the_help_table_says_what_each_command_says_about_itself() -> None:
    ctx = click.Context(main)
    for name, entry in COMMANDS.items():
        command = main.get_command(ctx, name)
        assert command is not None, name
        own = " ".join(command.get_short_help_str(limit=300).split())
        assert entry.help == own, f"COMMANDS[{name!r}].help differs from the docstring: {own!r}"


@pytest.mark.parametrize("module", MODULES)
def test_every_command_module_lists_only_registered_commands(module: str) -> None:
    mod = importlib.import_module(f"memstack.cli.{module}")
    registered = {(e.module, e.attribute) for e in COMMANDS.values()}
    for command in getattr(mod, "COMMANDS", []):
        name = next(a for a, v in vars(mod).items() if v is command)
        assert (module, name) in registered, f"memstack.cli.{module}.{name} is not in COMMANDS"


def test_importing_the_cli_and_printing_help_loads_no_heavy_library(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from memstack.cli import main\n"
        "try:\n"
        "    main(['--help'], prog_name='memstack')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['numpy', 'onnxruntime', 'tiktoken', 'fastapi', 'httpx', 'memstack.core']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env=_env(),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Memories:" in out.stdout  # the help was printed, grouped in sections
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_package_still_exports_its_public_names_lazily() -> None:
    import memstack

    for name in memstack.__all__:
        assert getattr(memstack, name) is not None, name
    with pytest.raises(AttributeError):
        memstack.NoSuchThing  # noqa: B018


# -- finding the store -----------------------------------------------------------------------


def test_the_nearest_memstack_folder_above_wins_over_memstack_home(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".memstack").mkdir(parents=True)
    deep = project / "src" / "pkg"
    deep.mkdir(parents=True)
    env = {"MEMSTACK_HOME": str(tmp_path / "personal")}
    found = find_home(None, env, cwd=deep)
    assert (found.path, found.how) == (project / ".memstack", "found")
    assert find_home(None, env, cwd=tmp_path).how == "environment"
    assert find_home(None, {}, cwd=tmp_path).how == "default"
    assert find_home(tmp_path / "x", env, cwd=deep).how == "argument"


def test_the_search_stops_at_a_ceiling_folder(tmp_path: Path) -> None:
    (tmp_path / ".memstack").mkdir()
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    ceiling = {"MEMSTACK_CEILING_DIRECTORIES": str(tmp_path / "a")}
    assert find_home(None, {}, cwd=inner).how == "found"
    assert find_home(None, ceiling, cwd=inner).how == "default"


def test_commands_in_a_subfolder_use_the_project_store(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".memstack").mkdir(parents=True)
    sub = project / "docs"
    sub.mkdir()
    env = _env(MEMSTACK_CEILING_DIRECTORIES=str(tmp_path))
    added = _memstack("add", "-s", "acme", "Use tabs", cwd=project, env=env)
    assert added.returncode == 0, added.stderr
    listed = _memstack("list", "-s", "acme", "--json", cwd=sub, env=env)
    assert listed.returncode == 0, listed.stderr
    assert [r["text"] for r in json.loads(listed.stdout)] == ["Use tabs"]
    assert (project / ".memstack" / "memstack.db").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["list", "-s", "acme"], ["search", "-s", "acme", "tabs"], ["proposals"],
        ["compile", "-s", "acme"], ["stats"], ["scopes"], ["render", "-s", "acme"],
        ["export", "-s", "acme"], ["audit", "-s", "acme"], ["policy", "list"],
    ],
    ids=lambda a: a[0] if a[0] != "policy" else "policy list",
)  # fmt: skip
def test_reading_a_missing_store_says_where_it_looked_and_creates_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    env = _env(MEMSTACK_CEILING_DIRECTORIES=str(tmp_path.parent))
    result = _memstack(*args, cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: No memstack store at "), lines
    assert f"no .memstack folder in {tmp_path} or above; $MEMSTACK_HOME is not set" in lines[0]
    assert not (tmp_path / ".memstack").exists()


def test_a_write_creates_the_store_where_the_message_said(tmp_path: Path) -> None:
    env = _env(MEMSTACK_CEILING_DIRECTORIES=str(tmp_path.parent))
    assert _memstack("add", "-s", "acme", "Use tabs", cwd=tmp_path, env=env).returncode == 0
    assert (tmp_path / ".memstack" / "memstack.db").exists()
    listed = _memstack("list", "-s", "acme", cwd=tmp_path, env=env)
    assert listed.returncode == 0 and "Use tabs" in listed.stdout


# -- pipes, stdin, aliases, progress ---------------------------------------------------------


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    env = _env(MEMSTACK_HOME=str(tmp_path / "home"))
    items = [{"scope": "acme", "text": f"Memory number {i} " + "x" * 200} for i in range(400)]
    from memstack import Memory

    mem = Memory(tmp_path / "home")
    mem.add_many(items)
    mem.close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "memstack", "list", "-s", "acme"], cwd=tmp_path, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()  # like `| head -1`: read a line, then go away
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0
    assert err == ""


def test_a_dash_reads_the_conversation_from_standard_input() -> None:
    messages = [{"role": "user", "content": "Remember that I prefer tea."}]
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", "-s", "acme", "-", "--json"],
                             input=json.dumps(messages))  # fmt: skip
    assert ingested.exit_code == 0, ingested.output
    assert json.loads(ingested.stdout)["ingested"] == 1
    remembered = runner.invoke(main, ["remember", "-s", "acme", "-", "--json"],
                               input=json.dumps(messages))  # fmt: skip
    assert remembered.exit_code == 0, remembered.output
    assert [p["text"] for p in json.loads(remembered.stdout)["proposals"]] == ["User prefers tea"]


def test_non_utf8_input_is_one_clear_line() -> None:
    result = CliRunner().invoke(main, ["ingest", "-s", "acme", "-"], input=b"\xff\xfe[]")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "Error: standard input is not UTF-8 text (byte 0xFF at offset 0). "
        "Convert it first, e.g. 'iconv -f latin1 -t utf-8'."
    ]


def test_old_option_spellings_still_work_but_are_not_shown() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["add", "-s", "acme/web", "x"]).exit_code == 0
    assert runner.invoke(main, ["add", "-s", "other", "y"]).exit_code == 0
    old = runner.invoke(main, ["scopes", "--prefix", "acme", "--json"])
    new = runner.invoke(main, ["scopes", "--scope", "acme", "--json"])
    assert old.exit_code == new.exit_code == 0
    assert json.loads(old.stdout) == json.loads(new.stdout) == {"acme/web": 1}
    shown = runner.invoke(main, ["scopes", "--help"]).stdout
    assert "--scope" in shown and "--prefix" not in shown


def test_no_progress_bar_off_a_terminal() -> None:
    messages = [{"role": "user", "content": f"turn {i}"} for i in range(5)]
    result = CliRunner().invoke(main, ["ingest", "-s", "acme", "-"], input=json.dumps(messages))
    assert result.exit_code == 0
    assert result.stderr == ""


# -- the memory switch -----------------------------------------------------------------------


def test_scope_off_and_on_from_the_command_line() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["add", "-s", "acme/alice", "Alice likes jazz"]).exit_code == 0
    off = runner.invoke(main, ["scope", "off", "acme", "--writes"])
    assert off.exit_code == 0 and off.stdout == "Memory is off for writes in acme.\n"
    refused = runner.invoke(main, ["add", "-s", "acme/alice/work", "Alice codes"])
    assert refused.exit_code == 2
    assert refused.stderr.strip() == (
        "Error: Memory is off for writes in acme/alice/work (switched off on acme): nothing "
        "was stored. Turn it back on with 'memstack scope on acme'."
    )
    assert runner.invoke(main, ["scope", "off", "acme/alice", "--reads"]).exit_code == 0
    search = runner.invoke(main, ["search", "-s", "acme/alice", "jazz", "--json"])
    assert json.loads(search.stdout) == []
    assert "Memory is off for reads in acme/alice" in search.stderr
    plain = runner.invoke(main, ["search", "-s", "acme/alice", "jazz"])
    assert plain.stdout.startswith("Memory is off for reads in acme/alice: nothing was searched")
    prompt = json.loads(runner.invoke(main, ["compile", "-s", "acme/alice", "-q", "jazz",
                                             "--json"]).stdout)  # fmt: skip
    assert prompt["memory_off"] and prompt["stable"] == prompt["recall"] == ""
    status = json.loads(runner.invoke(main, ["scope", "status", "--json"]).stdout)
    assert [(s["scope"], s["reads_off"], s["writes_off"]) for s in status] == [
        ("acme", False, True), ("acme/alice", True, False),
    ]  # fmt: skip
    on = runner.invoke(main, ["scope", "on", "acme/alice"])
    assert on.stdout.splitlines() == [
        "Memory is off for writes in acme/alice.",
        "It is switched off on acme: 'memstack scope on acme'.",
    ]
    assert runner.invoke(main, ["scope", "on", "acme"]).exit_code == 0
    found = runner.invoke(main, ["search", "-s", "acme/alice", "jazz", "--json"])
    assert [h["text"] for h in json.loads(found.stdout)] == ["Alice likes jazz"]
    assert runner.invoke(main, ["scope", "status"]).stdout == "Memory is on everywhere.\n"


# -- --json everywhere, progress at a terminal -----------------------------------------------

#: Commands without --json, and why: an editor session and three protocol servers.
NO_JSON = {("edit",), ("mcp",), ("serve",), ("proxy",)}


def _leaves(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    ctx = click.Context(group)
    out: list[tuple[str, ...]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            out += _leaves(command, (*prefix, name))
        else:
            out.append((*prefix, name))
    return out


@pytest.mark.parametrize("path", _leaves(main), ids=" ".join)
def test_every_command_has_json_output(path: tuple[str, ...]) -> None:
    ctx = click.Context(main)
    command: click.Command | None = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.get_command(ctx, name)
    assert command is not None
    has = any("--json" in getattr(p, "opts", []) for p in command.params)
    assert has != (path in NO_JSON), f"memstack {' '.join(path)}"


def test_json_of_the_commands_that_gained_it(tmp_path: Path) -> None:
    runner = CliRunner()

    def j(*args: str, input: str | None = None) -> object:
        result = runner.invoke(main, [*args, "--json"], input=input)
        assert result.exit_code == 0, (args, result.output)
        return json.loads(result.stdout)

    assert j("migrate")["schema_version"] >= 8  # type: ignore[index]
    rec = j("add", "-s", "acme", "Use tabs")
    doc = j("render", "-s", "acme")["markdown"]  # type: ignore[index]
    assert "Use tabs" in doc
    applied = j("apply", "-s", "acme", "-", "--yes", input=doc + "- Use spaces in YAML\n")
    assert applied["applied"] and len(applied["added"]) == 1  # type: ignore[index]
    assert j("policy", "set", "acme", "auto", "--kind", "fact") == {
        "scope_prefix": "acme", "kind": "fact", "mode": "auto",
    }  # fmt: skip
    assert j("reindex")["reembedded"] == 0  # type: ignore[index]
    assert j("worker", "--once") == {"processed": 0}
    out = tmp_path / "CLAUDE.md"
    wrote = j("export", "-s", "acme", "-f", "claude", "-o", str(out))
    assert wrote["output"] == str(out) and wrote["action"] == "create"  # type: ignore[index]
    assert "Use tabs" in out.read_text("utf-8")
    assert j("delete", rec["id"]) == {"deleted": rec["id"]}  # type: ignore[index]


def test_progress_shows_at_a_terminal(tmp_path: Path) -> None:
    import pty

    chat = tmp_path / "chat.json"
    chat.write_text(json.dumps([{"role": "user", "content": f"turn {i}"} for i in range(3)]))
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "memstack", "ingest", "-s", "acme", str(chat)], cwd=tmp_path,
            env=_env(MEMSTACK_HOME=str(tmp_path / "home")), stdout=subprocess.PIPE,
            stderr=follower, timeout=120,
        )  # fmt: skip
        os.close(follower)
        follower = -1
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    assert done.returncode == 0
    assert b"Ingesting" in seen and b"Creating a new memstack store" in seen
    assert done.stdout == b"Ingested 3 turn(s) into acme.\n"
