"""``onrecord serve`` as a user starts it: the real command, real server processes, real
requests. It writes one access-log line a request to stderr (none with --no-access-log),
and serves with one process per core unless told how many."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from onrecord.cli.serve import MAX_WORKERS, default_workers

ONRECORD = str(Path(sys.executable).with_name("onrecord"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def served_log(db: str, *flags: str, processes: int | None = None) -> str:
    """stderr of ``onrecord serve`` after GET /about?x (a 400) and GET /speakers; with
    ``processes``, checks that so many server processes answered."""
    port = free_port()
    server = subprocess.Popen(
        [ONRECORD, "serve", "--db", db, "--port", str(port), *flags],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/speakers") as response:
                    assert response.status == 200
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                assert server.poll() is None, "the server stopped"
                time.sleep(0.2)
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/about?x=%00")
        if processes is not None:
            assert _serving(server.pid) == processes
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
    return err


def test_web_serve_logs_each_request_unless_told_not_to(web_db: str) -> None:
    logged = served_log(web_db)
    assert '127.0.0.1 "GET /speakers" 200 ' in logged
    assert '127.0.0.1 "GET /about?x=%00" 400 ' in logged  # as sent: no NUL, no forged line
    quiet = served_log(web_db, "--no-access-log")
    assert '"GET /speakers"' not in quiet and "serving" in quiet


def test_web_serve_runs_one_process_per_core_unless_told(web_db: str) -> None:
    assert 1 <= default_workers() <= min(MAX_WORKERS, len(os.sched_getaffinity(0)))
    logged = served_log(web_db, "--workers", "2", processes=2)
    assert '"GET /speakers" 200 ' in logged  # each process logs too
    served_log(web_db, "--workers", "1", processes=1)


def _serving(pid: int) -> int:
    """How many processes serve for ``pid``: itself, or the worker processes it started."""
    workers = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            stat = (cmdline.parent / "stat").read_text()
            command = cmdline.read_bytes().decode(errors="replace")
        except OSError:
            continue  # ended meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        workers += parent == pid and "spawn_main" in command
    return workers or 1
