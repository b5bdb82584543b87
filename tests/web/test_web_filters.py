"""Stored text on the pages: every link the app writes resolves (outlets named with "/"
included), and every piece of stored text holding a bidi control is isolated (inside
<bdi>, or between FSI and PDI in attributes and titles). Crawled from / over the whole
store, which holds tests/data/web/bidi.jsonl: U+202E and friends in titles, outlets,
names, quotes and sources, and a stray PDI that would end an isolation early."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import quote, urldefrag, urlsplit

import pytest
from fastapi.testclient import TestClient

from onrecord.web import create_app
from onrecord.web.filters import BIDI_CONTROLS, bdi, contained, isolated, path_part

SLASHED = ["ABC News / Reuters", "Politico/Morning Consult"]
#: elements whose text is never stored text; <input value=""> shows its text in its own
#: box, apart from the text around it
VOID = {"meta", "link", "input", "br", "img", "hr", "rect"}
INITIATORS, PDI, ENDS_PARAGRAPH = "\u2066\u2067\u2068", "\u2069", "\n"


class Page(HTMLParser):
    """Links, and every place stored bidi controls are not isolated, in one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.loose: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # a filter's or a sort's link (rel="nofollow") is not followed, as by a search
        # engine's crawler: their combinations never end (test_web_lists.py checks them)
        followed = "nofollow" not in (dict(attrs).get("rel") or "")
        for name, value in attrs:
            if name in {"href", "action"} and value and followed:
                self.links.append(value)
            if value and not (tag == "input" and name == "value") and not balanced(value):
                self.loose.append(f"<{tag} {name}={value!r}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.open and self.open.pop() != tag:  # an unclosed <p> or <li>
            pass

    def handle_data(self, data: str) -> None:
        if not BIDI_CONTROLS & set(data):
            return
        inside = self.open[-1] if self.open else ""
        isolated_here = inside == "bdi" or (inside == "title" and balanced(data))
        if not isolated_here or not balanced(data, within_element=inside == "bdi"):
            self.loose.append(f"in <{'><'.join(self.open)}>: {data!r}")


def balanced(text: str, *, within_element: bool = False) -> bool:
    """Every bidi control inside an isolate that closes (FSI…PDI), and no PDI closing
    more than the text opened; in an element that isolates, only the latter."""
    depth = 0
    for char in text:
        if char in INITIATORS:
            depth += 1
        elif char == PDI:
            depth -= 1
            if depth < 0:
                return False
        elif char == ENDS_PARAGRAPH:
            depth = 0
        elif char in BIDI_CONTROLS and not depth and not within_element:
            return False
    return True


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator[TestClient]:
    # one app for the module: a second Store on the same file in one process fails in
    # DuckDB ("the configuration has been locked") while the first is open
    with TestClient(create_app(web_db), follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def crawled(client: TestClient) -> dict[str, tuple[int, str]]:
    """Every page reachable by links from /: its status and text."""
    seen: dict[str, tuple[int, str]] = {}
    todo = deque(["/"])
    while todo and len(seen) < 600:
        url = todo.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = (response.status_code, response.text)
        if not response.headers["content-type"].startswith("text/html"):
            continue
        page = Page()
        page.feed(response.text)
        for link in page.links:
            parts = urlsplit(urldefrag(link).url)
            if parts.netloc not in {"", "testserver"} or parts.scheme not in {"", "http"}:
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path not in seen:
                todo.append(path)
    assert len(seen) < 600, "the crawl did not end: is a link made up page by page?"
    return seen


def test_web_filters_every_link_resolves(crawled: dict[str, tuple[int, str]]) -> None:
    broken = {url: status for url, (status, _) in crawled.items() if status != 200}
    assert broken == {}
    outlets = [url for url in crawled if url.startswith("/outlets/")]
    for name in SLASHED:  # reached by the links, "/" sent as %2F
        assert f"/outlets/{quote(name, safe='')}" in outlets
        (_, text) = crawled[f"/outlets/{quote(name, safe='')}"]
        assert f"<h1><bdi>{name}</bdi></h1>" in text
    assert "/outlets/Isle%20%E2%81%A9%E2%80%AERadio" in outlets  # its controls too


@pytest.mark.parametrize("name", SLASHED)
def test_web_filters_slashed_outlets_both_ways(client: TestClient, name: str) -> None:
    for sent in (quote(name, safe=""), quote(name)):  # "/" as %2F, and as typed
        page = client.get(f"/outlets/{sent}")
        assert page.status_code == 200, sent
        data = client.get(f"/api/outlets/{sent}")
        assert data.status_code == 200, sent
        assert data.json()["outlet"]["name"] == name
        assert data.json()["articles"][0]["outlet"] == name
    assert client.get("/outlets/").headers["location"].endswith("/outlets")


def test_web_filters_stored_text_is_isolated_on_every_page(
    crawled: dict[str, tuple[int, str]],
) -> None:
    pages = {url: text for url, (_, text) in crawled.items() if "<!doctype html>" in text}
    hostile = [url for url, text in pages.items() if BIDI_CONTROLS & set(text)]
    # the hostile article, its outlet, its speaker, lists, searches and traces
    assert len(hostile) >= 10 and any(url.startswith("/articles/") for url in hostile)
    loose = {}
    for url, text in pages.items():
        page = Page()
        page.feed(text)
        if page.loose:
            loose[url] = page.loose
    assert loose == {}


def test_web_filters_stray_pdi_cannot_end_the_isolation() -> None:
    rlo, pdi, lri = "\u202e", "\u2069", "\u2066"
    assert contained(f"a{pdi}{rlo}b") == f"a{rlo}b"
    assert contained(f"{lri}a{pdi}{pdi}b") == f"{lri}a{pdi}b"  # closes its own isolate only
    assert contained(f"{lri}a\n{pdi}b") == f"{lri}a\nb"  # a paragraph end closes them all
    assert bdi(f"<b>{pdi}{rlo}</b>") == f"<bdi>&lt;b&gt;{rlo}&lt;/b&gt;</bdi>"
    assert isolated(f"x{pdi}{rlo}") == f"\u2068x{rlo}{pdi}"
    assert bdi(None) == "<bdi></bdi>"


def test_web_filters_path_part_is_one_segment() -> None:
    assert path_part("ABC News / Reuters") == "ABC%20News%20%2F%20Reuters"
    assert path_part("a?b#c%d") == "a%3Fb%23c%25d"
