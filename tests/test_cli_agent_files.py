"""`memstack export --format claude|agents|cursor` never overwrites a user's file (issue 10.6).

memstack writes only between its begin/end markers; a file without them is
refused unless --force (which appends); --dry-run shows the diff; each write is
in the audit log, and `forget` names the file in its receipt.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from memstack.cli import main

MINE = "# Team notes\n\nWe deploy on Fridays only after 10:00.\n\n- Ask Sam before touching CI\n"


def run(*args: str, ok: bool = True) -> Result:
    result = CliRunner().invoke(main, list(args))
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run("add", "--scope", "acme/web", "Use tabs", "--kind", "rule")


def test_a_file_without_markers_is_refused_and_left_as_it_was() -> None:
    Path("CLAUDE.md").write_text(MINE)
    r = run("export", "-s", "acme/web", "-f", "claude", ok=False)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert r.output.startswith("Error: CLAUDE.md exists and has no memstack section")
    assert "--force" in r.output
    assert Path("CLAUDE.md").read_text() == MINE


def test_force_appends_and_later_exports_touch_only_the_section() -> None:
    Path("AGENTS.md").write_text(MINE)
    run("export", "-s", "acme/web", "-f", "agents", "--force")
    first = Path("AGENTS.md").read_text()
    assert first.startswith(MINE) and "Use tabs" in first
    # The user edits around the section; memstack's next export keeps every edit.
    edited = first.replace(MINE, MINE + "\nMore notes of mine.\n") + "\n## Footer of mine\n"
    Path("AGENTS.md").write_text(edited)
    run("add", "--scope", "acme/web", "Run ruff before committing", "--kind", "rule")
    run("export", "-s", "acme/web", "-f", "agents")
    after = Path("AGENTS.md").read_text()
    assert after.startswith(MINE + "\nMore notes of mine.\n")
    assert after.endswith("<!-- memstack:end -->\n\n## Footer of mine\n")
    assert "Run ruff before committing" in after and after.count("memstack:begin") == 1


def test_dry_run_shows_the_diff_and_writes_nothing() -> None:
    run("export", "-s", "acme/web", "-f", "claude")
    before = Path("CLAUDE.md").read_text()
    run("add", "--scope", "acme/web", "Prefer pathlib", "--kind", "rule")
    r = run("export", "-s", "acme/web", "-f", "claude", "--dry-run")
    assert "+++ CLAUDE.md (memstack export)" in r.stdout
    assert any(ln.startswith("+- Prefer pathlib") for ln in r.stdout.splitlines())
    assert Path("CLAUDE.md").read_text() == before


def test_markers_that_do_not_pair_up_are_refused_even_with_force() -> None:
    Path("CLAUDE.md").write_text(MINE + "<!-- memstack:begin scope=acme/web -->\n- half\n")
    r = run("export", "-s", "acme/web", "-f", "claude", "--force", ok=False)
    assert r.exit_code == 2
    assert "CLAUDE.md do not pair up (begin on line 6; no end marker)" in r.output
    assert Path("CLAUDE.md").read_text().startswith(MINE)


def test_the_audit_log_and_the_forget_receipt_name_the_exported_file(tmp_path: Path) -> None:
    run("export", "-s", "acme/web", "-f", "cursor")
    path = str((tmp_path / ".cursor/rules/memstack.mdc").resolve())
    events = json.loads(run("audit", "-s", "acme", "-a", "export", "--json").stdout)
    assert [(e["scope"], e["detail"]["format"], e["detail"]["file"]) for e in events] == [
        ("acme/web", "cursor", path)
    ]
    receipt = run("forget", "-s", "acme/web", "--yes")
    assert "Still outside the store (delete or regenerate it): " in receipt.stdout
    assert f"cursor {path}" in receipt.stdout
    # A later export of another scope is not a copy of this one.
    run("add", "--scope", "acme/api", "Use black", "--kind", "rule")
    run("export", "-s", "acme/api", "-f", "claude")
    receipt = json.loads(run("forget", "-s", "acme/web", "--yes", "--json").stdout)
    assert [c.split(" ", 1)[1] for c in receipt["copies"]] == [f"cursor {path}"]
