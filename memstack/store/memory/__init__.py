"""The in-memory backend: dicts, for tests and notebooks (same contract as SQLite)."""

from .store import HANDLERS, InMemoryStore

__all__ = ["HANDLERS", "InMemoryStore"]
