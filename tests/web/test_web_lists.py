"""The list pages and the app's routes over HTTP: one data function a page (HTML and JSON
the same), pagers that never stop silently, one name for each parameter and a 400 for an
unknown one, search highlights and plain errors, exports, sorting, page size, facets, the
About page, HEAD, the access log, and nothing of the request or the host echoed back."""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from onrecord.model import Attribution, Document, Entity, Offsets
from onrecord.store import StoreWriter, article_key
from onrecord.web import create_app
from onrecord.web.middleware import ACCESS_LOGGER

LISTS = ["/search", "/articles", "/speakers", "/outlets"]


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_db)) as test_client:
        yield test_client


def speaker_id(client: TestClient, name: str) -> int:
    (found,) = [s for s in client.get("/api/speakers").json()["speakers"] if s["name"] == name]
    return int(found["speaker_id"])


# -- one data function a page ------------------------------------------------------------


@pytest.mark.parametrize("path", [*LISTS, "/", "/trace?q=northern+terminal"])
def test_web_lists_page_and_api_twin_share_their_data(client: TestClient, path: str) -> None:
    """The HTML page links to its twin, and the twin carries the page's fields (the
    articles twin lacked ``pages``)."""
    page = client.get(path)
    twin = "/api/home" if path == "/" else "/api" + path
    assert f'href="{twin.replace("&", "&amp;")}"' in page.text  # "this page as JSON"
    data = client.get(twin).json()
    if path in LISTS:
        assert {"page", "pages", "size", "total"} <= set(data)
        assert f"of {data['total']:,}" in page.text or data["total"] <= data["size"]


def test_web_lists_articles_api_has_pages(client: TestClient) -> None:
    data = client.get("/api/articles", params={"size": 4}).json()
    assert (data["total"], data["pages"], len(data["articles"])) == (9, 3, 4)


# -- pagers, one parameter name, 400 for unknown parameters ------------------------------


def test_web_lists_speakers_page_has_a_pager(client: TestClient) -> None:
    first = client.get("/api/speakers", params={"size": 3}).json()
    assert first["total"] == 7 and first["pages"] == 3
    last = client.get("/api/speakers", params={"size": 3, "page": 3}).json()
    seen = [s["speaker_id"] for s in first["speakers"] + last["speakers"]]
    assert len(set(seen)) == len(seen) == 4  # 3 + the 7th
    page = client.get("/speakers", params={"size": 3, "page": 2}).text
    assert "4–6 of 7 speakers" in page and "page 2 of 3" in page
    assert 'rel="next" href="/speakers?size=3&amp;page=3"' in page
    assert 'rel="prev" href="/speakers?size=3&amp;page=1"' in page
    assert '<option value="3" selected>3</option>' in page  # the size shown, though not offered


def test_web_lists_speaker_api_takes_page_as_the_html_does(client: TestClient) -> None:
    kovalenko = speaker_id(client, "Anatoliy Kovalenko")
    one = client.get(f"/api/speakers/{kovalenko}", params={"size": 4}).json()
    two = client.get(f"/api/speakers/{kovalenko}", params={"size": 4, "page": 2}).json()
    assert (one["page"], two["page"], one["pages"]) == (1, 2, 2)
    assert {q["attribution_id"] + q["article_id"] for q in one["quotes"]}.isdisjoint(
        q["attribution_id"] + q["article_id"] for q in two["quotes"]
    )
    bad = client.get(f"/api/speakers/{kovalenko}", params={"page_number": 2})
    assert bad.status_code == 400
    assert bad.json()["error"].startswith("This page does not take the parameter “page_number”")
    assert "page" in bad.json()["error"] and "size" in bad.json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/search?colour=red",
        "/speakers?top=5",
        "/api/outlets?x=1",
        "/?q=1",
        "/about?a=1",
        "/speakers.csv?top=5",
    ],
)
def test_web_lists_unknown_parameters_are_a_400(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "does not take the parameter" in response.text


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/api/search?q=terminal&size=5&page=9",
         "There is no page 9: the 12 quotes found fill 3 pages."),
        ("/api/speakers?page=2", "There is no page 2: the 7 speakers fill 1 page."),
        ("/api/articles?page=5&size=3", "There is no page 5: the 9 articles fill 3 pages."),
    ],
)  # fmt: skip
def test_web_lists_a_page_past_the_end_says_so(client: TestClient, url: str, says: str) -> None:
    response = client.get(url)
    assert response.status_code == 404 and response.json()["error"] == says
    page = client.get(url.removeprefix("/api"))
    assert page.status_code == 404
    assert says in page.text and "page 9 of" not in page.text
    assert "Go to the last page" in page.text


# -- search: highlights, titles, plain errors that keep the form -------------------------


def test_web_lists_search_marks_the_words_and_shows_the_title(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Northern terminal"}).text
    assert "<mark>northern</mark> <mark>terminal</mark>" in page
    assert '<th scope="col">Article</th>' in page
    assert re.search(r'<td class="title-cell"><a href="/articles/[0-9a-f]+"><bdi>[^<]+', page)


def test_web_lists_marks_escape_the_text_around_them(client: TestClient) -> None:
    page = client.get("/search", params={"q": "types script"}).text
    assert "<mark>script</mark>" in page and "<script>" not in page


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"q": "ferry", "since": "last week"},
         "From: “last week” is not a date. Write it as YYYY-MM-DD, e.g. 2026-03-01."),
        ({"q": "ferry", "until": "2026-13-45"}, "To: “2026-13-45” is not a date."),
        ({"q": "ferry", "kind": "quoted"},
         "Kind 'quoted' is not valid: use direct, mixed, indirect"),
        ({"q": "ferry", "page": "0"}, "Page must be 1 or more."),
        ({"q": "ferry", "size": "9999"}, "Rows per page must be at most 500."),
        ({"q": "ferry", "min_confidence": "2"}, "Lowest confidence must be at most 1."),
        ({"q": "“…”"}, "has no words"),
    ],
)  # fmt: skip
def test_web_lists_search_errors_speak_plainly_and_keep_the_form(
    client: TestClient, params: dict[str, str], says: str
) -> None:
    page = client.get("/search", params=params)
    assert page.status_code == 400
    assert says in html.unescape(page.text)
    for jargon in ("Input should be", "input is too short", "[E207]", "query."):
        assert jargon not in page.text
    assert '<form class="filters" action="/search"' in page.text  # the form, filled in
    assert f'name="q" type="search" value="{params["q"]}"' in page.text
    assert page.text.count('role="search"') == 1


def test_web_lists_a_nul_in_a_parameter_is_refused_not_echoed(client: TestClient) -> None:
    for url in ("/search?speaker=Brandt%00x", "/api/search?speaker=Brandt%00x"):
        response = client.get(url)
        assert response.status_code == 400
        assert "\x00" not in response.text and "\\u0000" not in response.text
        assert "control character" in response.text


# -- export, sort, page size, facets, filters --------------------------------------------


def test_web_lists_exports_honour_the_filters(client: TestClient) -> None:
    params = {"q": "terminal", "kind": "indirect", "size": "2"}
    found = client.get("/api/search", params=params).json()
    as_csv = client.get("/search.csv", params=params)
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(rows) == found["total"] == 8  # every page, not the page of 2
    assert {r["kind"] for r in rows} == {"indirect"}
    as_json = client.get("/search.json", params=params).json()
    assert [r["content"] for r in as_json] == [r["content"] for r in rows]
    page = client.get("/search", params=params).text
    assert 'href="/search.csv?q=terminal&amp;kind=indirect" download' in page


@pytest.mark.parametrize("path", ["/articles", "/speakers", "/outlets"])
def test_web_lists_every_list_exports_all_its_rows(client: TestClient, path: str) -> None:
    total = client.get("/api" + path).json()["total"]
    rows = list(csv.DictReader(io.StringIO(client.get(path + ".csv").text)))
    assert len(rows) == total == len(client.get(path + ".json").json())
    assert f'href="{path}.csv"' in client.get(path, params={"size": 2}).text


def test_web_lists_export_streams_in_chunks(client: TestClient) -> None:
    with client.stream("GET", "/search.json", params={"q": "terminal"}) as response:
        parts = list(response.iter_text())
    assert len(parts) >= 3  # "[", the rows, "]": written as read, not built whole
    assert len(json.loads("".join(parts))) == 12


def test_web_lists_sorts_by_a_column(client: TestClient) -> None:
    by = {
        order: [q["outlet"] for q in client.get("/api/search", params={
            "q": "terminal", "sort": "outlet", "order": order}).json()["quotes"]]
        for order in ("asc", "desc")
    }  # fmt: skip
    assert by["asc"] == sorted(by["asc"]) and by["desc"] == sorted(by["desc"], reverse=True)
    page = client.get("/search", params={"q": "terminal", "sort": "outlet", "order": "asc"}).text
    toggle = '<a rel="nofollow" href="/search?q=terminal&amp;sort=outlet&amp;order=desc"'
    assert f'aria-sort="ascending">{toggle}' in page
    assert client.get("/search", params={"q": "x", "sort": "colour"}).status_code == 400


def test_web_lists_facets_count_the_results(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "terminal"}).json()
    kinds = {f["value"]: f["count"] for f in data["facets"]["kinds"]}
    assert kinds == {"direct": 4, "mixed": 0, "indirect": 8}
    assert sum(f["count"] for f in data["facets"]["outlets"]) == data["total"]
    coastal = client.get("/api/search", params={"q": "terminal", "exact_outlet": "Coastal Times"})
    assert {q["outlet"] for q in coastal.json()["quotes"]} == {"Coastal Times"}
    assert client.get("/api/search", params={"exact_outlet": "Coastal"}).json()["total"] == 0
    page = client.get("/search", params={"q": "terminal"}).text
    assert re.search(r'href="/search\?q=terminal&amp;kind=indirect"><bdi>indirect</bdi></a> '
                     r'<span class="meta">8</span>', page)  # fmt: skip
    assert '>Anatoliy Kovalenko</bdi></a> <span class="meta">5</span>' in page
    anonymous = [f["count"] for f in data["facets"]["speakers"] if f["value"] is None]
    assert f'<span>no named speaker</span> <span class="meta">{anonymous[0]}</span>' in page


def test_web_lists_filters_by_confidence_and_dates(client: TestClient) -> None:
    every = client.get("/api/search", params={"q": "terminal"}).json()["quotes"]
    sure = client.get("/api/search", params={"q": "terminal", "min_confidence": 0.95}).json()
    assert 0 < sure["total"] < len(every)
    assert all(q["confidence"] >= 0.95 for q in sure["quotes"])
    dated = client.get("/api/search", params={"q": "terminal", "since": "2026-03-05",
                                               "until": "2026-03-10"}).json()  # fmt: skip
    assert dated["total"] and all("2026-03-05" <= q["published"] <= "2026-03-10"
                                  for q in dated["quotes"])  # fmt: skip


def test_web_lists_page_size_is_a_parameter_of_every_list(client: TestClient) -> None:
    for path, key in [("/api/search?q=terminal", "quotes"), ("/api/articles", "articles"),
                      ("/api/speakers", "speakers"), ("/api/outlets", "outlets")]:  # fmt: skip
        data = client.get(path, params={"size": 2}).json()
        assert len(data[key]) == 2 and data["size"] == 2, path


# -- a newcomer ---------------------------------------------------------------------------


def test_web_lists_about_is_linked_from_every_page(client: TestClient) -> None:
    about = client.get("/about").text
    for word in ("Attribution", "direct", "indirect", "mixed", "Anonymous", "Trace"):
        assert word in about
    kovalenko = speaker_id(client, "Anatoliy Kovalenko")
    for url in ("/", "/search?q=terminal", "/speakers", f"/speakers/{kovalenko}", "/outlets",
                "/articles", "/trace", "/no/such/page"):  # fmt: skip
        page = client.get(url).text
        assert 'href="/about"' in page, url
        assert page.count('role="search"') == 1, url  # one search box a page


def test_web_lists_counts_are_singular_for_one(client: TestClient) -> None:
    home = client.get("/").text
    counts = re.findall(r"(\d+) (attribution|article|quote|speaker|outlet)s?\b", home)
    assert counts
    assert not re.search(r"\b1 (attributions|quotes|articles|speakers|outlets)\b", home)
    one = client.get("/api/home").json()["articles"]
    if any(a["attributions"] == 1 for a in one):
        assert "· 1 attribution<" in home


# -- HEAD, the access log, what is never echoed -------------------------------------------


@pytest.mark.parametrize("url", ["/", "/search?q=terminal", "/api/speakers", "/about",
                                 "/static/style.css", "/speakers.csv"])  # fmt: skip
def test_web_lists_head_answers_as_get(client: TestClient, url: str) -> None:
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_web_lists_access_log_one_line_a_request(
    web_db: str, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.INFO, logger=ACCESS_LOGGER),
        TestClient(create_app(web_db)) as logged,
    ):
        logged.get("/search", params={"q": "terminal"})
        logged.get("/nope")
    lines = [r.getMessage() for r in caplog.records if r.name == ACCESS_LOGGER]
    assert len(lines) == 2
    assert re.fullmatch(r'testclient "GET /search\?q=terminal" 200 \d+ \d+\.\dms', lines[0])
    assert ' "GET /nope" 404 ' in lines[1]
    caplog.clear()
    with (
        caplog.at_level(logging.INFO, logger=ACCESS_LOGGER),
        TestClient(create_app(web_db, access_log=False)) as quiet,
    ):
        quiet.get("/")
    assert [r for r in caplog.records if r.name == ACCESS_LOGGER] == []


def test_web_lists_footer_names_the_file_not_its_folder(client: TestClient, web_db: str) -> None:
    page = client.get("/").text
    assert web_db not in page and "web.duckdb" in page


def test_web_lists_host_header_never_gets_into_a_link(client: TestClient) -> None:
    page = client.get("/", headers={"Host": "evil.example"}).text
    assert "evil.example" not in page
    assert 'href="/static/style.css"' in page
    moved = client.get("/search/?q=x", headers={"Host": "evil.example"}, follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == "/search?q=x"


def test_web_lists_the_search_form_sent_as_is_works(client: TestClient) -> None:
    """A form sends its empty fields too: "" is no filter, not a bad date or number."""
    fields = "speaker= outlet= since= until= kind= type= min_confidence= min_speaker_confidence="
    url = "/search?q=terminal&size=50&" + "&".join(fields.split())
    assert client.get(url).status_code == 200
    assert client.get("/api/search?q=terminal&speaker_id=").json()["total"] == 12


def test_web_lists_a_wrong_address_is_said_plainly(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "Not Found" not in page.text
    assert "There is no page at this address." in page.text
    sent = client.post("/api/search")
    assert sent.status_code == 405
    assert sent.json()["error"] == "This address is only read (GET), never sent to."


@pytest.mark.parametrize(
    ("path", "key", "column", "value"),
    [
        ("/api/speakers", "speakers", "direct", lambda s: s["direct"]),
        ("/api/speakers", "speakers", "articles", lambda s: s["articles"]),
        ("/api/outlets", "outlets", "name", lambda o: o["name"].casefold()),
        ("/api/articles", "articles", "attributions", lambda a: a["attributions"]),
        ("/api/outlets", "outlets", "anonymous", lambda o: o["anonymous_share"]),
    ],
)
def test_web_lists_speakers_and_outlets_sort_by_a_column(
    client: TestClient, path: str, key: str, column: str, value: Any
) -> None:
    for order in ("asc", "desc"):
        got = client.get(path, params={"sort": column, "order": order}).json()[key]
        values = [value(row) for row in got]
        assert values == sorted(values, reverse=order == "desc"), (column, order)
    name = "id" if key == "articles" else "name"
    paged = [
        row[name]
        for page in (1, 2, 3)
        for row in client.get(path, params={"sort": column, "size": 3, "page": page}).json()[key]
    ]
    whole = [row[name] for row in client.get(path, params={"sort": column}).json()[key]]
    assert paged == whole  # the pages, end to end, are the list
    page = client.get(path.removeprefix("/api"), params={"sort": column}).text
    assert 'aria-sort="descending"' in page
    bad = client.get(path, params={"sort": "colour"})
    assert bad.status_code == 400 and "is not one of" in bad.json()["error"]


def test_web_lists_exports_keep_the_sort(client: TestClient) -> None:
    for path, column in [("/articles", "title"), ("/speakers", "direct"), ("/outlets", "name")]:
        params = {"sort": column, "order": "asc"}
        page = client.get("/api" + path, params={**params, "size": 500}).json()
        key = path.strip("/")
        exported = client.get(path + ".json", params=params).json()
        assert exported == page[key], path
        assert (
            f'href="{path}.csv?sort={column}&amp;order=asc"' in client.get(path, params=params).text
        )


def test_web_lists_an_article_with_one_attribution_says_so(tmp_path: Path) -> None:
    text = "“The pier is safe,” said Mira Holt."
    doc = Document(
        "pier", text, {"outlet": "Harbour Gazette", "published": "2026-03-02", "title": "Pier"},
        attributions=(Attribution("a1", "direct", (Offsets(0, 19),), (Offsets(20, 24),),
                                  (Offsets(25, 34),), None, confidence=0.9),),
    )  # fmt: skip
    db = str(tmp_path / "one.duckdb")
    with StoreWriter(db) as writer:
        writer.write(doc)
    with TestClient(create_app(db)) as one:
        article = one.get(f"/articles/{article_key(text)}").text
        home = one.get("/").text
        outlet = one.get("/outlets/Harbour%20Gazette").text
    assert "· 1 attribution\n" in article or "· 1 attribution<" in article
    assert "1 article · 1 attribution · 0 speakers · 1 outlet" in home
    assert "1 attribution in 1 article" in outlet
    for page in (article, home, outlet):
        assert not re.search(r"\b1 (attributions|quotes|articles|outlets)\b", page)


@pytest.mark.parametrize("path", ["/search?q=terminal", "/speakers?size=2", "/", "/trace?q=x"])
def test_web_lists_a_page_answers_json_to_a_client_asking_for_it(
    client: TestClient, path: str
) -> None:
    asked = client.get(path, headers={"Accept": "application/json"})
    twin = "/api/home" if path == "/" else "/api" + path
    assert asked.headers["content-type"] == "application/json"
    assert asked.json() == client.get(twin).json()
    assert asked.headers["vary"] == "Accept"
    browser = client.get(path, headers={"Accept": "text/html,application/json;q=0.9"})
    assert browser.headers["content-type"].startswith("text/html")
    bad = client.get(path + "&page=0" if "?" in path else path + "?page=0",
                     headers={"Accept": "application/json"})  # fmt: skip
    assert bad.status_code == 400 and bad.json()["error"]


def test_web_lists_timeline_says_what_it_leaves_out(tmp_path: Path) -> None:
    db = str(tmp_path / "undated.duckdb")
    with StoreWriter(db) as writer:
        for day, said in [("2026-01-05", "The pier is safe"), (None, "The pier will hold")]:
            text = f"“{said},” said Mira Holt."
            meta = {"outlet": "Harbour Gazette", "title": said}
            if day:
                meta["published"] = day
            writer.write(Document(
                said, text, meta,
                attributions=(Attribution("a1", "direct", (Offsets(0, len(said) + 3),),
                                          (Offsets(len(said) + 4, len(said) + 8),),
                                          (Offsets(len(said) + 9, len(said) + 18),), "e1",
                                          confidence=0.9),),
                entities=(Entity("e1", "Mira Holt", "PERSON",
                                 mentions=(Offsets(len(said) + 9, len(said) + 18),)),),
            ))  # fmt: skip
    with TestClient(create_app(db)) as one:
        (holt,) = one.get("/api/speakers").json()["speakers"]
        page = one.get(f"/speakers/{holt['speaker_id']}").text
    assert "1 quote from articles without a date is not drawn." in page
    assert page.split('<svg class="chart"')[1].split("</svg>")[0].count("<rect") == 1
