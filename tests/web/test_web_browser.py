"""The web UI in a real browser: Playwright driving Debian's chromium (no browser download).

Searches, opens an article, checks the highlights and their tooltips, follows a speaker
link, and checks that an article full of markup runs none of it. Screenshots go to
``test-artifacts/web/`` (ONRECORD_ARTIFACTS to put them elsewhere).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

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
ARTIFACTS = (
    Path(os.environ.get("ONRECORD_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts")) / "web"
)

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs chromium (apt install chromium; .ci/run does)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(base_url=server)  # type: ignore[attr-defined]
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    executed: list[str] = []
    opened.on("dialog", lambda dialog: (executed.append(dialog.message), dialog.dismiss()))
    opened.executed = executed
    yield opened
    context.close()


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_web_browser_search_article_highlights_and_speaker(page: object) -> None:
    p = page  # type: ignore[assignment]
    p.goto("/")
    assert "Who said what" in p.locator("h1").inner_text()
    shot(p, "1-home")
    p.get_by_label("Find quotes containing").fill("northern terminal")
    p.get_by_role("button", name="Search").last.click()
    p.wait_for_url("**/search?q=northern+terminal")
    assert "3 quotes" in p.get_by_role("status").inner_text() or "quotes" in p.content()
    rows = p.locator("table.quotes tbody tr")
    assert rows.count() >= 3
    shot(p, "2-search")
    rows.filter(has_text="We shall not close").locator("a.more").click()
    p.wait_for_url("**/articles/**")
    highlights = p.locator(".text [data-attribution]")
    assert highlights.count() >= 4
    content = p.locator(".text .content").first
    assert content.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    cue = p.locator(".text .cue").first
    assert cue.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    said = p.locator(".text .content", has_text="We shall not close").first
    said.focus()
    assert "direct" in said.get_attribute("title") and "Kovalenko" in said.get_attribute("title")
    shot(p, "3-article")
    p.locator("table.attributions").get_by_role("link", name="Anatoly Kovalenko").first.click()
    p.wait_for_url("**/speakers/*")
    assert p.locator("h1").inner_text() == "Anatoliy Kovalenko"
    assert p.locator("svg.chart rect").count() >= 1
    assert "Anatoly Kovalenko" in p.locator("#names + ul").inner_text()
    shot(p, "4-speaker")
    p.get_by_role("link", name="North Wire").first.click()
    p.wait_for_url("**/outlets/North%20Wire")
    shot(p, "5-outlet")
    p.goto("/trace?q=we+will+not+close+the+northern+terminal")
    assert p.locator("ol.trace > li").count() == 3
    assert p.locator("ol.trace ins", has_text="shall").count() == 1
    shot(p, "6-trace")
    assert p.executed == []  # type: ignore[attr-defined]


def test_web_browser_runs_nothing_from_article_text(page: object) -> None:
    p = page  # type: ignore[assignment]
    p.goto("/search?q=types+script")
    link = p.locator("table.quotes a.more").first
    link.click()
    p.wait_for_url("**/articles/**")
    text = p.locator(".text").inner_text()
    assert "<script>window.__pwned=1</script>" in text  # shown as text, as written
    assert 'onerror="window.__pwned=2"' in text
    for url in (p.url, "/", "/search?q=types+script", "/outlets", "/trace?q=types+script"):
        p.goto(url)
        assert p.evaluate("() => window.__pwned === undefined"), url
        assert p.locator("script").count() == 0, url  # the pages carry no scripts at all
        assert p.locator("img").count() == 0, url
        assert p.locator("a[href^='javascript:']").count() == 0, url
    shot(p, "7-hostile-article")
    assert p.executed == []  # type: ignore[attr-defined]
