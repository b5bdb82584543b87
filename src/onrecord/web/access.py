"""One read-only connection for all requests, let go at once when an ingest waits to write.

DuckDB lets a file have one writer or many readers. A web server that held the store
open while requests keep coming would lock ``onrecord ingest`` out; one that opened it
per request would pay ~15-30 ms and a cold cache each time. So requests share one
connection (a cursor each, since connections are not thread-safe), and before each
request the server asks the store's gate whether an ingest waits (store/gate.py): if one
does, new requests wait, the connection is closed as soon as the requests in flight end,
and it is opened again after the ingest's window. It is also closed after ``idle``
seconds without a request (for writers that do not use the gate).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from onrecord.errors import OnrecordError
from onrecord.store import Store
from onrecord.store.gate import WriterProbe

__all__ = ["SharedStore"]

T = TypeVar("T")
#: cached results kept at most (pages of quotes, articles, counts, lists): tens of MB at
#: most; all dropped when it is full
CACHE_ENTRIES = 500
#: after (re)opening, requests are served for at least this long before a waiting ingest
#: is let in: the requests that waited through its window must get their turn
TURN_SECONDS = 0.2
#: how often the closer looks for an idle connection or a waiting ingest
CHECK_SECONDS = 0.05


class SharedStore:
    def __init__(
        self, path: str, *, idle: float = 2.0, timeout: float = 10.0, threads: int | None = 1
    ) -> None:
        self.path = path
        self.threads = threads
        self.idle = idle
        self.timeout = timeout
        self._changed = threading.Condition()
        self._store: Store | None = None
        self._opened_at = 0.0
        self._opening = False
        self._failure: tuple[float, OnrecordError] | None = None
        self._draining = False
        self._active = 0
        self._last_used = time.monotonic()
        self._probe = WriterProbe(path)
        #: bumped at every (re)opening: while the connection is open no ingest can write
        #: (DuckDB's lock), so results cached under one generation stay true
        self.generation = 0
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._stopped = threading.Event()
        self._closer = threading.Thread(target=self._close_when_due, daemon=True)
        self._closer.start()

    def cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()``, remembered while the store stays open (it cannot change then)."""
        with self._changed:
            found = self._cache.get((self.generation, key))
        if found is not None:
            return found  # type: ignore[no-any-return]
        value = compute()
        with self._changed:
            if len(self._cache) >= CACHE_ENTRIES:
                self._cache.clear()
            self._cache[(self.generation, key)] = value
        return value

    @contextmanager
    def use(self) -> Iterator[Store]:
        """A Store for one request (its own cursor of the shared connection).

        Waits while an ingest writes; raises StoreError E201 if it stores nothing for
        ``timeout`` seconds.
        """
        store = self._enter(time.monotonic())
        try:
            yield store
        finally:
            store.close()
            with self._changed:
                self._active -= 1
                self._last_used = time.monotonic()
                if self._draining and not self._active:
                    self._close()

    def close(self) -> None:
        self._stopped.set()
        self._closer.join(timeout=1)
        with self._changed:
            self._close()
        self._probe.close()

    def _enter(self, arrived: float) -> Store:
        """A cursor once the connection is open and no ingest waits for it."""
        with self._changed:
            while True:
                if self._failure is not None and self._failure[0] >= arrived:
                    raise self._failure[1]  # the opening this request waited for failed
                if self._store is not None and not self._draining:
                    if self._ingest_waits():
                        self._draining = True
                        if not self._active:
                            self._close()
                        continue
                    self._active += 1
                    return self._store.cursor()
                if self._store is None and not self._opening:
                    break
                self._changed.wait(CHECK_SECONDS)
            self._opening = True
        try:  # outside the lock: other requests wait on the condition, not on the lock
            opened = Store(self.path, timeout=self.timeout, threads=self.threads)
        except BaseException as exc:
            with self._changed:
                self._opening = False
                if isinstance(exc, OnrecordError):
                    self._failure = (time.monotonic(), exc)
                self._changed.notify_all()
            raise
        with self._changed:
            self._opening = False
            self._failure = None
            self._store = opened
            self._opened_at = time.monotonic()
            self.generation += 1
            self._active += 1
            self._changed.notify_all()
            return opened.cursor()

    def _ingest_waits(self) -> bool:
        """Whether an ingest waits to write, once this opening has had its turn."""
        if time.monotonic() - self._opened_at < TURN_SECONDS:
            return False
        return self._probe.writer_waiting()

    def _close(self) -> None:
        """Close the connection (the caller holds the condition's lock)."""
        if self._store is not None:
            self._store.close()
            self._store = None
        self._draining = False
        self._changed.notify_all()

    def _close_when_due(self) -> None:
        while not self._stopped.wait(CHECK_SECONDS):
            with self._changed:
                if self._store is None or self._active:
                    continue
                if time.monotonic() - self._last_used >= self.idle or self._ingest_waits():
                    self._close()
