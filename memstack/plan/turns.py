"""Make one conversation turn storable without losing it: remove secrets, split long turns.

Episodes are a verbatim archive, so a turn is never refused for what it holds:

* a secret (API key, token, password…) is replaced by a visible marker,
  ``[secret removed: GitHub token]`` (:func:`memstack.screen.redaction.remove_secrets`),
  and the cleaned text passes the same screening as any human write;
* a turn longer than a memory may be (:data:`~memstack.plan.validate.MAX_TEXT`)
  is cut into parts at paragraph, line, sentence or word boundaries. Each part
  starts with ``[part i of n]`` so a part recalled alone says it is one; the
  parts keep the turn's speaker, time and turn id and are stored in order, next
  to each other, so each is indexed with its neighbours.

What was changed is reported per turn (:class:`~memstack.models.TurnChange`).
"""

from __future__ import annotations

import re

from ..models import TurnChange
from .validate import MAX_TEXT

__all__ = ["clean_turn", "split_text"]

_BREAKS = tuple(re.compile(rx) for rx in (r"\n\s*\n", r"\n", r"[.!?。！？]\s+", r"\s+"))


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters, at the best boundary.

    Joined back together the pieces give ``text`` exactly.

    Example:
        >>> split_text("One. Two. Three.", 10)
        ['One. Two. ', 'Three.']
    """
    pieces: list[str] = []
    while len(text) > limit:
        cut = 0
        for rx in _BREAKS:
            ends = [m.end() for m in rx.finditer(text, 0, limit + 1) if m.end() <= limit]
            if ends and ends[-1] >= limit // 2:  # never a tiny first piece
                cut = ends[-1]
                break
        cut = cut or limit
        pieces.append(text[:cut])
        text = text[cut:]
    if text:
        pieces.append(text)
    return pieces


def clean_turn(index: int, turn: str, content: str) -> tuple[list[str], TurnChange | None]:
    """The texts to store for one turn, and what was changed (``None``: stored verbatim).

    Example:
        >>> texts, change = clean_turn(0, "t1", "my token is ghp_" + "a1B2c3D4e5" * 4)
        >>> texts
        ['my token is [secret removed: GitHub token]']
        >>> change.describe()
        'turn 0 (id t1): removed a secret (GitHub token)'
    """
    from ..screen.redaction import remove_secrets  # pure; imported on first use

    cleaned = remove_secrets(content)
    text = cleaned.text
    if len(text) <= MAX_TEXT:
        parts = [text]
    else:
        # Room for the "[part i of n] " label in front of each part.
        pieces = split_text(text, MAX_TEXT - 32)
        parts = [f"[part {i} of {len(pieces)}] {p}" for i, p in enumerate(pieces, 1)]
        # A cut can separate a secret's halves only if they were never found
        # whole; screen the parts too, so no part carries what the whole hid.
        again = [remove_secrets(p) for p in parts]
        parts = [r.text for r in again]
        cleaned = cleaned._replace(removed=cleaned.removed + sum((r.removed for r in again), ()))
    if not cleaned.removed and len(parts) == 1:
        return parts, None
    return parts, TurnChange(index, turn, cleaned.removed, len(parts))
