"""While uvicorn shuts a worker down, every response closes its connection.

A connection accepted just as shutdown begins is never asked to close by uvicorn;
a client reusing it would be served until the graceful timeout cancels its request
(a 500). memstack's app answers ``Connection: close`` once the worker is exiting,
so such a connection ends after one more response. The real multi-worker shutdown
is exercised in tests/server/test_uvicorn.py; here uvicorn's own signal handler is
installed and the real signal is raised, so the test follows uvicorn's contract.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
import uvicorn

from memstack.server.drain import exiting

from .conftest import Server


@pytest.fixture
def uvicorn_server(server: Server) -> Iterator[uvicorn.Server]:
    worker = uvicorn.Server(uvicorn.Config(server.app))
    previous = signal.signal(signal.SIGTERM, worker.handle_exit)
    try:
        yield worker
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_responses_close_the_connection_once_sigterm_arrives(
    server: Server, uvicorn_server: uvicorn.Server
) -> None:
    http = server.http()
    before = http.get("/v1/stats")
    assert before.status_code == 200 and "close" not in before.headers.get("connection", "")
    assert not exiting()

    signal.raise_signal(signal.SIGTERM)  # uvicorn's handler: the worker starts to exit

    assert uvicorn_server.should_exit and exiting()
    after = http.get("/v1/stats")
    assert after.status_code == 200 and after.json() == before.json()
    assert after.headers["connection"] == "close"
    refused = server.http(role=None).get("/v1/stats")
    assert refused.status_code == 401 and refused.headers["connection"] == "close"


def test_nothing_changes_under_another_servers_handler(server: Server) -> None:
    previous = signal.signal(signal.SIGTERM, lambda sig, frame: None)
    try:
        signal.raise_signal(signal.SIGTERM)
        assert not exiting()
        r = server.http().get("/v1/stats")
        assert r.status_code == 200 and "close" not in r.headers.get("connection", "")
    finally:
        signal.signal(signal.SIGTERM, previous)
