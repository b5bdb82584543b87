"""``onrecord serve``: the web UI over a store, on localhost by default."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from onrecord.cli.common import fail, fail_with, say
from onrecord.cli.ingest import Database
from onrecord.errors import OnrecordError
from onrecord.store import Store, default_db

#: server processes by default, one per core up to this: each holds its own DuckDB cache
#: (~0.7 GB under load on a million quotes)
MAX_WORKERS = 4


def default_workers() -> int:
    """One server process per core this process may use, at most MAX_WORKERS: pages are
    half Python, which one process runs on one core at a time (measured on 2 cores:
    ~80 requests/s with one process, ~120 with two; benchmarks/web_latency.py)."""
    return max(1, min(MAX_WORKERS, len(os.sched_getaffinity(0))))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: Database = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; 0.0.0.0 serves other machines too.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help=f"Server processes (default: one per core, at most {MAX_WORKERS}).",
        ),
    ] = None,
    access_log: Annotated[
        bool,
        typer.Option(
            "--access-log/--no-access-log", help="One line a request on stderr (default: on)."
        ),
    ] = True,
) -> None:
    """Browse and search the store in a web browser (read-only).

    Example: onrecord serve --db corpus.duckdb, then open http://127.0.0.1:8000/
    """
    try:
        import uvicorn

        from onrecord.web import create_app
        from onrecord.web.middleware import log_requests
    except ImportError as exc:
        fail(f"the web UI needs its extra ({exc.name} is missing): pip install 'onrecord[web]'")
    path = db or default_db()
    try:
        Store(path).close()  # a missing or foreign file is an error now, not on first request
    except OnrecordError as exc:
        fail_with(exc)
    if host not in {"127.0.0.1", "localhost", "::1"}:
        say(f"warning: serving {path} to other machines on {host}:{port} (read-only)")
    say(f"serving {path} at http://{host}:{port}/ (Ctrl-C stops)")
    if access_log:
        log_requests()
    workers = workers or default_workers()
    if workers == 1:
        uvicorn.run(create_app(path, access_log=access_log), host=host, port=port,
                    log_level="warning")  # fmt: skip
        return
    os.environ["ONRECORD_DB"] = path  # each worker process builds its app from it
    if not access_log:  # the workers are new processes: they read it from the environment
        os.environ["ONRECORD_ACCESS_LOG"] = "0"
    uvicorn.run(
        "onrecord.web.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )
