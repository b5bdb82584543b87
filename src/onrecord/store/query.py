"""Which quotes to read: one frozen filter shared by the store, the CLI and the web.

``QuoteFilter`` holds every filter, the sort and the page; ``Store.quotes``,
``Store.count_quotes``, ``Store.quote_page`` and ``Store.facets`` take it. It checks its
values when made (E207, saying what to use), so a bad kind or date fails where the user
gave it, and it is hashable: a server may cache results under it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from onrecord.errors import StoreError
from onrecord.model import KINDS, TYPES
from onrecord.store.results import Quote

__all__ = [
    "ORDERS",
    "SORTS",
    "QuoteFilter",
    "QuotePage",
]

#: the columns quotes may be sorted by, and the SQL each sorts on (attributions as ``a``);
#: ties go newest first, then in the order stored
SORTS: dict[str, str] = {
    "published": "a.published",
    "outlet": "a.outlet",
    "speaker": "a.speaker_id",  # see Store.quotes: by name, through the speakers table
    "kind": "a.kind",
    "type": "a.type",
    "confidence": "a.confidence",
    "speaker_confidence": "a.speaker_confidence",
}
ORDERS = ("desc", "asc")


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Every condition a quote must meet, how to sort them, and which page to read.

    ``contains`` is a phrase, matched word by word ignoring case, accents and
    punctuation; ``speaker`` any of a speaker's names, spelling variants allowed
    (``speaker_id`` one speaker exactly); ``outlet`` a case-insensitive part of the
    outlet's name or one of its known short names ("nyt"), ``exact_outlet`` its whole
    stored name; ``since``/``until`` inclusive publication dates; ``kind`` direct, mixed
    or indirect; ``type`` statement or thought (quotes stored before onrecord typed them
    match neither); ``min_confidence``/``min_speaker_confidence`` lowest scores, 0-1
    (quotes with no speaker_confidence match no minimum). Empty text means no filter.
    """

    contains: str | None = None
    speaker: str | None = None
    speaker_id: int | None = None
    outlet: str | None = None
    exact_outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None
    type: str | None = None
    min_confidence: float | None = None
    min_speaker_confidence: float | None = None
    sort: str = "published"
    order: str = "desc"
    page: int = 1
    page_size: int = field(default=50)

    def __post_init__(self) -> None:
        for name in ("contains", "speaker", "outlet", "exact_outlet", "kind", "type"):
            value = getattr(self, name)
            if value is not None and not str(value).strip():
                object.__setattr__(self, name, None)  # "" from a form: no filter
        object.__setattr__(self, "since", _date("since", self.since))
        object.__setattr__(self, "until", _date("until", self.until))
        if self.since and self.until and self.since > self.until:
            raise StoreError(
                "E207", what="--until", value=self.until.isoformat(),
                detail=f"it is before --since {self.since.isoformat()}",
            )  # fmt: skip
        _one_of("kind", self.kind, KINDS)
        _one_of("type", self.type, TYPES)
        _one_of("sort", self.sort, tuple(SORTS))
        _one_of("order", self.order, ORDERS)
        for name in ("min_confidence", "min_speaker_confidence"):
            value = getattr(self, name)
            if value is not None:
                number = _number(name, value)
                if not 0.0 <= number <= 1.0:
                    raise StoreError("E207", what=_flag(name), value=value, detail="use 0 to 1")
                object.__setattr__(self, name, number)
        if isinstance(self.page, bool) or not isinstance(self.page, int) or self.page < 1:
            raise StoreError("E207", what="page", value=self.page, detail="use 1 or more")
        if (
            isinstance(self.page_size, bool)
            or not isinstance(self.page_size, int)
            or self.page_size < 0
        ):  # no upper bound: the CLI's --limit is one page (the web sets its own)
            raise StoreError("E207", what="page size", value=self.page_size, detail="use 0 or more")

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> QuoteFilter:
        """A filter from text parameters named as the fields (a URL's query, a form);
        unknown names are ignored, empty values are no filter, bad values E207."""
        given: dict[str, Any] = {}
        for f in fields(cls):
            value = params.get(f.name)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if f.name in ("speaker_id", "page", "page_size"):
                given[f.name] = _integer(f.name, value)
            elif f.name in ("min_confidence", "min_speaker_confidence"):
                given[f.name] = _number(f.name, value)
            else:
                given[f.name] = value
        return cls(**given)

    def to_params(self) -> dict[str, str]:
        """The fields that differ from the defaults, as text: ``from_params`` of it gives
        this filter back (for links: the next page, another sort, an export)."""
        found: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value != f.default:
                found[f.name] = value.isoformat() if isinstance(value, dt.date) else str(value)
        return found

    @property
    def limit(self) -> int:
        return self.page_size

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def selection(self) -> QuoteFilter:
        """The same quotes on page 1 in the default order: what a count or facets depend
        on, so they can be cached once for every page and sort."""
        return replace(self, sort="published", order="desc", page=1, page_size=50)

    def with_page(self, page: int) -> QuoteFilter:
        return replace(self, page=page)

    @property
    def uses_text_or_dates(self) -> bool:
        """Whether any condition needs the attribution rows (not the counts tables)."""
        return bool(
            self.contains
            or self.since
            or self.until
            or self.type
            or self.min_confidence is not None
            or self.min_speaker_confidence is not None
        )


@dataclass(frozen=True, slots=True)
class QuotePage:
    """One page of quotes, how many match in all, and whether the page is past the end.

    ``total`` stops at the count limit the store was given (``is_total_capped``), so
    ``pages`` is then a lower bound; ``is_past_end`` is exact either way: the page asked
    for starts after the last matching quote (say "page 5 of 4", not an empty table).
    """

    filter: QuoteFilter
    quotes: list[Quote]
    total: int
    is_total_capped: bool

    @property
    def page(self) -> int:
        return self.filter.page

    @property
    def pages(self) -> int:
        """Pages of ``filter.page_size`` quotes (at least 1, the empty first page)."""
        size = self.filter.page_size
        return max(1, math.ceil(self.total / size)) if size else 1

    @property
    def is_past_end(self) -> bool:
        return not self.quotes and self.filter.page > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "filter": self.filter.to_params(),
            "page": self.page,
            "page_size": self.filter.page_size,
            "pages": self.pages,
            "total": self.total,
            "total_capped": self.is_total_capped,
            "past_end": self.is_past_end,
            "quotes": [q.to_dict() for q in self.quotes],
        }


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _one_of(what: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise StoreError("E207", what=what, value=value, detail=f"use {', '.join(allowed)}")


def _date(what: str, value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise StoreError("E207", what=f"--{what}", value=text, detail="use YYYY-MM-DD") from None


def _number(what: str, value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]  # text or a number; else E207
    except (TypeError, ValueError):
        raise StoreError("E207", what=_flag(what), value=value, detail="use 0 to 1") from None
    if math.isnan(number):
        raise StoreError("E207", what=_flag(what), value=value, detail="use 0 to 1")
    return number


def _integer(what: str, value: object) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise StoreError("E207", what=what, value=value, detail="use a whole number") from None
