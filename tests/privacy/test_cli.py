"""The privacy commands: forget (refuses without --yes), export, gc, audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from memstack.cli import main
from memstack.cli.privacy import EXPORT_FORMATS

from .canary import CANARY, SCOPE


def run(*args: str, ok: bool = True) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result.output


def test_forget_refuses_without_yes_and_says_how(home: Path) -> None:
    run("add", "-s", SCOPE, f"note {CANARY}")
    result = CliRunner().invoke(main, ["forget", "-s", SCOPE])
    assert result.exit_code == 2
    assert "Refusing to erase EVERYTHING held for acme/u-4f2c" in result.output
    assert "--yes" in result.output
    assert CANARY in run("list", "-s", SCOPE)


def test_forget_with_yes_prints_a_receipt(home: Path) -> None:
    run("add", "-s", SCOPE, f"note {CANARY}")
    run("add", "-s", SCOPE, "another note")
    out = run("forget", "-s", SCOPE, "--match", CANARY.lower(), "--reason", "ticket 3", "--yes")
    assert (
        "Erased from acme/u-4f2c: 1 memory (1 version)" in out
        and "physical erasure complete" in out
    )
    receipt = json.loads(run("forget", "-s", SCOPE, "--yes", "--json"))
    assert receipt["counts"]["records"] == 1 and receipt["scope"] == SCOPE and receipt["complete"]
    assert "No memories." in run("list", "-s", SCOPE)


def test_forget_by_id_and_bad_combinations(home: Path) -> None:
    rid = json.loads(run("add", "-s", SCOPE, "by id", "--json"))["id"]
    out = run("forget", "-s", SCOPE, "--id", rid, "-y", "--json")
    assert json.loads(out)["ids"] == [rid]
    result = CliRunner().invoke(main, ["forget", "-s", SCOPE, "--id", rid, "--match", "x", "-y"])
    assert result.exit_code == 2 and "either --match or --id" in result.output
    result = CliRunner().invoke(main, ["forget", "-s", SCOPE, "--id", "01NOPE", "-y"])
    assert result.exit_code == 2 and "No memory or history with id '01NOPE'" in result.output


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_export_writes_every_format_to_a_file(home: Path, tmp_path: Path, fmt: str) -> None:
    run("add", "-s", SCOPE, "exported note")
    target = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", "-s", SCOPE, "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "exported note" in target.read_text("utf-8")


def test_export_json_to_stdout(home: Path) -> None:
    run("add", "-s", SCOPE, "exported note")
    doc = json.loads(run("export", "-s", SCOPE))
    assert doc["memories"][0]["text"] == "exported note"
    assert run("export", "-s", SCOPE, "-f", "markdown").startswith(f"# memstack export: `{SCOPE}`")


def test_gc_and_audit(home: Path) -> None:
    run("add", "-s", SCOPE, "expired", "--expires-at", "2000-01-01T00:00:00")
    out = run("gc")
    assert "Erased expired memories: 1 memory" in out
    events = json.loads(run("audit", "-s", SCOPE, "--json"))
    assert [e["action"] for e in events] == ["gc", "add"]
    assert "before" not in events[1] and events[1]["detail"]["erased"]
    table = run("audit", "-s", SCOPE, "--action", "add")
    assert "erased" in table and "expired" not in table  # no text, only the receipt
    assert "No events." in run("audit", "-s", "nobody")


@pytest.mark.parametrize("command", ["forget", "export", "gc", "audit"])
def test_every_privacy_command_has_help(command: str) -> None:
    out = run(command, "--help")
    assert "Usage: main" in out or "Usage: memstack" in out or f" {command} " in out
    assert len(out.splitlines()) > 4
