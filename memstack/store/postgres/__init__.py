"""The PostgreSQL backend: stateless replicas over one database (see ``store``).

``HANDLERS`` is the blocking door's handler table; the awaited door's is
``memstack.store.postgres._async.run.HANDLERS`` (the source both are made from).
"""

from .store import HANDLERS, PostgresStore

__all__ = ["HANDLERS", "PostgresStore"]
