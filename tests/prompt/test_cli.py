"""The prompt commands through click's CliRunner: compile, render, apply, edit, export, import."""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from memstack import Memory
from memstack.cli import main

SCOPE = "acme/alice"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def ids(tmp_path: Path) -> dict[str, str]:
    """Seed the store under MEMSTACK_HOME; return the memory ids."""
    mem = Memory()
    try:
        return {
            "rule": mem.add("acme", "Answer in British English.", kind="rule").id,
            "diet": mem.add(SCOPE, "Alice is vegetarian.", topic="diet", pinned=True).id,
            "job": mem.add(SCOPE, "Alice works at Acme.").id,
            "said": mem.ingest_conversation(
                SCOPE, [{"role": "user", "name": "alice", "content": "I moved to Berlin."}]
            )[0].id,
        }
    finally:
        mem.close()


def current_texts(scope: str = SCOPE) -> list[str]:
    with Memory() as mem:
        return sorted(r.text for r in mem.list(scope) if r.scope == scope)


def test_compile_prints_the_stable_block_recall_tokens_and_digest(ids: dict[str, str]) -> None:
    r = run("compile", "--scope", SCOPE, "--query", "Where did Alice move?")
    assert r.exit_code == 0, r.output
    assert "Stable block: " in r.stdout and "<rules>" in r.stdout
    assert "Answer in British English." in r.stdout
    assert '· alice said] "I moved to Berlin."' in r.stdout
    digest = re.search(r"Stable digest: sha256:([0-9a-f]{64})", r.stdout)
    assert digest
    data = json.loads(run("compile", "-s", SCOPE, "-q", "Berlin?", "--json").stdout)
    assert data["stable_digest"] == digest.group(1)
    assert set(data) >= {"stable", "recall", "stable_tokens", "recall_tokens", "stable_ids"}
    assert data["stable_tokens"] <= 2000 and data["recall_ids"] == [ids["said"]]
    other = json.loads(run("compile", "-s", SCOPE, "-q", "diet", "--json", "--recall", "99").stdout)
    assert other["stable_digest"] == data["stable_digest"]  # same memory, another query


def test_compile_payload(ids: dict[str, str]) -> None:
    r = run("compile", "-s", SCOPE, "-q", "Where now?", "--provider", "openai", "--payload")
    body = json.loads(r.stdout)
    assert body["prompt_cache_key"].startswith("ms-")
    assert body["messages"][-1]["content"][-1] == {"type": "text", "text": "Where now?"}
    assert run("compile", "-s", SCOPE, "--payload").exit_code == 2


def test_render_to_stdout_and_file(ids: dict[str, str], tmp_path: Path) -> None:
    r = run("render", "--scope", SCOPE)
    assert r.exit_code == 0
    with Memory() as mem:
        assert r.stdout == mem.render(SCOPE)
    out = tmp_path / "alice.md"
    assert run("render", "-s", SCOPE, "-o", str(out)).exit_code == 0
    assert out.read_text("utf-8") == r.stdout


def test_apply_shows_the_diff_then_asks(ids: dict[str, str], tmp_path: Path) -> None:
    doc = tmp_path / "alice.md"
    doc.write_text(
        run("render", "-s", SCOPE).stdout.replace("Alice works at Acme.", "Alice works at Initech.")
        .replace("### diet\n\n", "### diet\n\n- Allergic to nuts\n"),
        "utf-8",
    )  # fmt: skip
    dry = run("apply", "-s", SCOPE, str(doc), "--dry-run")
    assert dry.exit_code == 0
    assert "+ [fact (diet)] Allergic to nuts" in dry.stdout
    assert f"~ {ids['job']} (text)" in dry.stdout
    assert "now: [fact] Alice works at Initech." in dry.stdout
    assert "1 added, 1 edited, 0 removed" in dry.stdout
    no = run("apply", "-s", SCOPE, str(doc), input="n\n")
    assert no.exit_code == 1 and "Aborted" in no.output
    assert "Alice works at Acme." in current_texts()
    yes = run("apply", "-s", SCOPE, str(doc), "--reviewer", "bob", input="y\n")
    assert yes.exit_code == 0, yes.output
    assert "Apply these changes to acme/alice as bob?" in yes.stdout
    assert current_texts() == [
        "Alice is vegetarian.", "Alice works at Initech.", "Allergic to nuts", "I moved to Berlin."
    ]  # fmt: skip
    again = run("apply", "-s", SCOPE, "-", "--yes", input=run("render", "-s", SCOPE).stdout)
    assert again.exit_code == 0 and "No changes." in again.stdout


def test_apply_refuses_a_tampered_marker(ids: dict[str, str], tmp_path: Path) -> None:
    doc = tmp_path / "alice.md"
    fake = "01HXNOTAREALIDNOTAREALID00"
    doc.write_text(run("render", "-s", SCOPE).stdout.replace(ids["job"], fake))
    r = run("apply", "-s", SCOPE, str(doc), "--yes")
    assert r.exit_code == 2
    assert "is not a current memory of 'acme/alice'" in r.output and "Traceback" not in r.output
    assert "Alice works at Acme." in current_texts()


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    """Point $EDITOR at a Python script that rewrites the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\ntext = p.read_text()\n"
        + code
        + "\np.write_text(text)\n"
    )
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    monkeypatch.delenv("VISUAL", raising=False)


def test_edit_opens_the_render_in_the_editor_and_applies_on_confirmation(
    ids: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, monkeypatch, "text = text.replace('vegetarian', 'vegan')")
    r = run("edit", "--scope", SCOPE, input="y\n")
    assert r.exit_code == 0, r.output
    assert f"~ {ids['diet']} (text)" in r.stdout and "Applied to acme/alice." in r.stdout
    assert "Alice is vegan." in current_texts()
    with Memory() as mem:
        vegan = next(x for x in mem.list(SCOPE) if x.text == "Alice is vegan.")
        assert vegan.pinned and vegan.topic == "diet" and vegan.source.author == "tester"


def test_edit_without_changes_and_with_a_broken_marker(
    ids: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, monkeypatch, "text = text")
    assert "No changes." in run("edit", "-s", SCOPE).stdout
    editor(tmp_path, monkeypatch, f"text = text.replace('{ids['job']} -->', '{ids['job']}')")
    r = run("edit", "-s", SCOPE, "--yes")
    assert r.exit_code == 2 and "malformed memory marker" in r.output
    saved = re.search(r"Your edit is saved in (\S+\.md)", r.output)
    assert saved and ids["job"] in Path(saved.group(1)).read_text("utf-8")
    draft = Path(saved.group(1))
    with Memory() as mem:  # memory never leaves the store folder
        assert draft.parent == mem.home / "drafts" and oct(draft.stat().st_mode & 0o777) == "0o600"
    tempdir = Path(tempfile.gettempdir())
    assert not [p for p in tempdir.glob("memstack-edit-*") if p.stat().st_mtime > time.time() - 60]
    # Fixed, the saved draft applies as it is (its first line names the scope).
    draft.write_text(draft.read_text("utf-8").replace(f"{ids['job']}\n", f"{ids['job']} -->\n"))
    fixed = run("apply", "-s", SCOPE, str(draft), "--yes")
    assert fixed.exit_code == 0, fixed.output
    draft.unlink()


def test_forget_deletes_the_saved_drafts_of_the_scope(
    ids: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, monkeypatch, f"text = text.replace('{ids['job']} -->', '{ids['job']}')")
    r = run("edit", "-s", SCOPE, "--yes")
    saved = re.search(r"Your edit is saved in (\S+\.md)", r.output)
    assert saved and Path(saved.group(1)).exists()
    gone = run("forget", "-s", "acme", "--yes", "--json")
    assert gone.exit_code == 0, gone.output
    assert not Path(saved.group(1)).exists()
    assert "drafts:1" in json.loads(gone.stdout)["physical"]


def test_edit_leaves_no_draft_behind_once_applied(
    ids: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, monkeypatch, "text = text.replace('vegetarian', 'vegan')")
    assert run("edit", "-s", SCOPE, "--yes").exit_code == 0
    with Memory() as mem:
        assert list((mem.home / "drafts").glob("*")) == []


@pytest.mark.parametrize(("fmt", "first"), [("claude", "# CLAUDE.md"), ("agents", "# AGENTS.md"),
                                            ("cursor", "---")])  # fmt: skip
def test_export_writes_agent_files(
    ids: dict[str, str], tmp_path: Path, fmt: str, first: str
) -> None:
    r = run("export", "--scope", SCOPE, "--format", fmt, "-o", "-")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == first
    assert "Alice is vegetarian." in r.stdout and "Berlin" not in r.stdout
    out = tmp_path / "out.md"
    assert run("export", "-s", SCOPE, "-f", fmt, "-o", str(out)).exit_code == 0
    # A file gets the same text inside memstack's marked section.
    written = out.read_text("utf-8").splitlines()
    assert any(line.startswith("<!-- memstack:begin") for line in written)
    assert "<!-- memstack:end -->" in written
    assert [line for line in r.stdout.splitlines() if line] == [line for line in written if line]


def test_import_proposes_or_applies_with_approve(ids: dict[str, str], tmp_path: Path) -> None:
    claude = tmp_path / "CLAUDE.md"
    claude.write_text(run("export", "-s", SCOPE, "-f", "claude", "-o", "-").stdout, "utf-8")
    r = run("import", str(claude), "--scope", "acme/bob")
    assert r.exit_code == 0, r.output
    assert "Proposed 2 memories for acme/bob" in r.stdout
    with Memory() as mem:
        assert sorted((p.text, p.source.origin) for p in mem.proposals("acme/bob")) == [
            ("Alice is vegetarian.", "import"), ("Alice works at Acme.", "import")
        ]  # fmt: skip
    assert current_texts("acme/bob") == []
    again = json.loads(run("import", str(claude), "-s", "acme/bob", "--json").stdout)
    assert again == {"read": 2, "skipped": 2, "proposals": [], "added": []}

    r = run("import", str(claude), "-s", "acme/carol", "--approve", "--author", "carol")
    assert r.exit_code == 0 and "Imported 2 memories into acme/carol." in r.stdout
    assert current_texts("acme/carol") == ["Alice is vegetarian.", "Alice works at Acme."]
    cursor = tmp_path / "memstack.mdc"
    cursor.write_text(run("export", "-s", SCOPE, "-f", "cursor", "-o", "-").stdout, "utf-8")
    r = run("import", str(cursor), "-s", "acme/carol", "--approve")
    assert "Imported 0 memories into acme/carol (2 already present)." in r.stdout
    dump = tmp_path / "export.json"
    dump.write_text(run("export", "-s", SCOPE, "-f", "json").stdout, "utf-8")
    r = run("import", str(dump), "-s", "acme/dave", "--approve")
    assert "Imported 3 memories into acme/dave." in r.stdout  # JSON carries the episode too
