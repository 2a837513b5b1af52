# Generated from memstack/store/postgres/_async/__init__.py by scripts/unasync.py: do not edit.
"""The PostgreSQL handlers and their batch runner, on psycopg's ``Connection``.

The coroutines in this folder are the source; ``scripts/unasync.py`` writes
their blocking twin. Why two doors and how they share one source:
:mod:`memstack.store.postgres.store`.
"""
