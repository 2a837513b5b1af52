"""The PostgreSQL handlers and their batch runner, on psycopg's ``AsyncConnection``.

The coroutines in this folder are the source; ``scripts/unasync.py`` writes
their blocking twin. Why two doors and how they share one source:
:mod:`memstack.store.postgres.store`.
"""
