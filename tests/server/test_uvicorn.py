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
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from memstack import Client, NeedsReview, NotFound, Unauthorized
from memstack.core import create_key
from memstack.models import GetManyOp
from memstack.store.sqlite import SqliteStore


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}")
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
    log_path = home.parent / "server.log"  # a file, not a pipe: a full pipe would block the server
    log_file = log_path.open("wb")
    proc = subprocess.Popen(cmd, env=dict(os.environ), stdout=log_file, stderr=log_file)
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
        # Shut down while writes are in flight: every acknowledged write is stored,
        # and no client sees a server error (only refused connections once it is gone).
        acked, bad = _write_through_shutdown(url, admin, proc)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        finally:
            log_file.close()
    log = log_path.read_text("utf-8")
    assert proc.returncode == 0, log[-2000:]
    assert '"event": "request"' in log and "memory number" not in log
    assert bad == [] and acked
    store = SqliteStore(home / "memstack.db")
    found = store.batch([GetManyOp(ids=tuple(acked))])[0]
    store.close()
    assert set(found) == set(acked)


def _write_through_shutdown(
    url: str, key: str, proc: subprocess.Popen[bytes]
) -> tuple[list[str], list[int]]:
    acked: list[str] = []
    bad: list[int] = []
    stop = threading.Event()

    def writer(n: int) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}) as c:
            i = 0
            while not stop.is_set():
                try:
                    r = c.post("/v1/memories", json={"scope": "acme/stop", "text": f"w{n} {i}"})
                except httpx.TransportError:
                    return  # the server has stopped accepting connections
                if r.status_code == 201:
                    acked.append(r.json()["id"])
                else:
                    bad.append(r.status_code)
                i += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    proc.wait(30)
    stop.set()
    for t in threads:
        t.join(30)
    return acked, bad
