"""Settings choose the extractor: offline cues by default, a chat-model plugin when configured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from memstack import Memory, UsageError
from memstack.config import resolve
from memstack.extract import CueExtractor, build_extractor
from memstack.extract.llm import LLMExtractor
from tests.llm.wire import openai_completion

from .conftest import user


def test_default_is_the_offline_cue_extractor() -> None:
    settings = resolve()
    assert settings.extract_provider == "none"
    assert isinstance(build_extractor(settings), CueExtractor)


def test_a_provider_needs_a_model() -> None:
    with pytest.raises(UsageError, match="MEMSTACK_EXTRACT_MODEL"):
        build_extractor(resolve(extract_provider="openai"))


def test_unknown_provider_lists_the_known_ones() -> None:
    with pytest.raises(UsageError, match="known: .*anthropic.*openai"):
        build_extractor(resolve(extract_provider="nosuch", extract_model="m"))


def test_openai_compatible_server_from_the_environment(
    openai_server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MEMSTACK_EXTRACT_PROVIDER", "openai")
    monkeypatch.setenv("MEMSTACK_EXTRACT_MODEL", "llama3.1:8b")
    monkeypatch.setenv("MEMSTACK_EXTRACT_URL", openai_server.base_url)
    monkeypatch.setenv("MEMSTACK_EXTRACT_TIMEOUT", "7.5")
    mem = Memory(tmp_path / "h")
    extractor = mem.extractor
    assert isinstance(extractor, LLMExtractor)
    assert extractor.id == "openai:llama3.1:8b"
    assert extractor.model.base_url == openai_server.base_url  # type: ignore[attr-defined]
    assert extractor.model.timeout == 7.5  # type: ignore[attr-defined]
    reply = {"memories": [{"text": "User prefers tea", "kind": "fact", "topic": None, "turn": 1,
                           "excerpt": "I like tea", "reason": "preference"}]}  # fmt: skip
    openai_server.queue(openai_completion(json.dumps(reply), model="llama3.1:8b"))
    assert [p.text for p in mem.remember("acme/alice", user("I like tea"))] == ["User prefers tea"]
    assert openai_server.requests[0].headers["authorization"] == "Bearer no-key-needed"
    mem.close()


def test_config_file(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text(
        'extract_provider = "anthropic"\nextract_model = "claude-haiku-4-5"\n'
    )
    settings = resolve(home)
    assert (settings.extract_provider, settings.extract_model) == ("anthropic", "claude-haiku-4-5")


def test_an_assigned_extractor_is_used_and_not_closed(tmp_path: Path) -> None:
    class Tracking(CueExtractor):
        closed = False

        def close(self) -> None:
            self.closed = True

    mem = Memory(tmp_path / "h")
    mine = Tracking()
    mem.extractor = mine
    assert mem.remember("acme/a", user("I prefer tea")).extraction.model == "cue"  # type: ignore[union-attr]
    with pytest.raises(UsageError, match="Extractor"):
        mem.extractor = "cue"  # type: ignore[assignment]
    mem.close()
    assert not mine.closed
