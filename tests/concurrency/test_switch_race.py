"""A write racing ``scope off``: it commits before the switch or fails, never lands after.

The switch is checked inside each write's transaction (``WritesOnOp``), not only in a
read before it. Two kinds of test hold that:

* every write door, with the switch turned off by another connection at the worst
  moment: after the door's own early check passed, just before its write batch reaches
  the store. The door must raise ``MemoryOff`` and store nothing.
* real threads on separate connections adding in a loop while the switch goes off:
  the rows stored once ``memory_off`` returned are all there will ever be.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from memstack import Memory, MemoryOff
from memstack.embed.fake import FakeEmbedder
from memstack.models import SwitchSetOp, is_write
from memstack.store.base import Store
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore
from tests import pg

SCOPE = "acme/alice"
CHAT = [{"role": "user", "content": "Remember that I prefer green tea in the morning."}]

BACKENDS = [
    "memory",
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason()),
    ),
]


class Opener:
    """Opens stores of one backend over the same data (separate connections where there are)."""

    def __init__(self, name: str, tmp_path: Path) -> None:
        self.name = name
        self.path = tmp_path / "race.db"
        self.url = pg.new_database() if name == "postgres" else ""
        self.shared = InMemoryStore() if name == "memory" else None
        self.opened: list[Memory] = []

    def store(self) -> Store:
        if self.shared is not None:
            return self.shared
        if self.name == "sqlite":
            return SqliteStore(self.path)
        from memstack.store.postgres import PostgresStore

        return PostgresStore(self.url, pool_size=2)

    def memory(self, store: Store | None = None) -> Memory:
        mem = Memory(store=store or self.store(), embedder=FakeEmbedder(), migrate=True)
        self.opened.append(mem)
        return mem

    def close(self) -> None:
        for mem in reversed(self.opened):
            mem.close()
        if self.url:
            pg.drop_database(self.url)


@pytest.fixture(params=BACKENDS)
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    o = Opener(request.param, tmp_path)
    yield o
    o.close()


class OffBeforeNextWrite(Store):
    """A store that, once armed, lets another connection turn memory off for writes
    right before the next write batch runs: after every check a plan made by reading."""

    name = "racing"

    def __init__(self, inner: Store, turn_off: Callable[[], Any]) -> None:
        self.inner = inner
        self.turn_off = turn_off
        self.armed = False
        self.fired = False

    def batch(self, ops: Sequence[Any]) -> list[Any]:
        writes = [op for op in ops if is_write(op) and not isinstance(op, SwitchSetOp)]
        if self.armed and writes:
            self.armed = False
            self.fired = True
            self.turn_off()
        return self.inner.batch(ops)

    def setup(self) -> None:
        self.inner.setup()

    def close(self) -> None:
        self.inner.close()

    def info(self) -> dict[str, Any]:
        return self.inner.info()


def _racing(opener: Opener) -> tuple[Memory, OffBeforeNextWrite, Memory]:
    other = opener.memory()  # another connection (process, replica) turns memory off
    racing = OffBeforeNextWrite(opener.store(), lambda: other.memory_off(SCOPE, reads=False))
    return opener.memory(racing), racing, other


def _session(mem: Memory) -> int:
    with mem.session(SCOPE, window_tokens=3000, budget_tokens=100, recall_tokens=100) as s:
        for i in range(60):
            s.add("user", f"message {i} " + "words " * 40)
        return s.archived


DOORS: dict[str, Callable[[Memory], Any]] = {
    "add": lambda m: m.add(SCOPE, "Alice likes jazz"),
    "add_many": lambda m: m.add_many([{"scope": SCOPE, "text": "Alice likes jazz"}]),
    "ingest_conversation": lambda m: m.ingest_conversation(SCOPE, CHAT),
    "propose": lambda m: m.propose(SCOPE, "Alice likes jazz", kind="fact"),
    "remember": lambda m: m.remember(SCOPE, CHAT),
    "import": lambda m: m.import_memories(SCOPE, "## Facts\n\n- Alice rows\n", approve=True),
    "import proposals": lambda m: m.import_memories(SCOPE, "## Facts\n\n- Alice rows\n"),
    "apply": lambda m: m.apply(
        SCOPE, m.render(SCOPE) + "\n## Facts\n\n- Alice rows\n", reviewer="bob"
    ),
}


@pytest.mark.parametrize("door", list(DOORS))
def test_a_write_racing_scope_off_fails_and_stores_nothing(opener: Opener, door: str) -> None:
    mem, racing, other = _racing(opener)
    racing.armed = True
    with pytest.raises(MemoryOff, match=f"Memory is off for writes in {SCOPE}"):
        DOORS[door](mem)
    assert racing.fired
    assert other.list(SCOPE) == [] and other.proposals(SCOPE) == []


def test_approving_an_add_racing_scope_off_fails_and_leaves_it_pending(opener: Opener) -> None:
    mem, racing, other = _racing(opener)
    p = mem.propose(SCOPE, "Alice likes jazz", kind="fact")
    racing.armed = True
    with pytest.raises(MemoryOff):
        mem.approve(p.id, reviewer="bob")
    assert racing.fired
    assert other.list(SCOPE) == [] and other.proposal(p.id).state == "pending"


def test_a_session_racing_scope_off_archives_nothing(opener: Opener) -> None:
    mem, racing, other = _racing(opener)
    racing.armed = True
    assert _session(mem) == 0
    assert racing.fired and other.list(SCOPE) == []


def test_writers_in_threads_never_land_after_scope_off(opener: Opener) -> None:
    writers = 1 if opener.name == "memory" else 3  # one dict store: its lock serialises anyway
    mems = [opener.memory() for _ in range(writers)]
    switch = opener.memory()
    started = threading.Barrier(writers + 1)
    outcome: list[BaseException | None] = [None] * writers

    def write(i: int) -> None:
        started.wait()
        n = 0
        try:
            while n < 100_000:  # until memory is off (bounded, so a bug cannot hang the run)
                mems[i].add(SCOPE, f"writer {i} note {n}")
                n += 1
        except BaseException as exc:  # the outcome, asserted below
            outcome[i] = exc

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    started.wait()
    while switch.count(SCOPE) < 20:  # let the writers get going
        threading.Event().wait(0.01)
    switch.memory_off(SCOPE, reads=False)
    stored_at_off = switch.count(SCOPE)
    for t in threads:
        t.join(120)
    assert all(isinstance(exc, MemoryOff) for exc in outcome), outcome
    assert switch.count(SCOPE) == stored_at_off  # nothing landed after the switch
