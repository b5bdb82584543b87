"""HTML pages: main text in blank-line paragraphs, byline meta, and a record for every file."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

from onrecord.model import RawDocument
from onrecord.readers import html, read_file, read_html, read_inputs
from onrecord.readers.html import decode_html, html_document

HEADLINE = "Night ferry to Marrow Point returns in June"
PARAGRAPHS = [
    "The night ferry between Vell and Marrow Point will run again from June, harbour "
    "officials said on Monday, ending a two-year pause that left shift workers stranded.",
    "“We have the crew now, and we have the boat,” said Mira Holt, the port director. "
    "“What we needed was a timetable people could trust.”",
    "Councillor Teodor Brandt said the town had waited long enough, adding that fares "
    "would stay frozen until the end of the year.",
]
SUBHEAD = "Crew shortage eased"


def page(
    *,
    head: str = "",
    headline: str = HEADLINE,
    paragraphs: list[str] | None = None,
    charset: str | None = "utf-8",
) -> str:
    """A news page with a menu, a sidebar, a table, reader comments and a footer around it."""
    body = paragraphs or PARAGRAPHS
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head>{meta_charset}{head}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/port">Port</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>{headline}</h1>
<p>{body[0]}</p>
<h2>{SUBHEAD}</h2>
{"".join(f"<p>{p}</p>" for p in body[1:])}
<table><tr><td>Departs Vell</td><td>22:40</td></tr><tr><td>Fare</td><td>4.50</td></tr></table>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Gull census finds fewer nests</a></li>
<li><a href="/b">Pier café changes hands</a></li></ul></aside>
<section class="comments" id="comments"><h3>Comments</h3>
<div class="comment"><p>About time too, said nobody at the ticket office. Rolf K.</p></div>
</section>
<footer><p>© The Harbour Ledger. All rights reserved.</p></footer>
</body></html>"""


BYLINE = """
<title>Night ferry to Marrow Point returns in June | The Harbour Ledger</title>
<meta property="og:site_name" content="The Harbour Ledger">
<meta name="author" content="Dana Okafor">
<meta name="description" content="Harbour officials restore the night crossing after two years.">
<meta property="article:published_time" content="2024-03-11T08:30:00Z">
"""


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_one(path: Path, **options: Any) -> RawDocument:
    (doc,) = read_html(path, **options)
    return doc


def test_html_keeps_paragraphs_apart_by_blank_lines(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "ferry.html", page(head=BYLINE)))
    assert doc.error is None
    assert doc.id == str(tmp_path / "ferry.html")
    blocks = doc.text.split("\n\n")
    assert blocks[:4] == [PARAGRAPHS[0], SUBHEAD, *PARAGRAPHS[1:]]


@pytest.mark.parametrize(
    "boilerplate", ["Most read", "Gull census", "About time too", "All rights", "Weather"]
)
def test_html_leaves_out_menus_sidebars_comments_footers(tmp_path: Path, boilerplate: str) -> None:
    doc = read_one(write(tmp_path / "ferry.html", page(head=BYLINE)))
    assert boilerplate not in doc.text


def test_html_meta_from_the_byline(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "ferry.html", page(head=BYLINE)))
    assert doc.meta == {
        "title": HEADLINE,
        "author": "Dana Okafor",
        "published": "2024-03-11",
        "outlet": "The Harbour Ledger",
        "description": "Harbour officials restore the night crossing after two years.",
    }


def test_html_document_outlet_falls_back_to_the_host_without_www() -> None:
    url = "https://www.valleycourier.example/news/orchard-frost"
    paragraphs = [
        "A late frost on Thursday night damaged blossom across the Lower Vane orchards, "
        "growers said, and some expect to lose half of this year's cherry crop.",
        "“You could hear the ice crack on the branches at dawn,” said Petra Lindqvist, "
        "who farms forty acres above the river.",
        "The growers' association said it would ask the county for emergency support.",
    ]
    head = "<title>Frost hits Lower Vane cherry orchards</title>"
    doc = html_document(page(head=head, paragraphs=paragraphs), "frost", url=url)
    assert doc.error is None
    assert doc.meta["outlet"] == "valleycourier.example"
    assert doc.meta["url"] == url
    assert "author" not in doc.meta  # unknown keys are left out, not None
    assert "published" not in doc.meta
    assert "“You could hear the ice crack" in doc.text


def test_html_document_given_meta_wins() -> None:
    doc = html_document(page(head=BYLINE), "ferry", meta={"outlet": "Ledger", "section": "Port"})
    assert doc.meta["outlet"] == "Ledger"
    assert doc.meta["section"] == "Port"
    assert doc.meta["author"] == "Dana Okafor"


def test_html_reads_the_meta_charset(tmp_path: Path) -> None:
    data = page(head=BYLINE, charset="windows-1252").encode("cp1252")
    doc = read_one(write(tmp_path / "ferry.htm", data))
    assert PARAGRAPHS[1] in doc.text


def test_html_reads_a_byte_order_mark_over_the_meta_charset(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + page(head=BYLINE, charset="iso-8859-1").encode("utf-16-le")
    doc = read_one(write(tmp_path / "ferry.html", data))
    assert doc.error is None
    assert PARAGRAPHS[1] in doc.text


def test_html_encoding_option_beats_the_default(tmp_path: Path) -> None:
    data = page(head=BYLINE, charset=None).encode("cp1252")
    doc = read_one(write(tmp_path / "ferry.html", data), encoding="cp1252")
    assert PARAGRAPHS[1] in doc.text


def test_html_bad_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    data = page(head=BYLINE).encode().replace(b"Mira Holt", b"Mira \xff Holt")
    doc = read_one(write(tmp_path / "ferry.html", data))
    assert doc.error is None
    assert "Mira \ufffd Holt" in doc.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<meta charset='latin-1'>", "cp1252"),  # as browsers read it
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">', "iso8859-2"),
        (b'<meta charset="utf-16">', "utf-8"),  # bytes we can scan are not UTF-16
        (b'<meta charset="no-such-charset">', "utf-8"),
    ],
)
def test_html_decode_charset_labels(data: bytes, expected: str) -> None:
    text = "Zażółć".encode(expected if expected != "utf-8" else "utf-8", errors="replace")
    assert decode_html(data + text) == (data + text).decode(expected)


def test_html_without_article_text_is_e011(tmp_path: Path) -> None:
    nav = "<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav></body></html>"
    path = write(tmp_path / "menu.html", nav)
    doc = read_one(path)
    assert doc.text == ""
    assert doc.error is not None
    assert doc.error.code == "E011"
    assert doc.error.message == (
        f"{path}: no article text found in the HTML (only labels, no sentence: 'Home'). "
        "Check that it is an article page, or pass its text as .txt."
    )


def test_html_extractor_failure_is_e011_not_an_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(html.trafilatura, "bare_extraction", explode)
    doc = html_document(page(), "deep", url="https://deep.example/a")
    assert doc.error is not None
    assert doc.error.code == "E011"
    assert "RecursionError: maximum recursion depth exceeded" in doc.error.message
    assert doc.meta == {"outlet": "deep.example", "url": "https://deep.example/a"}


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "E001"), (b" \n\t\n", "E001"), (b"\x89PNG\r\n\x1a\n\x00\x00", "E002")],
    ids=["empty", "blank", "png"],
)
def test_html_empty_or_binary_file(tmp_path: Path, data: bytes, code: str) -> None:
    doc = read_one(write(tmp_path / "odd.html", data))
    assert doc.error is not None
    assert doc.error.code == code


def test_html_missing_file_is_e007(tmp_path: Path) -> None:
    doc = read_one(tmp_path / "gone.html")
    assert doc.error is not None
    assert doc.error.code == "E007"


@pytest.mark.parametrize("name", ["ferry.html", "FERRY.HTM", "ferry.Html"])
def test_read_file_reads_html_by_suffix_in_any_case(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, page(head=BYLINE))
    (doc,) = read_file(str(path))
    assert doc.text.startswith(PARAGRAPHS[0] + "\n\n")
    assert doc.meta["author"] == "Dana Okafor"


def test_read_inputs_reads_html_in_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "a.html", page(head=BYLINE))
    write(tmp_path / "b.txt", "Plain text.\n")
    docs = list(read_inputs([tmp_path]))
    assert [d.text.split("\n")[0] for d in docs] == [PARAGRAPHS[0], "Plain text."]


# Real pages put furniture inside the article's container; these pages each carry one kind
# (benchmarks/maintext.py measures the whole on 181 real pages).
STORM = [
    "Crews worked through the night to restore power to about 14,000 homes in Harlow County "
    "after Sunday's ice storm brought down lines along the river road, the utility said.",
    "“We had people on every road that was open,” said Owen Achterberg, who manages the "
    "repair crews for Tri-Valley Electric. “Some of them have not slept since Saturday.”",
    "“Not yet,” he said.",
    "Schools in the county will stay closed on Tuesday.",
    "The utility expects to reconnect the last homes by Wednesday evening, although outlying "
    "farms may wait longer because the trucks cannot reach them.",
]
STORM_TITLE = "Ice storm leaves thousands in Harlow County without power"


def storm_page(*, inside: str = "", after: int = 1, title: str = STORM_TITLE) -> str:
    """A news page whose article holds ``inside`` after its ``after``-th paragraph."""
    paragraphs = [f"<p>{p}</p>" for p in STORM]
    paragraphs.insert(after, inside)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Valley Courier</title>
<meta property="og:title" content="{title}"></head>
<body><header><nav><a href="/">Home</a> <a href="/weather">Weather</a></nav></header>
<main><article><h1>{title}</h1>
<p class="byline">By Lena Ruiz</p>
<div class="article-body">{"".join(paragraphs)}</div>
</article></main>
<footer><p>© 2024 The Valley Courier</p></footer></body></html>"""


@pytest.mark.parametrize(
    ("inside", "gone"),
    [
        pytest.param(
            "<p>Linemen repair a pole on the river road on Monday. (Photo: Lena Ruiz / The "
            "Valley Courier)</p>",
            "Linemen repair a pole",
            id="caption",
        ),
        pytest.param(
            "<p><strong>Read more:</strong> <a href='/a'>How to keep pipes from freezing when "
            "the heat goes out</a></p>",
            "keep pipes from freezing",
            id="read more",
        ),
        pytest.param(
            "<p>Related: <a href='/b'>Last winter's storm cost the county $2 million</a></p>",
            "cost the county",
            id="related links",
        ),
        pytest.param(
            "<div class='promo'><p>Get the day's top stories delivered to your inbox every "
            "morning. Sign up for our Morning Brief newsletter.</p></div>",
            "Morning Brief",
            id="newsletter box",
        ),
        pytest.param(
            "<p>Follow Lena Ruiz on Twitter @lenaruiz_news for updates.</p>",
            "@lenaruiz_news",
            id="follow line",
        ),
        pytest.param(
            "<div class='promo'><p>If you enjoyed this article, subscribe: members get every "
            "story with no paywall for $1 a week.</p></div>",
            "no paywall",
            id="paywall box",
        ),
        pytest.param(
            "<p>Copyright 2024 The Valley Courier. All rights reserved.</p>",
            "All rights reserved",
            id="copyright line",
        ),
        pytest.param("<p>___</p>", "___", id="separator"),
    ],
)
def test_html_drops_furniture_inside_the_article(inside: str, gone: str) -> None:
    doc = html_document(storm_page(inside=inside, after=len(STORM) - 1), "storm")
    assert doc.error is None
    assert gone not in doc.text
    assert doc.text == "\n\n".join(STORM)


def test_html_keeps_short_quoted_and_one_sentence_paragraphs() -> None:
    inside = "<p>Related: <a href='/c'>Photos: the ice storm in pictures</a></p>"
    doc = html_document(storm_page(inside=inside, after=2), "storm")
    blocks = doc.text.split("\n\n")
    assert "“Not yet,” he said." in blocks
    assert "Schools in the county will stay closed on Tuesday." in blocks
    assert blocks == STORM


def test_html_drops_the_headline_it_repeats_as_meta_title() -> None:
    doc = html_document(storm_page(), "storm")
    assert doc.meta["title"] == STORM_TITLE
    assert STORM_TITLE not in doc.text
    assert doc.text.startswith(STORM[0])


def test_html_joins_an_article_body_split_around_ads() -> None:
    first, second = STORM[:2], STORM[2:]
    body = (
        f"<div class='article-body'>{''.join(f'<p>{p}</p>' for p in first)}</div>"
        "<div class='ad-slot'><span>Advertisement</span></div>"
        f"<div class='article-body'>{''.join(f'<p>{p}</p>' for p in second)}</div>"
    )
    page = storm_page().replace(
        f'<div class="article-body">{"".join(f"<p>{p}</p>" for p in STORM)}</div>', body
    )
    assert page.count("article-body") == 2
    doc = html_document(page, "split")
    assert doc.text == "\n\n".join(STORM)


def test_html_keeps_the_articles_tables(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "ferry.html", page(head=BYLINE)))
    assert "| Departs Vell | 22:40 |" in doc.text


def test_html_page_of_furniture_only_is_e011() -> None:
    furniture = """<html><head><title>Newsletters | The Valley Courier</title></head><body>
<main><article><h1>Newsletters</h1>
<p>Get the day's top stories delivered to your inbox every morning with our newsletters.</p>
<p>Follow us on Twitter and Facebook for breaking news alerts.</p>
<p>Copyright 2024 The Valley Courier. All rights reserved.</p>
</article></main></body></html>"""
    doc = html_document(furniture, "newsletters")
    assert doc.text == ""
    assert doc.error is not None
    assert doc.error.code == "E011"


def test_html_article_in_a_script_without_case_is_read() -> None:
    paragraphs = [
        "市立図書館は来月から、平日の開館時間を午後九時まで延長すると、館長が月曜日に発表した。",
        "仕事帰りの利用者から要望が多く、試験的に半年間続けるという。",
        "館長は「夜に本を借りたい人のために、まず半年やってみます」と話した。",
    ]
    html = (
        "<html lang='ja'><head><meta charset='utf-8'><title>図書館、夜九時まで開館へ</title>"
        "</head><body><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    doc = html_document(html, "library")
    assert doc.error is None
    assert doc.text == "\n\n".join(paragraphs)
