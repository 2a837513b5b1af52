"""The PostgreSQL backend: stateless replicas over one database (see ``store``)."""

from .store import HANDLERS, PostgresStore

__all__ = ["HANDLERS", "PostgresStore"]
