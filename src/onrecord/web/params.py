"""The request parameters the pages take, as FastAPI dependencies: one name and one
meaning each, HTML and JSON alike (``page`` and ``size`` on every list, the search's
filters as the store's ``QuoteFilter``).

A form sends its empty fields too: "" is no filter, never a bad date or number. Text
holding a control character other than tab and newline is refused (400), so a NUL typed
into a link never comes back in a page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Query
from pydantic import AfterValidator, BeforeValidator

from onrecord.store import QuoteFilter

__all__ = [
    "CONTROLS",
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "ArticleSort",
    "Order",
    "OutletSort",
    "Paging",
    "PagingQuery",
    "SearchQuery",
    "SpeakerSort",
    "Text",
    "paging",
    "quote_filter",
]

#: quotes or articles per page, unless ``size`` says otherwise
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
SpeakerSort = Literal["quotes", "direct", "mixed", "indirect", "articles"]
OutletSort = Literal["quotes", "name", "articles", "direct", "indirect", "anonymous"]
ArticleSort = Literal["published", "title", "outlet", "attributions"]
Order = Literal["desc", "asc"]
#: C0 controls but tab, newline and carriage return, and DEL: no text holds them, and a
#: NUL typed into a link must not come back in the page (C1 controls are let through:
#: stored mojibake has them, "â€\x9d", and a trace link carries its words)
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_controls(value: str) -> str:
    if CONTROLS.search(value):
        raise ValueError("holds a control character (such as NUL), which no text has.")
    return value


Text = Annotated[str, Query(max_length=500), AfterValidator(_no_controls)]


@dataclass(frozen=True, slots=True)
class Paging:
    """Which page of a list, and how many rows a page."""

    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def paging(
    page: Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1.")] = 1,
    size: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="Rows a page (default 50).")
    ] = PAGE_SIZE,
) -> Paging:
    """The ``page`` and ``size`` parameters every list takes, HTML and JSON alike."""
    return Paging(page, size)


PagingQuery = Annotated[Paging, Depends(paging)]


def _blank_is_none(value: object) -> object:
    return None if value == "" else value


#: a form sends every field, the empty ones as "": no filter, not a bad number or date
Blank = BeforeValidator(_blank_is_none)
Score = Annotated[float | None, Query(ge=0, le=1), Blank]
Date = Annotated[dt.date | None, Query(), Blank]
Number = Annotated[int | None, Query(), Blank]


def quote_filter(
    paging: PagingQuery,
    q: Text = "",
    speaker: Text = "",
    speaker_id: Number = None,
    outlet: Text = "",
    exact_outlet: Text = "",
    since: Date = None,
    until: Date = None,
    kind: Text = "",
    type: Text = "",
    min_confidence: Score = None,
    min_speaker_confidence: Score = None,
    sort: Text = "published",
    order: Text = "desc",
) -> QuoteFilter:
    """The search parameters of /search and /api/search (and their exports) as the
    store's filter; a bad kind, type or sort is its E207, a 400 that says what to use.
    ``outlet`` is part of a name, as typed; ``exact_outlet`` one outlet's whole name, as
    its facet and its page link to it (4 times faster on a million quotes: no scan)."""
    return QuoteFilter(contains=q, speaker=speaker, speaker_id=speaker_id, outlet=outlet,
                       exact_outlet=exact_outlet, since=since, until=until, kind=kind, type=type,
                       min_confidence=min_confidence,
                       min_speaker_confidence=min_speaker_confidence, sort=sort, order=order,
                       page=paging.page, page_size=paging.size)  # fmt: skip


SearchQuery = Annotated[QuoteFilter, Depends(quote_filter)]
