"""The examples in the agent doors' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["memstack.proxy.chat", "memstack.proxy.sse", "memstack.mcp.http",
           "memstack.economics.cost", "memstack.adapters.anthropic_memory"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
