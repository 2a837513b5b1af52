"""The SQLite backend: one file, one write connection, a pool of readers (see ``store``)."""

from .store import HANDLERS, SqliteStore

__all__ = ["HANDLERS", "SqliteStore"]
