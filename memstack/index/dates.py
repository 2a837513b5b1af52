"""Time expressions in text: "last May", "in 2023", "two weeks ago", "上周" as date ranges.

The reading half of the time prior (:mod:`memstack.index.temporal` is the ranking
half): :func:`parse` finds the first time expression of a query, in English or
Chinese, and turns it into a :class:`Window` relative to a reference time (the
search's ``as_of``, else now). A table of rules, most specific first; the first
rule that matches gives the window. Each rule is a regular expression and a
function from its match and today's date to a span of days.

Recognised (case-insensitive; ``ref`` is the reference time):

=====================================  ====================================
expression                             window
=====================================  ====================================
2023-05-14, 14 May 2023, May 14, 2023  that day
May 2023, 2023年5月                     that month
in 2023, 2023, 2023年                   that year
summer 2023, last summer               June-August (winter: December-February)
last May, 去年五月, 今年三月              that month of the year meant
in May, during May, 五月 (no year)       the latest May not after ``ref``
yesterday, today, 昨天, 前天, 今天       that day
3 days ago, two weeks ago, 三天前         that day (weeks: ±3 days; months: the month)
last / this week, 上周, 本周             Monday to Sunday
last / this month, 上个月, 这个月         the calendar month
last / this year, 去年, 今年, 前年        the calendar year
last weekend                           the Saturday and Sunday before
last Friday, 上周五                      that day
before / after / since / until X       open on one side
=====================================  ====================================

Pure: the reference time is an argument.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

__all__ = ["FAR_FUTURE", "FAR_PAST", "Window", "parse"]

#: The ends of an open window ("before May 2023" starts in the far past).
FAR_PAST = datetime(1, 1, 2, tzinfo=UTC)
FAR_FUTURE = datetime(9999, 12, 30, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Window:
    """A time range a query names: ``start`` inclusive, ``end`` exclusive, both aware.

    Attributes:
        start, end: the range; an open side is far in the past or future.
        phrase: the words of the query it comes from.
    """

    start: datetime
    end: datetime
    phrase: str

    def contains(self, t: datetime) -> bool:
        """True if ``t`` falls inside the window."""
        return self.start <= t < self.end


# -- calendar helpers ------------------------------------------------------------------------

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "several": 3,
}  # fmt: skip
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}  # fmt: skip
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _zh_num(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)
    return _ZH_DIGITS[text]


def _number(word: str) -> int:
    word = re.sub(r"\s+", " ", word.lower())
    return int(word) if word.isdigit() else _NUMBERS[word]


Span = tuple[date, date]  # start inclusive, end exclusive


def _day(d: date) -> Span:
    return d, d + timedelta(days=1)


def _month(year: int, month: int) -> Span:
    start = date(year, month, 1)
    return start, _add_months(start, 1)


def _year(year: int) -> Span:
    return date(year, 1, 1), date(year + 1, 1, 1)


def _week(d: date) -> Span:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=7)


def _season(year: int, first_month: int) -> Span:
    start = date(year - 1 if first_month == 12 else year, first_month, 1)
    return start, _add_months(start, 3)


def _latest_month(month: int, today: date, *, strictly_before: bool) -> Span:
    """The most recent ``month`` not after today's (before it, for "last May")."""
    year = today.year
    if month > today.month or (strictly_before and month == today.month):
        year -= 1
    return _month(year, month)


def _year_ok(text: str) -> int | None:
    year = int(text)
    return year if 1900 <= year <= 2199 else None


# -- rules -------------------------------------------------------------------------------------

Make = Callable[["re.Match[str]", date], "Span | None"]
_MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_ORD = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20|21)\d\d)"
_NUM = (
    r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a\s+couple\s+of|a\s+few|several)"
)


def _m(match: re.Match[str], name: str) -> str:
    return (match.groupdict().get(name) or "").lower()


def _date(match: re.Match[str], _: date) -> Span | None:
    year = _year_ok(match.group("year"))
    try:
        d = date(year, _MONTHS[_m(match, "month")], int(match.group("day"))) if year else None
    except ValueError:
        return None
    return _day(d) if d else None


def _iso(match: re.Match[str], _: date) -> Span | None:
    try:
        return _day(date.fromisoformat(match.group(0)))
    except ValueError:
        return None


def _month_year(match: re.Match[str], _: date) -> Span | None:
    year = _year_ok(match.group("year"))
    return _month(year, _MONTHS[_m(match, "month")]) if year else None


def _season_year(match: re.Match[str], today: date) -> Span | None:
    first = _SEASONS[_m(match, "season")]
    if match.groupdict().get("year"):
        year = _year_ok(match.group("year"))
        return _season(year, first) if year else None
    which = _m(match, "which")
    for year in range(today.year + 1, today.year - 3, -1):  # the latest that fits
        start, end = _season(year, first)
        if which == "this" and start <= today < end:
            return start, end
        if which == "last" and end <= today:
            return start, end
        if which not in ("this", "last") and start <= today:
            return start, end
    return _season(today.year, first)


def _named_month(match: re.Match[str], today: date) -> Span:
    month = _MONTHS[_m(match, "month")]
    which = _m(match, "which")
    if which == "this":
        return _month(today.year, month)
    if which == "next":
        year = today.year if month > today.month else today.year + 1
        return _month(year, month)
    return _latest_month(month, today, strictly_before=which == "last")


def _year_only(match: re.Match[str], _: date) -> Span | None:
    year = _year_ok(match.group("year"))
    return _year(year) if year else None


def _ago(match: re.Match[str], today: date) -> Span:
    n = _number(match.group("n"))
    unit = _m(match, "unit")
    if unit == "day":
        return _day(today - timedelta(days=n))
    if unit == "week":
        mid = today - timedelta(weeks=n)
        return mid - timedelta(days=3), mid + timedelta(days=4)
    if unit == "month":
        d = _add_months(today, -n)
        return _month(d.year, d.month)
    return _year(today.year - n)


def _relative(unit: str, offset: int) -> Make:
    def run(match: re.Match[str], today: date) -> Span:
        if unit == "day":
            return _day(today + timedelta(days=offset))
        if unit == "week":
            return _week(today + timedelta(weeks=offset))
        if unit == "weekend":
            saturday = _week(today)[0] + timedelta(days=5 + 7 * offset)
            if offset < 0 and saturday + timedelta(days=7) <= today:
                saturday += timedelta(days=7)  # "last weekend" on a Monday: the one just gone
            return saturday, saturday + timedelta(days=2)
        if unit == "month":
            d = _add_months(today, offset)
            return _month(d.year, d.month)
        return _year(today.year + offset)

    return run


def _weekday(match: re.Match[str], today: date) -> Span:
    target = _WEEKDAYS.index(_m(match, "wd"))
    if _m(match, "which") == "this":
        return _day(_week(today)[0] + timedelta(days=target))
    delta = (today.weekday() - target) % 7 or 7
    return _day(today - timedelta(days=delta))


def _zh_date(match: re.Match[str], today: date) -> Span | None:
    groups = match.groupdict()
    return _zh_ymd(groups.get("y"), groups.get("mo"), groups.get("d"), today)


def _zh_ymd(year_text: str | None, month_text: str | None, day_text: str | None,
            today: date) -> Span | None:  # fmt: skip
    year: int | None = None
    if year_text and year_text.isdigit():
        year = _year_ok(year_text)
        if year is None:
            return None
    shift = {"去年": -1, "今年": 0, "前年": -2, "明年": 1}.get(year_text or "")
    if shift is not None:
        year = today.year + shift
    if month_text is None:
        return _year(year) if year else None
    month = _zh_num(month_text)
    if not 1 <= month <= 12:
        return None
    if day_text is not None:
        try:
            d = date(year or today.year, month, _zh_num(day_text))
        except ValueError:
            return None
        if year is None and d > today:
            d = d.replace(year=d.year - 1)
        return _day(d)
    if year is None:
        return _latest_month(month, today, strictly_before=False)
    return _month(year, month)


def _zh_ago(match: re.Match[str], today: date) -> Span:
    n = _zh_num(match.group("n"))
    unit = match.group("unit")
    if unit == "天":
        return _day(today - timedelta(days=n))
    if unit in ("个月", "月"):
        d = _add_months(today, -n)
        return _month(d.year, d.month)
    if unit == "年":
        return _year(today.year - n)
    mid = today - timedelta(weeks=n)
    return mid - timedelta(days=3), mid + timedelta(days=4)


def _zh_weekday(match: re.Match[str], today: date) -> Span:
    week = {"上": -1, "这": 0, "本": 0}[match.group("which")[0]]
    return _day(_week(today)[0] + timedelta(weeks=week, days=_ZH_WEEKDAYS[match.group("wd")]))


def _en(pattern: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)


_WHICH = r"(?:(?P<which>last|this|next|past|previous)\s+)"
_PREP = r"(?:in|during|on|of|from|since|before|after|until|till|by|around|early|late|mid)"
# Most specific first: the first rule that matches gives the window.
_RULES: tuple[tuple[re.Pattern[str], Make], ...] = (
    (re.compile(r"\b(?:19|20|21)\d\d-\d\d-\d\d\b"), _iso),
    (_en(_ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR), _date),
    (_en(_MONTH + r"\s+" + _ORD + r",?\s+" + _YEAR), _date),
    (
        re.compile(
            r"(?P<y>\d{4}|去年|今年|前年|明年)年?(?P<mo>\d{1,2}|十[一二]?|[一二三四五六七八九])月"
            r"(?:(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?"
        ),
        _zh_date,
    ),
    (_en(_MONTH + r",?\s+(?:of\s+)?" + _YEAR), _month_year),
    (
        _en(
            r"(?:(?P<which>last|this|next)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
            r"(?:\s+(?:of\s+)?" + _YEAR + r")?"
        ),
        _season_year,
    ),  # fmt: skip
    (re.compile(r"(?P<y>\d{4})年"), _zh_date),
    (
        re.compile(
            r"(?<![\d年])(?P<mo>\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?"
            r"(?:(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?"
        ),
        _zh_date,
    ),  # fmt: skip
    (_en(r"the\s+day\s+before\s+yesterday"), _relative("day", -2)),
    (_en(r"yesterday|last\s+night"), _relative("day", -1)),
    (_en(r"today|tonight|this\s+(?:morning|afternoon|evening)"), _relative("day", 0)),
    (_en(_NUM + r"\s+(?P<unit>day|week|month|year)s?\s+ago"), _ago),
    (_en(r"(?:last|past|previous)\s+weekend"), _relative("weekend", -1)),
    (_en(r"this\s+weekend"), _relative("weekend", 0)),
    (
        _en(
            r"(?P<which>last|this)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|"
            r"sunday)"
        ),
        _weekday,
    ),  # fmt: skip
    (_en(r"(?:last|past|previous)\s+week"), _relative("week", -1)),
    (_en(r"this\s+week"), _relative("week", 0)),
    (_en(r"(?:last|past|previous)\s+month"), _relative("month", -1)),
    (_en(r"this\s+month"), _relative("month", 0)),
    (_en(r"(?:last|past|previous)\s+year"), _relative("year", -1)),
    (_en(r"this\s+year"), _relative("year", 0)),
    (_en(_WHICH + _MONTH), _named_month),
    # A bare month name only after a preposition: "May I ask" names no month.
    (
        _en(
            r"(?P<lead>"
            + _PREP
            + r")\s+(?:the\s+(?:start|end|beginning|middle)\s+of\s+)?"
            + _MONTH
            + r"(?!\s+(?:\d|I\b|i\b|we\b|you\b|he\b|she\b|they\b))"
        ),
        _named_month,
    ),  # fmt: skip
    (_en(_YEAR), _year_only),
    (re.compile(r"大前天"), _relative("day", -3)),
    (re.compile(r"(?<![之以提])前天"), _relative("day", -2)),
    (re.compile(r"昨天|昨日|昨晚|昨夜"), _relative("day", -1)),
    (re.compile(r"今天|今日|今晚|今早"), _relative("day", 0)),
    (
        re.compile(
            r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})"
            r"(?P<unit>天|个星期|星期|个礼拜|礼拜|周|个月|年)(?:以前|之前|前)"
        ),
        _zh_ago,
    ),
    (
        re.compile(r"(?P<which>上个?|这个?|本)(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"),
        _zh_weekday,
    ),
    (re.compile(r"上个?(?:周|星期|礼拜)"), _relative("week", -1)),
    (re.compile(r"(?:这个?|本)(?:周|星期|礼拜)"), _relative("week", 0)),
    (re.compile(r"上个月|(?<![晚早马身])上月"), _relative("month", -1)),
    (re.compile(r"这个月|本月"), _relative("month", 0)),
    (re.compile(r"前年"), _relative("year", -2)),
    (re.compile(r"去年"), _relative("year", -1)),
    (re.compile(r"今年"), _relative("year", 0)),
)


# Every rule needs one of these: a digit, a month, weekday or season name, a relative word.
_TRIGGER = re.compile(
    r"\d|[年月日号天周昨今前]|星期|礼拜|\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|ago|last|this|"
    r"past|previous|spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)
_OPEN = re.compile(r"\b(?P<prep>before|after|since|until|till|by)\s*$", re.IGNORECASE)


def _at(d: date, ref: datetime) -> datetime:
    return datetime.combine(d, time(), ref.tzinfo or UTC)


def parse(query: str, ref: datetime) -> Window | None:
    """The time window the query names, seen from ``ref``, or ``None``.

    Args:
        query: the search text, English or Chinese.
        ref: when the question is asked (aware); its own zone decides the day.

    Example:
        >>> from datetime import datetime, timezone
        >>> ref = datetime(2025, 6, 18, 12, tzinfo=timezone.utc)  # a Wednesday
        >>> w = parse("What did I do last May?", ref)
        >>> w.start.date().isoformat(), w.end.date().isoformat(), w.phrase
        ('2025-05-01', '2025-06-01', 'last May')
        >>> parse("去年五月我去了哪里", ref).start.date().isoformat()
        '2024-05-01'
        >>> parse("two weeks ago", ref).start.date().isoformat()
        '2025-06-01'
        >>> parse("May I ask what you think?", ref) is None
        True
    """
    if ref.tzinfo is None:
        raise ValueError("ref must be timezone-aware")
    if not _TRIGGER.search(query):  # most queries name no time: one scan, no rules
        return None
    today = ref.date()
    for pattern, make in _RULES:
        for match in pattern.finditer(query):
            span = make(match, today)
            if span is None:
                continue
            start, end = _at(span[0], ref), _at(span[1], ref)
            start, end = _opened(query, match, start, end, ref)
            return Window(start, end, match.group(0).strip())
    return None


def _opened(
    query: str, match: re.Match[str], start: datetime, end: datetime, ref: datetime
) -> tuple[datetime, datetime]:
    """ "before May 2023" is open to the past, "since May 2023" runs up to ``ref``."""
    lead = match.groupdict().get("lead") or ""
    before = _OPEN.search(query[: match.start()].rstrip() + " " + lead)
    after_zh = re.match(r"\s*(之前|以前|之后|以后|以来)", query[match.end() :])
    word = (before.group("prep") or "").lower() if before else ""
    zh = after_zh.group(1) if after_zh else ""
    if word == "before" or zh in ("之前", "以前"):
        return FAR_PAST, start
    if word == "after" or zh == "之后":
        return end, max(ref, end) + timedelta(days=1)
    if word == "since" or zh in ("以来", "以后"):
        return start, max(ref, end) + timedelta(days=1)
    if word in ("until", "till", "by"):
        return FAR_PAST, end
    return start, end
