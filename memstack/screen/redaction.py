"""Remove secrets from text that must be kept or sent, leaving a visible marker.

A proposal with a secret is refused (:mod:`memstack.review.screening`), but
some text cannot simply be refused: a conversation archived as episodes is a
verbatim record, and a conversation sent to an extraction model must still be
sent. There the secret's characters are replaced by a marker naming what was
removed, e.g. ``[secret removed: GitHub token]``, and the rest of the text is
kept as it was.

The result is screened again until no secret is left, so what is stored or
sent passes the same screening a human write does. The marker itself is never a
secret: it starts with ``[``, which the screening treats as a placeholder value
(``password=[secret removed: password assignment]`` is not a finding).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..errors import UsageError
from ..models import KINDS

__all__ = ["Redacted", "remove_secrets"]

#: Screening passes before giving up on text that keeps showing secrets.
_PASSES = 4
_COUNT = re.compile(r"\s*\(\d+ characters\)$")
# A private key's finding covers its body; the whole PEM block goes, or the
# marker left between its BEGIN and END lines would be read as a key again.
_PEM_BEGIN = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\s*$")
_PEM_END = re.compile(r"\s*-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")


def _span(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    if label != "private key":
        return start, end
    begin = _PEM_BEGIN.search(text, max(0, start - 200), start)
    if begin is not None:
        start = begin.start()
    close = _PEM_END.match(text, end)
    return start, close.end() if close is not None else end


class Redacted(NamedTuple):
    """Text with its secrets removed.

    Attributes:
        text: the text, each secret replaced by ``[secret removed: <kind>]``.
        removed: what each removed secret was (``"GitHub token"``), in text order.
    """

    text: str
    removed: tuple[str, ...]


def marker(label: str) -> str:
    """The text that stands where a secret was.

    Example:
        >>> marker("GitHub token")
        '[secret removed: GitHub token]'
    """
    return f"[secret removed: {label}]"


def remove_secrets(text: str, *, kind: str = "episode") -> Redacted:
    """Replace every secret in ``text`` by a marker naming its kind.

    Args:
        text: any text.
        kind: the memory kind the text is screened as (secrets are secrets in every kind).

    Returns:
        The cleaned text and what was removed; ``text`` itself when nothing was.

    Example:
        >>> out = remove_secrets("db password=hunter2! on the staging box")
        >>> out.text
        'db password=[secret removed: password assignment] on the staging box'
        >>> out.removed
        ('password assignment',)
    """
    from . import critical  # the package imports this module's siblings

    if kind not in KINDS:
        raise UsageError(f"Unknown memory kind {kind!r}.", hint=f"Use one of: {', '.join(KINDS)}.")
    removed: list[str] = []
    for _ in range(_PASSES):
        found = sorted(critical(text), key=lambda f: (f.start, -f.end))
        if not found:
            return Redacted(text, tuple(removed))
        pieces: list[str] = []
        at = 0
        labels: list[str] = []
        for f in found:
            label = _COUNT.sub("", f.message)
            start, end = _span(text, f.start, f.end, label)
            if start < at:  # inside a span already removed
                continue
            pieces += [text[at:start], marker(label)]
            labels.append(label)
            at = end
        pieces.append(text[at:])
        text = "".join(pieces)
        removed += labels
    # Still finding secrets after several passes: drop the text rather than keep one.
    return Redacted(marker("text that kept matching secret patterns"), tuple(removed))
