"""What the browser tests share: Debian's chromium and its flags for a closed network, the
headers every response must carry, and screenshots. The ``browser`` and ``page`` fixtures
are in conftest.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

#: Debian's chromium; Playwright's own download does not work on a closed network
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: flags for a closed network: without the background ones chromium tries Google's hosts
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: what every response must carry (tests/web/test_web_headers.py spells out the same)
SECURED = {
    "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
#: reports each CSP violation on the console too (chromium logs one already; this makes
#: the check independent of how the browser words it); init scripts run whatever the CSP
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
"""
ARTIFACTS = (
    Path(os.environ.get("ONRECORD_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts")) / "web"
)
#: a browser test module's ``pytestmark``
NEEDS_CHROMIUM = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs chromium (apt install chromium; .ci/run does)"
)


def assert_secured_and_quiet(page: object) -> None:
    """Every response the browser received had the headers; nothing on the console."""
    responses = page.responses  # type: ignore[attr-defined]
    kinds = {r.request.resource_type for r in responses}
    assert {"document", "stylesheet"} <= kinds  # the pages and style.css at least
    for response in responses:
        headers = response.all_headers()
        for name, value in SECURED.items():
            assert headers.get(name) == value, f"{name} on {response.url} ({response.status})"
    assert page.console == []  # type: ignore[attr-defined]


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
