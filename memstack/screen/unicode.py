"""Characters a reviewer cannot see but a model reads: invisible, bidirectional, smuggled.

Review only works if the reviewer sees what the model will see. These break that:

* **Tag characters** (U+E0000 block) spell ASCII invisibly; models decode them.
  High, and the hidden text is decoded into the message.
* **Bidi overrides, embeddings and isolates** (U+202A–202E, U+2066–2069) make
  text display in a different order than it is read ("Trojan Source"). High.
* **Runs of variation selectors** encode bytes invisibly after any character
  ("emoji smuggling"). High. A single U+FE0F after an emoji is normal.
* **Zero-width and filler characters** split words so filters miss them
  ("ig\\u200bnore"). Medium; four or more in a row (bit-encoding) is high. A
  zero-width joiner between emoji, or a joiner/non-joiner inside scripts that
  need them (Arabic, Indic), is normal and ignored.
* **Control characters** (C0/C1, e.g. ANSI escapes). Medium.
* **Direction marks** (LRM, RLM, ALM), a leading byte-order mark and private-use
  characters are low: legitimate in some texts, worth a glance.
* **Mixed-script words** (Latin with Cyrillic or Greek look-alikes) are low on
  their own; the folded text lets the other detectors read the spoofed word.
"""

from __future__ import annotations

import re
import unicodedata

from ..models import Finding
from ._rules import Severity
from ._text import CONFUSABLES, HIDDEN

__all__ = ["scan"]

_RUN = re.compile(HIDDEN.pattern + "+")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]+")
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_FLAG = re.compile(r"[a-z]{2}[a-z0-9]{1,4}")

_TAGS = range(0xE0000, 0xE0080)
_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
_MARKS = frozenset((0x200E, 0x200F, 0x061C))
_JOINERS = frozenset((0x200C, 0x200D))
_SELECTORS = frozenset(range(0xFE00, 0xFE10)) | frozenset(range(0xE0100, 0xE01F0))


def _is_symbol(ch: str) -> bool:
    """Emoji and pictographs, which legitimately take joiners and selectors."""
    return unicodedata.category(ch) in ("So", "Sk", "Sm") or 0x1F000 <= ord(ch) <= 0x1FAFF


def _needs_joiners(ch: str) -> bool:
    """Letters of scripts that use ZWJ/ZWNJ for shaping (Arabic, Indic, Persian…)."""
    if not ch or ch.isascii() or not (ch.isalpha() or unicodedata.category(ch) == "Mc"):
        return False
    name = unicodedata.name(ch, "")
    return not name.startswith(("LATIN", "CJK", "CYRILLIC", "GREEK", "HANGUL"))


def _is_emoji_glue(codes: list[int], before: str, after: str) -> bool:
    """A presentation selector and/or joiner inside an emoji sequence (❤️‍🔥, 👨‍👩‍👧)."""
    if not before or not _is_symbol(before) or len(codes) > 2:
        return False
    if not all(c in (0xFE0E, 0xFE0F, 0x200D) for c in codes) or len(set(codes)) != len(codes):
        return False
    return 0x200D not in codes or (bool(after) and _is_symbol(after))


def _classify(text: str, start: int, end: int) -> tuple[Severity, str] | None:
    run = text[start:end]
    codes = [ord(c) for c in run]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if any(c in _TAGS for c in codes):
        hidden = "".join(chr(c - 0xE0000) for c in codes if 0xE0020 <= c <= 0xE007E)
        if before == "\U0001f3f4" and codes[-1] == 0xE007F and _FLAG.fullmatch(hidden):
            return None  # subdivision flags (England, Scotland, Wales) are spelled with tags
        return "high", f"invisible tag characters spelling {hidden[:80]!r}"
    if any(c in _BIDI for c in codes):
        return "high", "bidirectional override/isolate characters (text displays reordered)"
    selectors = sum(c in _SELECTORS for c in codes)
    if _is_emoji_glue(codes, before, after):
        return None
    if selectors >= 2:
        return "high", f"{selectors} variation selectors in a row (hidden data)"
    if selectors == len(codes):
        return "low", "variation selector after a non-symbol character"
    if all(c in _JOINERS for c in codes) and len(codes) == 1:
        if before and after and _is_symbol(before) and _is_symbol(after):
            return None
        if _needs_joiners(before) or _needs_joiners(after):
            return None
    if all(c in _MARKS for c in codes):
        return "low", "bidirectional direction marks"
    if codes == [0xFEFF] and start == 0:
        return "low", "byte-order mark at the start"
    if all(c < 0x20 or 0x7F <= c <= 0x9F for c in codes):
        names = ", ".join(f"U+{c:04X}" for c in codes[:4])
        return "medium", f"control characters ({names})"
    names = ", ".join(f"U+{c:04X}" for c in codes[:4]) + ("…" if len(codes) > 4 else "")
    if len(codes) >= 4:
        return "high", f"{len(codes)} invisible characters in a row ({names})"
    return "medium", f"invisible characters ({names})"


def _scripts(word: str) -> set[str]:
    found = set()
    for ch in word:
        name = unicodedata.name(ch, "")
        for script in ("LATIN", "CYRILLIC", "GREEK"):
            if name.startswith(script):
                found.add(script)
    return found


def scan(text: str) -> list[Finding]:
    """Find invisible, bidirectional, private-use and homoglyph characters.

    Args:
        text: the original text (not folded: folding removes exactly these).

    Returns:
        One finding per run of adjacent hidden characters, plus mixed-script words.

    Example:
        >>> [f.severity for f in scan("tea\\u202eeno")]
        ['high']
    """
    found: list[Finding] = []
    if text.isascii() and HIDDEN.search(text) is None:
        return found
    for m in _RUN.finditer(text):
        verdict = _classify(text, m.start(), m.end())
        if verdict is not None:
            found.append(Finding("invisible", verdict[0], verdict[1], m.start(), m.end()))
    for m in _PRIVATE_USE.finditer(text):
        found.append(Finding("invisible", "low", "private-use characters", m.start(), m.end()))
    for m in _NON_ASCII_WORD.finditer(text):
        word = m.group()
        if _ASCII_LETTER.search(word) and len(_scripts(word)) > 1:
            # A mostly Latin word whose foreign letters are all look-alikes is a Latin word
            # in disguise; a Russian or Greek word with a stray Latin letter is a typo.
            latin = sum(c.isascii() for c in word)
            spoof = word.translate(CONFUSABLES).isascii() and latin * 2 >= len(word)
            severity: Severity = "medium" if spoof else "low"
            kind = "Latin word spelled with look-alike letters" if spoof else "word mixing scripts"
            found.append(Finding("invisible", severity, f"{kind}: {word!r}", m.start(), m.end()))
    return found
