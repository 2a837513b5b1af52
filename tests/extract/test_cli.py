"""The CLI: memstack remember, worker, extractions, jobs (CliRunner, store in MEMSTACK_HOME)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from memstack.cli import main
from tests.llm.wire import openai_completion

CONVERSATION = {
    "session_time": "2025-03-01T12:00:00+00:00",
    "conversation": "c1",
    "messages": [
        {"role": "user", "content": "Remember that I moved to Berlin yesterday. Never use emojis."},
        {"role": "assistant", "content": "Got it."},
    ],
}


@pytest.fixture
def conv_file(tmp_path: Path) -> Path:
    path = tmp_path / "conv.json"
    path.write_text(json.dumps(CONVERSATION), "utf-8")
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_remember_proposes_and_reports_the_run(conv_file: Path) -> None:
    out = run("remember", str(conv_file), "--scope", "acme/alice")
    assert "User moved to Berlin on 2025-02-28" in out and "Never use emojis" in out
    assert "with cue: 2 candidates, 2 add, 2 proposals. 0 in / 0 out tokens, cost $0.000000." in out
    assert "memstack review" in out
    data = json.loads(run("proposals", "--json"))
    assert sorted(p["text"] for p in data) == [
        "Never use emojis",
        "User moved to Berlin on 2025-02-28",
    ]
    assert {p["source"]["conversation"] for p in data} == {"c1"}


def test_remember_json_and_session_time_option(conv_file: Path) -> None:
    data = json.loads(
        run(
            "remember", str(conv_file), "-s", "acme/alice", "--session-time", "2025-06-10", "--json"
        )
    )
    assert data["extraction"]["status"] == "ok" and data["extraction"]["model"] == "cue"
    assert [p["text"] for p in data["proposals"]] == [
        "User moved to Berlin on 2025-06-09",
        "Never use emojis",
    ]


def test_background_then_worker_once(conv_file: Path) -> None:
    queued = json.loads(
        run("remember", str(conv_file), "-s", "acme/alice", "--background", "--json")
    )
    job = queued["job"]
    assert job["turns"] == 2 and "messages" not in job
    assert job["id"] in run("jobs")
    assert "Processed 1 job(s)." in run("worker", "--once")
    assert run("jobs") == "No queued jobs.\n"
    [x] = json.loads(run("extractions", "--json"))
    assert (x["status"], x["scope"], len(x["proposals"])) == ("ok", "acme/alice", 2)
    assert "Processed 0 job(s)." in run("worker", "--once")


def test_failed_runs_are_listed_with_reason_tokens_and_cost(
    conv_file: Path, openai_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEMSTACK_EXTRACT_PROVIDER", "openai")
    monkeypatch.setenv("MEMSTACK_EXTRACT_MODEL", "gpt-4.1-mini")
    monkeypatch.setenv("MEMSTACK_EXTRACT_URL", openai_server.base_url)
    openai_server.queue(
        openai_completion("nope", prompt_tokens=500),
        openai_completion("still nope", prompt_tokens=500),
    )

    result = CliRunner().invoke(main, ["remember", str(conv_file), "-s", "acme/alice"])

    assert result.exit_code == 1
    assert "Extraction with openai:gpt-4.1-mini failed" in result.output
    assert "memstack extractions --status failed" in result.output
    out = run("extractions", "--status", "failed")
    assert "failed" in out and "openai:gpt-4.1-mini" in out and "1000/20" in out
    assert "Total: 1000 in / 20 out tokens, cost $0.000432." in out
    [x] = json.loads(run("extractions", "--status", "failed", "--json"))
    assert x["raw"] == "still nope" and x["reason"].startswith("unusable model output")
    assert run("extractions", "--status", "ok") == "No extractions.\n"


def test_help_texts() -> None:
    for command in ("remember", "worker", "extractions", "jobs"):
        out = run(command, "--help")
        assert "Usage:" in out
    assert "--background" in run("remember", "--help") and "--once" in run("worker", "--help")
