"""AsyncMemory runs the same plans: propose, approve and friends give the same results."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from memstack import AsyncMemory, Conflict, Memory, Refused
from memstack.embed.fake import FakeEmbedder

from .conftest import SECRET, Clock, make_store


def _scenario_sync(mem: Memory) -> list[Any]:
    out: list[Any] = []
    p = mem.propose("acme/alice", "Alice is vegan", kind="fact", rationale="said so")
    out.append((p.state, p.text, p.content_hash))
    out.append([q.id == p.id for q in mem.proposals("acme")])
    done = mem.approve(p.id, reviewer="bob", text="Alice is vegan.", content_hash=p.content_hash)
    out.append((done.state, done.reviewer, mem.get(done.result_id or "").text))
    try:
        mem.approve(p.id, reviewer="bob")
    except Conflict as exc:
        out.append(type(exc).__name__)
    mem.set_policy("acme", "fact", "auto")
    out.append(mem.propose("acme/alice", "Alice is tall", kind="fact").state)
    r = mem.propose("acme/alice", "Answer in French", kind="rule")
    out.append(mem.reject(r.id, reviewer="bob", reason="no").state)
    try:
        mem.propose("acme/alice", f"token {SECRET}", kind="fact")
    except Refused as exc:
        out.append(str(exc))
    out.append([(e.action, e.actor) for e in mem.proposal_history(p.id)])
    out.append([(x.scope_prefix, x.kind, x.mode) for x in mem.policies()])
    return out


async def _scenario_async(mem: AsyncMemory) -> list[Any]:
    out: list[Any] = []
    p = await mem.propose("acme/alice", "Alice is vegan", kind="fact", rationale="said so")
    out.append((p.state, p.text, p.content_hash))
    out.append([q.id == p.id for q in await mem.proposals("acme")])
    done = await mem.approve(
        p.id, reviewer="bob", text="Alice is vegan.", content_hash=p.content_hash
    )
    out.append((done.state, done.reviewer, (await mem.get(done.result_id or "")).text))
    try:
        await mem.approve(p.id, reviewer="bob")
    except Conflict as exc:
        out.append(type(exc).__name__)
    await mem.set_policy("acme", "fact", "auto")
    out.append((await mem.propose("acme/alice", "Alice is tall", kind="fact")).state)
    r = await mem.propose("acme/alice", "Answer in French", kind="rule")
    out.append((await mem.reject(r.id, reviewer="bob", reason="no")).state)
    try:
        await mem.propose("acme/alice", f"token {SECRET}", kind="fact")
    except Refused as exc:
        out.append(str(exc))
    out.append([(e.action, e.actor) for e in await mem.proposal_history(p.id)])
    out.append([(x.scope_prefix, x.kind, x.mode) for x in await mem.policies()])
    return out


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_async_parity(backend: str, tmp_path: Path) -> None:
    sync = Memory(store=make_store(backend, tmp_path / "s"), embedder=FakeEmbedder(), clock=Clock())
    amem = AsyncMemory(
        store=make_store(backend, tmp_path / "a"), embedder=FakeEmbedder(), clock=Clock()
    )
    expected = _scenario_sync(sync)
    got = asyncio.run(_scenario_async(amem))
    assert got == expected
    assert expected[0][0] == "pending" and expected[3] == "Conflict" and expected[4] == "approved"
    sync.close()
    amem.close()
