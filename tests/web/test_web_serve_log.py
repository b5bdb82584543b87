"""``onrecord serve`` writes one access-log line a request to stderr, and none with
--no-access-log: the real command, a real server process, a real request."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ONRECORD = str(Path(sys.executable).with_name("onrecord"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def served_log(db: str, *flags: str) -> str:
    """stderr of ``onrecord serve`` after GET /about?x (a 400) and GET /speakers."""
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
