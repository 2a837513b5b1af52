"""Async load on PostgreSQL: the awaited store against the worker-thread door, in one run.

``AsyncMemory`` over :class:`PostgresStore` runs each store batch in a worker
thread on the blocking door by default (``pg_async = "thread"``), or awaits
psycopg's ``AsyncConnection`` (the store's async source, ``pg_async =
"native"``). This
script runs ``--tasks`` concurrent asyncio tasks on one ``AsyncMemory`` for
``--seconds``, half of them adding memories and half searching (hybrid, with
the fake embedder unless ``--embedder onnx``), once per door and round, each on
a fresh database seeded with the same ``--seed`` memories. It reports calls per
second, latency percentiles, the most threads the process had, and checks that
no acknowledged write is missing.

The rounds alternate the doors, so a machine that gets busier during the run
does not favour one of them. Clients and PostgreSQL share the machine.

Usage:
    python bench/pg_async.py [--seconds 20] [--tasks 16] [--rounds 2] [--pool-size 4]
                             [--seed 2000] [--pg-url URL] [--embedder fake|onnx] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._report import table, write_section  # noqa: E402
from memstack import AsyncMemory  # noqa: E402
from memstack.store.postgres import PostgresStore  # noqa: E402

SCOPE = "bench/team/alice"
TOPICS = ["food", "deploys", "editors", "meetings", "languages", "travel", "music", "sport"]
QUERIES = [
    "what does Alice eat?", "where does the team deploy?", "which editor is preferred?",
    "when is the weekly meeting?", "favourite programming language", "travel plans in May",
]  # fmt: skip


class ThreadDoorStore(PostgresStore):
    """``pg_async = "thread"`` (default): each batch runs the blocking code in a worker thread."""

    def __init__(self, url: str, **options: Any) -> None:
        super().__init__(url, async_door="thread", **options)


class AwaitedStore(PostgresStore):
    """``pg_async = "native"``: each batch is awaited on the loop's AsyncConnectionPool."""

    def __init__(self, url: str, **options: Any) -> None:
        super().__init__(url, async_door="native", **options)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _embedder(name: str) -> Any:
    if name == "onnx":
        from memstack import plugins

        return plugins.make("embedders", "onnx")
    from memstack.embed.fake import FakeEmbedder

    return FakeEmbedder()


async def _load(store: PostgresStore, args: argparse.Namespace) -> dict[str, Any]:
    amem = AsyncMemory(store=store, embedder=_embedder(args.embedder))
    async with amem:
        await amem.add_many(
            [
                {"scope": SCOPE, "text": f"note {i}: Alice talked about {TOPICS[i % 8]} today",
                 "topic": TOPICS[i % 8]}
                for i in range(args.seed)
            ]
        )  # fmt: skip
        lat: dict[str, list[float]] = {"write": [], "search": []}
        errors: list[str] = []
        written: list[str] = []
        peak = threading.active_count()
        stop = time.monotonic() + args.seconds

        async def client(n: int) -> None:
            nonlocal peak
            i = 0
            while time.monotonic() < stop:
                kind = "write" if n % 2 == 0 else "search"
                t = time.perf_counter()
                try:
                    if kind == "write":
                        rec = await amem.add(SCOPE, f"client {n} says {TOPICS[i % 8]} {i}")
                        written.append(rec.id)
                    else:
                        await amem.search(SCOPE, QUERIES[i % len(QUERIES)])
                except Exception as exc:  # counted and reported, never silently dropped
                    errors.append(f"{kind}: {type(exc).__name__}")
                    continue
                lat[kind].append((time.perf_counter() - t) * 1000)
                peak = max(peak, threading.active_count())
                i += 1

        started, cpu = time.monotonic(), time.process_time()
        await asyncio.gather(*(client(n) for n in range(args.tasks)))
        elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
        stored = await amem.count(SCOPE)
    return {
        "lat": lat, "errors": errors, "elapsed": elapsed, "threads": peak, "cpu": cpu,
        "lost": args.seed + len(written) - stored,
    }  # fmt: skip


def _round_trips(url: str, n: int = 2000) -> list[list[object]]:
    """Microseconds (wall, CPU) per ``SELECT 1``: blocking, awaited, and a thread hop each."""
    import psycopg

    def blocking() -> tuple[float, float]:
        with psycopg.connect(url, autocommit=True) as conn:
            t, c = time.perf_counter(), time.process_time()
            for _ in range(n):
                conn.execute("SELECT 1").fetchone()
            return time.perf_counter() - t, time.process_time() - c

    async def awaited() -> tuple[float, float]:
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
            t, c = time.perf_counter(), time.process_time()
            for _ in range(n):
                cur = await conn.execute("SELECT 1")
                await cur.fetchone()
            return time.perf_counter() - t, time.process_time() - c

    async def threaded() -> tuple[float, float]:
        with psycopg.connect(url, autocommit=True) as conn:
            t, c = time.perf_counter(), time.process_time()
            for _ in range(n):
                await asyncio.to_thread(lambda: conn.execute("SELECT 1").fetchone())
            return time.perf_counter() - t, time.process_time() - c

    rows: list[list[object]] = []
    for name, took in [
        ("blocking (Connection)", blocking()),
        ("awaited (AsyncConnection)", asyncio.run(awaited())),
        ("blocking, each in asyncio.to_thread", asyncio.run(threaded())),
    ]:
        rows.append([name, round(took[0] / n * 1e6), round(took[1] / n * 1e6)])
    return rows


def _new_db(admin: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(admin)._replace(path="/" + name))


def _drop_db(admin: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="load per door and round")
    parser.add_argument("--tasks", type=int, default=16, help="concurrent asyncio tasks")
    parser.add_argument("--rounds", type=int, default=2, help="rounds (doors alternate)")
    parser.add_argument("--pool-size", type=int, default=4, help="PostgresStore pool_size")
    parser.add_argument("--seed", type=int, default=2000, help="memories in the scope first")
    parser.add_argument("--pg-url", default=None, help="a PostgreSQL admin URL (else pgserver)")
    parser.add_argument("--embedder", choices=["fake", "onnx"], default="fake")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()

    server = None
    admin = args.pg_url
    if not admin:
        import pgserver

        folder = tempfile.mkdtemp(prefix="memstack-pgasync-")
        server = pgserver.get_server(folder, cleanup_mode="delete")
        admin = server.get_uri()
    doors: dict[str, type[PostgresStore]] = {
        "worker thread (default)": ThreadDoorStore, "awaited (pg_async native)": AwaitedStore,
    }  # fmt: skip
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in doors}
    try:
        trips = _round_trips(_new_db(admin, "memstack_pgasync_trips"))
        _drop_db(admin, "memstack_pgasync_trips")
        for r in range(args.rounds):
            order = list(doors) if r % 2 == 0 else list(reversed(doors))
            for name in order:
                db = f"memstack_pgasync_{r}_{list(doors).index(name)}"
                url = _new_db(admin, db)
                store = doors[name](url, pool_size=args.pool_size)
                store.setup()
                runs[name].append(asyncio.run(_load(store, args)))
                _drop_db(admin, db)
                print(f"round {r + 1}: {name} done", file=sys.stderr)
    finally:
        if server is not None:
            server.cleanup()

    rows: list[list[object]] = []
    for name, results in runs.items():
        elapsed = sum(x["elapsed"] for x in results)
        w = [v for x in results for v in x["lat"]["write"]]
        s = [v for x in results for v in x["lat"]["search"]]
        rows.append([
            name, round((len(w) + len(s)) / elapsed, 1), round(len(w) / elapsed, 1),
            round(len(s) / elapsed, 1), round(statistics.median(w), 1), round(_pct(w, 0.95), 1),
            round(statistics.median(s), 1), round(_pct(s, 0.95), 1),
            round(1000 * sum(x["cpu"] for x in results) / max(1, len(w) + len(s)), 2),
            max(x["threads"] for x in results), sum(len(x["errors"]) for x in results),
            sum(x["lost"] for x in results),
        ])  # fmt: skip
    out = table(
        ["door", "calls/s", "writes/s", "searches/s", "write p50 ms", "write p95 ms",
         "search p50 ms", "search p95 ms", "CPU ms/call", "threads (peak)", "errors",
         "lost writes"],
        rows,
    )  # fmt: skip
    trips_out = table(["one SELECT 1 round trip", "µs (wall)", "µs CPU"], trips)
    print(out)
    print(trips_out)
    if args.write:
        body = (
            f"{args.tasks} asyncio tasks on one `AsyncMemory` over PostgreSQL "
            f"(`pool_size={args.pool_size}`), half adding memories and half searching a scope "
            f"seeded with {args.seed:,} memories ({args.embedder} embedder), "
            f"{args.seconds:g} s per door and round, {args.rounds} rounds alternating the doors, "
            "each on a fresh database. *Worker thread* is the door before this change: "
            "each store batch ran the blocking store code in `asyncio.to_thread`. *Awaited* "
            "awaits the store's async source on the loop's own `AsyncConnectionPool`. "
            "CPU ms/call is the process's CPU time (all threads) per call; threads (peak) "
            "counts its threads, including the default executor's that the embedder uses "
            "on both doors.\n\n" + out + "\n\n"
            "What one round trip costs, on one connection, in the same run:\n\n" + trips_out
        )
        write_section("pg_async", "PostgreSQL: awaited store vs worker-thread door", body)


if __name__ == "__main__":
    main()
