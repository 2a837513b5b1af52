"""The examples in the facade's and the plans' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "memstack.core._sync.memory",
    "memstack.core._sync.records",
    "memstack.core._sync.review",
    "memstack.core._sync.session",
    "memstack.plan.validate",
    "memstack.plan.times",
    "memstack.index.temporal",
    "memstack.index.dates",
    "memstack.config",
    "memstack.default_plugins",
    "memstack.models.values",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
