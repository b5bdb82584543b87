"""The web app through FastAPI's test client: every page and its JSON twin, errors as 400/404."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from onrecord.model import Attribution, Document, Entity, Offsets
from onrecord.store import StoreWriter, article_key
from onrecord.web import create_app


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_db)) as test_client:
        yield test_client


def test_web_home_links_to_everything(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for place in ("search", "articles", "speakers", "outlets", "trace"):
        assert f'href="/{place}"' in page.text
    for place in ("speakers", "articles", "outlets"):
        assert f'href="/{place}/' in page.text
    data = client.get("/api/home").json()
    assert data["totals"]["articles"] == 9
    assert {s["name"] for s in data["speakers"][:2]} == {"Anatoliy Kovalenko", "Lena Brandt"}


def test_web_search_filters_count_and_page(client: TestClient) -> None:
    data = client.get("/api/search", params={"speaker": "Kovalenko", "kind": "direct"}).json()
    assert data["total"] == 3 and data["pages"] == 1
    outlets = [q["outlet"] for q in data["quotes"]]
    assert outlets == ["North Wire", "Coastal Times", "Harbour Gazette"]
    page = client.get("/search", params={"q": "northern terminal", "since": "2026-03-03"})
    assert page.status_code == 200
    assert "3 quotes" in page.text  # two direct quotes and "The northern terminal in …"


def test_web_article_page_highlights_every_attribution(client: TestClient) -> None:
    (hit,) = client.get("/api/search", params={"q": "krone more"}).json()["quotes"]
    data = client.get(f"/api/articles/{hit['article_id']}").json()
    record = data["record"]
    page = client.get(f"/articles/{hit['article_id']}").text
    for a in record["attributions"]:
        assert f'data-attribution="{a["id"]}"' in page
        assert f'<tr id="{a["id"]}">' in page
    assert data["title"] == "Mayor says budget can absorb terminal repairs"
    assert f'href="/speakers/{hit["speaker_id"]}"' in page


def test_web_speaker_page_has_names_timeline_and_quotes(client: TestClient) -> None:
    speakers = client.get("/api/speakers").json()["speakers"]
    (kovalenko,) = [s for s in speakers if s["name"] == "Anatoliy Kovalenko"]
    data = client.get(f"/api/speakers/{kovalenko['speaker_id']}").json()
    # every spelling the articles used (a bare "Kovalenko" is part of its article's entity)
    assert {"Anatoly Kovalenko", "Anatoliy Kovalenko"} <= {
        n["name"] for n in data["speaker"]["names"]
    }
    assert sum(t["quotes"] for t in data["speaker"]["timeline"]) == data["speaker"]["quotes"]
    page = client.get(f"/speakers/{kovalenko['speaker_id']}").text
    chart = page.split('<svg class="chart"')[1].split("</svg>")[0]
    assert chart.count("<rect") == len(data["speaker"]["timeline"])


def test_web_outlet_page_shares(client: TestClient) -> None:
    data = client.get(f"/api/outlets/{quote('Coastal Times')}").json()
    outlet = data["outlet"]
    assert outlet["quotes"] == outlet["direct"] + outlet["mixed"] + outlet["indirect"]
    assert 0 <= outlet["anonymous_share"] <= 1
    assert {s["name"] for s in data["speakers"]} >= {"Lena Brandt"}


def test_web_trace_shows_the_altered_wording(client: TestClient) -> None:
    data = client.get("/api/trace", params={"q": "we will not close the northern terminal"}).json()
    outlets = [h["outlet"] for h in data["hits"]]
    assert outlets[:3] == ["Harbour Gazette", "Coastal Times", "North Wire"]
    page = client.get("/trace", params={"q": "we will not close the northern terminal"}).text
    assert "<del" in page and "<ins" in page and "shall" in page


@pytest.mark.parametrize(
    "url",
    [
        "/search?since=yesterday",
        "/search?page=0",
        "/search?kind=quoted",
        "/speakers/not-a-number",
        "/api/search?until=2026-13-45",
        "/api/articles?page=-1",
        "/api/search?q=" + "x" * 600,
        "/trace?q=%E2%80%9C%E2%80%A6%E2%80%9D",
    ],
)
def test_web_bad_parameters_are_400_with_a_message(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "Traceback" not in response.text
    if url.startswith("/api/"):
        assert response.json()["error"]


@pytest.mark.parametrize("url", ["/articles/nope", "/speakers/999999", "/api/outlets/Nowhere"])
def test_web_unknown_things_are_404(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 404


def test_web_markup_in_articles_is_escaped(client: TestClient) -> None:
    (hit, *_) = client.get("/api/search", params={"q": "types script"}).json()["quotes"]
    for url in (f"/articles/{hit['article_id']}", "/search?q=types+script", "/", "/outlets"):
        page = client.get(url).text
        assert "<script>window" not in page and "<img src=x" not in page, url
        assert "<b>Quay</b>" not in page, url
    assert (
        "&lt;script&gt;window.__pwned=1&lt;/script&gt;"
        in client.get(f"/articles/{hit['article_id']}").text
    )


def test_web_openapi_lists_the_json_twins(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/home", "/api/search", "/api/articles/{article_id}", "/api/speakers/{speaker_id}",
            "/api/outlets/{name}", "/api/trace"} <= set(paths)  # fmt: skip


def test_web_article_shows_repairs_and_headings_as_such(client: TestClient) -> None:
    (hit,) = client.get("/api/search", params={"q": "held the price"}).json()["quotes"]
    page = client.get(f"/articles/{hit['article_id']}").text
    assert '<strong class="heading"><bdi>Fuel costs</bdi></strong>' in page
    # the stored text in the tooltip between FSI and PDI (direction isolated, as in <bdi>)
    assert '<span class="repair" title="repaired from: \u2068â€œ\u2069"><bdi>“</bdi></span>' in page
    assert '<span class="repair" title="repaired from: \u2068â€™\u2069"><bdi>’</bdi></span>' in page
    record = client.get(f"/api/articles/{hit['article_id']}").json()["record"]
    assert len(record["repairs"]) == 5 and len(record["headings"]) == 1


def test_web_speaker_confidence_is_a_tooltip_and_marks_an_uncertain_speaker(
    tmp_path: Path,
) -> None:
    text = "“The pier is safe,” said Mira Holt. “It will hold,” officials said."
    said = [Offsets(m.start(), m.end()) for m in re.finditer("said", text)]

    def at(words: str) -> tuple[Offsets, ...]:
        start = text.index(words)
        return (Offsets(start, start + len(words)),)

    doc = Document(
        "pier",
        text,
        {"outlet": "Harbour Gazette", "published": "2026-03-02", "title": "Pier"},
        attributions=(
            Attribution("a1", "direct", at("“The pier is safe,”"), said[:1], at("Mira Holt"),
                        "e1", confidence=0.9, speaker_confidence=0.875),
            Attribution("a2", "direct", at("“It will hold,”"), said[1:], at("officials"),
                        None, confidence=0.8, speaker_confidence=0.25),
        ),
        entities=(Entity("e1", "Mira Holt", "PERSON", mentions=at("Mira Holt")),),
    )  # fmt: skip
    db = str(tmp_path / "sure.duckdb")
    with StoreWriter(db) as writer:
        writer.write(doc)
    with TestClient(create_app(db)) as client:
        article = client.get(f"/articles/{article_key(text)}").text
        search = client.get("/search", params={"outlet": "Harbour"}).text
        trace = client.get("/trace", params={"q": "it will hold"}).text
        data = client.get("/api/search", params={"outlet": "Harbour"}).json()
    for page in (article, search):
        assert re.search(r'<a [^>]*title="speaker confidence 0.88"[^>]*><bdi>Mira Holt', page)
        assert re.search(r'class="anonymous" title="speaker confidence 0.25"><bdi>officials', page)
        assert page.count(">(uncertain)</span>") == 1  # officials', below 0.5
    assert "(uncertain)" in trace
    assert "· speaker confidence 0.25" in article  # in the highlight's tooltip
    assert sorted(q["speaker_confidence"] for q in data["quotes"]) == [0.25, 0.875]


def test_web_marks_a_thought_and_not_a_statement(tmp_path: Path) -> None:
    text = "“The pier is safe,” said Mira Holt. Divers fear the pier will sink."

    def at(words: str) -> tuple[Offsets, ...]:
        start = text.index(words)
        return (Offsets(start, start + len(words)),)

    doc = Document(
        "pier",
        text,
        {"outlet": "Harbour Gazette", "published": "2026-03-02", "title": "Pier"},
        attributions=(
            Attribution("a1", "direct", at("“The pier is safe,”"), at("said"), at("Mira Holt"),
                        "e1", confidence=0.9, type="statement"),
            Attribution("a2", "indirect", at("the pier will sink"), at("fear"), at("Divers"),
                        None, confidence=0.8, type="thought"),
        ),
        entities=(Entity("e1", "Mira Holt", "PERSON", mentions=at("Mira Holt")),),
    )  # fmt: skip
    db = str(tmp_path / "typed.duckdb")
    with StoreWriter(db) as writer:
        writer.write(doc)
    with TestClient(create_app(db)) as client:
        article = client.get(f"/articles/{article_key(text)}").text
        search = client.get("/search", params={"outlet": "Harbour"}).text
        trace = client.get("/trace", params={"q": "the pier will sink"}).text
        data = client.get("/api/search", params={"outlet": "Harbour"}).json()
    mark = re.compile(r'<span class="thought" title="[^"]*">thought</span>')
    for page in (article, search, trace):
        assert len(mark.findall(page)) == 1, page  # the divers' fear, not Holt's words
    assert "a2 · indirect · thought · " in article  # in the highlight's tooltip
    assert "a1 · direct · \u2068Mira Holt" in article  # isolated: no mark for a statement
    assert sorted(q["type"] for q in data["quotes"]) == ["statement", "thought"]
    with TestClient(create_app(db)) as client:
        thoughts = client.get("/api/search", params={"type": "thought"}).json()
        page = client.get("/search", params={"type": "thought"}).text
        bad = client.get("/api/search", params={"type": "rumour"})
    assert [q["content"] for q in thoughts["quotes"]] == ["the pier will sink"]
    assert thoughts["total"] == 1
    assert '<option value="thought" selected>thought</option>' in page
    assert "the pier will sink" in page and "The pier is safe" not in page
    assert bad.status_code == 400
