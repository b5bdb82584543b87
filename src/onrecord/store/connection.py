"""Opening the DuckDB file: waiting politely for a lock, and errors that say what to do.

DuckDB lets one process write a file, or several read it, never both at once. Readers
and an ingest take turns at the gate beside the file (gate.py), so a reader waits for the
ingest's window to end; a reader that still finds the file locked (a writer that does not
use the gate) retries for ``timeout`` seconds before it gives up with E201.
"""

from __future__ import annotations

import os
import time
from importlib.resources import files

import duckdb

from onrecord.errors import StoreError
from onrecord.store.gate import ReadLock, read_lock

__all__ = [
    "DEFAULT_DB",
    "connect",
    "default_db",
    "first_line",
    "open_reader",
    "schema_sql",
    "sql_string",
]

#: the store file when neither --db nor ONRECORD_DB says otherwise
DEFAULT_DB = "onrecord.duckdb"
#: how long to wait between tries while another process holds the lock
RETRY_SECONDS = 0.05


def default_db() -> str:
    """``$ONRECORD_DB`` or ``onrecord.duckdb``."""
    return os.environ.get("ONRECORD_DB") or DEFAULT_DB


def schema_sql() -> str:
    return files("onrecord.store").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(
    path: str, *, read_only: bool, timeout: float = 10.0, schema: bool = True
) -> duckdb.DuckDBPyConnection:
    """A connection to the store at ``path``; waits up to ``timeout`` s for a lock.

    Reading needs the file to exist (E203); writing creates it with the schema (unless
    ``schema`` is False: a writer reopening a file it has set up already).
    """
    if read_only and not os.path.exists(path):
        raise StoreError("E203", path=path)
    deadline = time.monotonic() + timeout
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only)
            break
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc):
                raise StoreError("E202", path=path, detail=first_line(exc)) from exc
            if time.monotonic() >= deadline:
                raise StoreError("E201", path=path, detail=_holder(exc)) from exc
            time.sleep(RETRY_SECONDS)
        except duckdb.Error as exc:  # not a DuckDB file, a newer format, ...
            raise StoreError("E202", path=path, detail=first_line(exc)) from exc
    if not settings_locked(con):  # else a Store in this process has set them already
        con.execute("SET enable_progress_bar = false")  # DuckDB's own bar would garble stderr
    if not read_only and schema:
        con.execute(schema_sql())
    return con


def settings_locked(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database's settings are locked: DuckDB shares one database between the
    connections to a file in one process, and a Store open here locks them."""
    locked = con.execute("SELECT current_setting('lock_configuration')").fetchone()
    return bool(locked and locked[0])


def open_reader(path: str, timeout: float = 10.0) -> tuple[duckdb.DuckDBPyConnection, ReadLock]:
    """A read-only connection, and the hold on the gate to release after closing it.

    Waits for an ingest's window to end (E201 after ``timeout`` s in which it stored
    nothing). The gate's lock files are made beside DuckDB files only.
    """
    if not os.path.exists(path):
        raise StoreError("E203", path=path)
    lock = read_lock(path, timeout) if _is_duckdb_file(path) else ReadLock(None)
    try:
        return connect(path, read_only=True, timeout=timeout), lock
    except BaseException:
        lock.release()
        raise


def _is_duckdb_file(path: str) -> bool:
    """Whether ``path`` starts as a DuckDB file does (its magic bytes at offset 8)."""
    try:
        with open(path, "rb") as file:
            return file.read(12)[8:] == b"DUCK"
    except OSError:
        return False  # connect says why


def sql_string(text: str) -> str:
    """``text`` inside a SQL string literal, for the statements that take no parameters
    (COPY ... TO, SET)."""
    return text.replace("'", "''")


def _is_lock_conflict(exc: BaseException) -> bool:
    """Whether DuckDB refused the file because another process holds it (not just any
    message with "lock" in it: the path may hold the word)."""
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _holder(exc: BaseException) -> str:
    """``PID 1234`` from DuckDB's 'Conflicting lock is held in … (PID 1234)'."""
    text = str(exc)
    start = text.rfind("(PID ")
    return text[start + 1 : text.index(")", start)] if start >= 0 else first_line(exc)
