"""Scale: a million memories on SQLite and on PostgreSQL, and server replicas on one database.

One run, both backends, the same data (issue 13):

* **Layout.** ``--scale`` memories in one tenant (``t``): a tenth of them in one
  big scope (``t/big``, 100k at 1M) and the rest over ``scale / 100`` scopes of
  about 90 each (``t/s…``, 10k scopes at 1M). Texts are random words; vectors come
  from a stand-in embedder (seeded random unit vectors, 384 dimensions, the
  shipped model's id), so the store is measured, not the model: vectors are
  "precomputed". Queries are embedded by the same stand-in.
* **Ingest.** ``Memory.add_many`` in calls of 10,000 items (transactions of 1,000):
  memories per second over the first 10% and the last 10% of the store, and their
  ratio (how much ingest slows as the store grows).
* **Search.** Hybrid, limit 10, in one process after one warm-up search per scope
  searched: p50/p95 for a small scope, the big scope, and tenant-wide
  (``include_descendants`` over every scope of ``t``).
* **Cold start.** A fresh Python process: import, open, first search of a small
  scope (median of three processes, a different scope each).
* **ANALYZE** (PostgreSQL) right after ingest, as a bulk load should end.
* **HNSW** (``--hnsw``): PostgreSQL's index of the vectors, built after ingest (its
  build time is reported); searches of scopes past ``exact_limit`` (10,000) use it.
  Without it every scope is scanned exactly.
* **Disk.** The SQLite file with its WAL; ``pg_database_size`` for PostgreSQL.
* **Replicas** (PostgreSQL only, ``--seconds`` > 0): ``bench/server_load.py``'s
  load (8 writers, 8 readers, fake embedder) against one ``memstack serve`` and then
  two, on one fresh database: requests per second and p95.

PostgreSQL comes from ``pgserver`` (PostgreSQL 16 + pgvector, as in the test suite)
unless ``--pg-url`` names a server whose role may create databases.

Usage:
    python bench/scale.py [--scale 1000000] [--backends sqlite,postgres] [--seconds 30]
                          [--queries 100] [--hnsw] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._report import table, write_section  # noqa: E402

WORDS = (
    "cat dog garden paint trip lisbon guitar recipe bread coffee river train book rain school "
    "sister job interview camera beach concert festival python error deploy server database "
    "index query memory cache thread lock socket timeout retry backup piano tennis museum "
    "bicycle market winter summer doctor lawyer teacher kitchen balcony"
).split()
QUERIES = ["garden and coffee", "a trip to lisbon", "the guitar concert", "python server error",
           "rain at the beach", "the job interview", "winter market", "bread recipe"]  # fmt: skip
MODEL_ID = "onnx:all-MiniLM-L6-v2-int8"
CHUNK = 10_000  # memories per add_many call (and per ingest-rate sample)


def stand_in() -> Any:
    from memstack.embed.base import EmbeddingModel, InputType, Matrix

    class StandIn(EmbeddingModel):
        def __init__(self) -> None:
            self.id, self.dimensions, self.batch_size = MODEL_ID, 384, 10_000
            self.rng = np.random.default_rng(0)

        def embed_batch(
            self, texts: Sequence[str], *, input_type: InputType = "document"
        ) -> Matrix:
            out = self.rng.normal(size=(len(texts), 384)).astype(np.float32)
            return out / np.linalg.norm(out, axis=1, keepdims=True)

    return StandIn()


def layout(scale: int) -> list[str]:
    """The scope of each memory, in insertion order (big scope spread through the run)."""
    small = max(1, scale // 100)
    scopes = []
    for i in range(scale):
        scopes.append("t/big" if i % 10 == 0 else f"t/s{(i // 10 * 9 + i % 10) % small}")
    return scopes


def open_memory(url: str) -> Any:
    from memstack import Memory
    from memstack.config import resolve
    from memstack.core.stores import open_store

    store = open_store(resolve(store_url=url))
    store.setup()
    return Memory(store=store, embedder=stand_in())


def ingest(url: str, scale: int) -> dict[str, float]:
    rng = np.random.default_rng(1)
    scopes = layout(scale)
    mem = open_memory(url)
    rates: list[float] = []
    took = 0.0
    for start in range(0, scale, CHUNK):
        items = []
        for i in range(start, min(scale, start + CHUNK)):
            words = rng.choice(WORDS, size=int(rng.integers(4, 14)))
            items.append({"scope": scopes[i], "text": " ".join(words) + f" ({i})"})
        t0 = time.perf_counter()
        mem.add_many(items, batch_size=1000)
        took += time.perf_counter() - t0
        rates.append(len(items) / (time.perf_counter() - t0))
        print(f"  {start + len(items):,} memories: {rates[-1]:.0f}/s", file=sys.stderr, flush=True)
    mem.close()
    tenth = max(1, len(rates) // 10)
    first = statistics.mean(rates[:tenth])
    last = statistics.mean(rates[-tenth:])
    return {"first": first, "last": last, "overall": scale / took}


def pct(values: list[float]) -> str:
    arr = np.array(values) * 1000
    return f"{np.percentile(arr, 50):.1f} / {np.percentile(arr, 95):.1f}"


def analyze(url: str) -> None:
    """Planner statistics after the bulk load, as a deployment's load script would.

    Autovacuum gathers them within a minute or two; a query planned before that
    takes a freshly loaded table for empty and can pick a plan hundreds of times
    slower (a tenant-wide keyword search: seconds instead of milliseconds).
    """
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def hnsw(url: str, scale: int) -> float:
    """Build the HNSW index of the stand-in's vectors (PostgreSQL); seconds it took."""
    from memstack.store.postgres import PostgresStore

    store = PostgresStore(url)
    t0 = time.perf_counter()
    # pgvector builds fast while the graph fits in maintenance_work_mem (about
    # 2.5 KB per 384-d vector with m=16), and much slower once it spills.
    store.build_vector_index(MODEL_ID, 384, build_memory_mb=min(4096, max(1024, scale // 400)))
    took = time.perf_counter() - t0
    store.close()
    return took


def search(url: str, scale: int, queries: int) -> dict[str, str]:
    mem = open_memory(url)
    rng = np.random.default_rng(2)
    small = max(1, scale // 100)
    out = {}
    cases = {
        "small scope": ([f"t/s{rng.integers(small)}" for _ in range(queries)], False),
        "big scope": (["t/big"] * queries, False),
        "tenant-wide": (["t"] * max(10, queries // 5), True),
    }
    for name, (scopes, wide) in cases.items():
        for s in set(scopes):
            mem.search(s, "warm up", include_descendants=wide)
        times = []
        for i, s in enumerate(scopes):
            t0 = time.perf_counter()
            mem.search(s, QUERIES[i % len(QUERIES)], limit=10, include_descendants=wide)
            times.append(time.perf_counter() - t0)
        out[name] = pct(times)
        print(f"  {name}: p50/p95 {out[name]} ms", file=sys.stderr, flush=True)
    mem.close()
    return out


def probe(url: str, scope: str) -> None:
    """In a fresh process: seconds from start to the first search result."""
    t0 = time.perf_counter()
    mem = open_memory(url)
    mem.search(scope, "garden and coffee", limit=10)
    print(json.dumps({"first": time.perf_counter() - t0}))


def cold(url: str, scale: int) -> float:
    small = max(1, scale // 100)
    runs = []
    for i in range(3):
        res = subprocess.run(
            [sys.executable, __file__, "--probe", url, f"t/s{(7 + 31 * i) % small}"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        runs.append(json.loads(res.stdout.strip().splitlines()[-1])["first"])
    return statistics.median(runs) * 1000


def disk(url: str) -> float:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        files = [path, Path(f"{path}-wal")]
        return sum(f.stat().st_size for f in files if f.exists()) / 1e6
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return float(row[0]) / 1e6 if row else float("nan")


def pg_server(args: argparse.Namespace) -> tuple[str, Any]:
    """An admin URL: --pg-url, or a throwaway pgserver (with its handle)."""
    if args.pg_url:
        return str(args.pg_url), None
    import pgserver

    folder = tempfile.mkdtemp(prefix="memstack-scale-pg-")
    server = pgserver.get_server(folder, cleanup_mode="delete")
    return str(server.get_uri()), server


def new_db(admin: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(admin)._replace(path="/" + name))


def replicas(admin: str, seconds: float) -> list[list[object]]:
    from bench import server_load

    rows: list[list[object]] = []
    ns = argparse.Namespace(seconds=seconds, writers=8, readers=8, embedder="fake")
    for count in (1, 2):
        url = new_db(admin, f"memstack_load{count}")
        res = server_load.run(ns, 1, replicas=count, store_url=url)
        for kind in ("write", "search"):
            v = res.latencies[kind]
            rows.append([count, kind, len(v), f"{len(v) / res.elapsed:.1f}",
                         f"{statistics.median(v):.1f}", f"{server_load._pct(v, 0.95):.1f}",
                         len([e for e in res.errors if e.startswith(kind)]),
                         res.lost if kind == "write" else ""])  # fmt: skip
        total = sum(len(v) for v in res.latencies.values())
        rows.append([count, "all", total, f"{total / res.elapsed:.1f}", "", "",
                     len(res.errors), ""])  # fmt: skip
        print(rows[-1], file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1_000_000, help="memories per backend")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30, help="replica load (0: skip)")
    parser.add_argument("--pg-url", default=None, help="a PostgreSQL admin URL (else pgserver)")
    parser.add_argument(
        "--hnsw", action="store_true",
        help="PostgreSQL: build the HNSW index after ingest (scopes past 10,000 vectors use it)",
    )  # fmt: skip
    parser.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    if args.probe:
        probe(*args.probe)
        return
    backends = args.backends.split(",")
    admin, server = pg_server(args) if "postgres" in backends else ("", None)
    tmp = Path(tempfile.mkdtemp(prefix="memstack-scale-"))
    rows = []
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    built: float | None = None
    try:
        for backend in backends:
            url = f"sqlite:///{tmp / 'scale.db'}" if backend == "sqlite" else new_db(
                admin, "memstack_scale"
            )
            print(f"{backend}: ingest {args.scale:,}", file=sys.stderr, flush=True)
            rate = ingest(url, args.scale)
            if backend == "postgres":
                analyze(url)
            if backend == "postgres" and args.hnsw:
                built = hnsw(url, args.scale)
                print(f"  HNSW index built in {built:.0f} s", file=sys.stderr, flush=True)
            found = search(url, args.scale, args.queries)
            rows.append([
                backend, f"{args.scale:,}", f"{rate['overall']:.0f}", f"{rate['first']:.0f}",
                f"{rate['last']:.0f}", f"{rate['first'] / rate['last']:.2f}",
                found["small scope"], found["big scope"], found["tenant-wide"],
                f"{cold(url, args.scale):.0f}", f"{disk(url):.0f}",
            ])  # fmt: skip
            print(rows[-1], file=sys.stderr, flush=True)
        load_rows = replicas(admin, args.seconds) if "postgres" in backends and args.seconds else []
    finally:
        if server is not None:
            server.cleanup()
    minutes = (time.perf_counter() - started) / 60
    text = (
        f"`--scale {args.scale}`: {args.scale:,} memories per backend, a tenth in one scope "
        f"and the rest over {max(1, args.scale // 100):,} scopes of one tenant; stand-in vectors "
        "(seeded random, 384-d: the store is measured, not the model); searches hybrid, limit "
        f"10, {args.queries} per row (tenant-wide: {max(10, args.queries // 5)}). Ingest rates "
        "are over the first and the last tenth of the store. Cold start: a fresh process, from "
        "import to the first result of a small scope (median of 3). The run took "
        f"{minutes:.0f} min; 1-minute load average {load_before:.1f} at its start and "
        f"{os.getloadavg()[0]:.1f} at its end (a shared machine: compare rows of one run).\n\n"
        + (
            f"PostgreSQL's HNSW index (m 16, ef_construction 64) was built after ingest in "
            f"{built:.0f} s; searches of scopes past 10,000 vectors used it.\n\n"
            if built is not None
            else "No HNSW index: dense search scanned every scope exactly.\n\n"
        )
        + table(
            ["backend", "memories", "ingest /s", "first 10% /s", "last 10% /s", "slowdown",
             "small scope p50/p95 ms", "big scope p50/p95 ms", "tenant-wide p50/p95 ms",
             "cold start ms", "disk MB"], rows,
        )  # fmt: skip
    )
    if load_rows:
        text += (
            f"\n\n**Replicas on one PostgreSQL.** {args.seconds:.0f} s of 8 writers (`POST "
            "/v1/memories`) and 8 readers (`POST /v1/search`) against one `memstack serve` and "
            "then two (clients split between them), fake embedder, fresh database each; the "
            "clients share the 2 cores with the servers and PostgreSQL.\n\n"
            + table(
                ["replicas", "requests", "count", "per s", "p50 ms", "p95 ms", "errors",
                 "lost writes"], load_rows,
            )  # fmt: skip
        )
    print(text)
    if args.write:
        write_section("scale", "Scale: SQLite and PostgreSQL at up to a million memories", text)


if __name__ == "__main__":
    main()
