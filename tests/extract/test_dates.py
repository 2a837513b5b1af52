"""Relative dates resolve against the session time, in English and Chinese."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from memstack.extract.dates import find_relative, resolve

SAT = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)  # Saturday 1 March 2025


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("User moved to Berlin yesterday", "User moved to Berlin on 2025-02-28"),
        ("User ate sushi the day before yesterday", "User ate sushi on 2025-02-27"),
        ("User flies to Rome tomorrow", "User flies to Rome on 2025-03-02"),
        ("User ran a marathon today", "User ran a marathon on 2025-03-01"),
        (
            "User has a dentist appointment next Friday",
            "User has a dentist appointment on 2025-03-07",
        ),
        ("User met Ann last Friday", "User met Ann on 2025-02-28"),
        ("User started the job last week", "User started the job in the week of 2025-02-17"),
        ("User is on holiday next week", "User is on holiday in the week of 2025-03-03"),
        ("User has lived here since last month", "User has lived here since February 2025"),
        ("User visited Japan last year", "User visited Japan in 2024"),
        ("User adopted a cat 3 days ago", "User adopted a cat on 2025-02-26"),
        ("User adopted a cat a couple of weeks ago", "User adopted a cat on 2025-02-15"),
        ("User moves in 10 days", "User moves on 2025-03-11"),
        ("User's birthday is on 5 May", "User's birthday is on 5 May"),
        ("Today's plan changed", "Today's plan changed"),
    ],
)
def test_english(text: str, expected: str) -> None:
    assert resolve(text, SAT) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("用户昨天搬到了柏林", "用户2025年2月28日搬到了柏林"),
        ("用户前天生病了", "用户2025年2月27日生病了"),
        ("用户明天去上海", "用户2025年3月2日去上海"),
        ("用户下周五开会", "用户2025年3月7日开会"),
        ("用户上周三见了医生", "用户2025年2月19日见了医生"),
        ("用户上周开始新工作", "用户2025年2月17日那一周开始新工作"),
        ("用户上个月换了工作", "用户2025年2月换了工作"),
        ("用户去年去了日本", "用户2024年去了日本"),
        ("用户3天前领养了一只猫", "用户2025年2月26日领养了一只猫"),
        ("用户两个月后搬家", "用户2025年5月搬家"),
        # Not dates: the same characters inside other words stay as they are.
        ("用户住在日本周边", "用户住在日本周边"),
        ("用户喜欢晚上月亮", "用户喜欢晚上月亮"),
        ("用户之后天天跑步", "用户之后天天跑步"),
    ],
)
def test_chinese(text: str, expected: str) -> None:
    assert resolve(text, SAT) == expected


def test_the_session_time_zone_decides_the_day() -> None:
    shanghai = datetime(
        2025, 3, 1, 0, 30, tzinfo=timezone(timedelta(hours=8))
    )  # still Feb 28 in UTC
    assert resolve("User moved yesterday", shanghai) == "User moved on 2025-02-28"
    assert resolve("User moved yesterday", shanghai.astimezone(UTC)) == "User moved on 2025-02-27"


def test_this_weekday_is_in_the_session_week_and_next_is_the_first_after() -> None:
    wednesday = datetime(2025, 3, 5, tzinfo=UTC)
    assert resolve("this Friday", wednesday) == "on 2025-03-07"
    assert resolve("next Friday", wednesday) == "on 2025-03-07"
    assert resolve("last Friday", wednesday) == "on 2025-02-28"
    assert resolve("next Wednesday", wednesday) == "on 2025-03-12"
    assert resolve("下周三", wednesday) == "2025年3月12日"


def test_find_relative_lists_what_is_left() -> None:
    assert find_relative("User moved yesterday and starts next week") == ["yesterday", "next week"]
    assert find_relative("User moved on 2025-02-28") == []
