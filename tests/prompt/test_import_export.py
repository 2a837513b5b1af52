"""Agent files out (CLAUDE.md, AGENTS.md, Cursor rules); any export back in, proposed or at once."""

from __future__ import annotations

import json

import pytest

from memstack import Memory, Refused, UsageError
from memstack.prompt.files import export_formats, parse_import

SCOPE = "acme/web"
SECRET = "ghp_Zq7xR2mK9vL4nP8sT1wY5bC3dF6gH0jA2eU7"


def seed(mem: Memory) -> None:
    mem.add(SCOPE, "Use uv, not pip.", kind="rule", topic="tooling")
    mem.add(SCOPE, "Never commit to main directly.", kind="rule", pinned=True)
    mem.add(SCOPE, "The API is written in FastAPI.", topic="stack")
    mem.ingest_conversation(SCOPE, [{"role": "user", "content": "Private chat about my dentist."}])
    mem.add("acme", "An org-wide rule that belongs to the parent.", kind="rule")


@pytest.mark.parametrize(
    ("fmt", "name", "first"),
    [
        ("claude", "CLAUDE.md", "# CLAUDE.md"),
        ("agents", "AGENTS.md", "# AGENTS.md"),
        ("cursor", ".cursor/rules/memstack.mdc", "---"),
    ],
)
def test_agent_files_hold_the_scopes_rules_and_facts(
    mem: Memory, fmt: str, name: str, first: str
) -> None:
    seed(mem)
    got_name, text = mem.agent_file(SCOPE, fmt)
    assert got_name == name and text.splitlines()[0] == first
    assert "Use uv, not pip." in text and "FastAPI" in text
    assert "dentist" not in text  # episodes never leave the store in an agent file
    assert "org-wide" not in text  # only the scope's own memories
    assert [(i.kind, i.text, i.topic, i.pinned) for i in parse_import(text)] == [
        ("rule", "Never commit to main directly.", None, True),
        ("rule", "Use uv, not pip.", "tooling", False),
        ("fact", "The API is written in FastAPI.", "stack", False),
    ]
    assert mem.agent_file(SCOPE, fmt) == (name, text)  # deterministic


def test_the_cursor_rule_has_the_front_matter_cursor_needs(mem: Memory) -> None:
    seed(mem)
    text = mem.agent_file(SCOPE, "cursor")[1]
    front = text.split("---\n")[1]
    assert front == (
        'description: "memstack memory for scope acme/web: approved rules and facts"\n'
        "globs:\nalwaysApply: true\n"
    )
    assert set(export_formats()) == {"claude", "agents", "cursor"}
    with pytest.raises(UsageError, match="Unknown agent file format"):
        mem.agent_file(SCOPE, "windsurf")


def test_import_without_approval_makes_proposals_for_review(mem: Memory) -> None:
    seed(mem)
    text = mem.agent_file(SCOPE, "claude")[1]
    result = mem.import_memories("acme/mobile", text, author="carol", source_name="CLAUDE.md")
    assert len(result.items) == 3 and not result.added and not result.skipped
    assert mem.list("acme/mobile", kind=["rule", "fact"]) == [
        r for r in mem.list("acme") if r.scope == "acme"
    ]  # nothing written yet, only the parent's rule is visible
    pending = mem.proposals("acme/mobile")
    assert [(p.op, p.kind, p.text, p.source.origin, p.source.author) for p in pending] == [
        ("add", "rule", "Never commit to main directly.", "import", "carol"),
        ("add", "rule", "Use uv, not pip.", "import", "carol"),
        ("add", "fact", "The API is written in FastAPI.", "import", "carol"),
    ]
    assert pending[0].rationale == "Imported from CLAUDE.md (pinned in the file)"
    again = mem.import_memories("acme/mobile", text, author="carol")
    assert again.proposals == () and len(again.skipped) == 3  # already waiting for review
    for p in pending:
        mem.approve(p.id, reviewer="dave", content_hash=p.content_hash)
    assert len([r for r in mem.list("acme/mobile") if r.scope == "acme/mobile"]) == 3
    assert len(mem.import_memories("acme/mobile", text).skipped) == 3


def test_import_with_approval_applies_at_once_in_one_go(mem: Memory) -> None:
    seed(mem)
    text = mem.agent_file(SCOPE, "agents")[1]
    result = mem.import_memories("acme/mobile", text, author="carol", approve=True)
    assert len(result.added) == 3 and mem.proposals("acme/mobile") == []
    rule = next(r for r in result.added if r.text == "Never commit to main directly.")
    assert rule.pinned and rule.source.origin == "import" and rule.source.author == "carol"
    assert mem.history(rule.id)[0].actor == "carol"
    assert mem.render("acme/mobile").count("<!-- m:") == 3
    assert mem.import_memories("acme/mobile", text, approve=True).added == ()


def test_import_reads_a_json_export_and_keeps_only_current_versions(mem: Memory) -> None:
    seed(mem)
    old = mem.add(SCOPE, "The API is written in Flask.")
    mem.update(old.id, "The API was ported from Flask in 2024.")
    export = mem.export(SCOPE).to_json()
    result = mem.import_memories("acme/copy", export, approve=True)
    texts = sorted(r.text for r in result.added)
    assert "The API is written in Flask." not in texts
    assert "The API was ported from Flask in 2024." in texts
    assert "Private chat about my dentist." in texts  # a full export does carry episodes
    listed = json.dumps([r.to_dict() for r in mem.list(SCOPE, kind="rule") if r.scope == SCOPE])
    assert len(mem.import_memories("acme/list", listed, format="json", approve=True).added) == 2


def test_a_file_with_a_secret_imports_nothing(mem: Memory) -> None:
    text = f"# AGENTS.md\n\n## Facts\n\n- Harmless fact\n- The token is {SECRET}\n"
    for approve in (False, True):
        with pytest.raises(Refused):
            mem.import_memories(SCOPE, text, approve=approve)
    assert mem.proposals(SCOPE) == [] and mem.list(SCOPE) == []


def test_malformed_files_are_usage_errors(mem: Memory) -> None:
    with pytest.raises(UsageError, match="not valid JSON"):
        mem.import_memories(SCOPE, "{nope", format="json")
    with pytest.raises(UsageError, match="Line 3"):  # a render is read strictly
        mem.import_memories(SCOPE, "# X\n## Rules\nnot a bullet\n", format="markdown")
    with pytest.raises(UsageError, match="Unknown import format"):
        mem.import_memories(SCOPE, "", format="yaml")
