"""The web server's shared connection: cached results last while it is open, and it lets
go when idle or when an ingest waits, so the ingest can write (and the next request sees
what was written)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

import uvicorn
from tests.fictional_news import write_articles

from onrecord.model import Document
from onrecord.store import Store, StoreWriter
from onrecord.web import create_app
from onrecord.web.access import SharedStore

CORPUS = Path(__file__).parents[1] / "data" / "store" / "corpus.jsonl"


def test_web_access_lets_go_when_idle_and_sees_new_articles(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.duckdb")
    with StoreWriter(db) as writer:
        writer.write(Document("one", "The first article."))
    shared = SharedStore(db, idle=0.2)
    try:
        with shared.use() as store:
            first = shared.cached(("totals",), lambda: store.totals())
        assert first["articles"] == 1
        time.sleep(1.0)  # idle: the connection is closed, the lock free
        with StoreWriter(db, timeout=2) as writer:  # would wait, then fail, if still held
            writer.write(Document("two", "The second article."))
        with shared.use() as store:
            again = shared.cached(("totals",), lambda: store.totals())
        assert again["articles"] == 2  # a new generation: the cached count is not reused
    finally:
        shared.close()


def test_web_access_caches_while_open(tmp_path: Path) -> None:
    db = str(tmp_path / "cached.duckdb")
    StoreWriter(db).close()
    shared = SharedStore(db, idle=60)
    calls: list[int] = []
    try:
        for _ in range(3):
            with shared.use():
                shared.cached(("x",), lambda: calls.append(1) or 42)
        assert calls == [1]
    finally:
        shared.close()


def onrecord(*args: str | Path) -> list[str]:
    return [str(Path(sys.executable).with_name("onrecord")), *map(str, args)]


def test_web_access_an_ingest_gets_in_while_clients_load_pages_back_to_back(
    tmp_path: Path,
) -> None:
    """A real ingest into the store a real server reads, while four clients load pages
    without a pause and a CLI reader queries again and again: the ingest stores every
    article and exits 0, every page is a 200, every CLI query succeeds. (Before the gate
    the server's connection was never idle for 2 s, and the ingest stopped with E201.)"""
    folder, db = tmp_path / "articles", tmp_path / "busy.duckdb"
    write_articles(folder, 30)
    first = subprocess.run(
        onrecord("ingest", CORPUS, "--db", db, "-q"), capture_output=True, text=True, timeout=120
    )
    assert first.returncode == 0, first.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    serving = threading.Thread(target=server.run, daemon=True)
    serving.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    done = threading.Event()
    statuses: list[int] = []
    seen: list[int] = []  # the article counts /api/home gave

    def client(paths: list[str]) -> None:
        http = HTTPConnection("127.0.0.1", port, timeout=60)
        while not done.is_set():
            for path in paths:
                http.request("GET", path)
                response = http.getresponse()
                body = response.read()
                statuses.append(response.status)
                if path == "/api/home" and response.status == 200:
                    seen.append(json.loads(body)["totals"]["articles"])
        http.close()

    queries: list[subprocess.CompletedProcess[str]] = []

    def cli_reader() -> None:
        while not done.is_set():
            queries.append(
                subprocess.run(
                    onrecord(
                        "sql", "SELECT count(*) AS n FROM articles", "-f", "jsonl", "--db", db
                    ),
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
            )

    pages = [["/", "/api/home"], ["/search?q=ferry", "/api/search?q=water"], ["/speakers"],
             ["/articles", "/api/home"]]  # fmt: skip
    workers = [threading.Thread(target=client, args=(p,)) for p in pages]
    workers.append(threading.Thread(target=cli_reader))
    try:
        for worker in workers:
            worker.start()
        time.sleep(1)  # the clients are going before the ingest starts
        ingest = subprocess.run(
            onrecord("ingest", folder, "--db", db, "-q"), capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        time.sleep(1)  # and after it has finished: they see every article
    finally:
        done.set()
        for worker in workers:
            worker.join(timeout=120)
        server.should_exit = True
        serving.join(timeout=10)
    assert ingest.returncode == 0, ingest.stderr
    with Store(db) as store:
        assert store.sql("SELECT count(*) FROM articles")[1] == [(34,)]
    assert statuses and set(statuses) == {200}
    assert seen[0] == 4 and seen[-1] == 34
    failed = [q.stderr for q in queries if q.returncode != 0]
    assert len(queries) >= 2 and not failed, failed
    assert min(json.loads(q.stdout)["n"] for q in queries) < 34  # some read during the ingest
