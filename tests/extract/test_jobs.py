"""The background queue: remember(background=True), run_jobs, the worker, retries, privacy."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from memstack import AsyncMemory, Memory, UsageError
from memstack.embed.fake import FakeEmbedder
from memstack.errors import MemstackError, ProviderError
from memstack.extract import plans
from memstack.extract.llm import LLMExtractor
from memstack.llm.fake import FakeChat
from memstack.models import JobClaimOp
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore

from .conftest import T0, Clock, user

SAID = "Remember that I moved to Berlin yesterday. I prefer green tea."


def test_background_queues_and_returns_at_once(mem: Memory) -> None:
    queued = mem.remember("acme/alice", user(SAID), background=True, conversation="c9")
    assert list(queued) == [] and queued.extraction is None
    job = queued.job
    assert job is not None and (job.scope, job.state, job.attempts, job.session_time) == (
        "acme/alice",
        "pending",
        0,
        T0,
    )
    assert job.messages == ({"role": "user", "content": SAID},)
    assert [j.id for j in mem.jobs()] == [job.id] and mem.jobs("acme/bob") == []
    assert mem.proposals("acme") == [] and mem.extractions() == []

    assert mem.run_jobs() == 1

    assert mem.jobs() == []  # processed: the row and its messages are gone
    texts = [p.text for p in mem.proposals("acme")]
    assert texts == [
        "User moved to Berlin on 2025-02-28",
        "User prefers green tea",
    ]  # dated when queued
    [x] = mem.extractions()
    assert x.status == "ok" and len(x.proposals) == 2
    assert mem.proposals("acme")[0].source.conversation == "c9"
    assert mem.run_jobs() == 0


def test_messages_do_not_outlive_the_job_on_disk(tmp_path: Path, clock: Clock) -> None:
    store = SqliteStore(tmp_path / "jobs.db")
    mem = Memory(store=store, embedder=FakeEmbedder(), clock=clock)
    marker = "Zebra-Quokka-4711"  # said, but no cue: it never becomes a proposal
    mem.remember("acme/alice", user(f"I had lunch at {marker}. I prefer tea."), background=True)
    raw = store.connection.execute("SELECT messages FROM extraction_jobs").fetchone()[0]
    assert marker in raw
    mem.run_jobs()
    assert store.connection.execute("SELECT count(*) FROM extraction_jobs").fetchone()[0] == 0
    mem.close()
    on_disk = b"".join(p.read_bytes() for p in tmp_path.glob("jobs.db*"))
    assert (
        marker.encode() not in on_disk
    )  # deleted with secure_delete: overwritten, not just unlinked
    assert b"User prefers tea" in on_disk  # what was extracted lives on as a proposal


def test_bad_messages_are_refused_when_queued_not_in_the_worker(mem: Memory) -> None:
    with pytest.raises(UsageError, match="role"):
        mem.remember("acme/alice", [{"role": "bot", "content": "x"}], background=True)
    with pytest.raises(UsageError, match="worker's extractor"):
        mem.remember("acme/alice", user("hi"), background=True, extractor=mem.extractor)
    assert mem.jobs() == []


def test_the_worker_thread_processes_what_remember_queues(tmp_path: Path) -> None:
    mem = Memory(store=SqliteStore(tmp_path / "w.db"), embedder=FakeEmbedder())
    worker = mem.start_worker(interval=30)  # woken by remember, not by the poll
    with pytest.raises(UsageError, match="already running"):
        mem.start_worker()
    mem.remember("acme/alice", user("I prefer tea."), background=True)
    assert worker.wait_idle(timeout=10)
    assert [p.text for p in mem.proposals("acme")] == ["User prefers tea"]
    assert worker.processed == 1 and worker.error is None
    mem.close()  # stops the worker
    assert not worker.alive


def test_a_worker_stops_loudly_on_an_unexpected_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mem = Memory(store=SqliteStore(tmp_path / "w.db"), embedder=FakeEmbedder())
    worker = mem.start_worker(interval=0.05)
    mem.store.close()  # pulled out from under it
    worker.wake()
    worker._thread.join(5)  # noqa: SLF001
    assert not worker.alive and worker.error is not None
    assert "memstack worker stopped" in caplog.text
    # Waiting for the queue must not look like success.
    with pytest.raises(MemstackError, match="worker stopped on an error"):
        worker.wait_idle(timeout=1)


def test_async_memory_queue_and_worker(tmp_path: Path) -> None:
    async def scenario() -> list[str]:
        amem = AsyncMemory(store=SqliteStore(tmp_path / "a.db"), embedder=FakeEmbedder())
        queued = await amem.remember("acme/alice", user("I prefer tea."), background=True)
        assert queued.job is not None and await amem.jobs() != []
        assert await amem.run_jobs() == 1
        amem.remember(
            "acme/alice", user("Never use emojis."), background=True
        ).close()  # not awaited: no job
        worker = amem.start_worker(interval=0.05)
        await amem.remember("acme/alice", user("Always answer in English."), background=True)
        assert await asyncio.to_thread(worker.wait_idle, 10)
        texts = [p.text for p in await amem.proposals("acme")]
        amem.close()
        return texts

    assert asyncio.run(scenario()) == ["User prefers tea", "Always answer in English"]


def _failing(*errors: BaseException) -> LLMExtractor:
    return LLMExtractor(FakeChat(list(errors), model="gpt-4.1-mini"))


def test_a_model_failure_is_retried_with_backoff_then_dropped(mem: Memory, clock: Clock) -> None:
    mem.extractor = _failing(*(ProviderError(f"server down {i}") for i in range(1, 4)))
    job = mem.remember("acme/alice", user("I moved to Paris."), background=True).job
    assert job is not None

    assert mem.run_jobs() == 1
    [waiting] = mem.jobs()
    assert (waiting.state, waiting.attempts, waiting.error) == ("pending", 1, "server down 1")
    assert mem.run_jobs() == 0  # backing off
    clock.advance(minutes=1)
    assert mem.run_jobs() == 1 and mem.jobs()[0].attempts == 2
    clock.advance(minutes=4)
    assert mem.run_jobs() == 0
    clock.advance(minutes=1)
    assert mem.run_jobs() == 1
    assert mem.jobs() == []  # given up: the messages are gone too
    reasons = [x.reason or "" for x in mem.extractions(status="failed")]
    assert len(reasons) == 3
    assert "attempt 3 of 3: the job was dropped" in reasons[0]
    assert "attempt 1 of 3: the job will be retried" in reasons[2] and "server down 1" in reasons[2]


def test_malformed_output_is_not_retried(mem: Memory) -> None:
    mem.extractor = LLMExtractor(FakeChat(["not json", "still not json"]))
    mem.remember("acme/alice", user("I moved to Paris."), background=True)
    assert mem.run_jobs() == 1
    assert mem.jobs() == []
    [x] = mem.extractions(status="failed")
    assert "unusable model output" in (x.reason or "") and "was dropped" in (x.reason or "")
    assert x.raw == "still not json"


def test_a_job_whose_worker_vanished_is_taken_over_after_its_lease(
    mem: Memory, clock: Clock
) -> None:
    job = mem.remember("acme/alice", user("I prefer tea."), background=True).job
    assert job is not None
    claimed = mem.store.batch([JobClaimOp(clock.now, clock.now + plans.DEFAULT_LEASE)])[
        0
    ]  # a worker…
    assert claimed.id == job.id and claimed.state == "running"  # …that then dies
    assert mem.run_jobs() == 0  # still leased
    clock.advance(minutes=16)
    assert mem.run_jobs() == 1
    assert [p.text for p in mem.proposals("acme")] == ["User prefers tea"]


def test_a_job_that_keeps_killing_workers_is_given_up_loudly(mem: Memory, clock: Clock) -> None:
    mem.remember("acme/alice", user("I prefer tea."), background=True)
    for _ in range(plans.MAX_ATTEMPTS):
        mem.store.batch([JobClaimOp(clock.now, clock.now + plans.DEFAULT_LEASE)])
        clock.advance(minutes=16)
    assert mem.run_jobs() == 1
    assert mem.jobs() == [] and mem.proposals("acme") == []
    [x] = mem.extractions(status="failed")
    assert "gave up on background job" in (x.reason or "") and "after 3 attempts" in (
        x.reason or ""
    )


def test_two_stores_on_one_file_never_share_a_job(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    a = Memory(store=SqliteStore(path), embedder=FakeEmbedder())
    b = Memory(store=SqliteStore(path), embedder=FakeEmbedder())
    for i in range(4):
        a.remember("acme/alice", user(f"My number {i} is {i}."), background=True)
    now = a.planner.clock()
    claims = [
        s.store.batch([JobClaimOp(now, now + plans.DEFAULT_LEASE)])[0] for s in (a, b, a, b, a)
    ]
    ids = [c.id for c in claims if c is not None]
    assert len(ids) == 4 and len(set(ids)) == 4 and claims[-1] is None
    a.close()
    b.close()


def test_job_listing_hides_messages_unless_asked() -> None:
    mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    job = mem.remember("acme/alice", user("I prefer tea."), background=True).job
    assert job is not None
    assert "messages" not in job.to_dict() and job.to_dict()["turns"] == 1
    assert job.to_dict(messages=True)["messages"] == [{"role": "user", "content": "I prefer tea."}]
    json.dumps(job.to_dict())
    mem.close()
