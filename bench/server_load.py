"""Load on the REST server: concurrent writers and readers against one SQLite store.

Starts ``memstack serve`` in a fresh home on a free loopback port, seeds a
scope, then runs ``--writers`` threads adding memories and ``--readers``
threads searching, each with its own HTTP connection, for ``--seconds``. It
reports requests per second and latency percentiles per kind, every error a
client saw, and checks that no write was lost: the store must hold exactly the
seeded memories plus every write the server acknowledged.

The clients run on the same machine as the server (2 cores here), so the
figures are a floor for what the server alone could do.

Usage:
    python bench/server_load.py [--seconds 60] [--writers 8] [--readers 8] [--workers 1,2]
                                [--embedder onnx|fake] [--write]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._report import table, write_section  # noqa: E402
from memstack.core import create_key  # noqa: E402
from memstack.store.sqlite import SqliteStore  # noqa: E402

QUERIES = [
    "what does Alice eat?", "where does the team deploy?", "which editor is preferred?",
    "when is the weekly meeting?", "favourite programming language", "travel plans in May",
]  # fmt: skip
TOPICS = ["food", "deploys", "editors", "meetings", "languages", "travel", "music", "sport"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@dataclass
class Result:
    workers: int
    elapsed: float
    latencies: dict[str, list[float]]
    errors: list[str]
    acknowledged: int
    seeded: int
    stored: int

    @property
    def lost(self) -> int:
        return self.seeded + self.acknowledged - self.stored


def run(
    args: argparse.Namespace, workers: int, *, replicas: int = 1, store_url: str | None = None
) -> Result:
    """``replicas`` servers of ``workers`` processes each, loaded for ``args.seconds``.

    Without ``store_url`` the servers share a SQLite store in a fresh home; with a
    ``postgresql://`` URL (an empty database) they share that database. Client ``n``
    talks to replica ``n % replicas``.
    """
    home = Path(tempfile.mkdtemp(prefix="memstack-load-"))
    if store_url:
        from memstack.store.postgres import PostgresStore

        store: Any = PostgresStore(store_url)
    else:
        store = SqliteStore(home / "memstack.db")
    store.setup()
    key, _ = create_key(store, "bench", "admin")
    store.close()
    ports = [_port() for _ in range(replicas)]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    url = urls[0]
    env = {**os.environ, "MEMSTACK_HOME": str(home)}
    if store_url:
        env["MEMSTACK_STORE_URL"] = store_url
    if args.embedder:
        env["MEMSTACK_EMBEDDER"] = args.embedder
    servers = [
        subprocess.Popen(
            [sys.executable, "-c", "from memstack.cli import main; main()", "serve",
             "--port", str(port), "--workers", str(workers), "--rate", "0",
             "--log-level", "warning"],  # fmt: skip
            env=env,
        )
        for port in ports
    ]
    headers = {"Authorization": f"Bearer {key}"}
    stop = threading.Event()
    lat: dict[str, list[float]] = {"write": [], "search": []}
    errors: list[str] = []
    written: list[str] = []
    lock = threading.Lock()

    def call(c: httpx.Client, kind: str, path: str, body: dict[str, str], ok: int) -> None:
        t = time.perf_counter()
        try:
            r = c.post(path, json=body)
        except httpx.HTTPError as exc:
            with lock:
                errors.append(f"{kind}: {type(exc).__name__}")
            return
        took = (time.perf_counter() - t) * 1000
        with lock:
            if r.status_code != ok:
                errors.append(f"{kind}: {r.status_code}")
                return
            lat[kind].append(took)
            if kind == "write":
                written.append(r.json()["id"])

    def writer(n: int) -> None:
        with httpx.Client(base_url=urls[n % replicas], headers=headers, timeout=60) as c:
            i = 0
            while not stop.is_set():
                body = {"scope": f"bench/u{n}", "text": f"Writer {n} fact {i}: {TOPICS[i % 8]}"}
                call(c, "write", "/v1/memories", body, 201)
                i += 1

    def reader(n: int) -> None:
        with httpx.Client(base_url=urls[n % replicas], headers=headers, timeout=60) as c:
            i = 0
            while not stop.is_set():
                body = {"scope": f"bench/u{n % 16}", "query": QUERIES[i % len(QUERIES)]}
                call(c, "search", "/v1/search", body, 200)
                i += 1

    try:
        for each in urls:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if httpx.get(each + "/v1/ready", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.3)
        seed = [{"scope": f"bench/u{i % 16}", "text": f"Seed fact {i} about {TOPICS[i % 8]}"}
                for i in range(256)]  # fmt: skip
        with httpx.Client(base_url=url, headers=headers, timeout=60) as c:
            c.post("/v1/memories/batch", json={"items": seed}).raise_for_status()
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(args.writers)]
        threads += [threading.Thread(target=reader, args=(n,)) for n in range(args.readers)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        time.sleep(args.seconds)
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        with httpx.Client(base_url=url, headers=headers, timeout=60) as c:
            params = {"scope": "bench", "include_descendants": "true"}
            stored = c.get("/v1/memories/count", params=params).json()["count"]
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
    return Result(workers, elapsed, lat, errors, len(written), len(seed), stored)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--workers", default="1", help="worker processes; several: 1,2")
    parser.add_argument(
        "--embedder", default=None, help="embedder name (default: the configured one)"
    )
    parser.add_argument(
        "--write", action="store_true", help="write the figures into docs/benchmarks.md"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results = [run(args, int(w)) for w in args.workers.split(",")]
    load_after = os.getloadavg()[0]

    rows = []
    for res in results:
        for kind in ("write", "search"):
            v = res.latencies[kind]
            rows.append([res.workers, kind, len(v), f"{len(v) / res.elapsed:.1f}",
                         f"{statistics.median(v):.1f}", f"{_pct(v, 0.95):.1f}",
                         f"{_pct(v, 0.99):.1f}", len([e for e in res.errors if e.startswith(kind)]),
                         res.lost if kind == "write" else ""])  # fmt: skip
        total = sum(len(v) for v in res.latencies.values())
        rows.append([res.workers, "all", total, f"{total / res.elapsed:.1f}", "", "", "",
                     len(res.errors), ""])  # fmt: skip
    text = table(
        ["workers", "requests", "count", "per s", "p50 ms", "p95 ms", "p99 ms", "errors",
         "lost writes"], rows,
    )  # fmt: skip
    embedder = args.embedder or "the configured default (shipped ONNX model)"
    summary = (
        f"{args.writers} writers (`POST /v1/memories`, one memory per request) and {args.readers} "
        f"readers (`POST /v1/search`, hybrid, limit 10) for {args.seconds:.0f} s per row group "
        f"against one SQLite store, `memstack serve --workers N`, embedder: {embedder}. The "
        "clients (16 threads) run on the same 2-core machine as the server, so the figures are "
        "a floor. Errors: answers other than 201/200 or failed connections seen by clients. "
        "Lost writes: seeded memories (256) plus acknowledged writes, minus memories in the "
        "store afterwards. The machine is shared: its 1-minute load average was "
        f"{load_before:.1f} before the run and {load_after:.1f} after it."
    )
    print(text)
    for res in results:
        if res.errors:
            print(f"workers {res.workers} errors:", sorted(set(res.errors))[:10])
    if args.write:
        write_section("server", "REST server under load", summary + "\n\n" + text)
    if any(res.errors or res.lost for res in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
