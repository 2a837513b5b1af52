"""The door examples under examples/ run offline and show what their docs promise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECT = {
    "mcp_http.py": ["memory_remember", "search: ['Alice is vegetarian']",
                    "pending in the store: ['Alice is allergic to nuts']"],
    "openai_proxy.py": ["I was sent 1 system message(s)", "prompt_cache_key: ms-",
                        "proposed for review: ['User prefers spicy food']",
                        "'cached_tokens': 1024"],
    "anthropic_memory_tool.py": ["tool [error]: The path /memories/../../etc/passwd is not allowed",
                                 "pending review: [('update', 'Alice lives in York')]",
                                 "memory now: ['Alice lives in Leeds']"],
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECT))
def test_example_runs(name: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEMSTACK_")}
    env["MEMSTACK_EMBEDDER"] = "fake"  # the examples use the shipped model; fast here
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], env=env, cwd=tmp_path, capture_output=True,
        text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    for expected in EXPECT[name]:
        assert expected in done.stdout, (expected, done.stdout)
