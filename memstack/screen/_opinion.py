"""The learned layer's word on what the rules found (see :func:`memstack.screen.screen`).

Screening runs the rules first. The learned layer then gives its own finding
when the rules have not already said as much, and its score decides whether a
style finding (an imperative aimed at the model, a "when you answer" clause)
keeps ``medium``: that shape is also the shape of a harmless preference.
"""

from __future__ import annotations

from ..models import Finding
from . import learned
from ._mention import mentioned
from ._rules import SHAPES, STYLE
from ._text import label_end

_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3}
_INSTRUCTING = ("injection", "breakout", "exfiltration")


def learned_opinion(
    text: str, kind: str, found: list[Finding], inner: list[tuple[int, int]] | None = None
) -> tuple[list[Finding], float | None]:
    """The learned layer's finding, unless the rules already said as much, and its score.

    The rules' verdict cannot be raised by it once they found something high
    (the learned layer never goes above high), so it is not even computed
    then, unless every high finding is a mention (:mod:`._mention`), which its
    score may lower. Its finding is dropped when a rule finding of an instructing
    category, at least as severe, overlaps its span: the reviewer already has
    the more precise explanation. When it finds nothing in the whole text, the
    statement inside the wrappers (the layers of ``inner``, innermost first,
    three at most) is scored alone too, so quotes, a bullet or a JSON object around an attack
    cannot hide it. The score is the highest of those it computed (``None``:
    none, or the layer has no opinion on this text).
    """
    if any(_RANK[f.severity] >= _RANK["high"] and not mentioned(text, f) for f in found):
        return [], None
    backing, extra = learned.assess(text, kind)
    for start, end in peeled(text, inner):
        if extra:
            break
        value, extra = learned.assess(text[start:end], kind)
        if value is not None:
            backing = value if backing is None else max(backing, value)
        extra = [
            Finding(e.category, e.severity, e.message, e.start + start, e.end + start)
            for e in extra
        ]
    kept = [
        e
        for e in extra
        if not any(
            f.category in _INSTRUCTING
            and _RANK[f.severity] >= _RANK[e.severity]
            and f.start < e.end
            and e.start < f.end
            for f in found
        )
    ]
    return kept, backing


CORROBORATE = 0.3
"""The learned layer's score below which a style finding is shown at ``low``."""


def corroborate(text: str, found: list[Finding], backing: float | None) -> list[Finding]:
    """Style findings and mentions the learned layer does not back are shown at ``low``.

    An imperative or a "when you answer" clause aimed at the model is also the
    shape of a harmless preference ("Please use a table when you compare
    options", "请用简体中文回答"), and a preference is what memory is for. Such a
    finding keeps ``medium`` only when the learned layer scores the statement
    at least :data:`CORROBORATE`; below it the reviewer still sees it, at
    ``low``. On the tuning sets and the corpus every attack that only a style
    finding caught scored 0.45 or more, the preferences 0.05 or less (see
    docs/screening.md, *Round 7*). Round 8: so are the findings that name a
    form rather than an order (:data:`._rules.SHAPES`: a fetch-and-run command,
    a code fence, a ``<script>`` element, a "user:" line), an override phrase
    quoted as a title or an example and a chat-template token named in a
    sentence (:mod:`._mention`); every other detector stands on its own.
    """
    if backing is None or backing >= CORROBORATE:
        return found
    out = []
    for f in found:
        why = _unbacked(text, f)
        if why:
            note = f"{f.message} (low: {why}; learned score {backing:.2f})"
            f = Finding(f.category, "low", note, f.start, f.end)
        out.append(f)
    return out


def _unbacked(text: str, f: Finding) -> str | None:
    """Why ``f`` needs the learned layer's backing, or ``None`` if it stands on its own."""
    detector = f.message.partition(":")[0]
    if f.severity == "medium" and detector in STYLE:
        return "reads as a preference"
    if f.severity == "medium" and detector in SHAPES:
        return "a form, not an order"
    return "mentioned, not used" if mentioned(text, f) else None


def peeled(text: str, inner: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """The layers inside the wrappers the learned layer scores alone, innermost first.

    Three at most, from the innermost outwards: the last peel may cut into the
    statement itself ("备注：…" inside a bullet). The statement behind a short
    label is not among them: the learned layer reads that one itself.
    """
    body = (label_end(text), len(text))
    return [span for span in inner or () if span != body][::-1][:3]
