"""``memstack import --from mem0|langgraph``: items keep their scopes, times and metadata.

The Mem0 fixtures are written by us in the shape Mem0's ``get_all`` returns
(``{"results": [...]}`` with the promoted ids) and of a platform export
(``{"memories": [...]}``, epoch times). The LangGraph file is made by
``dump_store`` from LangGraph's own ``InMemoryStore``, imported, and then read
back through ``MemstackStore``: moving a LangGraph app onto memstack keeps its items.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from memstack import Memory, UsageError
from memstack.cli import main
from memstack.importers import parse_langgraph, parse_mem0

FIXTURES = Path(__file__).parent / "fixtures"
GET_ALL = FIXTURES / "mem0_get_all.json"
EXPORT = FIXTURES / "mem0_export.json"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def report(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_mem0_rows_become_items_with_scopes_times_and_metadata() -> None:
    items = parse_mem0(GET_ALL.read_text(), "acme")
    first, second, third, empty, *_ = items
    assert (first.scope, first.text) == ("acme/users/alice", "Prefers oat milk in coffee")
    assert first.valid_from == datetime(2024, 7, 26, 17, 29, 36, 630547, tzinfo=UTC)
    assert first.metadata["category"] == "food" and first.metadata["confidence"] == 0.9
    assert first.metadata["mem0"]["categories"] == ["food", "preferences"]
    assert first.metadata["mem0"]["id"] == "3f0c2a6e-8d51-4c1a-9a3e-0b7d5c2e1f01"
    assert second.scope == "acme/users/alice/agents/health_20bot"
    assert second.metadata == {
        "mem0": {"id": second.ref, "hash": "1234567890abcdef1234567890abcdef",
                 "user_id": "alice", "agent_id": "health bot", "run_id": "run-17"},
    }  # fmt: skip
    assert third.scope == "acme/agents/support"
    assert empty.problem == "the item has no 'memory' text."
    exported = parse_mem0(EXPORT.read_text(), "acme")
    assert [i.valid_from for i in exported] == [datetime(2024, 6, 1, 12, 0, tzinfo=UTC)] * 2
    assert exported[0].expires_at == datetime(2030, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [("not json", "not valid JSON"), ('{"rows": []}', "'results' or 'memories' list"),
     ("42", "JSON list or object")],
)  # fmt: skip
def test_a_file_that_is_not_mem0_json_is_refused_as_a_whole(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_mem0(text, "acme")


def test_import_from_mem0_proposes_each_item_and_reports_it(home: Path) -> None:
    out = report(run("import", "--from", "mem0", "--scope", "acme", str(GET_ALL), "--json"))
    statuses = [(row["ref"][:8], row["status"]) for row in out["items"]]
    assert statuses == [
        ("3f0c2a6e", "pending"), ("7a21d4b9", "pending"), ("c9e8f7a6", "pending"),
        ("d1d2d3d4", "invalid"), ("e5e6e7e8", "refused"), ("f9f0f1f2", "pending"),
    ]  # fmt: skip
    injected = out["items"][5]
    assert any(f["category"] in ("injection", "exfiltration") for f in injected["findings"])
    assert "aBcDeFgHiJ" not in json.dumps(out)  # the refused secret is not echoed (masked)
    mem = Memory(home)
    try:
        pending = mem.proposals("acme")
        assert len(pending) == 4 and mem.list("acme", include_descendants=True) == []
        p = next(p for p in pending if p.text == "Prefers oat milk in coffee")
        assert p.scope == "acme/users/alice" and p.metadata is not None
        assert p.metadata["category"] == "food" and p.source.origin == "import"
        rec = mem.get(mem.approve(p.id).result_id or "")
        assert rec.valid_from == datetime(2024, 7, 26, 17, 29, 36, 630547, tzinfo=UTC)
        assert rec.metadata == p.metadata
    finally:
        mem.close()
    again = report(run("import", "--from", "mem0", "--scope", "acme", str(GET_ALL), "--json"))
    # The same proposals come back as they are now (one was approved): nothing twice.
    assert again["counts"] == {"applied": 1, "pending": 3, "invalid": 1, "refused": 1}
    mem = Memory(home)
    try:
        assert len(mem.proposals("acme", state=None)) == 4
    finally:
        mem.close()


def test_import_from_mem0_with_approve_adds_at_once_and_policies_still_apply(home: Path) -> None:
    out = report(
        run("import", "--from", "mem0", "--scope", "acme", str(EXPORT), "--approve", "--json")
    )
    assert out["counts"] == {"added": 2}
    mem = Memory(home)
    try:
        recs = mem.list("acme/users/carol")
        assert [r.metadata.get("source") for r in recs] == ["platform", None]
        assert recs[0].expires_at == datetime(2030, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
        mem.set_policy("acme", "fact", "deny")
    finally:
        mem.close()
    denied = report(run("import", "--from", "mem0", "--scope", "acme2", str(GET_ALL), "--json"))
    assert "rejected" not in denied["counts"]  # acme2 has no deny policy
    out = report(run("import", "--from", "mem0", "--scope", "acme/x", str(GET_ALL), "--json"))
    assert out["counts"]["rejected"] == 4


def test_dry_run_reads_and_screens_without_writing(home: Path) -> None:
    out = report(
        run("import", "--from", "mem0", "--scope", "acme", str(GET_ALL), "--dry-run", "--json")
    )
    assert out["dry_run"] is True
    assert out["counts"] == {"ok": 4, "invalid": 1, "refused": 1}
    assert not (home / "memstack.db").exists()
    text = run("import", "--from", "mem0", "--scope", "acme", str(GET_ALL), "--dry-run")
    assert text.exit_code == 0 and "Would import 6 items from mem0" in text.stdout


def test_bad_input_is_an_error_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    result = run("import", "--from", "mem0", "--scope", "acme", str(bad))
    assert result.exit_code == 2 and "not valid JSON" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    result = run("import", "--from", "mem0", "--scope", "acme", str(tmp_path / "missing.json"))
    assert result.exit_code != 0 and "Cannot read" in result.output
    assert "--from" in run("import", "--help").output


def test_a_langgraph_store_moves_in_and_reads_back_the_same(home: Path, tmp_path: Path) -> None:
    pytest.importorskip("langgraph")
    from langgraph.store.memory import InMemoryStore

    from memstack.adapters.langgraph import MemstackStore, dump_store

    old = InMemoryStore()
    old.put(("users", "alice"), "diet", {"text": "Alice is vegan", "since": 2019})
    old.put(("users", "alice", "prefs"), "tone", {"text": "short answers", "tags": ["style"]})
    old.put(("docs",), "odd key/with space", {"text": "Deploy on Tuesdays"})
    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps(dump_store(old)))
    out = report(
        run("import", "--from", "langgraph", "--scope", "acme/agent", str(dump), "--approve",
            "--json")
    )  # fmt: skip
    assert out["counts"] == {"added": 3}
    mem = Memory(home)
    try:
        new = MemstackStore(mem, root="acme/agent")
        for ns, key in [(("users", "alice"), "diet"), (("users", "alice", "prefs"), "tone"),
                        (("docs",), "odd key/with space")]:  # fmt: skip
            a, b = old.get(ns, key), new.get(ns, key)
            assert a is not None and b is not None
            assert (b.value, b.key, b.namespace, b.created_at) == (
                a.value, a.key, a.namespace, a.created_at
            )
        assert new.list_namespaces() == old.list_namespaces()
        hits = new.search(("users",), query="vegan")
        assert hits[0].key == "diet"
    finally:
        mem.close()


def test_langgraph_dump_rows_with_problems_are_reported_one_by_one() -> None:
    rows = [
        {"namespace": ["a"], "key": "k", "value": {"v": 1}},
        {"namespace": [], "key": "k", "value": {}},
        {"namespace": ["a"], "key": "k2", "value": {"$key": "x"}},
        {"namespace": ["a"] * 9, "key": "k3", "value": {"v": 1}},
        "not an object",
    ]
    items = parse_langgraph(json.dumps(rows), "acme")
    assert [i.problem is None for i in items] == [True, False, False, False, False]
    assert "too deep" in (items[3].problem or "")


def test_the_docstring_examples_run() -> None:
    import doctest

    import memstack.importers as module

    result = doctest.testmod(module, report=True)
    assert result.attempted > 0 and result.failed == 0
