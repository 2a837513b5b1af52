"""The examples in the prompt service's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["memstack.prompt.files", "memstack.prompt.session", "memstack.core._sync.prompt"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
