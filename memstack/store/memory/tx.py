"""What the in-memory store's handlers share: the undo list and the handler table type.

A handler is a plain function ``handler(store, op, undo) -> result``; every
change it makes registers an undo step, and a failing batch runs them in
reverse, so batches are all or nothing like SQLite transactions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import InMemoryStore

__all__ = ["Handler", "Handlers", "Undo"]

Undo = list[Callable[[], None]]
Handler = Callable[["InMemoryStore", Any, Undo], Any]
Handlers = dict[type, Handler]
