"""Every docstring example in the package runs and holds, wherever it is.

Other test files run the examples of the modules they are about; this one walks the
whole package so that an example in a module nobody listed cannot go stale (one
did: ``content_hash``'s printed an old digest for months).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import memstack


def _modules_with_examples() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(memstack.__path__, "memstack."):
        if "._async." in info.name:  # the coroutine source; its generated door runs
            continue
        spec = importlib.util.find_spec(info.name)
        origin = spec.origin if spec is not None else None
        if origin and origin.endswith(".py"):
            with open(origin, encoding="utf-8") as f:
                if ">>> " in f.read():
                    found.append(info.name)
    return sorted(found)


MODULES = _modules_with_examples()


def test_the_walk_finds_the_package() -> None:
    assert "memstack.models.values" in MODULES and len(MODULES) > 40


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, verbose=False, report=True, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
