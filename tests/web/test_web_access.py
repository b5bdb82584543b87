"""The web server's shared connection: cached results last while it is open, and it lets
go when idle so an ingest can write (and the next request sees what was written)."""

from __future__ import annotations

import time
from pathlib import Path

from onrecord.model import Document
from onrecord.store import StoreWriter
from onrecord.store.browse import totals
from onrecord.web.access import SharedStore


def test_web_access_lets_go_when_idle_and_sees_new_articles(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.duckdb")
    with StoreWriter(db) as writer:
        writer.write(Document("one", "The first article."))
    shared = SharedStore(db, idle=0.2)
    try:
        with shared.use() as store:
            first = shared.cached(("totals",), lambda: totals(store))
        assert first["articles"] == 1
        time.sleep(1.0)  # idle: the connection is closed, the lock free
        with StoreWriter(db, timeout=2) as writer:  # would wait, then fail, if still held
            writer.write(Document("two", "The second article."))
        with shared.use() as store:
            again = shared.cached(("totals",), lambda: totals(store))
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
