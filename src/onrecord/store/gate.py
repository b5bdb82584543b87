"""A writer-preferring readers-writer lock beside the store: readers never lock an ingest out.

DuckDB lets a file have one writer or many readers. Readers that come and go at will (a
browser refreshing, a script polling) can keep the file open at every instant, and an
ingest that waits for a free moment never gets one. So readers and the writer meet at
three lock files first (``flock``: a process killed even with SIGKILL lets go of them):

- ``STORE.gate``: readers hold it shared for as long as they have the DuckDB file open;
  the writer holds it exclusively for a window of writes.
- ``STORE.turnstile``: the writer takes it exclusively *before* it waits at the gate, and
  readers pass through it (shared) on their way in: once an ingest waits, new readers
  queue behind it, the readers inside finish, and the writer gets in.
- ``STORE.queue``: readers hold it shared while they wait at the turnstile. Before each
  window the writer lets them pass first, and it ends a window soon when they wait
  (writer.py), so readers are not starved either.

A waiting reader gives up (E201) only after ``timeout`` seconds without progress: the
writer touches the turnstile whenever it has stored something. Stores whose folder does
not let a reader create the files are read as before: DuckDB's own lock, retried.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time

from onrecord.errors import StoreError

__all__ = ["ReadLock", "WriteGate", "WriterProbe", "read_lock", "writer_waiting"]

logger = logging.getLogger(__name__)

#: longest a writer lets waiting readers go first before it queues at the turnstile:
#: a steady stream of new readers must not keep it out either
LET_IN_SECONDS = 1.0
#: longest pause between two tries for a lock (the first pauses are shorter)
MAX_PAUSE = 0.02


def _paths(store: str) -> tuple[str, str, str]:
    base = os.path.abspath(store)
    return f"{base}.queue", f"{base}.turnstile", f"{base}.gate"


def _open(path: str, *, create: bool) -> int | None:
    """A descriptor to lock ``path`` with (created if need be), or None if that is refused."""
    flags = os.O_RDONLY | os.O_CLOEXEC | (os.O_CREAT if create else 0)
    try:
        return os.open(path, flags, 0o666)  # others' readers must lock it too (less umask)
    except OSError as exc:
        logger.debug("no lock file %s (%s): DuckDB's lock alone", path, exc)
        return None


def _try(fd: int, operation: int) -> bool:
    try:
        fcntl.flock(fd, operation | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _is_held(fd: int, operation: int) -> bool:
    """Whether another process holds the lock so that ``operation`` would wait (a probe:
    the lock is let go at once if it was taken)."""
    if not _try(fd, operation):
        return True
    fcntl.flock(fd, fcntl.LOCK_UN)
    return False


def _pause(waited: int) -> None:
    time.sleep(min(MAX_PAUSE, 0.001 * 2**waited))


class ReadLock:
    """A reader's shared hold on the gate; the store's DuckDB file may be opened meanwhile."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    def __del__(self) -> None:  # a Store never closed: let go when it is collected
        self.release()


def read_lock(store: str, timeout: float) -> ReadLock:
    """Wait for any ingest's window to end and hold the gate (shared) until released.

    Raises StoreError E201 after ``timeout`` s in which the writer stored nothing.
    """
    queue_path, turnstile_path, gate_path = _paths(store)
    fds = [_open(p, create=True) for p in (queue_path, turnstile_path, gate_path)]
    if any(fd is None for fd in fds):
        for fd in fds:
            if fd is not None:
                os.close(fd)
        return ReadLock(None)
    queue, turnstile, gate = (fd for fd in fds if fd is not None)
    try:
        fcntl.flock(queue, fcntl.LOCK_SH)  # the writer only tries it, never holds it
        started = time.monotonic()
        waited = 0
        while not _try(turnstile, fcntl.LOCK_SH):
            if time.monotonic() - started >= timeout and _idle_for(turnstile) >= timeout:
                raise StoreError("E201", path=store, detail=_holder(turnstile, timeout))
            _pause(waited)
            waited += 1
        # the writer holds the gate only while it holds the turnstile: free for readers now
        fcntl.flock(gate, fcntl.LOCK_SH)
        fcntl.flock(turnstile, fcntl.LOCK_UN)
    except BaseException:
        os.close(gate)
        raise
    finally:
        os.close(turnstile)
        os.close(queue)
    return ReadLock(gate)


class WriterProbe:
    """Tells a reader that holds the store open whether an ingest waits to write."""

    def __init__(self, store: str) -> None:
        self._path = _paths(store)[1]
        self._fd: int | None = None

    def writer_waiting(self) -> bool:
        """Whether a writer holds the turnstile (waiting at the gate, or writing)."""
        if self._fd is None:
            self._fd = _open(self._path, create=False)  # made by the first reader or writer
        return self._fd is not None and _is_held(self._fd, fcntl.LOCK_SH)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def writer_waiting(store: str) -> bool:
    """Whether an ingest into ``store`` waits to write, or is writing (a one-off probe)."""
    probe = WriterProbe(store)
    try:
        return probe.writer_waiting()
    finally:
        probe.close()


class WriteGate:
    """The writer's side: ``enter`` before opening the DuckDB file, ``leave`` after closing it."""

    def __init__(self, store: str) -> None:
        self.store = store
        self._queue, self._turnstile, self._gate = (_open(p, create=True) for p in _paths(store))
        self._inside = False

    @property
    def is_inside(self) -> bool:
        return self._inside

    def enter(self, timeout: float) -> None:
        """Let waiting readers in, shut the turnstile, wait for the readers inside to leave.

        Raises StoreError E201 if readers hold the gate for ``timeout`` s.
        """
        if self._turnstile is None or self._gate is None:
            return  # no lock files: DuckDB's lock alone, as before
        started = time.monotonic()
        waited = 0
        while self.readers_waiting() and time.monotonic() - started < LET_IN_SECONDS:
            _pause(waited)
            waited += 1
        waited = 0
        while not _try(self._turnstile, fcntl.LOCK_EX):  # readers pass it in microseconds
            if time.monotonic() - started >= timeout:
                raise StoreError("E201", path=self.store, detail="readers kept the turnstile")
            _pause(waited)
            waited += 1
        self._inside = True
        self._mark(f"PID {os.getpid()}")
        waited = 0
        while not _try(self._gate, fcntl.LOCK_EX):
            if time.monotonic() - started >= timeout:
                self.leave()
                raise StoreError(
                    "E201", path=self.store, detail=f"readers kept it open for {timeout:g} s"
                )
            _pause(waited)
            waited += 1
        logger.debug("in the gate after %.0f ms", (time.monotonic() - started) * 1000)

    def leave(self) -> None:
        if self._inside and self._turnstile is not None and self._gate is not None:
            fcntl.flock(self._gate, fcntl.LOCK_UN)  # the gate first: see read_lock
            fcntl.flock(self._turnstile, fcntl.LOCK_UN)
        self._inside = False

    def progress(self) -> None:
        """Tell waiting readers the window is moving on (they wait while it does)."""
        if self._turnstile is not None:
            # a file another user made cannot be touched: readers then wait `timeout`
            with contextlib.suppress(OSError):
                os.utime(self._turnstile)

    def readers_waiting(self) -> bool:
        """Whether readers wait for this writer's window to end."""
        return self._queue is not None and _is_held(self._queue, fcntl.LOCK_EX)

    def close(self) -> None:
        self.leave()
        for fd in (self._queue, self._turnstile, self._gate):
            if fd is not None:
                os.close(fd)
        self._queue = self._turnstile = self._gate = None

    def _mark(self, holder: str) -> None:
        """Who holds the turnstile, for a waiting reader's E201, and the time (mtime)."""
        path = _paths(self.store)[1]
        with contextlib.suppress(OSError), open(path, "w", encoding="utf-8") as note:
            note.write(holder)
        self.progress()


def _idle_for(turnstile: int) -> float:
    """Seconds since the writer last made progress (touched the turnstile)."""
    return time.time() - os.fstat(turnstile).st_mtime


def _holder(turnstile: int, timeout: float) -> str:
    """``an ingest, PID 1234, stored nothing for 10 s``: the detail of a reader's E201."""
    try:
        who = os.pread(turnstile, 64, 0).decode("utf-8", "replace").strip()
    except OSError:
        who = ""
    return f"an ingest{', ' + who if who else ''}, stored nothing for {timeout:g} s"
