"""`memstack export` writes the agent files where agents read them; file errors are one line."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from memstack.cli import main


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    r = CliRunner()
    added = r.invoke(main, ["add", "--scope", "acme/web", "Use tabs", "--kind", "rule"])
    assert added.exit_code == 0
    return r


@pytest.mark.parametrize(
    ("fmt", "path"),
    [("claude", "CLAUDE.md"), ("agents", "AGENTS.md"), ("cursor", ".cursor/rules/memstack.mdc")],
)
def test_agent_formats_write_their_default_file(runner: CliRunner, fmt: str, path: str) -> None:
    result = runner.invoke(main, ["export", "--scope", "acme/web", "--format", fmt])
    assert result.exit_code == 0, result.output
    text = Path(path).read_text("utf-8")
    assert "Use tabs" in text
    if fmt == "cursor":
        assert text.startswith("---\n") and "alwaysApply: true" in text


def test_unwritable_output_is_one_error_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", "--scope", "acme/web", "-o", "/proc/none/x.json"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error:")
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
