"""No process keeps memoised text of an erased memory: screening verdicts, labels, stems.

Writes screen their text (verdicts memoised by text), speaker and author names are
checked once per value, stored sources are parsed once per blob, words are stemmed
once. After ``forget`` returns, none of those caches may still hold the erased
text in this process, nor in another process at its next call to the store.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.models import caches
from memstack.screen import screen

SCOPE = "acme/alice"
CANARY = "Alice's locker code word is zqxcanaryword"


def _sizes() -> list[int]:
    return [c.cache_info().currsize for c in caches._caches]  # type: ignore[attr-defined]


def _fill(mem: Memory) -> None:
    mem.ingest_conversation(
        SCOPE,
        [{"role": "user", "name": "Alice", "content": CANARY}, {"role": "user", "content": "hi"}],
    )
    mem.add(SCOPE, CANARY + " (fact)")
    screen(CANARY, kind="fact")
    assert mem.search(SCOPE, "zqxcanaryword", mode="keyword")
    assert any(_sizes()), "the writes above memoise something"


def test_every_text_cache_registers_for_erasure() -> None:
    import memstack.index.keyword  # noqa: F401 - registers the stemmer
    import memstack.review.screening  # noqa: F401
    import memstack.screen.fields  # noqa: F401
    import memstack.store.sqlite.rows  # noqa: F401

    names = {getattr(c, "__qualname__", "") for c in caches._caches}
    assert {"_stem", "_cached", "_critical", "label_ok", "_label_findings", "_source"} <= names


@pytest.mark.parametrize("backend", ["sqlite", "memory"])
def test_forget_empties_the_caches_before_it_returns(tmp_path: Path, backend: str) -> None:
    if backend == "sqlite":
        mem = Memory(tmp_path, embedder=FakeEmbedder())
    else:
        mem = Memory(store_url="memory://", embedder=FakeEmbedder())
    _fill(mem)
    mem.forget(SCOPE, match="zqxcanaryword")
    assert _sizes() == [0] * len(_sizes())
    mem.close()


def _forget(home: str) -> None:
    with Memory(home, embedder=FakeEmbedder()) as mem:
        mem.forget(SCOPE, match="zqxcanaryword")


def test_forget_in_another_process_empties_ours_at_the_next_call(tmp_path: Path) -> None:
    mem = Memory(tmp_path, embedder=FakeEmbedder())
    _fill(mem)
    methods = multiprocessing.get_all_start_methods()
    ctx: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    p = ctx.Process(target=_forget, args=(str(tmp_path),))
    p.start()
    p.join(120)
    assert p.exitcode == 0
    mem.search(SCOPE, "hello", mode="keyword")  # the next call to the store
    assert _sizes() == [0] * len(_sizes())
    mem.close()
