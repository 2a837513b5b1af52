"""The examples in the screening docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "memstack.screen",
    "memstack.screen._rules",
    "memstack.screen._text",
    "memstack.screen.directives",
    "memstack.screen.disguise",
    "memstack.screen.encoded",
    "memstack.screen.fields",
    "memstack.screen.injection_i18n",
    "memstack.screen.obfuscated",
    "memstack.screen.links",
    "memstack.screen.personal",
    "memstack.screen.secret_shapes",
    "memstack.screen.secrets",
    "memstack.screen.unicode",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
