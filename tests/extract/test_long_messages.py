"""``remember`` with a message longer than a memory may be: read in parts, reported, never refused.

Like ``ingest_conversation`` (tests/review/test_bulk_safety.py), one over-long
message must not sink the whole conversation: it is read as several turns, cut at
paragraph or sentence boundaries, and what was changed is reported per message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from memstack import Memory
from memstack.cli import main
from memstack.extract.llm import LLMExtractor
from memstack.models import TurnChange
from memstack.plan import MAX_TEXT
from tests.llm.wire import openai_completion


def _long_message() -> str:
    para = "The build log said the cache was cold and the tests took a while. " * 40
    body = "\n\n".join(f"Paragraph {i}. {para}" for i in range(12))
    text = body + "\n\nRemember that I deploy on Fridays only."  # the cue sits past the cut
    assert len(text) > MAX_TEXT
    return text


def _messages() -> list[dict[str, Any]]:
    return [
        {"role": "user", "id": "m1", "content": "Remember that I prefer green tea."},
        {"role": "user", "id": "m2", "content": _long_message()},
        {"role": "assistant", "id": "m3", "content": "Noted."},
    ]


def test_remember_reads_a_long_message_in_parts_and_says_so(mem: Memory) -> None:
    found = mem.remember("acme/alice", _messages())
    by_text = {p.text: p for p in found}
    assert set(by_text) == {"User prefers green tea", "User deploys on Fridays only"}
    assert by_text["User deploys on Fridays only"].source.turns == ("m2",)  # the message's id
    [change] = found.changes
    assert (change.index, change.turn, change.secrets) == (1, "m2", ())
    assert change.parts >= 2
    assert found.extraction is not None
    assert f"read turn 1 (id m2): split into {change.parts} parts" in found.extraction.reason


def test_a_short_conversation_reports_no_change(mem: Memory) -> None:
    found = mem.remember("acme/alice", _messages()[:1])
    assert found.changes == () and [p.text for p in found] == ["User prefers green tea"]


def test_the_llm_sees_each_part_as_a_numbered_turn(
    mem: Memory, openai_server: Any, make_openai: Any
) -> None:
    openai_server.queue(openai_completion(json.dumps({"memories": []})))
    mem.extractor = LLMExtractor(make_openai())
    found = mem.remember("acme/alice", _messages())
    n = found.changes[0].parts
    [sent] = openai_server.requests
    schema = sent.json["response_format"]["json_schema"]["schema"]
    turns = schema["properties"]["memories"]["items"]["properties"]["turn"]["enum"]
    assert turns == list(range(1, n + 3))  # m1, the n parts of m2, m3
    assert found.changes == (TurnChange(1, "m2", (), n),)


def test_cli_remember_reports_the_split_message(tmp_path: Path) -> None:
    path = tmp_path / "chat.json"
    path.write_text(json.dumps({"messages": _messages()}), "utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["remember", str(path), "-s", "acme/alice"])
    assert out.exit_code == 0, out.output
    assert "User deploys on Fridays only" in out.stdout
    assert "read turn 1 (id m2): split into" in out.stdout
    as_json = runner.invoke(main, ["remember", str(path), "-s", "acme/bob", "--json"])
    data = json.loads(as_json.stdout)
    assert [(c["index"], c["turn"]) for c in data["changes"]] == [(1, "m2")]
    assert data["changes"][0]["parts"] >= 2
