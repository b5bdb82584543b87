"""A newcomer's first look, in chromium (Playwright on Debian's chromium): one outlet under
one name however its articles spelled it (issue 16, item 12), and the About page that says
what an attribution, the kinds, "anonymous" and a trace are, one click from every page
(item 13). Desktop and a 390 px phone; screenshots outlets-*.png in test-artifacts/web/.

The store is the web tests' one plus three fictional articles whose outlet is written
"nyt", "The New York Times" and "THE NEW YORK TIMES".
"""

from __future__ import annotations

import shutil

import pytest
from browsing import NEEDS_CHROMIUM, assert_secured_and_quiet, shot
from one_quote import one_quote

from onrecord.model import Document
from onrecord.store import StoreWriter

pytestmark = NEEDS_CHROMIUM

#: (id, outlet as the article gave it, what the ferry captain said)
SPELLINGS = [
    ("ferry-1", "nyt", "The crossing will run twice a day from March"),
    ("ferry-2", "The New York Times", "We lost three sailings to the fog this week"),
    ("ferry-3", "THE NEW YORK TIMES", "The new boat is quieter than the old one"),
]


def ferry_article(doc_id: str, outlet: str, said: str) -> Document:
    meta = {"outlet": outlet, "published": "2026-02-01", "title": f"Ferry news ({doc_id})"}
    return one_quote(doc_id, said, "Odile Varga", "ferry captain", meta)


@pytest.fixture(scope="module")
def web_db(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The web tests' store, copied, with the three spellings of one outlet added."""
    path = tmp_path_factory.mktemp("outlets") / "outlets.duckdb"
    shutil.copy(web_db, path)
    with StoreWriter(str(path)) as writer:
        for row in SPELLINGS:
            writer.write(ferry_article(*row))
    return str(path)


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_web_outlets_browser_one_outlet_however_it_was_spelled(page: object) -> None:
    page.goto("/outlets")  # type: ignore[attr-defined]
    names = page.locator("main table tbody tr td:first-child").all_inner_texts()  # type: ignore[attr-defined]
    times = [n for n in names if "new york times" in n.lower() or n.strip().lower() == "nyt"]
    assert times == ["The New York Times"], names
    page.get_by_role("link", name="The New York Times").first.click()  # type: ignore[attr-defined]
    body = page.locator("main").inner_text()  # type: ignore[attr-defined]
    assert "3 attributions in 3 articles" in body
    for doc_id, _, _ in SPELLINGS:
        assert f"Ferry news ({doc_id})" in body  # all three articles under the one name
    shot(page, f"outlets-merged-{page.screen}")  # type: ignore[attr-defined]
    assert_secured_and_quiet(page)


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_web_outlets_browser_about_says_what_the_words_mean(page: object) -> None:
    for start in ("/", "/search?q=ferry", "/speakers", "/outlets"):
        page.goto(start)  # type: ignore[attr-defined]
        assert page.locator("form[role=search], form.search").count() <= 1  # type: ignore[attr-defined]
        page.get_by_role("link", name="About").first.click()  # type: ignore[attr-defined]
        assert page.url.endswith("/about")  # type: ignore[attr-defined]
    text = page.locator("main").inner_text().lower()  # type: ignore[attr-defined]
    for word in ("attribution", "direct", "mixed", "indirect", "anonymous", "trace"):
        assert word in text, word
    shot(page, f"outlets-about-{page.screen}")  # type: ignore[attr-defined]
    assert_secured_and_quiet(page)
