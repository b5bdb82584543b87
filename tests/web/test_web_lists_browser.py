"""The list pages in chromium (Playwright on Debian's chromium, one browser for the module),
at desktop and phone width: the speaker timeline on a true month axis with its table, the
search with its marked words, sortable columns and facets, the pager, and an error page
that keeps the form. Screenshots go to test-artifacts/web/ (lists-*.png).

The store is the web tests' one plus three articles quoting one fictional harbour pilot in
January 2024, February 2024 and June 2025: a timeline with a gap of 15 empty months.
"""

from __future__ import annotations

import re
import shutil

import pytest
from browsing import AUDIT, NEEDS_CHROMIUM, assert_secured_and_quiet, shot
from one_quote import one_quote

from onrecord.model import Document
from onrecord.store import StoreWriter

pytestmark = NEEDS_CHROMIUM

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: (published, outlet, what she said): one harbour pilot over eighteen months
PILOT = [
    ("2024-01-12", "Harbour Gazette", "The channel is silting faster than the charts show"),
    ("2024-02-03", "North Wire", "We cannot bring the big tankers in after dark any more"),
    ("2025-06-20", "Harbour Gazette", "The dredging has made the night crossings safe again"),
]


def pilot_article(day: str, outlet: str, said: str) -> Document:
    return one_quote(
        f"pilot-{day}", said, "Ilse Marsh", "harbour pilot",
        {"outlet": outlet, "published": day, "title": f"Pilot on the channel, {day}",
         "url": f"https://{outlet.split()[0].lower()}.example/pilot/{day}"},
    )  # fmt: skip


@pytest.fixture(scope="module")
def web_db(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The web tests' store, copied, with the pilot's three articles added."""
    path = tmp_path_factory.mktemp("lists") / "lists.duckdb"
    shutil.copy(web_db, path)
    with StoreWriter(str(path)) as writer:
        for row in PILOT:
            writer.write(pilot_article(*row))
    return str(path)


def no_sideways_scroll(p: object) -> None:
    width = p.evaluate("() => document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= PHONE["width"], f"{p.url}: {width} px wide"  # type: ignore[attr-defined]


def test_web_lists_browser_timeline_has_a_true_axis_and_a_table(page: object) -> None:
    p = page  # type: ignore[assignment]
    p.set_viewport_size(DESKTOP)
    p.goto("/speakers")
    p.get_by_role("link", name="Ilse Marsh", exact=True).click()
    p.wait_for_url("**/speakers/*")
    chart = p.locator("svg.chart")
    bars = chart.locator("rect")
    assert bars.count() == 3
    xs = sorted(bars.nth(i).bounding_box()["x"] for i in range(3))
    # Jan and Feb 2024 are neighbours; June 2025 is 16 months on, not the next column
    assert xs[2] - xs[1] > 10 * (xs[1] - xs[0])
    years = chart.locator("text.x").all_text_contents()
    assert years[:2] == ["2024-01", "2024-07"] or "2025" in " ".join(years), years
    assert chart.locator("text.y").all_text_contents()[0] == "0"
    assert "quotes a month" in chart.locator("text.axis-title").all_text_contents()
    size = chart.locator("text.x").first.evaluate(
        "e => e.getBoundingClientRect().height"
    )  # a label as drawn on screen, after the viewBox scaled it
    assert size >= 10
    assert chart.locator("text.total").all_text_contents() == ["1", "1", "1"]  # over the bars
    p.get_by_text("The numbers, month by month").click()
    rows = p.locator(".chart-data tbody tr")
    assert rows.all_inner_texts() == [
        "2024-01\t1\tHarbour Gazette 1",
        "2024-02\t1\tNorth Wire 1",
        "2025-06\t1\tHarbour Gazette 1",
    ]
    assert "15 months without quotes" in p.locator(".chart-data caption").inner_text()
    assert p.evaluate(AUDIT) == []  # labels, contrast, focus ring, headings
    shot(p, "lists-1-timeline")
    p.set_viewport_size(PHONE)
    no_sideways_scroll(p)
    label = chart.locator("text.x").first.evaluate("e => e.getBoundingClientRect().height")
    assert label >= 10  # the chart scrolls in its box rather than shrink its words away
    assert p.evaluate(AUDIT) == []  # labels, contrast, focus ring, headings
    shot(p, "lists-2-timeline-phone")
    assert_secured_and_quiet(p)


def test_web_lists_browser_search_marks_sorts_and_narrows(page: object) -> None:
    p = page  # type: ignore[assignment]
    p.set_viewport_size(DESKTOP)
    p.goto("/")
    assert p.get_by_role("search").count() == 1  # one search box
    p.get_by_label("Find quotes containing").fill("northern terminal")
    p.get_by_role("button", name="Search").click()
    p.wait_for_url("**/search?q=northern+terminal")
    assert p.get_by_role("search").count() == 1
    marks = p.locator("table.quotes mark")
    assert marks.count() >= 2
    assert {m.lower() for m in marks.all_inner_texts()} == {"northern", "terminal"}
    yellow = marks.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert yellow not in {"rgba(0, 0, 0, 0)", "transparent"}
    titles = p.locator("table.quotes td.title-cell a").all_inner_texts()
    assert titles and all(titles)
    shot(p, "lists-3-search")
    p.locator("table.quotes thead").get_by_role("link", name="Outlet").click()
    p.wait_for_url(re.compile(r"sort=outlet&order=desc"))
    outlets = [t for t in p.locator("table.quotes tbody td:nth-child(2)").all_inner_texts()]
    assert outlets == sorted(outlets, reverse=True)
    assert p.locator("th[aria-sort='descending']").inner_text().startswith("Outlet")
    p.locator(".facets").get_by_role("link", name="direct", exact=True).click()
    p.wait_for_url(re.compile(r"kind=direct"))
    kinds = set(p.locator("table.quotes .kind").all_inner_texts())
    assert kinds == {"direct"}
    counted = p.locator(".facets section[aria-label='Kind'] li", has_text="direct").first
    assert counted.inner_text().endswith(str(p.locator("table.quotes tbody tr").count()))
    assert p.evaluate(AUDIT) == []  # labels, contrast, focus ring, headings
    shot(p, "lists-4-search-narrowed")
    p.set_viewport_size(PHONE)
    no_sideways_scroll(p)
    assert p.evaluate(AUDIT) == []  # labels, contrast, focus ring, headings
    shot(p, "lists-5-search-phone")
    assert_secured_and_quiet(p)


def test_web_lists_browser_pager_goes_to_the_end_and_says_where_it_is(page: object) -> None:
    p = page  # type: ignore[assignment]
    p.set_viewport_size(DESKTOP)
    p.goto("/speakers")
    p.get_by_label("Rows per page").first.select_option("25")
    p.get_by_role("button", name="Show").click()
    p.wait_for_url("**/speakers?size=25&sort=quotes&order=desc")
    p.goto("/speakers?size=3")
    status = p.locator(".pager .showing").first
    assert re.fullmatch(r"1–3 of \d+ speakers", status.inner_text())
    total = int(status.inner_text().split(" of ")[1].split()[0])
    p.get_by_role("link", name="Last »").first.click()
    p.wait_for_url(re.compile(r"page=\d+"))
    pages = -(-total // 3)
    assert f"page {pages} of {pages}" in p.locator(".pager").first.inner_text()
    assert p.get_by_role("link", name="Next ›").count() == 0
    p.get_by_role("link", name="‹ Previous").first.click()
    assert f"page {pages - 1} of {pages}" in p.locator(".pager").first.inner_text()
    assert p.evaluate(AUDIT) == []  # labels, contrast, focus ring, headings
    shot(p, "lists-6-speakers-pager")
    response = p.goto(f"/speakers?size=3&page={pages + 4}")
    assert response.status == 404
    assert [m for m in p.console if "404" not in m] == []  # chromium logs the 404 itself
    p.console.clear()
    assert f"There is no page {pages + 4}" in p.get_by_role("alert").inner_text()
    p.get_by_role("link", name=re.compile("Go to the last page")).click()
    assert f"page {pages} of {pages}" in p.locator(".pager").first.inner_text()
    p.set_viewport_size(PHONE)
    no_sideways_scroll(p)
    labels = (
        p.locator("table.cards tbody tr")
        .first.locator("td[data-label]")
        .evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    )  # a card a speaker, each number labelled
    assert labels[:2] == ['"Quotes: "', '"Direct: "'], labels
    assert p.evaluate(AUDIT) == []  # labels, contrast, focus ring, headings
    shot(p, "lists-7-speakers-phone")
    assert_secured_and_quiet(p)


def test_web_lists_browser_error_keeps_the_search_and_says_what_to_do(page: object) -> None:
    p = page  # type: ignore[assignment]
    p.set_viewport_size(DESKTOP)
    response = p.goto("/search?q=terminal&since=last+week")
    assert response.status == 400
    assert [m for m in p.console if "400" not in m] == []  # chromium logs the 400 itself
    p.console.clear()
    said = p.get_by_role("alert").inner_text()
    assert said == "From: “last week” is not a date. Write it as YYYY-MM-DD, e.g. 2026-03-01."
    assert p.get_by_label("Words").input_value() == "terminal"
    p.get_by_label("From").fill("2026-03-01")
    p.get_by_role("button", name="Search").click()
    p.wait_for_url("**/search?**since=2026-03-01**")
    assert p.locator("table.quotes tbody tr").count() >= 1
    assert p.evaluate(AUDIT) == []  # labels, contrast, focus ring, headings
    shot(p, "lists-8-error-then-search")
    p.goto("/about")
    assert p.locator("h1").inner_text() == "What the words mean"
    p.set_viewport_size(PHONE)
    no_sideways_scroll(p)
    shot(p, "lists-9-about-phone")
    for url in ("/outlets", "/articles?sort=title", "/search"):
        p.goto(url)
        no_sideways_scroll(p)
    shot(p, "lists-10-search-form-phone")
    assert_secured_and_quiet(p)
