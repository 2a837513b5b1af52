"""Fixtures shared by every test.

Two guards run for every test, whether it asks for them or not:

* no real network: ``socket.connect`` refuses anything but loopback and Unix
  sockets, so a test that would call a real provider fails loudly instead of
  quietly depending on the internet (``ALLOW_MODEL_REQUESTS = False`` in
  pydantic-ai's conftest is the same idea);
* no shared state on disk: ``MEMSTACK_HOME`` points into the test's tmp folder
  and ``MEMSTACK_EMBEDDER`` is the deterministic fake, so nothing touches
  ``./.memstack`` or loads the ONNX model.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from memstack.embed.fake import FakeEmbedder

pytest_plugins = ["tests.pg"]

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _allowed(sock: socket.socket, address: Any) -> bool:
    if sock.family == getattr(socket, "AF_UNIX", None):
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _refuse(sock: socket.socket, address: Any) -> RuntimeError:
    # Not an OSError, so no retry loop mistakes it for a flaky network. The socket is
    # closed here because callers only close it on OSError (no ResourceWarning later).
    sock.close()
    return RuntimeError(f"Network access is blocked in tests (tried to connect to {address!r}).")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _allowed(self, address):
        raise _refuse(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _allowed(self, address):
        raise _refuse(self, address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A private MEMSTACK_HOME and the fake embedder; other MEMSTACK_* settings cleared."""
    for key in list(os.environ):
        if key.startswith("MEMSTACK_") and key != "MEMSTACK_TEST_PG":
            monkeypatch.delenv(key)
    home = tmp_path / "home"
    monkeypatch.setenv("MEMSTACK_HOME", str(home))
    monkeypatch.setenv("MEMSTACK_EMBEDDER", "fake")
    monkeypatch.setenv("USER", "tester")
    # A .memstack folder above the test's folder (say /tmp/.memstack) must not be found.
    monkeypatch.setenv("MEMSTACK_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture
def home(_isolated_env: Path) -> Path:
    """The MEMSTACK_HOME folder of this test (not created yet)."""
    return _isolated_env


class Clock:
    """An injectable clock: ``clock()`` returns the current time; ``advance`` moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now = self.now + timedelta(**delta)
        return self.now


T0 = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    """A clock standing still at 2025-03-01 12:00 UTC until a test advances it."""
    return Clock(T0)


@pytest.fixture
def embedder() -> FakeEmbedder:
    return FakeEmbedder()
