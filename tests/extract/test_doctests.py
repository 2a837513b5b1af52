"""The examples in the extraction docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "memstack.core._sync.extract",
    "memstack.extract.cue",
    "memstack.extract.dates",
    "memstack.extract.llm",
    "memstack.extract.reconcile",
    "memstack.extract.wording",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_docs_page_example() -> None:
    from datetime import UTC, datetime

    from memstack import Memory
    from memstack.embed.fake import FakeEmbedder
    from memstack.store.memory import InMemoryStore

    mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    found = mem.remember(
        "acme/alice",
        [
            {"role": "user", "content": "Remember that I moved to Berlin yesterday."},
            {"role": "assistant", "content": "Noted!"},
            {"role": "user", "content": "I prefer green tea. Never use emojis."},
        ],
        session_time=datetime(2025, 3, 1, 12, tzinfo=UTC),
    )
    assert [f"{p.op} {p.kind} {p.text}" for p in found] == [
        "add fact User moved to Berlin on 2025-02-28",
        "add fact User prefers green tea",
        "add rule Never use emojis",
    ]
    assert found.extraction is not None
    assert (found.extraction.reason, found.extraction.cost_usd) == (
        "3 candidates, 3 add, 3 proposals",
        0.0,
    )
    mem.close()
