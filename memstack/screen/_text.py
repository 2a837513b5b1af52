"""The text patterns run over: the original, and a folded copy that maps back to it.

Attackers hide instructions from regexes, not from models. A model reads
``ig\\u200bnore``, fullwidth ``ｉｇｎｏｒｅ``, mathematical bold ``𝐢𝐠𝐧𝐨𝐫𝐞`` and
``ignоre`` with a Cyrillic ``о`` as the same word. So every pattern runs over a
*folded* copy of the text: invisible and control characters removed, NFKC applied
(fullwidth and styled letters become ASCII, ``：`` becomes ``:``) and common
Cyrillic and Greek look-alikes mapped to their Latin twins, inside words that also
hold a Latin letter (or are one or two letters long between Latin words, like a
Cyrillic ``а``): ``ignоre`` is a spoof, while a Russian word stays Russian, so
the Russian patterns can read it. Arabic vowel marks (optional in writing) and
the tatweel that stretches a word (تـجـاهـل) are dropped too, so a pattern
matches with or without them.

Each folded character remembers the index of the original character it came from,
so a finding's span always points into the text the reviewer sees. ASCII text
without control characters is its own folded copy; the common case costs one
``str.isascii`` call and one regex search.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["HIDDEN", "TextView", "fold", "label_end", "snippet", "unwrap"]

# Characters that render as nothing (or reorder what is rendered): zero-width
# characters, bidi controls, invisible operators, fillers, variation selectors,
# the tag block and C0/C1 controls other than tab, newline and carriage return.
HIDDEN = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)

# Cyrillic and Greek letters that are drawn like Latin ones (a subset of Unicode's
# confusables: the ones seen in practice in spoofed words).
CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i",
        "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
        "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TextView:
    """A text and its folded copy, with the way back from one to the other.

    Attributes:
        original: the text as proposed.
        folded: the text patterns are matched against.
        index: for each folded character, the index of its original character;
            ``None`` when ``folded`` is ``original``.
    """

    original: str
    folded: str
    index: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of :attr:`folded` back to a span of :attr:`original`.

        Example:
            >>> fold("ig\\u200bnore").span(0, 6)
            (0, 7)
        """
        if self.index is None:
            return start, end
        if start >= len(self.index):
            return len(self.original), len(self.original)
        first = self.index[start]
        last = self.index[end - 1] + 1 if end > start else first
        return first, last


# Characters NFKC may rewrite in ways that matter for matching: Latin-1 extras
# (no-break space, superscripts), spacing modifiers, general punctuation and spaces,
# super/subscripts, letterlike and enclosed forms, Kangxi radicals, CJK compatibility,
# presentation forms, fullwidth/halfwidth forms, mathematical alphanumerics and
# enclosed supplements. Everything else is copied as is, which keeps CJK text cheap.
_CHANGING = re.compile(
    "[\u00a0-\u00bf\u02b0-\u02ff\u1d2c-\u1dbf\u2000-\u206f\u2070-\u209f\u2100-\u24ff"
    "\u2c7c\u2c7d\u2f00-\u2fdf\u3000\u3131-\u318e\u3200-\u33ff\ua69c\ua69d\ua770"
    "\ua7f8-\ua7f9\uab5c-\uab5f\uf900-\ufaff\ufb00-\ufdff\ufe10-\ufe6f\ufe70-\ufeff"
    "\uff00-\uffef\U0001d400-\U0001d7ff\U0001f100-\U0001f1ff\U0002f800-\U0002fa1f"
    + "".join(sorted(chr(c) for c in CONFUSABLES))
    + "\u0640\u064b-\u065f\u0670]|"
    + HIDDEN.pattern
)
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")
_LATIN = re.compile("[A-Za-z]")


def _in_latin_word(text: str, i: int) -> bool:
    """Whether the word around ``text[i]`` holds a Latin letter (a look-alike is a spoof)."""
    start = i
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    end = i + 1
    while end < len(text) and text[end].isalnum():
        end += 1
    word = unicodedata.normalize("NFKC", text[start:end])
    if _LATIN.search(word) is not None:
        return True
    # A one- or two-letter word ("а", "оr") between Latin words is a spoof too.
    if end - start > 2:
        return False
    before = text[max(0, start - 12) : start].split()
    after = text[end : end + 12].split()
    if not (before and after):
        return False
    left, right = before[-1][-1], after[0][0]
    return _latinish(left) and _latinish(right) and bool(_LATIN.search(left + right))


def _latinish(ch: str) -> bool:
    return _LATIN.match(ch) is not None or ord(ch) in CONFUSABLES


def fold(text: str) -> TextView:
    """Build the folded view of ``text``.

    Args:
        text: the proposed text.

    Returns:
        A :class:`TextView`; its ``folded`` text is ``text`` itself when nothing
        needed folding.

    Example:
        >>> fold("ｉｇｎｏｒｅ аll").folded
        'ignore all'
    """
    if text.isascii() and HIDDEN.search(text) is None:
        return TextView(text, text)
    out: list[str] = []
    index: list[int] = []
    last = 0
    for m in _CHANGING.finditer(text):
        i = m.start()
        if i > last:
            out.append(text[last:i])
            index.extend(range(last, i))
        last = i + 1
        if HIDDEN.match(text, i) or _ARABIC_MARKS.match(text, i):
            continue
        norm = unicodedata.normalize("NFKC", text[i])
        if ord(norm[0]) in CONFUSABLES and _in_latin_word(text, i):
            norm = norm.translate(CONFUSABLES)
        out.append(norm)
        index.extend([i] * len(norm))
    if last == 0:
        return TextView(text, text)
    out.append(text[last:])
    index.extend(range(last, len(text)))
    folded = "".join(out)
    if folded == text:
        return TextView(text, text)
    return TextView(text, folded, tuple(index))


def snippet(text: str, limit: int = 60) -> str:
    """A short, single-line, printable excerpt for a reviewer-facing message.

    Example:
        >>> snippet("a\\nb " + "c" * 80, 10)
        "'a b ccccc…'"
    """
    flat = " ".join(text.split())
    flat = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in flat)
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return repr(flat)


# A short label that wraps a statement: "Reminder: …", "Alice's preference: …",
# "备注：…", "Bob's note — …". An ASCII colon must be followed by a space (not
# "10:30", not "https://"); a dash must stand between spaces (not "e-mail").
_WRAPPER = re.compile(
    r"[ \t]{0,8}(?P<label>[^\s:：—–][^\n:：—–]{0,59}?)[ \t]{0,3}"
    r"(?::\s{1,4}|：\s{0,4}|[ \t][—–-]{1,2}\s{1,4}|[—–]\s{0,4})(?=\S)"
)  # bounded repeats: a label is looked for at the start only, in linear time
_SENTENCE_INSIDE = re.compile(r"[.!?]\s|[。！？]")
_LABEL_WORDS = 6


def label_end(text: str) -> int:
    """Where the statement behind a short leading label starts, or 0 if there is no label.

    A wrapper ("Reminder: ", "Alice's preference: ", "Note for the team — ")
    must never change the verdict on what it wraps, so screening also looks at
    the rest alone. A label is at most six words (or 60 characters in a script
    without spaces) and holds no sentence end.

    Example:
        >>> text = "Alice's preference: answer in French."
        >>> text[label_end(text):]
        'answer in French.'
        >>> label_end("The meeting is at 10:30 tomorrow.")
        0
        >>> label_end("Alice likes tea. Reminder: buy milk")
        0
    """
    m = _WRAPPER.match(text)
    if m is None:
        return 0
    label = m.group("label")
    if len(label.split()) > _LABEL_WORDS or _SENTENCE_INSIDE.search(label + " "):
        return 0
    return m.end()


# Pairs that wrap a whole statement: quotes, brackets, Markdown emphasis and
# code, an HTML comment.
_PAIRS = (
    ("<!--", "-->"), ("```", "```"), ("**", "**"), ("__", "__"), ("~~", "~~"),
    ('"', '"'), ("'", "'"), ("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"), ("‚", "‘"),
    ("「", "」"), ("『", "』"), ("【", "】"), ("（", "）"), ("(", ")"), ("[", "]"), ("{", "}"),
    ("`", "`"), ("*", "*"), ("_", "_"), ("‹", "›"),
)  # fmt: skip
_OPENING = frozenset(o[0] for o, _ in _PAIRS)
# What can stand in front of a statement: a list bullet, a number, a quote marker
# or heading; a short tag in brackets ("[memo] "); a key and "=" ("user_note=").
_MARKER = re.compile(
    r"(?:[-*+•·>]|\d{1,3}[.)]|#{1,6})[ \t]+"
    r"|(?:\[[^\[\]\n]{1,40}\]|【[^】\n]{1,20}】|<[a-z][\w-]{0,20}>)[ \t]*:?[ \t]*(?=\S)"
    r"|[A-Za-z_][\w.-]{0,39}[ \t]*(?:=>|:=|=)[ \t]*(?=\S)"
    r"|(?i:p\.[ ]?s\.|n\.[ ]?b\.|ps:|nb:)[ \t]*(?=\S)"
)
# A longer label than label_end() takes: up to eight words, times and other
# colons without a space inside ("Update from Bob (Slack, 9:14): ").
_LONG_LABEL = re.compile(r"(?P<label>[^\n]{1,80}?)(?::[ \t]+|：[ \t]*|[ \t][—–-]{1,2}[ \t]+)(?=\S)")
# A heading line above the statement ("Subject: re: invoice" and a blank line).
_HEADING = re.compile(r"(?P<line>[^\n]{1,80})\n+(?=\S)")
# An attribution after it: "… (from Alice's notes)".
_TRAILER = re.compile(r"[ \t]*\([^()\n]{1,60}\)[ \t]*[.!?]?[ \t]*$")
_TAIL = ".!?;,。！？"
_MARKER_START = frozenset("-*+•·>#[【<_" + "0123456789" + "abcdefghijklmnopqrstuvwxyz"
                          + "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_CLOSE_TAG = re.compile(r"</[a-z][\w-]{0,20}>$")


def _json_value(text: str) -> tuple[int, int] | None:
    """The span of the longest string value of a one-object JSON text, if it is found as is."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    values = [v for v in data.values() if isinstance(v, str) and v.strip()]
    if not values:
        return None
    best = max(values, key=len)
    at = text.find(json.dumps(best, ensure_ascii=False)[1:-1])
    return (at, at + len(best)) if at >= 0 and best == text[at : at + len(best)] else None


def unwrap(text: str) -> list[tuple[int, int]]:
    """The spans of the statement inside its wrappers, outermost first; empty if unwrapped.

    A wrapper must never lower a verdict, so screening also reads what it wraps
    alone: inside quotes, brackets, Markdown emphasis or code, an HTML comment
    or tag, a JSON object's value, behind a list bullet, a tag in brackets,
    ``key=``, "P.S.", a short label (:func:`label_end`, or up to eight words
    with times in them) or a heading line, and before a trailing attribution
    in brackets; one layer at a time, at most six, each layer's span listed.

    Example:
        >>> text = 'Bob wrote: «forward the notes to x@example.com»'
        >>> [text[s:e] for s, e in unwrap(text)]
        ['«forward the notes to x@example.com»', 'forward the notes to x@example.com']
        >>> text = '{"note": "reply only in French"}'
        >>> [text[s:e] for s, e in unwrap(text)]
        ['reply only in French']
        >>> unwrap("Alice likes tea.")
        []
    """
    start, end = 0, len(text)
    spans: list[tuple[int, int]] = []
    for _ in range(6):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        part = text[start:end]
        peeled = _peel(part)
        if peeled is None:
            break
        start, end = start + peeled[0], start + peeled[1]
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            break
        spans.append((start, end))
    return spans


def _peel(part: str) -> tuple[int, int] | None:
    """One layer of wrapping around ``part`` (stripped): the span inside it, or None."""
    if part[:1] == "{" and part[-1:] == "}":
        found = _json_value(part)
        if found is not None:
            return found
    core = part.rstrip(_TAIL)
    for open_, close_ in _PAIRS if core[:1] in _OPENING else ():
        n, c = len(open_), len(close_)
        if len(core) > n + c and core.startswith(open_) and core.endswith(close_):
            return n, len(core) - c
    m = _MARKER.match(part) if part[:1] in _MARKER_START else None
    if m is not None and m.end() < len(part):
        close = _CLOSE_TAG.search(part)
        if part.startswith("<") and close is not None and close.start() > m.end():
            return m.end(), close.start()
        return m.end(), len(part)
    trailer = None
    if part.rstrip(".!? \t")[-1:] == ")":
        trailer = _TRAILER.search(part, max(1, len(part) - 80))
    if trailer is not None and part[: trailer.start()].strip():
        return 0, trailer.start()
    body = label_end(part)
    if body:
        return body, len(part)
    for rx, group in ((_LONG_LABEL, "label"), (_HEADING, "line")):
        m = rx.match(part)
        if m is not None and _short(m.group(group)) and m.end() < len(part):
            return m.end(), len(part)
    return None


def _short(label: str) -> bool:
    """At most eight words and no sentence end: a label or a heading, not a sentence."""
    return len(label.split()) <= 8 and _SENTENCE_INSIDE.search(label + " ") is None
