"""The offline cue extractor: explicit cues in user turns, English and Chinese."""

from __future__ import annotations

import pytest

from memstack.extract.base import Candidate, parse_conversation
from memstack.extract.cue import find_candidates, guess_topic, third_person

from .conftest import T0


def extract(*messages: dict[str, str]) -> list[Candidate]:
    return find_candidates(parse_conversation(list(messages), session_time=T0))


def one(text: str, **extra: str) -> tuple[str, str]:
    found = extract({"role": "user", "content": text, **extra})
    assert len(found) == 1, found
    return found[0].kind, found[0].text


@pytest.mark.parametrize(
    ("said", "kind", "statement"),
    [
        (
            "Remember that my sister's birthday is May 3.",
            "fact",
            "User's sister's birthday is May 3",
        ),
        ("Please remember: I work at Acme.", "fact", "User works at Acme"),
        ("Don't forget that I'm vegetarian!", "fact", "User is vegetarian"),
        ("I prefer green tea over coffee.", "fact", "User prefers green tea over coffee"),
        ("Honestly, I really prefer aisle seats", "fact", "User prefers aisle seats"),
        ("My favourite colour is blue.", "fact", "User's favourite colour is blue"),
        ("my name is Robert", "fact", "User's name is Robert"),
        ("Call me Bob.", "fact", "User wants to be called Bob"),
        (
            "I'm allergic to peanuts and shellfish.",
            "fact",
            "User is allergic to peanuts and shellfish",
        ),
        ("I have a severe peanut allergy", "fact", "User has a severe peanut allergy"),
        ("I always run on Sundays.", "fact", "User always runs on Sundays"),
        ("Never use emojis in replies.", "rule", "Never use emojis in replies"),
        ("Always answer in English, please.", "rule", "Always answer in English"),
        ("Don't ever call me before 9am", "rule", "Never call the user before 9am"),
        ("Remember to cite sources.", "rule", "Cite sources"),
        ("From now on, keep answers short.", "rule", "Keep answers short"),
        ("From now on I'm vegan.", "fact", "User is vegan"),
    ],
)
def test_english_cues(said: str, kind: str, statement: str) -> None:
    assert one(said) == (kind, statement)


@pytest.mark.parametrize(
    ("said", "kind", "statement"),
    [
        ("记住我妹妹的生日是5月3日。", "fact", "用户妹妹的生日是5月3日"),
        ("我很喜欢喝绿茶。", "fact", "用户很喜欢喝绿茶"),
        ("我不喜欢香菜", "fact", "用户不喜欢香菜"),
        ("我叫小明。", "fact", "用户叫小明"),
        ("叫我小王", "fact", "用户希望被称为小王"),
        ("我对花生过敏。", "fact", "用户对花生过敏"),
        ("我的生日是3月1日", "fact", "用户的生日是3月1日"),
        ("以后请用中文回答我。", "rule", "用中文回答用户"),
        ("以后我每天早上跑步", "fact", "用户以后每天早上跑步"),
        ("永远不要在代码里用tab。", "rule", "永远不要在代码里用tab"),
        ("记住以后回答要简短", "rule", "回答要简短"),
    ],
)
def test_chinese_cues(said: str, kind: str, statement: str) -> None:
    assert one(said) == (kind, statement)


@pytest.mark.parametrize(
    "said",
    [
        "Do you remember my dog's name?",
        "Can you always answer in English?",
        "你记得我叫什么吗？",
        "My point is that it works.",
        "What's the weather like today?",
        "I moved to Berlin yesterday.",  # a fact, but no explicit cue: left to an LLM extractor
        "我爱你",
    ],
)
def test_no_cue_no_candidate(said: str) -> None:
    assert extract({"role": "user", "content": said}) == []


def test_only_user_turns_count() -> None:
    found = extract(
        {"role": "system", "content": "Always be concise."},
        {"role": "user", "content": "I prefer tea."},
        {
            "role": "assistant",
            "content": "Noted! I prefer coffee myself. Remember that I am an AI.",
        },
        {"role": "tool", "content": "Never do that."},
    )
    assert [c.text for c in found] == ["User prefers tea"]


def test_named_speakers_become_the_subject() -> None:
    assert one("I prefer window seats.", name="Alice") == ("fact", "Alice prefers window seats")
    assert one("Never book me on red-eye flights.", name="Alice") == (
        "rule",
        "Never book Alice on red-eye flights",
    )
    assert one("我喜欢喝茶", name="小红") == ("fact", "小红喜欢喝茶")


def test_candidates_keep_excerpt_turn_topic_and_cue() -> None:
    found = extract(
        {"role": "user", "content": "hi", "id": "t1"},
        {"role": "user", "content": "Oh, and I'm allergic to cats. Thanks!", "id": "t2"},
    )
    assert len(found) == 1
    c = found[0]
    assert c.excerpt == "Oh, and I'm allergic to cats."
    assert c.turns == ("t2",)
    assert c.topic == "health"
    assert c.rationale == 'explicit cue "I\'m allergic to"'


def test_several_cues_in_one_message_and_repeats_once() -> None:
    found = extract(
        {"role": "user", "content": "I prefer tea. Never use emojis. 我对花生过敏。I prefer tea."},
    )
    assert [(c.kind, c.text) for c in found] == [
        ("fact", "User prefers tea"),
        ("rule", "Never use emojis"),
        ("fact", "用户对花生过敏"),
    ]


def test_third_person_and_topics() -> None:
    assert third_person("I have two kids and my wife is a doctor", "User") == (
        "User has two kids and User's wife is a doctor"
    )
    assert third_person("I need coffee", "User") == "User needs coffee"
    assert third_person("I watch films", "User") == "User watches films"
    assert guess_topic("Always answer in English") == "language"
    assert guess_topic("User's sister lives in Rome") == "family"
    assert guess_topic("User likes jazz") is None
