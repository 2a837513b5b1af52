"""``memstack demo`` shows the main job, offline, on our own sample conversation.

These run the demo in-process, so the test suite's network guard is active: with the
shipped ONNX embedder (no download) nothing reaches the network.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from memstack.cli import main
from memstack.cli.demo import load_sample


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEMSTACK_EMBEDDER", "onnx")  # the shipped model, as a user runs it
        result = CliRunner().invoke(main, ["demo", "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_proposals_include_a_supersession_and_a_flagged_one(report: dict[str, Any]) -> None:
    by_op = {p["op"]: p for p in report["proposals"]}
    porto = next(r for r in report["earlier"] if "Porto" in r["text"])
    assert by_op["supersede"]["target"] == porto["id"]
    assert "Lisbon" in by_op["supersede"]["text"]
    flagged = [p for p in report["proposals"] if any(":high" in f for f in p["findings"])]
    assert [p["decision"] for p in flagged] == ["rejected"]
    assert "ignore all previous instructions" in flagged[0]["text"]
    assert {p["decision"] for p in report["proposals"] if p not in flagged} == {"approved"}


def test_the_stable_block_is_the_same_for_every_question(report: dict[str, Any]) -> None:
    first, second = report["prompts"]
    assert first["stable_digest"] == second["stable_digest"]
    assert "Lisbon" in first["stable"] and "Porto" not in first["stable"]
    assert "ignore all previous" not in first["stable"]
    assert first["stable_tokens"] > 0 and first["history_tokens"] > 0
    assert "Maya said" in first["recall"]  # episodes are quoted with their speaker


def test_the_exported_claude_md_holds_the_approved_memory(report: dict[str, Any]) -> None:
    assert report["agent_file"]["name"] == "CLAUDE.md"
    text = report["agent_file"]["text"]
    assert "Maya is vegetarian" in text and "Answer in British English" in text
    assert "ignore all previous" not in text and "Porto" not in text


def test_the_text_output_fits_100_columns_and_names_every_step() -> None:
    sample = load_sample()
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    for step in ("1. Memory of demo/maya", "2. Today's conversation", "3. Proposals extracted",
                 "4. Review", "5. The prompt compiled for", "6. The CLAUDE.md"):  # fmt: skip
        assert any(line.startswith(step) for line in lines), step
    assert "same stable digest" in result.stdout
    for message in sample["messages"]:
        if message["role"] == "user":
            assert any(line.startswith("   Maya ") for line in lines)


def test_own_questions_replace_the_sample_ones() -> None:
    result = CliRunner().invoke(main, ["demo", "-q", "Is Maya vegetarian?", "--json"])
    assert result.exit_code == 0, result.output
    assert [p["question"] for p in json.loads(result.stdout)["prompts"]] == ["Is Maya vegetarian?"]
