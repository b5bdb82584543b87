"""An ingest with no readers against the same ingest while 8 clients load web UI pages.

    python benchmarks/ingest_under_load.py [--data DEV.jsonl] [--clients 8] [--rounds 2]

Each round ingests ``--data`` (PolNeAR dev: 84 articles) into a new empty store twice,
with the real commands: once alone, once while ``onrecord serve`` serves that store to
``--clients`` threads that load pages back to back (home, search, speakers, articles,
outlets, trace and the JSON API, each client over one kept-alive connection, as a
browser does), from 2 s before the ingest starts until it has finished. Runs take turns
(alone, loaded, alone, loaded, ...) and the best of each is kept, since noise only ever
adds time. Prints both times, the ratio, how many articles each stored and its exit
code, and the clients' requests: count, statuses, latency (p50, p95, max) and errors.
Must reach: the loaded ingest finishes and stores every article.

``--control`` adds a third run per round: the same clients load pages from another store
(PolNeAR dev, ingested once beforehand) while the ingest writes its own, so the gate plays
no part: what is left of the slowdown is the server and the clients sharing the CPU.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from onrecord.store import StoreWriter

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
ONRECORD = str(Path(sys.executable).with_name("onrecord"))
#: what the clients load, in turn (each client starts at a different page)
PAGES = (
    "/",
    "/search?q=said",
    "/speakers",
    "/articles",
    "/api/home",
    "/outlets",
    "/search?speaker=Trump",
    "/trace?q=the+president+said",
    "/api/search?q=people",
    "/api/speakers",
)


@dataclass
class Load:
    """What the clients saw."""

    latencies: list[float] = field(default_factory=list)  # ms, answered requests
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)  # no answer: the exception
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Run:
    seconds: float
    exit_code: int
    stored: int
    stderr: str
    load: Load | None = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stored(db: str) -> int:
    with duckdb.connect(db, read_only=True) as con:
        row = con.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else 0


def ingest(data: Path, db: str) -> tuple[float, int, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [ONRECORD, "ingest", str(data), "--db", db, "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return time.perf_counter() - started, done.returncode, done.stderr.strip()


def alone(data: Path, work: str, n: int) -> Run:
    db = f"{work}/alone-{n}.duckdb"
    StoreWriter(db).close()  # an empty store, as the loaded run starts from
    seconds, code, err = ingest(data, db)
    return Run(seconds, code, stored(db), err)


def loaded(data: Path, work: str, n: int, clients: int, served: str | None = None) -> Run:
    """The ingest while ``clients`` load pages of its store (or of ``served``)."""
    db = f"{work}/{'control' if served else 'loaded'}-{n}.duckdb"
    StoreWriter(db).close()
    port = free_port()
    server = subprocess.Popen(
        [ONRECORD, "serve", "--db", served or db, "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    load = Load()
    stop = threading.Event()
    try:
        wait_for(f"http://127.0.0.1:{port}/")

        def client(first: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            turn = first
            while not stop.is_set():
                path = PAGES[turn % len(PAGES)]
                turn += 1
                started = time.perf_counter()
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as exc:
                    with load.lock:
                        load.errors[f"{type(exc).__name__}: {exc}"] += 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                    continue
                with load.lock:
                    load.latencies.append((time.perf_counter() - started) * 1000)
                    load.statuses[response.status] += 1
            connection.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # the clients are going before the ingest starts
        with load.lock:  # count what happens during the ingest only
            load.latencies.clear()
            load.statuses.clear()
            load.errors.clear()
        seconds, code, err = ingest(data, db)
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    return Run(seconds, code, stored(db), err, load)


def wait_for(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def describe(run: Run) -> str:
    text = f"{run.seconds:6.1f} s, exit {run.exit_code}, {run.stored} articles stored"
    if run.exit_code:
        text += f" ({run.stderr.splitlines()[-1] if run.stderr else 'no message'})"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--control", action="store_true", help="also: clients on another store")
    args = parser.parse_args()
    runs: dict[str, list[Run]] = {"alone": [], "loaded": [], "control": []}
    with tempfile.TemporaryDirectory() as work:
        other = f"{work}/other.duckdb"
        if args.control:
            ingest(args.data, other)
        for n in range(args.rounds):
            runs["alone"].append(alone(args.data, work, n))
            print(f"round {n + 1}: alone   {describe(runs['alone'][-1])}", flush=True)
            runs["loaded"].append(loaded(args.data, work, n, args.clients))
            print(f"round {n + 1}: loaded  {describe(runs['loaded'][-1])}", flush=True)
            if args.control:
                runs["control"].append(loaded(args.data, work, n, args.clients, other))
                print(f"round {n + 1}: control {describe(runs['control'][-1])}", flush=True)
    best_alone = min(runs["alone"], key=lambda r: r.seconds)
    best_loaded = min(runs["loaded"], key=lambda r: r.seconds)
    print(f"\ningest of {args.data.name}, best of {args.rounds}:")
    print(f"  no readers:                 {describe(best_alone)}")
    print(f"  {args.clients} clients loading pages: {describe(best_loaded)}")
    print(f"  ratio loaded / alone: {best_loaded.seconds / best_alone.seconds:.2f}")
    if runs["control"]:
        best_control = min(runs["control"], key=lambda r: r.seconds)
        print(f"  {args.clients} clients on another store: {describe(best_control)}")
        print(f"  ratio control / alone: {best_control.seconds / best_alone.seconds:.2f}")
    for name in ("loaded", "control"):
        for n, run in enumerate(runs[name], 1):
            print(f"  clients, {name}, round {n}: {clients_seen(run)}")


def clients_seen(run: Run) -> str:
    load = run.load
    assert load is not None
    answered = len(load.latencies)
    ordered = sorted(load.latencies) or [0.0]
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{answered + sum(load.errors.values())} requests in "
        f"{run.seconds:.0f} s ({answered / run.seconds:.1f}/s answered), statuses "
        f"{dict(sorted(load.statuses.items()))}, latency p50 "
        f"{statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, max {ordered[-1]:.0f} ms, "
        f"errors {dict(load.errors) or 'none'}"
    )


if __name__ == "__main__":
    main()
