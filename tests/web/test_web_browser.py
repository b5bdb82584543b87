"""The web UI in a real browser: Playwright driving Debian's chromium (no browser download).

Searches, opens an article, checks the highlights and their tooltips, follows a speaker
link, and checks that an article full of markup runs none of it, that right-to-left
overrides in stored text stay inside it, and that outlets named with "/" can be reached.
Every test checks the security headers on every response chromium received and that the
console is quiet: no Content-Security-Policy violation (so the policy leaves the styling
alone), no failed load. Screenshots go to ``test-artifacts/web/`` (ONRECORD_ARTIFACTS to
put them elsewhere). The browser, its flags and the ``page`` fixture: browsing.py and
conftest.py.
"""

from __future__ import annotations

import pytest
from browsing import NEEDS_CHROMIUM, assert_secured_and_quiet, shot

pytest.importorskip("playwright.sync_api")

pytestmark = NEEDS_CHROMIUM


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
    assert_secured_and_quiet(p)


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
    assert_secured_and_quiet(p)


#: text nodes holding a bidi control, and those whose element does not isolate them
LOOSE_BIDI = """() => {
  const controls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let found = 0;
  const loose = [];
  while (walk.nextNode()) {
    const node = walk.currentNode;
    // an SVG <title> is a tooltip, not laid out: FSI … PDI there (test_web_filters.py)
    if (!controls.test(node.data) || node.parentElement.closest("svg title")) continue;
    found += 1;
    const how = getComputedStyle(node.parentElement).unicodeBidi;
    if (!["isolate", "isolate-override", "plaintext"].includes(how))
      loose.push(`${node.parentElement.tagName} (${how}): ${JSON.stringify(node.data)}`);
  }
  return [found, loose];
}"""


def test_web_browser_keeps_right_to_left_overrides_inside_stored_text(page: object) -> None:
    """tests/data/web/bidi.jsonl puts U+202E (RLO), LRI, RLE, LRO, RLM and a stray PDI in
    titles, outlets, a speaker's name, quotes and sources: each text holding one must sit
    in an element that isolates it, and the page's own text around it keep its order."""
    p = page  # type: ignore[assignment]
    p.goto("/search?q=fuel+costs+doubled")
    row = p.locator("table.quotes tbody tr", has_text="autumn")
    row.locator("a.more").click()  # the article holding them
    p.wait_for_url("**/articles/**")
    assert p.locator("h1").inner_text().startswith("Ferry fares")
    visited = [p.url]
    p.locator("table.attributions a.who").first.click()  # "Marta Qu\u202eill"
    p.wait_for_url("**/speakers/*")
    visited.append(p.url)
    p.goto("/trace?q=we+will+keep+sailing")
    visited.append(p.url)
    # the trace's line: date · outlet · source · title, each in its own isolate, so the
    # outlet's override (after a PDI that tries to end the isolation early) moves nothing
    meta = p.locator("ol.trace > li .meta").first
    outlet = meta.locator("a[href^='/outlets/']").bounding_box()
    source = meta.locator(":scope > bdi").bounding_box()
    title = meta.locator("a[href^='/articles/']").bounding_box()
    assert outlet["x"] + outlet["width"] <= source["x"] <= title["x"], (outlet, source, title)
    shot(p, "8-bidi-trace")
    meta.locator("a[href^='/outlets/']").click()
    p.wait_for_url("**/outlets/**")
    visited.append(p.url)
    for url in (*visited, "/", "/search?q=fuel+costs+doubled", "/outlets", "/articles"):
        p.goto(url)
        found, loose = p.evaluate(LOOSE_BIDI)
        assert found >= 1, url  # the hostile text is on the page
        assert loose == [], url
    shot(p, "9-bidi-articles")
    p.goto(visited[0])  # a <title> holds no element: FSI … PDI around the stored part
    assert p.title() == "\u2068Ferry fares \u202erise again on the island route\u2069 · onrecord"
    assert_secured_and_quiet(p)


def test_web_browser_reaches_outlets_named_with_a_slash(page: object) -> None:
    p = page  # type: ignore[assignment]
    for name, url in [
        ("ABC News / Reuters", "**/outlets/ABC%20News%20%2F%20Reuters"),
        ("Politico/Morning Consult", "**/outlets/Politico%2FMorning%20Consult"),
    ]:
        p.goto("/outlets")
        p.get_by_role("link", name=name, exact=True).click()
        p.wait_for_url(url)
        assert p.locator("h1").inner_text() == name
        p.locator(".articles a").first.click()  # on to its article and back by its link
        p.wait_for_url("**/articles/**")
        p.get_by_role("link", name=name, exact=True).click()
        p.wait_for_url(url)
    shot(p, "10-slashed-outlet")
    assert_secured_and_quiet(p)
