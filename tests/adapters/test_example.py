"""``examples/langgraph_agent.py`` runs offline as written and remembers across turns."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "langgraph_agent.py"


def test_the_langgraph_example_runs_and_recalls_the_earlier_turn(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("langgraph")
    spec = importlib.util.spec_from_file_location("langgraph_agent", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    replies = module.main()
    assert len(replies) == 3
    assert "vegetarian and allergic to peanuts" in replies[2]  # found by the later question
    assert "[demo/agent/users/alice/_]" in capsys.readouterr().out
