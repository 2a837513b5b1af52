"""The session window: under budget for ever, spilled turns archived and recalled later."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from memstack import AsyncMemory, AsyncSession, Memory, Session, UsageError
from memstack.cachemodel import PromptCache, Request, rules_for
from memstack.compile.accounting import cache_blocks, payload_tokens
from memstack.embed.fake import FakeEmbedder

from .conftest import Clock, make_store

SCOPE = "acme/alice"
SECRET = "ghp_Zq7xR2mK9vL4nP8sT1wY5bC3dF6gH0jA2eU7"
FILLER = [
    "How was the weekend? Did the garden survive the storm?",
    "The tomatoes are fine, the basil is not. I should build a cover for it.",
    "Could you suggest a simple recipe for tonight, something with lentils?",
    "Sure: a red lentil soup with cumin, carrots and a squeeze of lemon.",
    "My manager moved the quarterly review to next Thursday afternoon.",
    "Then let's prepare the slides on Tuesday so you have time to rehearse.",
]


def text_of(i: int) -> str:
    if i == 3:
        return "My locker at the Zanzibar aquatics club is number 4815, code ORCA-7."
    if i == 199:
        return "What was my locker number at the Zanzibar aquatics club?"
    return f"{FILLER[i % len(FILLER)]} (turn {i})"


def role_of(i: int) -> str:
    return "user" if i % 2 else "assistant"


def test_200_turns_never_exceed_the_window_and_turn_3_is_recalled_at_turn_200(
    mem: Memory, clock: Clock
) -> None:
    mem.add("acme", "Answer in British English.", kind="rule")
    mem.add(SCOPE, "Alice swims three times a week.", topic="sport", pinned=True)
    s = mem.session(SCOPE, window_tokens=1200, budget_tokens=300, recall_tokens=300, recall_limit=4)
    said_at = {}
    for i in range(1, 201):
        clock.advance(minutes=1)
        said_at[i] = clock.now
        s.add(role_of(i), text_of(i), name="alice" if role_of(i) == "user" else None)
        built = s.build()
        assert built.tokens <= 1200, (i, built.tokens)
        assert built.tokens == payload_tokens(built.payload)
        assert built.turns and built.turns[0].role == "user"  # never starts with the assistant
    assert s.archived > 150 and "3" not in {t.id for t in s.turns}
    # At turn 200 the locker question of turn 199 recalls turn 3, quoted with its time.
    assert built.turns[-1].id == "200"
    assert "4815" in built.prompt.recall and "ORCA-7" in built.prompt.recall
    assert f"[{said_at[3]:%Y-%m-%d %H:%M} UTC · alice said]" in built.prompt.recall
    # The episode keeps the session id, the turn id and the time it was said.
    episode = next(r for r in mem.list(SCOPE, kind="episode") if "ORCA-7" in r.text)
    assert episode.source.session == s.id and episode.source.turns == ("3",)
    assert episode.valid_from == said_at[3] and episode.source.speaker == "alice"
    assert mem.count(SCOPE, kind="episode") == s.archived


def test_spilling_keeps_the_stable_digest(mem: Memory) -> None:
    mem.add(SCOPE, "Be brief.", kind="rule")
    s = mem.session(SCOPE, window_tokens=900, budget_tokens=200, recall_tokens=200)
    digests = set()
    for i in range(1, 60):
        s.add(role_of(i), text_of(i))
        digests.add(s.build().prompt.stable_digest)
    assert s.archived > 0 and len(digests) == 1


def test_eviction_leaves_room_so_the_history_stays_put_for_a_while(mem: Memory) -> None:
    s = mem.session(SCOPE, window_tokens=1000, budget_tokens=100, recall_tokens=100, keep=0.5)
    first_ids: list[str] = []
    spills = 0
    for i in range(1, 80):
        archived = s.archived
        s.add(role_of(i), text_of(i))
        built = s.build()
        spills += s.archived > archived
        first_ids.append(built.turns[0].id)
    assert s.archived > 20
    # The oldest turn in the window changes only at a spill, and spills are rare.
    assert len(set(first_ids)) == spills + 1 and spills < 8


def test_a_message_larger_than_the_window_is_refused(mem: Memory) -> None:
    s = mem.session(SCOPE, window_tokens=700, budget_tokens=200, recall_tokens=200)
    with pytest.raises(UsageError, match="leaves"):
        s.add("user", "word " * 400)
    assert s.turns == []
    with pytest.raises(UsageError, match="no room"):
        mem.session(SCOPE, window_tokens=500, budget_tokens=300, recall_tokens=300)
    with pytest.raises(UsageError, match="role"):
        s.add("system", "hi")
    with pytest.raises(UsageError):
        mem.session(SCOPE, provider="gemini")


def test_close_archives_what_is_left_and_ends_the_session(mem: Memory) -> None:
    with mem.session(SCOPE, session_id="S-42", conversation="C-1") as s:
        s.add("user", "I prefer window seats.", name="alice")
        s.add("assistant", "Noted, window seats.")
    assert s.closed and s.turns == []
    episodes = mem.list(SCOPE, kind="episode")
    assert [(r.source.turns, r.source.session, r.source.conversation) for r in episodes] == [
        (("1",), "S-42", "C-1"),
        (("2",), "S-42", "C-1"),
    ]
    with pytest.raises(UsageError, match="closed"):
        s.add("user", "hello?")
    assert s.close() == []


def test_secrets_are_masked_before_a_turn_is_archived(mem: Memory) -> None:
    s = mem.session(SCOPE)
    s.add("user", f"The deploy token is {SECRET}, keep it handy.")
    assert SECRET in s.build().payload["messages"][0]["content"]  # verbatim in the window
    (episode,) = s.close()
    assert SECRET not in episode.text and "keep it handy" in episode.text


def test_spilled_turns_go_to_extraction_when_asked(
    mem: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, list[dict[str, Any]], dict[str, Any]]] = []

    def remember(scope: str, messages: list[dict[str, Any]], **options: Any) -> list[Any]:
        calls.append((scope, messages, options))
        return []

    monkeypatch.setattr(mem, "remember", remember, raising=False)
    quiet = mem.session(SCOPE)  # no extractor configured: nothing is sent
    quiet.add("user", "I like tea.")
    quiet.close()
    assert calls == []
    s = mem.session(SCOPE, extract=True, conversation="C-9")
    s.add("user", "I like green tea.", name="alice")
    s.close()
    assert calls == [
        (
            SCOPE,
            [{"role": "user", "content": "I like green tea.", "id": "1", "name": "alice"}],
            {"background": True, "session_time": mem.planner.clock(), "conversation": "C-9"},
        )
    ]


def test_anthropic_requests_cache_the_stable_block_and_the_history(mem: Memory) -> None:
    for i in range(40):  # a stable block above Claude Sonnet's 1,024-token minimum
        mem.add(SCOPE, f"Fact number {i}: Alice keeps a detailed travel journal, volume {i}.")
    mem.add(SCOPE, "Answer in British English, briefly and warmly.", kind="rule")
    s = mem.session(SCOPE, window_tokens=6000, system="You are a helpful assistant.")
    cache = PromptCache(rules_for("claude-sonnet-4-5"))
    reads = []
    for i in range(1, 9):
        s.add(role_of(i), text_of(i))
        if role_of(i) == "user":
            body = s.messages()
            assert body["system"][-1]["cache_control"] == {"type": "ephemeral"}
            if i > 1:
                assert body["messages"][-2]["content"][-1]["cache_control"] == {"type": "ephemeral"}
            reads.append(cache.send(Request(cache_blocks(body), at=float(i))))
    assert reads[0].cache_read == 0 and reads[0].cache_write > 0
    stable = s.build().prompt.stable_tokens
    assert all(u.cache_read > stable for u in reads[2:])  # stable block plus earlier turns
    assert reads[-1].cached_share > 0.8


def test_sessions_on_both_doors_build_the_same_requests(
    backend: str, tmp_path: Path, clock: Clock
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    sync = Memory(store=make_store(backend, tmp_path / "a"), embedder=FakeEmbedder(), clock=clock)
    aio = AsyncMemory(
        store=make_store(backend, tmp_path / "b"), embedder=FakeEmbedder(), clock=clock
    )
    turns = [(role_of(i), text_of(i)) for i in range(1, 41)]

    def run_sync() -> list[dict[str, Any]]:
        sync.add(SCOPE, "Be brief.", kind="rule")
        s = sync.session(SCOPE, window_tokens=900, budget_tokens=200, recall_tokens=200,
                         session_id="S")  # fmt: skip
        assert type(s) is Session
        out = []
        for role, text in turns:
            s.add(role, text)
            out.append(s.messages())
        s.close()
        return out

    async def run_async() -> list[dict[str, Any]]:
        await aio.add(SCOPE, "Be brief.", kind="rule")
        s = aio.session(SCOPE, window_tokens=900, budget_tokens=200, recall_tokens=200,
                        session_id="S")  # fmt: skip
        assert isinstance(s, AsyncSession)
        out = []
        async with s:
            for role, text in turns:
                await s.add(role, text)
                out.append(await s.messages())
        return out

    try:
        expected = run_sync()
        got = asyncio.run(run_async())
        assert got == expected
        assert sync.count(SCOPE, kind="episode") == 40
        assert asyncio.run(aio.count(SCOPE, kind="episode")) == 40
    finally:
        sync.close()
        aio.close()
