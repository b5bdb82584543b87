"""One read-only connection for all requests, let go when idle so an ingest can write.

DuckDB lets a file have one writer or many readers. A web server that held the store
open for ever would lock ``onrecord ingest`` out; one that opened it per request would
pay ~30 ms and a cold cache each time. So requests share one connection (a cursor each,
since connections are not thread-safe), and it is closed after ``idle`` seconds without
a request; the next request opens it again, waiting for an ingest's pause if need be.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from onrecord.store import Store

__all__ = ["SharedStore"]

T = TypeVar("T")
#: cached results kept at most (pages of quotes, articles, counts, lists): tens of MB at
#: most; all dropped when it is full
CACHE_ENTRIES = 500


class SharedStore:
    def __init__(
        self, path: str, *, idle: float = 2.0, timeout: float = 10.0, threads: int | None = 1
    ) -> None:
        self.path = path
        self.threads = threads
        self.idle = idle
        self.timeout = timeout
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._active = 0
        self._last_used = time.monotonic()
        #: bumped at every (re)opening: while the connection is open no ingest can write
        #: (DuckDB's lock), so results cached under one generation stay true
        self.generation = 0
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._closer = threading.Thread(target=self._close_when_idle, daemon=True)
        self._stopped = threading.Event()
        self._closer.start()

    def cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()``, remembered while the store stays open (it cannot change then)."""
        with self._lock:
            found = self._cache.get((self.generation, key))
        if found is not None:
            return found  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            if len(self._cache) >= CACHE_ENTRIES:
                self._cache.clear()
            self._cache[(self.generation, key)] = value
        return value

    @contextmanager
    def use(self) -> Iterator[Store]:
        """A Store for one request (its own cursor of the shared connection)."""
        with self._lock:
            if self._store is None:
                self._store = Store(self.path, timeout=self.timeout, threads=self.threads)
                self.generation += 1
            self._active += 1
            store = self._store.cursor()
        try:
            yield store
        finally:
            store.close()
            with self._lock:
                self._active -= 1
                self._last_used = time.monotonic()

    def close(self) -> None:
        self._stopped.set()
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def _close_when_idle(self) -> None:
        while not self._stopped.wait(min(self.idle, 0.5)):
            with self._lock:
                idle_for = time.monotonic() - self._last_used
                if self._store is not None and not self._active and idle_for >= self.idle:
                    self._store.close()
                    self._store = None
