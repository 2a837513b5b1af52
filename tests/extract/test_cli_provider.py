"""``memstack remember --provider/--model/--base-url``: the LLM extractor one flag away.

The OpenAI SDK talks to a local server speaking its wire protocol (tests/llm/wire.py);
a missing SDK is simulated by hiding the module, and must give one line naming the extra.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from memstack.cli import main
from tests.llm.wire import OpenAIServer, openai_completion

REPLY = {
    "memories": [
        {"text": "User lives in Berlin", "kind": "fact", "topic": "home", "turn": 1,
         "excerpt": "I moved to Berlin", "reason": "where the user lives"},
    ]
}  # fmt: skip


def _chat(tmp_path: Path) -> Path:
    path = tmp_path / "chat.json"
    path.write_text(json.dumps([{"role": "user", "content": "I moved to Berlin last week."}]))
    return path


def test_provider_flags_pick_the_llm_extractor(
    tmp_path: Path, openai_server: OpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    openai_server.queue(openai_completion(json.dumps(REPLY)))
    result = CliRunner().invoke(main, [
        "remember", "-s", "acme/alice", str(_chat(tmp_path)), "--provider", "openai",
        "--model", "gpt-4.1-mini", "--base-url", openai_server.base_url, "--json",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [p["text"] for p in out["proposals"]] == ["User lives in Berlin"]
    assert out["extraction"]["model"] == "openai:gpt-4.1-mini"
    assert openai_server.requests[0].json["model"] == "gpt-4.1-mini"


def test_a_provider_without_a_model_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["remember", "-s", "acme", str(_chat(tmp_path)), "--provider", "openai"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: The openai extractor needs a model name.")


@pytest.mark.parametrize(("provider", "sdk"), [("openai", "openai"), ("anthropic", "anthropic")])
def test_a_missing_sdk_is_one_line_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provider: str, sdk: str
) -> None:
    monkeypatch.setitem(sys.modules, sdk, None)  # "import openai" now fails as if not installed
    monkeypatch.delitem(sys.modules, f"memstack.llm.{provider}", raising=False)
    result = CliRunner().invoke(main, [
        "remember", "-s", "acme", str(_chat(tmp_path)), "--provider", provider, "--model", "m",
    ])  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"Error: The {provider} chat provider needs the {sdk!r} package, which is not "
        f"installed. Install it with: pip install 'memstack[{provider}]'."
    ]


def test_provider_flags_do_not_apply_to_background_jobs(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [
        "remember", "-s", "acme", str(_chat(tmp_path)), "--background", "--provider", "openai",
    ])  # fmt: skip
    assert result.exit_code == 2 and "do not apply to --background" in result.stderr
