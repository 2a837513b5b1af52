"""The embedder check's counts stay exact after deletes (they are computed, not probed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from memstack import EmbedderMismatch, Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.sqlite import SqliteStore


def test_counts_after_delete_and_partial_reindex(tmp_path: Path, clock: Any) -> None:
    path = tmp_path / "v.db"
    with Memory(store=SqliteStore(path), embedder=FakeEmbedder(seed=0), clock=clock) as old:
        recs = [old.add("t/u", text) for text in ("one fact", "two facts", "three facts")]
        old.delete(recs[0].id)
        assert old.stats()["vectors"] == {"fake:64:0": 2}
        assert old.stats()["missing_vectors"] == 0
    with Memory(store=SqliteStore(path), embedder=FakeEmbedder(seed=1), clock=clock) as new:
        assert new.stats()["vectors"] == {"fake:64:0": 2}
        assert new.stats()["missing_vectors"] == 2
        with pytest.raises(EmbedderMismatch, match="2 memories have no vector"):
            new.search("t/u", "facts")
        assert new.reindex() == 2
        assert new.stats()["vectors"] == {"fake:64:1": 2}
        assert new.stats()["missing_vectors"] == 0
        assert [h.memory.text for h in new.search("t/u", "three facts", limit=1)] == ["three facts"]
