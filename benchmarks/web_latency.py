"""Page latency of ``onrecord serve`` under bounded concurrent load from localhost.

    python benchmarks/make_store.py /tmp/bench.duckdb          # once: 100,000 articles
    python benchmarks/web_latency.py /tmp/bench.duckdb --clients 8 --requests 400

Starts the real server (``onrecord serve``) in a child process, then ``--clients``
threads share a fixed list of ``--requests`` URLs (every page type in turn, arguments
drawn from the store: speakers, outlets, articles, quote words) and fetch them as fast
as answers come, each over one kept-alive connection, as a browser does. Prints p50 and
p95 per page type. Target: p95 < 250 ms. ``--lists`` adds two heavier kinds, which share
the server with the rest: a search narrowed to an outlet (as its facet links), a kind and
a confidence, sorted by confidence; and the speakers list's first pages under three sorts.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

from make_store import LONG_ARTICLES, LONG_ATTRIBUTIONS
from onrecord.cli.serve import default_workers
from onrecord.store import Store

TARGET_MS = 250.0
#: the speaker list's sorts the benchmark asks for (its first five pages each)
SORT = ("quotes", "direct", "articles")
ONRECORD = str(Path(sys.executable).with_name("onrecord"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of the process ``pid`` and its children's processes, from
    /proc: steadier than latency on a shared machine (0 where there is no /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # fields[1]: parent pid
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def urls(db: str, count: int, rng: random.Random, lists: bool = False) -> list[tuple[str, str]]:
    with Store(db) as store:
        _, sample = store.sql(
            "SELECT a.article_id, a.speaker_id, s.name, a.outlet, a.content_text "
            "FROM attributions a JOIN speakers s ON s.id = a.speaker_id USING SAMPLE 300 ROWS"
        )
    kinds = {
        "home": lambda r: "/",
        "search (words)": lambda r: "/search?" + urlencode({"q": " ".join(r[4].split()[2:4])}),
        "search (speaker)": lambda r: "/search?" + urlencode({"speaker": r[2]}),
        "article": lambda r: f"/articles/{r[0]}",
        f"article ({LONG_ATTRIBUTIONS} attr.)": lambda r: f"/articles/long{r[1] % LONG_ARTICLES}",
        "speaker": lambda r: f"/speakers/{r[1]}",
        "outlet": lambda r: f"/outlets/{quote(r[3])}",
        "trace": lambda r: "/trace?" + urlencode({"q": " ".join(r[4].split()[:8])}),
        "api/search": lambda r: "/api/search?" + urlencode({"speaker": r[2]}),
    }
    if lists:  # the lists' filters, sorts and later pages (issue 16): heavier, not cached
        kinds |= {
            "search (filtered)": lambda r: "/search?" + urlencode(
                {"exact_outlet": r[3], "kind": "direct", "min_confidence": 0.5,
                 "sort": "confidence"}),
            "speakers (list)": lambda r: f"/speakers?page={1 + r[1] % 5}&sort={SORT[r[1] % 3]}",
        }  # fmt: skip
    names = list(kinds)
    return [(names[i % len(names)], kinds[names[i % len(names)]](rng.choice(sample)))
            for i in range(count)]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument(
        "--workers", type=int, help="onrecord serve --workers (default: serve's, one per core)"
    )
    parser.add_argument(
        "--lists", action="store_true", help="also a filtered, sorted search and speaker list pages"
    )
    args = parser.parse_args()
    rng = random.Random(5)
    plan = urls(args.db, args.requests, rng, lists=args.lists)
    port = free_port()
    workers = ["--workers", str(args.workers)] if args.workers else []
    server = subprocess.Popen(
        [ONRECORD, "serve", "--db", args.db, "--port", str(port), *workers],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        for _, url in plan[:16]:  # warm-up: DuckDB loads the columns it needs
            urllib.request.urlopen(base + url, timeout=30).read()

        local = threading.local()  # one kept-alive connection per client, as a browser has

        def fetch(item: tuple[str, str]) -> tuple[str, float, int]:
            name, url = item
            if not hasattr(local, "http"):
                local.http = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            started = time.perf_counter()
            local.http.request("GET", url)
            response = local.http.getresponse()
            response.read()
            return name, (time.perf_counter() - started) * 1000, response.status

        started, used, own = time.perf_counter(), cpu_seconds(server.pid), time.process_time()
        with ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(fetch, plan))
        wall = time.perf_counter() - started
        used, own = cpu_seconds(server.pid) - used, time.process_time() - own
    finally:
        server.terminate()
        server.wait(timeout=30)
    times: dict[str, list[float]] = defaultdict(list)
    failed = [r for r in results if r[2] != 200]
    for name, ms, _ in results:
        times[name].append(ms)
    print(f"{args.requests} requests, {args.clients} clients, "
          f"{args.workers or default_workers()} server processes, {wall:.1f} s "
          f"({args.requests / wall:.0f} requests/s), {len(failed)} not 200; "
          f"CPU a request: server {used / args.requests * 1000:.1f} ms, "
          f"clients {own / args.requests * 1000:.1f} ms")  # fmt: skip
    print(f"{'page':18} {'p50 ms':>8} {'p95 ms':>8}  target p95 < {TARGET_MS:.0f} ms")
    slow = 0
    for name, values in times.items():
        p95 = sorted(values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        slow += p95 >= TARGET_MS
        print(f"{name:18} {statistics.median(values):8.1f} {p95:8.1f}  "
              f"{'ok' if p95 < TARGET_MS else 'SLOW'}")  # fmt: skip
    print("all under target" if not slow else f"{slow} over target")


if __name__ == "__main__":
    main()
