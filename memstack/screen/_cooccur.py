"""Features that must occur together in one sentence: the checks of the multilingual families.

An intent family (an order to act on outside content, to send data out, to
void the model's instructions...) is a *combination* of features: the words of
any one of them are everyday words, their meeting in one sentence is the move.
Writing every order of the features as one regex would multiply the
alternations; instead a :class:`memstack.screen._rules.Pattern` matches one
feature (its anchor, which gives the span a reviewer sees) and its ``check``
asks for the others in the same sentence with :func:`together`. Each feature is
one compiled regex searched once over that sentence, so the cost stays linear.

Sentences end at ``.!?`` followed by a space or the end (so the dots of an
e-mail address or a domain do not cut one), at ``。！？`` and at a newline.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["keys_of", "sentence", "together"]

_END = re.compile(r"[.!?](?=\s|$)|[。！？\n]")
_REACH = 400


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around ``text[start:end]`` (at most ~400 characters each way).

    Example:
        >>> t = "Alice likes tea. Send it to bob@x.example now! Bye."
        >>> s, e = sentence(t, t.index("Send"), t.index("Send") + 4)
        >>> t[s:e]
        ' Send it to bob@x.example now!'
    """
    lo = max(0, start - _REACH)
    s = lo
    for stop in _END.finditer(text, lo, start):
        s = stop.end()
    after = _END.search(text, end, min(len(text), end + _REACH))
    e = after.end() if after else min(len(text), end + _REACH)
    return s, e


def together(
    *features: str, absent: str | None = None
) -> Callable[[str, re.Match[str]], bool]:
    """A check: every regex of ``features`` occurs in the match's sentence, ``absent`` does not.

    Example:
        >>> rx = re.compile(r"open")
        >>> check = together(r"links?", r"automatically", absent=r"\\bnever\\b")
        >>> t = "open every link automatically."
        >>> check(t, rx.search(t))
        True
        >>> t = "never open links automatically."
        >>> check(t, rx.search(t))
        False
    """
    wanted = tuple(re.compile(f) for f in features)
    unwanted = re.compile(absent) if absent else None

    def check(text: str, m: re.Match[str]) -> bool:
        s, e = sentence(text, m.start(), m.end())
        if unwanted is not None and unwanted.search(text, s, e):
            return False
        return all(rx.search(text, s, e) for rx in wanted)

    return check


def keys_of(alternation: str) -> tuple[str, ...]:
    """Short literal stems of a regex alternation, for :class:`Pattern` ``keys``.

    Groups are flattened, so every alternative of the whole (and of the groups
    inside it) gives the letters it starts with, cut at the first special
    character and to four characters. A match starts with one of them, which is
    all a gate needs. An alternative that starts with no literal (a class, a
    single letter) gives no gate at all: the empty tuple.

    Example:
        >>> keys_of(r"\\b(?:ouvr\\w*|exécut\\w*|lance[rz]?)\\b")
        ('ouvr', 'exéc', 'lanc')
        >>> keys_of(r"[a-z]+@|http")
        ()
    """
    out = []
    flat = re.sub(r"\\b|\(\?:|\(\?<?[!=][^)]*\)|\)", "", alternation)
    for alt in flat.split("|"):
        stem = re.split(r"[\\\[\](){}?*+.^$]", alt.strip(), maxsplit=1)[0].strip()
        if len(stem) < 2:
            return ()
        out.append(stem[:4])
    return tuple(dict.fromkeys(out))
