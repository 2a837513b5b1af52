"""``memstack serve`` for real: uvicorn on a free loopback port, two worker processes, one store.

Concurrent writes through both workers all land (the store's transactions keep
several processes correct), the client works over real HTTP, and SIGTERM shuts
the server down cleanly.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from memstack import Client, NeedsReview, NotFound, Unauthorized
from memstack.keys import create_key
from memstack.store.sqlite import SqliteStore


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            if httpx.get(url + "/v1/ready", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("server did not become ready")


@pytest.mark.slow
def test_real_server_two_workers(home: Path) -> None:
    store = SqliteStore(home / "memstack.db")
    store.setup()
    admin, _ = create_key(store, "acme", "admin")
    writer, _ = create_key(store, "acme", "writer")
    store.close()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-c", "from memstack.cli import main; main()", "serve",
           "--port", str(port), "--workers", "2", "--rate", "0"]  # fmt: skip
    proc = subprocess.Popen(
        cmd, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        _wait_ready(url, proc)
        with Client(url, admin) as mem:

            def write(i: int) -> str:
                return mem.add("acme/load", f"memory number {i}").id

            with ThreadPoolExecutor(8) as pool:
                ids = list(pool.map(write, range(80)))
            assert len(set(ids)) == 80 and mem.count("acme/load") == 80
            hits = mem.search("acme/load", "memory number 42", mode="keyword")
            assert hits[0].memory.text == "memory number 42"
            with pytest.raises(NotFound):
                mem.get("01ZZZZZZZZZZZZZZZZZZZZZZZZ")
        with Client(url, writer) as agent, pytest.raises(NeedsReview) as waiting:
            agent.add("acme/alice", "Alice is vegetarian")
        assert waiting.value.proposal_id
        with Client(url) as nobody, pytest.raises(Unauthorized):
            nobody.list("acme")
        html = httpx.get(url + "/ui/")
        assert html.status_code == 200 and "<script" in html.text
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0, err.decode()[-2000:]
    log = err.decode()
    assert '"event": "request"' in log and "memory number" not in log
