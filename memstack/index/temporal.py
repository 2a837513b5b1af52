"""The time prior: prefer memories from the time a query names, or from before/after an event.

"What did I do last May?", "我上周说了什么？": the question names a time, and the
memories that answer it are most likely the ones that became true then (an
episode's turn time, a fact's event time, both ``valid_from``).
:func:`memstack.index.dates.parse` reads the time expression (re-exported here as
:func:`parse`); :func:`prefer` then lifts the candidates inside its window, and a
little less those near it.

"What did I cook before I moved?", "since the wedding", "我搬家之前": the question
dates itself by an *event* instead. :func:`anchor` finds the event's words ("I
moved"); the search plan looks them up among the scope's memories
(:mod:`memstack.plan.anchors`) and :func:`anchored` turns the time of the best
match into a window open on one side, used like any other.

It is a *prior*, never a filter: scores are multiplied by at most
``1 + strength``, so a memory from the named time wins a near tie but a much
better match from another time still ranks, and nothing is ever excluded.
Outside a window the gain halves every :data:`SPREAD` of the window's length
(at least :data:`MIN_SPREAD`); a window open to the past ("before May 2023")
has no length, so its edge falls off over :data:`MIN_SPREAD`.

Pure: the reference time is an argument.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from ..models import Hit
from .dates import FAR_FUTURE, FAR_PAST, Window, parse

__all__ = [
    "STRENGTH", "Anchor", "Window", "anchor", "anchored", "closeness", "parse", "prefer",
]  # fmt: skip

#: How much a memory inside the window gains at most: its score times ``1 + STRENGTH``.
STRENGTH = 0.3
#: Past the window's edges, the prior halves every this share of the window's length
#: (at least :data:`MIN_SPREAD`): turns often tell of an event days after it happened.
SPREAD = 0.5
MIN_SPREAD = timedelta(days=7)


# -- events as anchors -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anchor:
    """An event a query dates itself by.

    Attributes:
        side: ``before`` (before, until, prior to, 之前, 以前) or ``after`` (after,
            since, following, 之后, 以后, 以来).
        phrase: the words naming the event, to be looked up among the memories.
    """

    side: Literal["before", "after"]
    phrase: str


_BEFORE = {"before", "until", "till", "prior to", "之前", "以前"}
_EN_ANCHOR = re.compile(
    r"\b(?P<side>before|after|since|until|till|prior\s+to|following)\s+(?P<event>[^?.!,;:]+)",
    re.IGNORECASE,
)
_ZH_ANCHOR = re.compile(
    r"(?P<event>[^，。？！、；：,.?!;:\s]{2,24}?)(?P<side>之前|以前|之后|以后|以来)"
)
#: Words that leave nothing to look up ("before that", "since then", "after all").
_EMPTY = re.compile(
    r"(?:that|this|then|now|when|all|it|so|which|one|ever|yet|long|later|before|[\s'\-])*",
    re.IGNORECASE,
)


def anchor(query: str) -> Anchor | None:
    """The event a query dates itself by, or ``None``.

    Call it for a query :func:`parse` found no time in: "before May 2023" is a date.

    Example:
        >>> anchor("What did I cook before I moved to Lisbon?")
        Anchor(side='before', phrase='I moved to Lisbon')
        >>> anchor("How has she felt since the wedding")
        Anchor(side='after', phrase='the wedding')
        >>> anchor("我搬家之前住在哪里？")
        Anchor(side='before', phrase='我搬家')
        >>> anchor("Have we met before?") is None
        True
    """
    found = _EN_ANCHOR.search(query) or _ZH_ANCHOR.search(query)
    if found is None:
        return None
    phrase = found.group("event").strip()
    if _EMPTY.fullmatch(phrase):
        return None
    side = re.sub(r"\s+", " ", found.group("side").lower())
    return Anchor("before" if side in _BEFORE else "after", phrase)


def anchored(event: Anchor, at: datetime, ref: datetime) -> Window:
    """The window before or after an event that happened ``at``, seen from ``ref``.

    Example:
        >>> from datetime import datetime, timezone
        >>> moved = datetime(2025, 6, 1, tzinfo=timezone.utc)
        >>> w = anchored(Anchor("after", "I moved"), moved, moved.replace(month=9))
        >>> w.start.date().isoformat(), w.end.date().isoformat(), w.phrase
        ('2025-06-01', '2025-09-02', 'after I moved')
    """
    phrase = f"{event.side} {event.phrase}"
    if event.side == "before":
        return Window(FAR_PAST, at, phrase)
    return Window(at, max(ref, at) + timedelta(days=1), phrase)


# -- the prior --------------------------------------------------------------------------------


def closeness(t: datetime, window: Window) -> float:
    """1 inside the window, halving every :data:`SPREAD` of its length (≥ 7 days) outside it."""
    if window.contains(t):
        return 1.0
    gap = window.start - t if t < window.start else t - window.end
    return math.pow(0.5, gap / _spread(window))


def _spread(window: Window) -> timedelta:
    if window.start <= FAR_PAST or window.end >= FAR_FUTURE:
        return MIN_SPREAD  # open on one side: its length says nothing about its edge
    return max((window.end - window.start) * SPREAD, MIN_SPREAD)


def prefer(
    hits: Sequence[Hit], window: Window, *, limit: int | None = None, strength: float = STRENGTH
) -> list[Hit]:
    """Re-rank fused hits: each score times ``1 + strength × closeness`` of its ``valid_from``.

    ``hits`` may hold records or stubs; the best ``limit`` (default: all) are
    returned, best first (ties by id), with ``parts.temporal`` set to the
    closeness. Nothing is dropped before the cut.
    """
    start, end = window.start.timestamp(), window.end.timestamp()
    spread = _spread(window).total_seconds()
    ranked = []
    for i, hit in enumerate(hits):
        t = hit.memory.valid_from.timestamp()
        gap = start - t if t < start else t - end if t >= end else 0.0
        near = 0.5 ** (gap / spread) if gap else 1.0
        gain = 1.0 + strength * near
        score = hit.score * gain if hit.score >= 0 else hit.score / gain
        ranked.append((-score, hit.memory.id, i, near))
    ranked.sort()
    return [
        replace(hits[i], score=-neg, parts=replace(hits[i].parts, temporal=near))
        for neg, _, i, near in ranked[:limit]
    ]
