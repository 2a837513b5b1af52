"""What a bulk write did to each item: the results of ``ingest_conversation``, ``add_many``.

A bulk write never loses an item silently. ``ingest_conversation`` stores every
turn, cleaned where it had to be (a secret removed, an over-long turn split),
and says which turns it changed; ``add_many(strict=False)`` stores the items
that pass and says which it refused and why. Both results are lists of the
stored records, so code that only wants the records reads them as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .values import Record

__all__ = ["Added", "Ingested", "ItemRefused", "TurnChange"]


@dataclass(frozen=True, slots=True)
class TurnChange:
    """How one conversation turn was changed before it was stored.

    Attributes:
        index: the message's position in the call (0-based).
        turn: the turn id kept in the episodes' source.
        secrets: what each removed secret was (``"GitHub token"``); each now
            reads ``[secret removed: GitHub token]`` in the stored text.
        parts: how many episodes the turn was stored as (more than 1: the turn
            was longer than a memory may be and was split, in order).
    """

    index: int
    turn: str
    secrets: tuple[str, ...] = ()
    parts: int = 1

    def describe(self) -> str:
        """One line for a person.

        Example:
            >>> TurnChange(3, "m4", ("GitHub token",), 2).describe()
            'turn 3 (id m4): removed a secret (GitHub token); split into 2 parts'
        """
        what = []
        if self.secrets:
            n = len(self.secrets)
            kinds = ", ".join(dict.fromkeys(self.secrets))
            what.append(f"removed {'a secret' if n == 1 else f'{n} secrets'} ({kinds})")
        if self.parts > 1:
            what.append(f"split into {self.parts} parts")
        return f"turn {self.index} (id {self.turn}): {'; '.join(what)}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "index": self.index, "turn": self.turn, "secrets": list(self.secrets),
            "parts": self.parts,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class ItemRefused:
    """An item of ``add_many(strict=False)`` that was not stored.

    Attributes:
        index: its position in the call (0-based).
        error: the error's class name (``Refused``, ``UsageError``, ``InvalidScope``…).
        message: the reason, as the error would say it (a secret is only named, masked).
    """

    index: int
    error: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"index": self.index, "error": self.error, "message": self.message}


class Ingested(list[Record]):
    """The episodes ``ingest_conversation`` stored, in order, and the turns it changed.

    Attributes:
        changes: one :class:`TurnChange` per turn stored other than verbatim.
    """

    def __init__(self, records: Iterable[Record] = (), changes: Iterable[TurnChange] = ()) -> None:
        super().__init__(records)
        self.changes: tuple[TurnChange, ...] = tuple(changes)


class Added(list[Record]):
    """The records ``add_many`` stored, in the order of the items, and the items it refused.

    Attributes:
        refused: one :class:`ItemRefused` per item not stored (always empty with
            ``strict=True``, where any bad item fails the whole call).
    """

    def __init__(self, records: Iterable[Record] = (), refused: Iterable[ItemRefused] = ()) -> None:
        super().__init__(records)
        self.refused: tuple[ItemRefused, ...] = tuple(refused)
