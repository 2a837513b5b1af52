"""Running the server: ``memstack serve`` and the worker-process factory.

``memstack serve --workers N`` hands uvicorn an import string (uvicorn starts
each worker process by importing the app); the options travel to the workers
in one environment variable, ``MEMSTACK_SERVE``, as JSON. Every worker opens
the same SQLite store, whose transactions keep concurrent writers correct
(one ``BEGIN IMMEDIATE`` per change). Migrations run once, in the parent,
before any worker starts.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import sys
from dataclasses import asdict, replace
from typing import Any

from ..errors import UsageError
from .config import ServerConfig

__all__ = ["app_from_env", "is_loopback", "run"]

ENV = "MEMSTACK_SERVE"


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (where ``--no-auth`` is allowed)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (access lines are JSON already)."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        try:
            body: dict[str, Any] = json.loads(message)
        except ValueError:
            body = {"message": message}
        out = {"time": self.formatTime(record), "level": record.levelname.lower(),
               "logger": record.name, **body}  # fmt: skip
        rid = getattr(record, "request_id", None)
        if rid:
            out["request_id"] = rid
        if record.exc_info:  # tracebacks go to the log, never to a client
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """Structured JSON logs on stderr for the server's loggers."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonFormatter())
    logger = logging.getLogger("memstack.server")
    logger.handlers[:] = [handler]
    logger.setLevel(level.upper())
    logger.propagate = False


def _build(home: str | None, store_url: str | None, config: ServerConfig) -> Any:
    from ..core import AsyncMemory
    from .app import create_app

    memory = AsyncMemory(home, store_url=store_url)
    if config.proxy_upstream is None and memory.settings.proxy_upstream:
        # The proxy_upstream setting mounts the memory proxy on memstack serve.
        config = replace(config, proxy_upstream=memory.settings.proxy_upstream)
    return create_app(memory, config=config, owns_memory=True)


def app_from_env() -> Any:
    """The app for one worker process, from ``$MEMSTACK_SERVE`` (see the module docstring)."""
    options = json.loads(os.environ.get(ENV, "{}"))
    configure_logging(options.pop("log_level", "info"))
    home = options.pop("home", None)
    store_url = options.pop("store_url", None)
    return _build(home, store_url, ServerConfig(**options))


def run(
    *,
    home: str | None,
    host: str,
    port: int,
    workers: int,
    config: ServerConfig,
    log_level: str,
    store_url: str | None = None,
) -> None:
    """Serve until interrupted; in-flight requests finish on shutdown (SIGINT/SIGTERM)."""
    import uvicorn

    if not config.auth and not is_loopback(host):
        raise UsageError(
            f"--no-auth is only for local development on a loopback address, not {host!r}.",
            hint="Create a key with 'memstack keys create <tenant> --role admin' instead.",
        )
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}.")
    from ..core import Memory

    # Creates and migrates the store once, before any worker opens it.
    Memory(home, store_url=store_url).close()
    configure_logging(log_level)
    common: dict[str, Any] = {
        "host": host, "port": port, "log_level": log_level.lower(), "access_log": False,
        "timeout_graceful_shutdown": 30, "server_header": False,
    }  # fmt: skip
    if workers == 1:
        uvicorn.run(_build(home, store_url, config), **common)
        return
    os.environ[ENV] = json.dumps(
        {**asdict(config), "home": home, "store_url": store_url, "log_level": log_level}
    )
    uvicorn.run("memstack.server.serve:app_from_env", factory=True, workers=workers, **common)
