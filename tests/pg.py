"""A throwaway PostgreSQL with pgvector for the test suite (a pytest plugin).

``MEMSTACK_TEST_PG`` names a server to use (a URL whose role may create
databases). Without it, ``pgserver`` (PostgreSQL 16 + pgvector 0.6, wheels on
PyPI, in the ``test`` extra) is started once per session in a tmp folder.
Each test gets its own database, copied from a migrated template (fast), and
drops it afterwards, so tests never see each other's rows.

``MEMSTACK_REQUIRE_PG=1`` (set by ``.ci/run``) turns "no PostgreSQL available"
from a skip into a failure: CI must not pass with the backend skipped.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import tempfile
import warnings
from typing import Any

import pytest

ENV_URL = os.environ.get("MEMSTACK_TEST_PG", "")
REQUIRED = os.environ.get("MEMSTACK_REQUIRE_PG", "") == "1"
_TEMPLATE = "memstack_template"
_counter = itertools.count()
_state: dict[str, Any] = {}


def available() -> bool:
    """A server is named or can be started (the drivers are installed too)."""
    drivers = all(importlib.util.find_spec(m) for m in ("psycopg", "psycopg_pool"))
    return drivers and (bool(ENV_URL) or importlib.util.find_spec("pgserver") is not None)


def skip_reason() -> str:
    return "no PostgreSQL: set MEMSTACK_TEST_PG or pip install 'memstack[postgres,test]'"


def admin_url() -> str:
    """The server's URL (started on first use)."""
    if "url" not in _state:
        if ENV_URL:
            _state["url"] = ENV_URL
        else:
            folder = tempfile.mkdtemp(prefix="memstack-pg-")
            with warnings.catch_warnings():
                # platformdirs warns (on import) when XDG_RUNTIME_DIR is unset; harmless here.
                warnings.simplefilter("ignore")
                import pgserver

                server = pgserver.get_server(folder, cleanup_mode="delete")
            _state["server"] = server
            _state["url"] = server.get_uri()
            # A throwaway server: durability buys nothing here, and erasure's VACUUM FULL
            # and CHECKPOINT would otherwise spend seconds per test in fsync.
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                _admin(f"ALTER SYSTEM SET {setting} = off")
            _admin("SELECT pg_reload_conf()")
    return str(_state["url"])


def _with_db(url: str, dbname: str) -> str:
    """``url`` naming another database (a URL stays a URL, for ``store_url``)."""
    if "://" in url:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        return urlunsplit(parts._replace(path="/" + dbname))
    import psycopg

    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = dbname
    return psycopg.conninfo.make_conninfo(**info)


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(admin_url(), autocommit=True) as conn:
        conn.execute(statement)


def new_database(*, migrated: bool = True) -> str:
    """A new database (migrated, or blank) and its URL."""
    from memstack.store.postgres import PostgresStore

    if migrated and "template" not in _state:
        _admin(f"DROP DATABASE IF EXISTS {_TEMPLATE}")
        _admin(f"CREATE DATABASE {_TEMPLATE}")
        store = PostgresStore(_with_db(admin_url(), _TEMPLATE))
        store.setup()
        store.close()
        _state["template"] = _TEMPLATE
    name = f"memstack_t{os.getpid()}_{next(_counter)}"
    template = f" TEMPLATE {_TEMPLATE}" if migrated else ""
    _admin(f"CREATE DATABASE {name}{template}")
    return _with_db(admin_url(), name)


def drop_database(url: str) -> None:
    import psycopg

    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def data_directory() -> str | None:
    """The server's data folder when this session started it (for erasure scans)."""
    server = _state.get("server")
    return str(server.pgdata) if server is not None else None


@pytest.fixture
def pg_url() -> Any:
    """A fresh migrated database for one test, dropped afterwards."""
    if not available():
        if REQUIRED:
            pytest.fail(skip_reason())
        pytest.skip(skip_reason())
    url = new_database()
    yield url
    drop_database(url)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    server = _state.pop("server", None)
    if server is not None:
        server.cleanup()
