"""A reversible one-line escape for memory text inside Markdown bullets.

Each memory is one bullet line, and the document must read back to exactly the
stored text, so escaping has to be lossless and has to keep Markdown from
seeing structure in a memory. The rules (all CommonMark-compatible, so a
preview shows the literal characters):

* ``\\\\`` for a backslash; ``\\n``, ``\\r``, ``\\t`` for line breaks and tabs;
* ``\\u{hex}`` for control, format (zero-width, bidirectional, tag) and line
  or paragraph separator characters, and for whitespace at either end (editors
  strip it);
* ``\\<`` before a ``<`` that could open HTML or a comment (so no memory can
  forge an id marker);
* a backslash before leading punctuation (``#``, ``>``, ``-``, ``[``, a fence
  backtick, ...) and before the ``.``/``)`` of a leading ``1.``, which would
  otherwise start a heading, quote, list or fence inside the bullet.

Decoding is lenient for hand-typed text: a backslash before anything that is
not an escape stays a backslash.
"""

from __future__ import annotations

import re
import string
import unicodedata

__all__ = ["decode_text", "encode_text"]

_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_HTML_START = re.compile(r"[A-Za-z/!?]")
_UNICODE = re.compile(r"\{([0-9a-fA-F]{1,6})\}")
_PUNCT = frozenset(string.punctuation)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t"}


def encode_text(text: str) -> str:
    """Escape text so it fits on one Markdown bullet line and decodes back exactly.

    Args:
        text: a memory text or topic.

    Returns:
        A single line; :func:`decode_text` inverts it.

    Example:
        >>> encode_text("# not a heading\\nsecond line <b>")
        '\\\\# not a heading\\\\nsecond line \\\\<b>'
        >>> decode_text(encode_text(" 1. x\\\\y ")) == " 1. x\\\\y "
        True
    """
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{{{ord(ch):x}}}")
        elif ch == "<" and i + 1 < n and _HTML_START.match(text[i + 1]):
            out.append("\\<")
        else:
            out.append(ch)
    # Whitespace at either end would be stripped by editors and by parse().
    lead = 0
    while lead < len(out) and out[lead].isspace():
        out[lead] = f"\\u{{{ord(out[lead]):x}}}"
        lead += 1
    tail = len(out) - 1
    while tail >= lead and out[tail].isspace():
        out[tail] = f"\\u{{{ord(out[tail]):x}}}"
        tail -= 1
    encoded = "".join(out)
    if encoded and encoded[0] in _PUNCT and encoded[0] != "\\":
        encoded = "\\" + encoded
    elif m := _ORDERED.match(encoded):
        encoded = f"{m.group(1)}\\{m.group(2)}{encoded[m.end() :]}"
    return encoded


def decode_text(line: str) -> str:
    """Invert :func:`encode_text`; hand-typed text without escapes passes through.

    A backslash before anything that is not an escape stays a backslash, so
    ``C:\\\\Users`` typed by hand survives.

    Args:
        line: an encoded bullet text or topic.

    Returns:
        The original text.

    Example:
        >>> decode_text("a\\\\nb \\\\# c \\\\u{200b} d\\\\q")
        'a\\nb # c \\u200b d\\\\q'
    """
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch != "\\" or i + 1 == n:
            out.append(ch)
            i += 1
            continue
        nxt = line[i + 1]
        if nxt in _SIMPLE:
            out.append(_SIMPLE[nxt])
            i += 2
        elif nxt == "u" and (m := _UNICODE.match(line, i + 2)):
            code = int(m.group(1), 16)
            if code > 0x10FFFF:
                out.append("\\")
                i += 1
                continue
            out.append(chr(code))
            i = m.end()
        elif nxt in _PUNCT:
            out.append(nxt)
            i += 2
        else:
            out.append("\\")
            i += 1
    return "".join(out)
