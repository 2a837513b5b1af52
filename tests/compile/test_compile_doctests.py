"""The examples in the compile and economics docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "memstack.compile.accounting",
    "memstack.compile.excerpt",
    "memstack.compile.export",
    "memstack.compile.frame",
    "memstack.compile.markdown",
    "memstack.compile.mdcodec",
    "memstack.compile.mdparse",
    "memstack.compile.payload",
    "memstack.compile.prompt",
    "memstack.compile.tokens",
    "memstack.economics.cost",
    "memstack.economics.kv",
    "memstack.economics.report",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
