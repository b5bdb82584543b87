"""A store for the web tests (the fictional corpus plus pages full of markup and of
right-to-left overrides), a real server on a free localhost port, and chromium (one per
module) with a fresh page per test that records dialogs, the console and responses."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from browsing import CHROMIUM, FLAGS, REPORT_VIOLATIONS

from onrecord.readers import read_inputs
from onrecord.store import IngestReport, ingest
from onrecord.web import create_app

DATA = Path(__file__).parents[1] / "data"
INPUTS = [
    DATA / "store" / "corpus.jsonl",
    DATA / "web" / "hostile.jsonl",  # markup in text and metadata
    DATA / "web" / "repaired.jsonl",  # mojibake and an inline subheading
    # U+202E and other bidi controls in ids, titles, outlets, names, quotes and sources;
    # outlets "ABC News / Reuters" and "Politico/Morning Consult"
    DATA / "web" / "bidi.jsonl",
]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.duckdb")
    report = IngestReport()
    for _ in ingest(read_inputs(INPUTS), path, report=report):
        pass
    assert (report.ok, report.failed) == (9, 0)
    return path


@pytest.fixture(scope="module")
def server(web_db: str) -> Iterator[str]:
    """The app served by uvicorn in a thread: its base URL. Stopped after its module, as
    the TestClient apps are: two apps reading one store in one process fail while both
    hold it open (DuckDB shares one instance per file in a process, whose configuration
    the first Store locked)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="error")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium, headless, for one test module."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()


#: a desktop's window, and a phone's (390 px wide, touch): ``page``'s indirect parameter
SCREENS = {"desktop": (1280, 720), "phone": (390, 844)}


@pytest.fixture
def page(request: pytest.FixtureRequest, browser: object, server: str) -> Iterator[object]:
    """A page on ``server``; ``.executed`` dialogs, ``.console`` messages, ``.responses``.
    A desktop window unless parametrized (indirect) with a name in SCREENS."""
    screen = getattr(request, "param", "desktop")
    width, height = SCREENS[screen]
    context = browser.new_context(  # type: ignore[attr-defined]
        base_url=server, viewport={"width": width, "height": height}, has_touch=screen == "phone"
    )
    context.add_init_script(REPORT_VIOLATIONS)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    executed: list[str] = []
    opened.on("dialog", lambda dialog: (executed.append(dialog.message), dialog.dismiss()))
    opened.executed = executed
    console: list[str] = []
    opened.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    opened.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    opened.console = console
    responses: list[object] = []
    opened.on("response", lambda r: responses.append(r))
    opened.responses = responses
    opened.screen = screen
    yield opened
    context.close()
