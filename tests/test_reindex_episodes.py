"""Re-embedding after an embedder switch reproduces what a fresh ingest would store."""

from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.store.sqlite import SqliteStore

TURNS = [
    {"role": "user", "name": "Ana", "content": "I adopted a grey cat last week."},
    {"role": "assistant", "name": "Ben", "content": "What is her name?"},
    {"role": "user", "name": "Ana", "content": "Sardinha, after the fish."},
    {"role": "assistant", "name": "Ben", "content": "Lovely. Does she like the flat?"},
]
WHEN = datetime(2026, 3, 1, tzinfo=UTC)


def _vectors(path: Path, embedder: FakeEmbedder) -> dict[str, np.ndarray]:
    store = SqliteStore(path)
    rows = store.connection.execute(
        "SELECT m.text, v.vec FROM memories m JOIN vectors v ON v.memory = m.rowid "
        "WHERE v.embedder = ?",
        (embedder.id,),
    ).fetchall()
    store.close()
    return {text: np.frombuffer(blob, "<f4") for text, blob in rows}


def _ingest(path: Path, embedder: FakeEmbedder) -> None:
    with Memory(store=SqliteStore(path), embedder=embedder) as mem:
        mem.ingest_conversation("t/u", TURNS, session_time=WHEN, conversation="c1", session="s1")
        mem.add("t/u", "Ana works in Lisbon")


def test_reindex_restores_the_neighbour_blend_of_episodes(tmp_path: Path) -> None:
    old, new = FakeEmbedder(32, seed=0), FakeEmbedder(32, seed=1)
    _ingest(tmp_path / "switched.db", old)
    with Memory(store=SqliteStore(tmp_path / "switched.db"), embedder=new) as mem:
        assert mem.reindex() == len(TURNS) + 1
    _ingest(tmp_path / "fresh.db", new)
    switched, fresh = _vectors(tmp_path / "switched.db", new), _vectors(tmp_path / "fresh.db", new)
    assert switched.keys() == fresh.keys()
    for text in fresh:
        assert np.allclose(switched[text], fresh[text], atol=1e-6), text
    # and the blend is real: an episode's vector is not its text's plain vector
    plain = new.embed([TURNS[1]["content"]])[0]
    assert not np.allclose(fresh[TURNS[1]["content"]], plain, atol=1e-3)
