"""One bad turn or item never sinks a bulk write, and nothing secret is stored (issue 10.4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from memstack import Memory, Refused, UsageError
from memstack.embed.fake import FakeEmbedder
from memstack.models import ItemRefused, TurnChange
from memstack.plan import MAX_TEXT
from memstack.store.sqlite import SqliteStore

from .conftest import SECRET, Clock, db_bytes

PASSWORD = "Zx8#kLq2!vRt9"


def _conversation(long_turn: str) -> list[dict[str, str]]:
    return [
        {"role": "user", "name": "Alice", "id": "t1", "content": "Can you deploy the web app?"},
        {"role": "user", "name": "Alice", "id": "t2", "content": f"Use my token {SECRET} for it."},
        {"role": "assistant", "id": "t3", "content": "Done. The deploy finished at 14:02."},
        {"role": "user", "name": "Alice", "id": "t4", "content": long_turn},
        {"role": "user", "name": "Alice", "id": "t5", "content": f"db password={PASSWORD} btw"},
    ]


def _long_text() -> str:
    para = "The build log said the cache was cold and the tests took a while. " * 40
    text = "\n\n".join(f"Paragraph {i}. {para}" for i in range(12))
    assert len(text) > MAX_TEXT
    return text


def test_ingest_keeps_every_turn_and_reports_what_it_changed(mem: Memory) -> None:
    long_turn = _long_text()
    out = mem.ingest_conversation("acme/alice", _conversation(long_turn), conversation="c1")
    texts = [r.text for r in out]
    # Every turn is stored, in order; the long one as several parts.
    parts = [r for r in out if r.source.turns == ("t4",)]
    assert len(parts) >= 2 and len(out) == 4 + len(parts)
    assert texts[0] == "Can you deploy the web app?"
    assert texts[1] == "Use my token [secret removed: GitHub token] for it."
    assert texts[-1] == "db password=[secret removed: password assignment] btw"
    # The parts are in order, labelled, each within the limit, and give back the turn.
    n = len(parts)
    assert [p.text.startswith(f"[part {i} of {n}] ") for i, p in enumerate(parts, 1)] == [True] * n
    assert all(len(p.text) <= MAX_TEXT for p in parts)
    joined = "".join(p.text.split("] ", 1)[1] for p in parts)
    assert joined == long_turn
    assert {(p.source.speaker, p.valid_from) for p in parts} == {("Alice", out[0].valid_from)}
    # What was changed, per turn.
    assert out.changes == (
        TurnChange(1, "t2", ("GitHub token",), 1),
        TurnChange(3, "t4", (), n),
        TurnChange(4, "t5", ("password assignment",), 1),
    )
    assert out.changes[0].describe() == "turn 1 (id t2): removed a secret (GitHub token)"
    # Stored means findable: the part holding paragraph 11 is found by its words.
    stored = mem.list("acme/alice", kind="episode")
    assert [r.text for r in stored] == texts
    assert all(SECRET not in t and PASSWORD not in t for t in texts)


def test_a_clean_conversation_is_stored_verbatim_with_no_changes(mem: Memory) -> None:
    msgs = [{"role": "user", "content": "I like tea."}, {"role": "assistant", "content": "Noted."}]
    out = mem.ingest_conversation("acme/alice", msgs)
    assert [r.text for r in out] == ["I like tea.", "Noted."] and out.changes == ()


def test_no_secret_byte_reaches_the_database_file(tmp_path: Path, clock: Clock) -> None:
    store = SqliteStore(tmp_path / "canary.db")
    mem = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    out = mem.ingest_conversation("acme/alice", _conversation(_long_text()))
    assert len(out.changes) == 3
    raw = db_bytes(store)
    assert b"Can you deploy the web app?" in raw  # the file is readable as it is...
    for secret in (SECRET, SECRET[4:], PASSWORD):  # ...and no secret is in it
        assert secret.encode() not in raw
    mem.close()
    raw = (tmp_path / "canary.db").read_bytes()
    assert SECRET[4:].encode() not in raw and PASSWORD.encode() not in raw


def test_add_many_is_all_or_nothing_by_default(mem: Memory) -> None:
    items = [
        {"scope": "acme/alice", "text": "Alice likes tea"},
        {"scope": "acme/alice", "text": f"Alice's token is {SECRET}"},
    ]
    with pytest.raises(Refused):
        mem.add_many(items)
    assert mem.count("acme/alice") == 0


def test_add_many_not_strict_stores_the_good_items_and_reports_the_rest(mem: Memory) -> None:
    items: list[dict[str, object]] = [
        {"scope": "acme/alice", "text": "Alice likes tea"},
        {"scope": "acme/alice", "text": f"Alice's token is {SECRET}"},
        {"scope": "acme/alice", "text": "x" * (MAX_TEXT + 1)},
        {"scope": "Bad Scope!", "text": "fine"},
        {"scope": "acme/alice", "text": "Alice runs on Sundays", "kind": "note"},
        {"scope": "acme/alice", "text": "Alice runs on Sundays"},
    ]
    out = mem.add_many(items, strict=False)  # type: ignore[arg-type]
    assert [r.text for r in out] == ["Alice likes tea", "Alice runs on Sundays"]
    assert [(r.index, r.error) for r in out.refused] == [
        (1, "Refused"),
        (2, "UsageError"),
        (3, "InvalidScope"),
        (4, "UsageError"),
    ]
    assert "GitHub token" in out.refused[0].message and SECRET not in out.refused[0].message
    assert "20000" in out.refused[1].message
    assert isinstance(out.refused[0], ItemRefused)
    assert sorted(r.text for r in mem.list("acme/alice")) == [
        "Alice likes tea",
        "Alice runs on Sundays",
    ]


def test_malformed_messages_still_fail_the_call(mem: Memory) -> None:
    with pytest.raises(UsageError, match="Message 1 has no text content"):
        mem.ingest_conversation("acme/alice", [{"role": "user", "content": "ok"}, {"role": "user"}])
    assert mem.count("acme/alice") == 0
