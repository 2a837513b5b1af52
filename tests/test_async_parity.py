"""The sync and async doors give the same answers (STYLE.md 2.2).

One scripted sequence of calls runs through ``Memory`` and ``AsyncMemory``,
each on its own SQLite file (and again on two PostgreSQL databases, where the
two doors run different store code: the async source and its generated twin)
with the same clock and the same fake embedder.
The transcripts must be identical: texts, order, scores, events and errors.
Record ids are random, so they are replaced by the order they first appear in.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import re
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from memstack import (
    AsyncMemory,
    AsyncSession,
    Event,
    Hit,
    Memory,
    MemstackError,
    Record,
    Session,
)
from memstack.embed.fake import FakeEmbedder
from memstack.store.base import Store
from memstack.store.sqlite import SqliteStore
from tests import pg

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

Call = Callable[..., Awaitable[Any]]

#: Fields that differ between two files by nature (where, how big, how long it took).
VOLATILE = ("path", "bytes", "seconds", "elapsed", "duration", "size_before", "size_after")
#: Public methods that do no I/O, so they are plain functions on both doors.
NOT_AWAITED = {"close", "session", "start_worker"}


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class Normalizer:
    """Turns results into plain data with ids replaced by stable tokens."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def id(self, value: str | None) -> str | None:
        if value is None:
            return None
        return self.ids.setdefault(value, f"id{len(self.ids)}")

    def __call__(self, value: Any) -> Any:
        if isinstance(value, Record):
            d = value.to_dict()
            d["id"], d["superseded_by"] = self.id(value.id), self.id(value.superseded_by)
            return d
        if isinstance(value, Hit):
            return {
                "memory": self(value.memory),
                "score": round(value.score, 12),
                "parts": value.parts,
            }
        if isinstance(value, Event):
            detail = dict(value.detail)
            if "supersedes" in detail:
                detail["supersedes"] = self.id(detail["supersedes"])
            detail = self(detail)
            return (
                value.at,
                value.action,
                value.actor,
                value.scope,
                self.id(value.memory_id),
                value.before,
                value.after,
                value.before_hash,
                value.after_hash,
                detail,
            )
        if isinstance(value, BaseException):  # exceptions inside results (bulk decisions)
            return (type(value).__name__, self(str(value)))
        if isinstance(value, list | tuple):
            return [self(v) for v in value]
        if isinstance(value, dict):
            return {k: self(v) for k, v in value.items() if k not in VOLATILE}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            return (type(value).__name__, self(fields))
        if isinstance(value, str):  # ids inside error messages
            return re.sub(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", lambda m: str(self.id(m.group())), value)
        return value


async def script(call: Call, clock: Clock) -> list[Any]:
    """The scenario; ``call(name, *args, **kw)`` invokes a facade method through one door."""
    out: list[Any] = []

    async def step(name: str, *args: Any, **kw: Any) -> Any:
        try:
            result = await call(name, *args, **kw)
        except MemstackError as exc:
            out.append((name, type(exc).__name__, str(exc)))
            return None
        out.append((name, result))
        return result

    a = await step("add", "acme/alice", "Alice drinks green tea", topic="diet", importance=0.9)
    clock.now += timedelta(hours=1)
    await step("add", "acme", "The office kitchen has green tea and coffee", kind="rule")
    await step(
        "add_many",
        [
            {"scope": "acme/alice", "text": "Alice rides a red bike"},
            {"scope": "acme/bob", "text": "Bob drinks black coffee"},
            {"scope": "acme/alice", "text": "Alice drinks green tea"},
        ],
        batch_size=2,
    )
    await step(
        "ingest_conversation",
        "acme/alice",
        [
            {"role": "user", "name": "Alice", "content": "I switched to oolong tea"},
            {"role": "assistant", "content": "Nice, oolong is lovely"},
        ],
        session_time=T0 - timedelta(days=2),
        session="s1",
    )
    clock.now += timedelta(days=1)
    for mode in ("hybrid", "keyword", "dense"):
        await step("search", "acme/alice", "what tea does Alice drink", mode=mode, limit=5)
    new = await step("update", a.id, "Alice drinks oolong tea", reason="changed")
    clock.now += timedelta(days=1)
    await step("search", "acme/alice", "Alice tea", include_superseded=True)
    await step("search", "acme/alice", "Alice tea", as_of=T0 + timedelta(minutes=30))
    await step("list", "acme/alice", include_superseded=True)
    await step("list", "acme", include_descendants=True, kind=["fact", "rule"], limit=3, offset=1)
    await step("count", "acme/alice")
    await step("history", new.id)
    await step("delete", new.id, reason="test")
    await step("history", a.id)
    await step("get", new.id)
    await step("search", "acme/alice", "", limit=3)
    await step("search", "acme//alice", "tea")
    await step("scopes")
    await step("stats")
    await step("reindex")
    await step("add", "acme/bob", "Bob rides to work", idempotency_key="req-1")
    await step("add", "acme/bob", "Bob rides to work", idempotency_key="req-1")
    await step("add", "acme/bob", "Bob walks to work", idempotency_key="req-1")
    await step("add_many", [{"scope": "acme/bob", "text": "Bob likes figs"}], idempotency_key="b")
    await step("count", "acme", include_descendants=True, kind="fact")
    # review
    await step("set_policy", "acme/bob", "fact", "auto")
    await step("policies")
    p = await step("propose", "acme/alice", "Alice is vegan", kind="fact", rationale="said so")
    await step("propose", "acme/bob", "Bob is vegan", kind="fact", idempotency_key="turn-1")
    await step("propose", "acme/bob", "Bob is vegan", kind="fact", idempotency_key="turn-1")
    q = await step("propose", "acme/alice", "Alice likes jazz", kind="fact")
    await step("proposals", "acme")
    await step("proposal", p.id)
    await step("approve", p.id, reviewer="carol", content_hash=p.content_hash)
    await step("approve", p.id, reviewer="carol", content_hash=p.content_hash)
    await step("reject", q.id, reviewer="carol", reason="not stated")
    r = await step("propose", "acme/alice", "Alice likes figs", kind="fact")
    await step("decide", [(r.id, r.content_hash), ("nope", "sha256:0")], action="approve",
               reviewer="carol", scope="acme")  # fmt: skip
    await step("proposals", "acme", kind="fact", proposer="cli", severity="none")
    await step("proposal_history", p.id)
    # extraction (offline cue extractor)
    chat = [{"role": "user", "content": "I prefer green tea. Always answer in English."}]
    await step("remember", "acme/dave", chat)
    await step("remember", "acme/dave", chat, background=True)
    await step("jobs")
    await step("run_jobs")
    await step("extractions", "acme")
    # prompts
    await step("compile", "acme/alice", "what does Alice drink?", provider="openai")
    doc = await step("render", "acme/alice")
    await step("apply", "acme/alice", doc + "- Alice hikes on Sundays\n", reviewer="bob")
    doc = await step("render", "acme/alice")
    await step("propose_markdown", "acme/alice", doc + "- Alice swims on Mondays\n")
    claude_md = "# CLAUDE.md\n\n## Rules\n\n- Use uv.\n"
    await step("import_memories", "acme/erin", claude_md, approve=True)
    await step("agent_file", "acme/erin", "claude")
    never = Path(tempfile.gettempdir()) / "memstack-parity-never-written" / "CLAUDE.md"
    await step("write_agent_file", "acme/erin", "claude", path=never, dry_run=True)
    # privacy
    await step("export", "acme/bob")
    await step("audit", "acme", action="export")
    await step("forget", "acme/bob", match="figs", reason="asked")
    await step("gc")
    # the memory switch
    await step("memory_off", "acme/frank", reads=False)
    await step("add", "acme/frank/work", "Frank codes in Go")
    await step("memory_off", "acme/alice", writes=False)
    await step("search", "acme/alice", "tea")
    await step("compile", "acme/alice", "tea")
    await step("memory_on", "acme/alice")
    await step("memory_status", "acme/frank/work")
    await step("memory_switches")
    return out


def _run_sync(path: Path | Callable[[], Store]) -> list[Any]:
    clock = Clock()
    store = SqliteStore(path) if isinstance(path, Path) else path()
    mem = Memory(store=store, embedder=FakeEmbedder(), clock=clock)

    async def call(name: str, *args: Any, **kw: Any) -> Any:
        return getattr(mem, name)(*args, **kw)

    try:
        return asyncio.run(script(call, clock))
    finally:
        mem.close()


def _run_async(path: Path | Callable[[], Store]) -> list[Any]:
    clock = Clock()

    async def main() -> list[Any]:
        store = SqliteStore(path) if isinstance(path, Path) else path()
        async with AsyncMemory(store=store, embedder=FakeEmbedder(), clock=clock) as mem:

            async def call(name: str, *args: Any, **kw: Any) -> Any:
                return await getattr(mem, name)(*args, **kw)

            return await script(call, clock)

    return asyncio.run(main())


def _assert_doors_agree(sync_run: list[Any], async_run: list[Any]) -> None:
    sync = Normalizer()(sync_run)
    async_ = Normalizer()(async_run)
    assert len(sync) == len(async_) == 67
    for i, (s, a) in enumerate(zip(sync, async_, strict=True)):
        assert s == a, f"step {i} ({s[0]}) differs"
    errors = [s for s in sync if len(s) == 3]
    assert [e[1] for e in errors] == [
        "NotFound", "UsageError", "InvalidScope", "Conflict", "Conflict", "MemoryOff",
    ]  # fmt: skip
    called = {s[0] for s in sync}
    awaited = {n for n in _public(AsyncMemory) if n not in NOT_AWAITED}
    assert awaited - called == set(), "methods the scenario does not exercise"


def test_sync_and_async_doors_agree(tmp_path: Path) -> None:
    _assert_doors_agree(_run_sync(tmp_path / "sync.db"), _run_async(tmp_path / "async.db"))


@pytest.mark.skipif(not pg.available() and not pg.REQUIRED, reason=pg.skip_reason())
def test_sync_and_async_doors_agree_on_postgres(pg_url: str) -> None:
    """The blocking door runs the generated store code, the awaited door its async source."""
    from memstack.store.postgres import PostgresStore

    other = pg.new_database()
    try:
        sync_run = _run_sync(lambda: PostgresStore(pg_url))
        async_run = _run_async(lambda: PostgresStore(other, async_door="native"))
    finally:
        pg.drop_database(other)
    _assert_doors_agree(sync_run, async_run)


def _public(cls: type) -> list[str]:
    return [n for n in dir(cls) if not n.startswith("_") and callable(getattr(cls, n))]


@pytest.mark.parametrize(
    ("blocking", "awaiting"), [(Memory, AsyncMemory), (Session, AsyncSession)]
)
def test_both_doors_have_the_same_typed_signatures(blocking: type, awaiting: type) -> None:
    assert _public(blocking) == _public(awaiting)
    for name in _public(blocking):
        sync, async_ = getattr(blocking, name), getattr(awaiting, name)
        # The same parameters, types and defaults; only Async* result types are renamed.
        unprefixed = re.sub(r"\bAsync(?=[A-Z])", "", str(inspect.signature(async_)))
        assert str(inspect.signature(sync)) == unprefixed, name
        assert not inspect.iscoroutinefunction(sync), name
        plain = NOT_AWAITED if blocking is Memory else set()  # Session.close writes episodes
        assert inspect.iscoroutinefunction(async_) == (name not in plain), name
        params = inspect.signature(sync).parameters.values()
        assert all(p.kind is not p.VAR_KEYWORD for p in params), f"{name} takes **options"
        assert all(p.annotation is not p.empty for p in params if p.name != "self"), name
        assert inspect.signature(sync).return_annotation is not inspect.Signature.empty, name


def test_every_public_sync_method_has_an_awaitable_twin() -> None:
    names = [n for n in dir(Memory) if not n.startswith("_") and callable(getattr(Memory, n))]
    assert names
    for name in names:
        assert hasattr(AsyncMemory, name), name


@pytest.mark.parametrize("name", ["get", "search", "list", "add"])
def test_async_methods_return_awaitables(tmp_path: Path, name: str) -> None:
    async def main() -> Any:
        async with AsyncMemory(
            store=SqliteStore(tmp_path / "a.db"), embedder=FakeEmbedder()
        ) as mem:
            rec = await mem.add("acme", "hello world")
            args = {
                "get": (rec.id,),
                "search": ("acme", "hello"),
                "list": ("acme",),
                "add": ("acme", "x"),
            }
            pending = getattr(mem, name)(*args[name])
            assert asyncio.iscoroutine(pending)
            return await pending

    assert asyncio.run(main())
