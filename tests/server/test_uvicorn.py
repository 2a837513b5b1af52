"""``memstack serve`` for real: uvicorn on a free loopback port, two worker processes, one store.

Concurrent writes through both workers all land (the store's transactions keep
several processes correct), the client works over real HTTP, and SIGTERM shuts
the server down cleanly.

The machine may be busy with other test suites: every wait polls a condition with a
generous deadline (start-up, the first writes before SIGTERM, the shutdown) instead
of sleeping for a fixed time, and a port taken between choosing and binding it is
retried on another.
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


def _wait_ready(url: str, proc: subprocess.Popen[bytes], seconds: float = 180) -> bool:
    """True once the server answers ``/v1/ready``; False if it exited first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            if httpx.get(url + "/v1/ready", timeout=5).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"server did not become ready in {seconds:.0f} s")


def _start(log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``memstack serve`` with two workers on a free port (another if that one was taken)."""
    for _ in range(3):
        port = _free_port()
        cmd = [sys.executable, "-c", "from memstack.cli import main; main()", "serve",
               "--port", str(port), "--workers", "2", "--rate", "0"]  # fmt: skip
        # A file, not a pipe: a full pipe would block the server.
        with log_path.open("wb") as log_file:
            proc = subprocess.Popen(cmd, env=dict(os.environ), stdout=log_file, stderr=log_file)
        url = f"http://127.0.0.1:{port}"
        if _wait_ready(url, proc):
            return proc, url
        log = log_path.read_text("utf-8", "replace")
        if "address already in use" not in log.lower():
            raise AssertionError(f"server exited with {proc.returncode}: {log[-2000:]}")
    raise AssertionError("no free port after three tries")


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_real_server_two_workers(home: Path) -> None:
    store = SqliteStore(home / "memstack.db")
    store.setup()
    admin, _ = create_key(store, "acme", "admin")
    writer, _ = create_key(store, "acme", "writer")
    store.close()
    log_path = home.parent / "server.log"
    proc, url = _start(log_path)
    try:
        with Client(url, admin, timeout=120) as mem:

            def write(i: int) -> str:
                return mem.add("acme/load", f"memory number {i}").id

            with ThreadPoolExecutor(8) as pool:
                ids = list(pool.map(write, range(80)))
            assert len(set(ids)) == 80 and mem.count("acme/load") == 80
            hits = mem.search("acme/load", "memory number 42", mode="keyword")
            assert hits[0].memory.text == "memory number 42"
            with pytest.raises(NotFound):
                mem.get("01ZZZZZZZZZZZZZZZZZZZZZZZZ")
        with Client(url, writer, timeout=120) as agent, pytest.raises(NeedsReview) as waiting:
            agent.add("acme/alice", "Alice is vegetarian")
        assert waiting.value.proposal_id
        with Client(url, timeout=120) as nobody, pytest.raises(Unauthorized):
            nobody.list("acme")
        html = httpx.get(url + "/ui/", timeout=120)
        assert html.status_code == 200 and "<script" in html.text
        # Shut down while writes are in flight: every acknowledged write is stored,
        # and no client sees a server error (only refused connections once it is gone).
        acked, bad = _write_through_shutdown(url, admin, proc)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
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
        headers = {"Authorization": f"Bearer {key}"}
        with httpx.Client(base_url=url, headers=headers, timeout=120) as c:
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
    # Writes must be in flight when the signal comes: wait until some are acknowledged.
    deadline = time.monotonic() + 120
    while len(acked) < 8 and any(t.is_alive() for t in threads) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    proc.wait(120)
    stop.set()
    for t in threads:
        t.join(120)
    return acked, bad
