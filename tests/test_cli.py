"""The ``memstack`` command line, driven with click's CliRunner.

Every test runs with ``MEMSTACK_HOME`` in a tmp folder and the fake embedder
(see ``tests/conftest.py``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from memstack import Memory
from memstack.cli import main
from memstack.embed.fake import FakeEmbedder
from memstack.store import migrations


def run(*args: str, ok: bool = True, **kw: Any) -> Result:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, **kw)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def run_json(*args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


def add(text: str, scope: str = "acme/alice", *extra: str) -> dict[str, Any]:
    out: dict[str, Any] = run_json("add", "-s", scope, text, *extra)
    return out


def assert_one_line_error(result: Result, *fragments: str) -> None:
    """A non-zero exit and the whole error on one last ``Error:`` line; no usage, no traceback.

    Lines before it may only be progress labels a command printed before failing.
    """
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("Error: "), result.stderr
    assert sum("Error" in line for line in lines) == 1, result.stderr
    assert not any(line.startswith(("Usage:", "Try ")) for line in lines), result.stderr
    assert len(lines) == 1 or lines[:-1] == ["Ingesting"], result.stderr
    for fragment in fragments:
        assert fragment in lines[-1]


# -- memories ----------------------------------------------------------------------------


def test_add_prints_the_new_id(home: Path) -> None:
    result = run("add", "-s", "acme/alice", "Alice is vegan")
    assert result.stdout.startswith("Added fact ") and result.stdout.rstrip().endswith(
        " to acme/alice."
    )
    assert (home / "memstack.db").exists()


def test_add_json_has_every_field() -> None:
    rec = add(
        "Always answer in French",
        "acme",
        "--kind",
        "rule",
        "--topic",
        "style",
        "--pinned",
        "--importance",
        "0.9",
        "--valid-from",
        "2025-01-01T00:00:00",
        "--author",
        "ann",
    )
    assert rec["kind"] == "rule" and rec["topic"] == "style" and rec["pinned"] is True
    assert rec["importance"] == 0.9
    assert rec["valid_from"] == "2025-01-01T00:00:00+00:00"  # no zone means UTC
    assert rec["source"] == {"origin": "human", "author": "ann"}
    assert rec["content_hash"].startswith("sha256:")


def test_search_json_has_score_parts() -> None:
    add("Alice drinks green tea")
    add("Bob rides a bike", "acme/bob")
    hits = run_json("search", "-s", "acme/alice", "green tea")
    assert [h["text"] for h in hits] == ["Alice drinks green tea"]  # acme/bob is not visible
    assert set(hits[0]["parts"]) == {
        "keyword_rank",
        "keyword_score",
        "dense_rank",
        "dense_score",
        "fused",
        "recency",
        "importance",
    }
    assert hits[0]["parts"]["keyword_rank"] == 1 and hits[0]["score"] > 0


def test_search_text_output_and_modes() -> None:
    add("Alice drinks green tea")
    result = run("search", "-s", "acme/alice", "green tea", "--mode", "keyword")
    assert "Alice drinks green tea" in result.stdout and "#1" in result.stdout
    assert "1 hit(s)" in result.stderr and "(keyword)" in result.stderr
    assert "No matches." in run("search", "-s", "acme/alice", "zebra", "--mode", "keyword").stdout


def test_list_show_history_update_delete_round_trip() -> None:
    first = add("Alice lives in Paris")
    add("Alice has a cat")
    listed = run_json("list", "-s", "acme/alice")
    assert [r["text"] for r in listed] == ["Alice lives in Paris", "Alice has a cat"]
    assert (
        run_json("list", "-s", "acme/alice", "--limit", "1", "--offset", "1")[0]["text"]
        == "Alice has a cat"
    )

    shown = run_json("show", first["id"])
    assert shown == first
    assert "Alice lives in Paris" in run("show", first["id"]).stdout

    new = run_json(
        "update", first["id"], "Alice lives in Lisbon", "--reason", "moved", "--author", "bob"
    )
    assert new["id"] != first["id"] and new["text"] == "Alice lives in Lisbon"
    assert run_json("show", first["id"])["superseded_by"] == new["id"]
    assert [r["text"] for r in run_json("list", "-s", "acme/alice")] == [
        "Alice has a cat",
        "Alice lives in Lisbon",
    ]
    assert len(run_json("list", "-s", "acme/alice", "--all-versions")) == 3

    events = run_json("history", new["id"])
    assert [(e["action"], e["actor"]) for e in events] == [("add", "tester"), ("update", "bob")]
    assert events[1]["detail"] == {"supersedes": first["id"], "reason": "moved"}
    assert "update" in run("history", new["id"]).stdout

    assert run("delete", new["id"]).stdout.strip() == f"Deleted {new['id']}."
    assert [e["action"] for e in run_json("history", new["id"])] == ["add", "update", "delete"]
    assert [r["text"] for r in run_json("list", "-s", "acme/alice")] == ["Alice has a cat"]


def test_list_filters_and_empty_output() -> None:
    add("rule one", "acme", "--kind", "rule")
    add("fact one", "acme/alice", "--topic", "diet")
    assert [r["text"] for r in run_json("list", "-s", "acme/alice", "--kind", "rule")] == [
        "rule one"
    ]
    assert [r["text"] for r in run_json("list", "-s", "acme/alice", "--topic", "diet")] == [
        "fact one"
    ]
    assert [r["text"] for r in run_json("list", "-s", "acme", "--descendants")] == [
        "rule one",
        "fact one",
    ]
    assert run("list", "-s", "other").stdout.strip() == "No memories."


# -- maintenance -------------------------------------------------------------------------


def _write(path: Path, data: Any) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return path


MESSAGES = [
    {"role": "user", "name": "Maya", "content": "I signed up for cello lessons."},
    {"role": "assistant", "name": "Tom", "content": "Who is teaching you?"},
]


def test_ingest_a_json_list(tmp_path: Path) -> None:
    path = _write(tmp_path / "conv.json", MESSAGES)
    out = run_json("ingest", "-s", "demo/maya", str(path), "--session-time", "2026-03-02T18:30:00Z")
    assert out["ingested"] == 2 and len(out["ids"]) == 2
    episodes = run_json("list", "-s", "demo/maya")
    assert [e["kind"] for e in episodes] == ["episode", "episode"]
    assert episodes[0]["valid_from"] == "2026-03-02T18:30:00+00:00"
    assert episodes[1]["source"]["speaker"] == "Tom"


def test_ingest_an_object_with_session_fields(tmp_path: Path) -> None:
    data = {
        "messages": MESSAGES,
        "session_time": "2026-04-11T09:15:00+00:00",
        "conversation": "c9",
        "session": "s2",
    }
    path = _write(tmp_path / "conv.json", data)
    assert (
        run("ingest", "-s", "demo/maya", str(path)).stdout.strip()
        == "Ingested 2 turn(s) into demo/maya."
    )
    first = run_json("list", "-s", "demo/maya")[0]
    assert first["valid_from"] == "2026-04-11T09:15:00+00:00"
    assert first["source"]["conversation"] == "c9" and first["source"]["session"] == "s2"


def test_ingest_json_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "conv.jsonl", "\n".join(json.dumps(m) for m in MESSAGES) + "\n")
    assert run_json("ingest", "-s", "demo", str(path))["ingested"] == 2


def test_stats_scopes_and_migrate(home: Path) -> None:
    latest = migrations.load("sqlite")[-1].version
    result = run("migrate")
    assert result.stdout.strip() == f"Schema of {home / 'memstack.db'}: version 0 -> {latest}."
    assert f"version {latest} -> {latest}" in run("migrate").stdout
    add("a", "acme/alice")
    add("b", "acme/alice")
    add("c", "acme2")
    stats = run_json("stats")
    assert stats["memories"] == 3 and stats["scopes"] == 2
    assert stats["schema_version"] == latest and stats["backend"] == "sqlite"
    assert stats["embedder"] == "fake:64:0" and stats["vectors"] == {"fake:64:0": 3}
    assert "memories: 3" in run("stats").stdout
    assert run_json("scopes") == {"acme/alice": 2, "acme2": 1}
    assert run_json("scopes", "--prefix", "acme") == {"acme/alice": 2}
    assert "acme/alice" in run("scopes").stdout
    assert run("scopes", "--prefix", "zzz").stdout.strip() == "No scopes."


def test_reindex_after_an_embedder_switch(home: Path) -> None:
    # A store written with another embedder: search refuses until reindex.
    with Memory(home, embedder=FakeEmbedder(seed=7)) as mem:
        mem.add("acme", "Alice plays the cello")
        mem.add("acme", "Bob rides a bike")
    refused = run("search", "-s", "acme", "cello", ok=False)
    assert_one_line_error(refused, "fake:64:7", "memstack reindex")
    assert refused.exit_code == 1
    assert run("reindex").stdout.strip() == "Re-embedded 2 memories with fake:64:0."
    assert (
        run_json("search", "-s", "acme", "cello", "--mode", "dense")[0]["text"]
        == "Alice plays the cello"
    )
    assert run_json("stats")["vectors"] == {"fake:64:0": 2}
    assert run("reindex").stdout.strip() == "Re-embedded 0 memories with fake:64:0."


# -- home folder --------------------------------------------------------------------------


def test_home_option_beats_the_environment(tmp_path: Path, home: Path) -> None:
    other = tmp_path / "other"
    run("--home", str(other), "add", "-s", "acme", "in other")
    assert (other / "memstack.db").exists()
    assert not (home / "memstack.db").exists()
    assert run_json("--home", str(other), "list", "-s", "acme")[0]["text"] == "in other"


def test_memstack_home_environment_is_used(tmp_path: Path) -> None:
    target = tmp_path / "from-env"
    run("add", "-s", "acme", "via env", env={"MEMSTACK_HOME": str(target)})
    assert (target / "memstack.db").exists()
    assert not (tmp_path / ".memstack").exists()


# -- errors: one line, non-zero exit, never a traceback -------------------------------------


def test_bad_scope_error() -> None:
    result = run("add", "-s", "acme//alice", "text", ok=False)
    assert_one_line_error(result, "Scope 'acme//alice' has an empty segment at position 2")
    assert result.exit_code == 2


def test_unknown_id_errors() -> None:
    run("migrate")
    for args in (
        ["show", "01JNOPE"],
        ["history", "01JNOPE"],
        ["update", "01JNOPE", "x"],
        ["delete", "01JNOPE"],
    ):
        result = run(*args, ok=False)
        assert_one_line_error(result, "01JNOPE")
        assert result.exit_code == 2


def test_missing_file_error(tmp_path: Path) -> None:
    result = run("ingest", "-s", "demo", str(tmp_path / "missing.json"), ok=False)
    assert_one_line_error(result, "missing.json")


def test_malformed_json_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.json", '{"messages": [ {"role": "user", ')
    assert_one_line_error(
        run("ingest", "-s", "demo", str(path), ok=False), "bad.json", "neither JSON nor JSON Lines"
    )


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"turns": []}, "must hold a list of messages"),
        ([{"role": "robot", "content": "beep"}], "Message 0 has role 'robot'"),
        ([{"role": "user", "content": ""}], "Message 0 has no text content"),
    ],
)
def test_invalid_conversation_errors(tmp_path: Path, data: Any, fragment: str) -> None:
    path = _write(tmp_path / "conv.json", data)
    run("migrate")
    assert_one_line_error(run("ingest", "-s", "demo", str(path), ok=False), fragment)
    assert run_json("list", "-s", "demo") == []


def test_text_too_long_error() -> None:
    assert_one_line_error(run("add", "-s", "acme", "x" * 20_001, ok=False), "the limit is 20000")
