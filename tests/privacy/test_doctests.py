"""The examples in the privacy docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

import memstack.models

MODULES = ["memstack.privacy.export", "memstack.core._sync.privacy"]
#: The privacy helpers in models.py (the rest of that module is not ours to test here).
MODEL_HELPERS = ["normalize_match", "text_matches", "pseudonym", "tombstone_detail",
                 "scrub_context", "held_text"]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("name", MODEL_HELPERS)
def test_model_helper_examples(name: str) -> None:
    runner = doctest.DocTestRunner()
    for test in doctest.DocTestFinder().find(getattr(memstack.models, name), name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0 and result.failed == 0
