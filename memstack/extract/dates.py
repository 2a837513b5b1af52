"""Relative dates in a statement, resolved against the time of the conversation.

A memory outlives the conversation it came from: "I moved to Berlin last week"
is true next year too, but "last week" is not. So every extracted statement is
rewritten with absolute dates before it becomes a proposal: "User moved to
Berlin in the week of 2025-02-17". The LLM extractor is told the session time
and asked to do this itself; :func:`resolve` runs on every candidate afterwards
anyway (post-validation), so a model that forgot, and the offline cue
extractor, end up with the same result.

The date of the session is taken in the session time's own zone: "yesterday"
said at 00:30 in Shanghai is the previous Shanghai day, whatever the UTC date.

Choices for ambiguous phrases (documented in ``docs/extraction.md``):

* ``next Friday`` is the first Friday strictly after the session day;
  ``this Friday`` the Friday of the session's Monday-to-Sunday week; ``last
  Friday`` the most recent Friday strictly before. Chinese is explicit: 下周五
  is Friday of next week, 上周五 of the previous week, 这周五/本周五 of this one.
* weeks resolve to their Monday ("the week of 2025-02-17"), months to the
  month ("February 2025", "2025年2月"), years to the year.
* a bare weekday ("on Friday") is left alone: without tense it is unclear
  whether it is past or future.

Pure: no clock, no I/O; the session time is an argument.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

__all__ = ["find_relative", "resolve"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
}  # fmt: skip
_ZH_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

# A preposition before the phrase replaces the default "on"/"in" of the replacement.
_PREP = r"(?:\b(?P<prep>since|until|till|by|from|before|after|on|in|during|through)\s+)?"


def _iso(d: date) -> str:
    return d.isoformat()


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _en_day(d: date) -> tuple[str, str]:
    return "on", _iso(d)


def _en_week(d: date) -> tuple[str, str]:
    return "in", f"the week of {_iso(_monday(d))}"


def _en_month(d: date) -> tuple[str, str]:
    return "in", f"{_MONTHS[d.month - 1]} {d.year}"


def _en_year(d: date) -> tuple[str, str]:
    return "in", str(d.year)


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS[re.sub(r"\s+", " ", word)]


_NUM = (
    r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a\s+couple\s+of|a\s+few)"
)
_UNIT = r"(?P<unit>day|week|month|year)s?"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

Rule = tuple["re.Pattern[str]", Callable[["re.Match[str]", date], tuple[str, str]]]


def _weekday(m: re.Match[str], today: date) -> tuple[str, str]:
    target = _WEEKDAYS.index(m.group("wd").lower())
    which = m.group("which").lower()
    if which == "last":
        delta = (today.weekday() - target) % 7 or 7
        return _en_day(today - timedelta(days=delta))
    if which == "this":
        return _en_day(_monday(today) + timedelta(days=target))
    delta = (target - today.weekday()) % 7 or 7  # next / coming: first one after today
    return _en_day(today + timedelta(days=delta))


def _shift(m: re.Match[str], today: date) -> tuple[str, str]:
    n = _number(m.group("n"))
    sign = -1 if m.group("dir").lower() == "ago" else 1
    unit = m.group("unit").lower()
    if unit == "day":
        return _en_day(today + timedelta(days=sign * n))
    if unit == "week":
        return _en_day(today + timedelta(weeks=sign * n))
    if unit == "month":
        return _en_month(_add_months(today, sign * n))
    return _en_year(date(today.year + sign * n, 1, 1))


def _span(unit: str, offset: int) -> Callable[[re.Match[str], date], tuple[str, str]]:
    def run(m: re.Match[str], today: date) -> tuple[str, str]:
        if unit == "week":
            return _en_week(today + timedelta(weeks=offset))
        if unit == "month":
            return _en_month(_add_months(today, offset))
        return _en_year(date(today.year + offset, 1, 1))

    return run


def _days(offset: int) -> Callable[[re.Match[str], date], tuple[str, str]]:
    return lambda m, today: _en_day(today + timedelta(days=offset))


def _en(pattern: str) -> re.Pattern[str]:
    return re.compile(_PREP + r"\b(?:" + pattern + r")\b(?!['’]s)", re.IGNORECASE)


# Longest phrases first: "the day before yesterday" must win over "yesterday".
_EN_RULES: list[Rule] = [
    (_en(r"the\s+day\s+before\s+yesterday"), _days(-2)),
    (_en(r"the\s+day\s+after\s+tomorrow"), _days(2)),
    (_en(_NUM + r"\s+" + _UNIT + r"\s+(?P<dir>ago)"), _shift),
    (re.compile(r"\b(?P<dir>in)\s+" + _NUM + r"\s+" + _UNIT + r"\b", re.IGNORECASE), _shift),
    (_en(r"(?P<which>last|next|this|coming|this\s+coming)\s+" + _WD), _weekday),
    (_en(r"yesterday|last\s+night"), _days(-1)),
    (_en(r"today|tonight|this\s+(?:morning|afternoon|evening)"), _days(0)),
    (_en(r"tomorrow"), _days(1)),
    (_en(r"last\s+week"), _span("week", -1)),
    (_en(r"this\s+week"), _span("week", 0)),
    (_en(r"next\s+week"), _span("week", 1)),
    (_en(r"last\s+month"), _span("month", -1)),
    (_en(r"this\s+month"), _span("month", 0)),
    (_en(r"next\s+month"), _span("month", 1)),
    (_en(r"last\s+year"), _span("year", -1)),
    (_en(r"this\s+year"), _span("year", 0)),
    (_en(r"next\s+year"), _span("year", 1)),
]


def _zh_day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _zh_num(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _ZH_DIGITS[text[1]]
    if text.endswith("十"):
        return _ZH_DIGITS[text[0]] * 10
    if "十" in text:
        tens, ones = text.split("十")
        return _ZH_DIGITS[tens] * 10 + _ZH_DIGITS[ones]
    return _ZH_DIGITS[text]


def _zh_weekday(m: re.Match[str], today: date) -> str:
    week = {"上": -1, "这": 0, "本": 0, "下": 1}[m.group("which")[0]]
    target = _ZH_WEEKDAYS[m.group("wd")]
    return _zh_day(_monday(today) + timedelta(weeks=week, days=target))


def _zh_shift(m: re.Match[str], today: date) -> str:
    n = _zh_num(m.group("n"))
    sign = -1 if m.group("dir") in ("前", "以前", "之前") else 1
    unit = m.group("unit")
    if unit == "天":
        return _zh_day(today + timedelta(days=sign * n))
    if unit in ("周", "星期", "个星期", "礼拜", "个礼拜"):
        return _zh_day(today + timedelta(weeks=sign * n))
    if unit in ("个月", "月"):
        d = _add_months(today, sign * n)
        return f"{d.year}年{d.month}月"
    return f"{today.year + sign * n}年"


def _zh_days(offset: int) -> Callable[[re.Match[str], date], str]:
    return lambda m, today: _zh_day(today + timedelta(days=offset))


def _zh_span(unit: str, offset: int) -> Callable[[re.Match[str], date], str]:
    def run(m: re.Match[str], today: date) -> str:
        if unit == "week":
            return _zh_day(_monday(today + timedelta(weeks=offset))) + "那一周"
        if unit == "month":
            d = _add_months(today, offset)
            return f"{d.year}年{d.month}月"
        return f"{today.year + offset}年"

    return run


_ZH_NUM = r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})"
_ZH_WEEK = r"(?:周|星期|礼拜)"
_ZH_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], date], str]]] = [
    (
        re.compile(
            r"(?P<which>上个?|这个?|(?<!日)本|下个?)" + _ZH_WEEK + r"(?P<wd>[一二三四五六日天])"
        ),
        _zh_weekday,
    ),
    (
        re.compile(
            _ZH_NUM
            + r"(?P<unit>天|个星期|星期|个礼拜|礼拜|周|个月|年)(?P<dir>以前|之前|前|以后|之后|后)"
        ),
        _zh_shift,
    ),
    (re.compile(r"大前天"), _zh_days(-3)),
    (re.compile(r"(?<![之以提])前天"), _zh_days(-2)),
    (re.compile(r"昨天|昨日|昨晚|昨夜"), _zh_days(-1)),
    (re.compile(r"今天|今日|今晚|今早|今天早上|今天晚上"), _zh_days(0)),
    (re.compile(r"明天|明日|明晚|明早"), _zh_days(1)),
    (re.compile(r"大后天"), _zh_days(3)),
    (re.compile(r"(?<![之以然])后天"), _zh_days(2)),
    (re.compile(r"上个?" + _ZH_WEEK), _zh_span("week", -1)),
    (re.compile(r"(?:这个?|(?<!日)本)" + _ZH_WEEK), _zh_span("week", 0)),
    (re.compile(r"下个?" + _ZH_WEEK), _zh_span("week", 1)),
    (re.compile(r"上个月|(?<![晚早马身])上月"), _zh_span("month", -1)),
    (re.compile(r"这个月|本月"), _zh_span("month", 0)),
    (re.compile(r"下个月|下月"), _zh_span("month", 1)),
    (re.compile(r"前年"), _zh_span("year", -2)),
    (re.compile(r"去年"), _zh_span("year", -1)),
    (re.compile(r"今年"), _zh_span("year", 0)),
    (re.compile(r"明年"), _zh_span("year", 1)),
    (re.compile(r"(?<![之以然])后年"), _zh_span("year", 2)),
]


def _replace_en(
    text: str, pattern: re.Pattern[str], make: Callable[..., tuple[str, str]], today: date
) -> str:
    def sub(m: re.Match[str]) -> str:
        default, phrase = make(m, today)
        prep = m.groupdict().get("prep")
        if m.groupdict().get("dir", "").lower() == "in":
            prep = None  # "in 3 days": the "in" is part of the phrase, not a preposition
        return (
            f"{prep} {phrase}"
            if prep and prep.lower() not in ("on", "in")
            else f"{default} {phrase}"
        )

    return pattern.sub(sub, text)


def resolve(text: str, at: datetime) -> str:
    """Rewrite relative dates in ``text`` as absolute dates, seen from ``at``.

    Args:
        text: a statement, English or Chinese (or both).
        at: when the conversation happened; its own time zone decides the day.

    Returns:
        The text with every recognised relative date replaced.

    Example:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2025, 3, 1, 12, tzinfo=timezone.utc)  # a Saturday
        >>> resolve("User moved to Berlin yesterday", at)
        'User moved to Berlin on 2025-02-28'
        >>> resolve("User has a dentist appointment next Friday", at)
        'User has a dentist appointment on 2025-03-07'
        >>> resolve("User started the job last week", at)
        'User started the job in the week of 2025-02-17'
        >>> resolve("用户昨天搬到了柏林", at)
        '用户2025年2月28日搬到了柏林'
    """
    today = at.date()
    out = text
    for pattern, make in _EN_RULES:
        out = _replace_en(out, pattern, make, today)
    for zh_pattern, zh_make in _ZH_RULES:
        out = zh_pattern.sub(lambda m, f=zh_make: f(m, today), out)  # type: ignore[misc]
    return out


def find_relative(text: str) -> list[str]:
    """The relative date phrases :func:`resolve` would replace, in order of the rules.

    Example:
        >>> find_relative("see you tomorrow, 明天见")
        ['tomorrow', '明天']
    """
    found: list[str] = []
    for pattern, _ in _EN_RULES:
        found += [m.group(0).strip() for m in pattern.finditer(text)]
    for zh_pattern, _ in _ZH_RULES:
        found += [m.group(0) for m in zh_pattern.finditer(text)]
    return found
