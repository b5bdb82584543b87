"""QuoteFilter and the reads that take it: filters, sort, pages past the end, facets,
on the real DuckDB store of four fictional articles (conftest.corpus_db)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from made_before import made_before

from onrecord.errors import StoreError
from onrecord.store import (
    ORDERS,
    SORTS,
    QuoteFilter,
    Store,
)


@pytest.fixture
def store(corpus_db: str) -> Store:
    with Store(corpus_db) as opened:
        yield opened  # type: ignore[misc]  # a generator fixture


EVERY = QuoteFilter(page_size=1000)


# -- the filter object -----------------------------------------------------------------


def test_query_filter_is_frozen_hashable_and_empty_text_is_no_filter() -> None:
    given = QuoteFilter(speaker="", outlet="  ", kind="", since="", contains=None)
    assert given == QuoteFilter()
    with pytest.raises(dataclasses.FrozenInstanceError):
        given.kind = "direct"  # type: ignore[misc]
    cache = {QuoteFilter(kind="direct", since="2026-03-01"): 1}
    assert cache[QuoteFilter(kind="direct", since=dt.date(2026, 3, 1))] == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"since": "March 3"}, "--since 'March 3' is not valid: use YYYY-MM-DD"),
        ({"until": "2026-13-01"}, "--until '2026-13-01' is not valid: use YYYY-MM-DD"),
        (
            {"since": "2026-03-05", "until": "2026-03-01"},
            "--until '2026-03-01' is not valid: it is before --since 2026-03-05",
        ),
        ({"kind": "quoted"}, "kind 'quoted' is not valid: use direct, mixed, indirect"),
        ({"type": "rumour"}, "type 'rumour' is not valid: use statement, thought"),
        ({"min_confidence": 1.5}, "--min-confidence 1.5 is not valid: use 0 to 1"),
        (
            {"min_speaker_confidence": "high"},
            "--min-speaker-confidence 'high' is not valid: use 0 to 1",
        ),
        ({"sort": "content"}, "sort 'content' is not valid: use " + ", ".join(SORTS)),
        ({"order": "up"}, "order 'up' is not valid: use " + ", ".join(ORDERS)),
        ({"page": 0}, "page 0 is not valid: use 1 or more"),
        ({"page_size": -1}, "page size -1 is not valid: use 0 or more"),
    ],
)
def test_query_filter_bad_values_say_what_to_use(options: dict[str, Any], message: str) -> None:
    with pytest.raises(StoreError) as caught:
        QuoteFilter(**options)
    assert (caught.value.code, caught.value.message) == ("E207", message)


def test_query_filter_params_round_trip() -> None:
    given = QuoteFilter(
        contains="northern terminal", speaker="Brandt", outlet="times", since="2026-03-01",
        until="2026-03-31", kind="direct", type="statement", min_confidence=0.8,
        min_speaker_confidence=0.5, sort="confidence", order="asc", page=3, page_size=20,
    )  # fmt: skip
    params = given.to_params()
    assert params["since"] == "2026-03-01" and params["page"] == "3"
    assert QuoteFilter.from_params(params) == given
    assert QuoteFilter().to_params() == {}
    # a URL's query: text everywhere, empty values and unknown names ignored
    url = {"kind": "mixed", "speaker": "", "page": "2", "utm_source": "x"}
    assert QuoteFilter.from_params(url) == QuoteFilter(kind="mixed", page=2)
    with pytest.raises(StoreError, match="page 'two' is not valid: use a whole number"):
        QuoteFilter.from_params({"page": "two"})


def test_query_filter_selection_drops_page_and_sort_only() -> None:
    given = QuoteFilter(kind="direct", sort="outlet", order="asc", page=4, page_size=10)
    assert given.selection == QuoteFilter(kind="direct")
    assert given.offset == 30 and given.limit == 10


# -- filters in the store --------------------------------------------------------------


def test_store_min_confidence_keeps_quotes_at_or_above_it(store: Store) -> None:
    every = store.quotes(EVERY)
    cut = sorted(q.confidence for q in every)[len(every) // 2]
    kept = store.quotes(QuoteFilter(min_confidence=cut, page_size=1000))
    assert kept and all(q.confidence >= cut for q in kept)
    assert len(kept) == sum(q.confidence >= cut for q in every) < len(every)
    assert store.count_quotes(QuoteFilter(min_confidence=cut)) == len(kept)


def test_store_min_speaker_confidence_leaves_out_uncertain_speakers(store: Store) -> None:
    every = store.quotes(EVERY)
    assert any(q.speaker_confidence is not None and q.speaker_confidence < 0.6 for q in every)
    kept = store.quotes(QuoteFilter(min_speaker_confidence=0.6, page_size=1000))
    assert kept and all((q.speaker_confidence or 0) >= 0.6 for q in kept)
    expected = sum(q.speaker_confidence is not None and q.speaker_confidence >= 0.6 for q in every)
    assert len(kept) == expected
    assert store.count_quotes(QuoteFilter(min_speaker_confidence=0.6)) == expected


def test_store_date_range_is_inclusive(store: Store) -> None:
    found = store.quotes(QuoteFilter(since="2026-03-03", until="2026-03-05", page_size=1000))
    assert {q.published for q in found} == {dt.date(2026, 3, 3), dt.date(2026, 3, 5)}
    one_day = QuoteFilter(since="2026-03-02", until="2026-03-02")
    assert {q.outlet for q in store.quotes(one_day)} == {"Harbour Gazette"}


@pytest.mark.parametrize(
    "filters",
    [
        {"min_confidence": 0.9},
        {"min_confidence": 0.9, "kind": "indirect", "outlet": "coastal"},
        {"min_speaker_confidence": 0.9, "speaker": "Kovalenko"},
        {"since": "2026-03-03", "until": "2026-03-05", "type": "statement"},
    ],
)
def test_store_count_is_the_number_listed_for_new_filters(
    store: Store, filters: dict[str, Any]
) -> None:
    listed = store.quotes(QuoteFilter(**filters, page_size=1000))
    assert store.count_quotes(QuoteFilter(**filters)) == len(listed) > 0


# -- sort and pages --------------------------------------------------------------------


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("sort", ["confidence", "speaker_confidence", "outlet", "published"])
def test_store_sorts_by_an_allowed_column(store: Store, sort: str, order: str) -> None:
    found = store.quotes(QuoteFilter(sort=sort, order=order, page_size=1000))
    values = [getattr(q, sort) for q in found if getattr(q, sort) is not None]
    assert values == sorted(values, reverse=order == "desc")
    assert len(found) == len(store.quotes(EVERY))


def test_store_sorts_by_speaker_name_with_unnamed_last(store: Store) -> None:
    found = store.quotes(QuoteFilter(sort="speaker", order="asc", page_size=1000))
    names = [q.speaker for q in found]
    named = [n for n in names if n is not None]
    assert named == sorted(named) and names[len(named) :] == [None] * (len(names) - len(named))
    assert named[0] == "Anatoliy Kovalenko"


def test_store_pages_of_a_sort_follow_on(store: Store) -> None:
    whole = store.quotes(QuoteFilter(sort="confidence", order="asc", page_size=1000))
    pages = [
        store.quotes(QuoteFilter(sort="confidence", order="asc", page=n, page_size=6))
        for n in (1, 2, 3, 4)
    ]
    assert [q.id for page in pages for q in page] == [q.id for q in whole]


def test_store_quote_page_counts_pages_and_says_when_past_the_end(store: Store) -> None:
    total = store.count_quotes()
    assert total == 19
    first = store.quote_page(QuoteFilter(page_size=5))
    assert (first.total, first.pages, first.is_past_end, len(first.quotes)) == (19, 4, False, 5)
    last = store.quote_page(QuoteFilter(page=4, page_size=5))
    assert (len(last.quotes), last.is_past_end) == (4, False)
    beyond = store.quote_page(QuoteFilter(page=5, page_size=5))
    assert (beyond.quotes, beyond.page, beyond.pages, beyond.is_past_end) == ([], 5, 4, True)
    assert beyond.to_dict()["past_end"] is True
    none = store.quote_page(QuoteFilter(speaker="Nobody Atall"))
    assert (none.total, none.pages, none.is_past_end) == (0, 1, False)  # page 1 is never past
    capped = store.quote_page(QuoteFilter(page=2, page_size=5), at_most=8)
    assert (capped.total, capped.is_total_capped, capped.pages) == (8, True, 2)


# -- facets ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters", [{}, {"outlet": "coastal"}, {"contains": "terminal"}, {"kind": "direct"}]
)
def test_store_facets_count_the_selected_quotes(store: Store, filters: dict[str, Any]) -> None:
    selected = QuoteFilter(**filters, page_size=1000)
    found = store.quotes(selected)
    facets = store.facets(selected, top=50)
    by_speaker = {f.value: f.count for f in facets.speakers}
    assert by_speaker == _tally(q.speaker_id for q in found)
    assert {f.value: f.count for f in facets.outlets} == _tally(q.outlet for q in found)
    assert [f.value for f in facets.kinds] == ["direct", "mixed", "indirect"]  # all, in order
    assert {f.value: f.count for f in facets.kinds if f.count} == _tally(q.kind for q in found)
    assert {f.value: f.count for f in facets.types if f.count} == _tally(q.type for q in found)
    names = {q.speaker_id: q.speaker for q in found}
    assert all(f.label == names[f.value] for f in facets.speakers)
    counts = [f.count for f in facets.speakers]
    assert counts == sorted(counts, reverse=True)


def test_store_facets_keep_the_top_and_serialise(store: Store) -> None:
    facets = store.facets(QuoteFilter(), top=2)
    assert len(facets.speakers) == 2 and len(facets.outlets) == 2
    # three tied at 6 (with the quotes of no speaker): the lower speaker ids first
    assert [(f.label, f.count) for f in facets.speakers] == [
        ("Lena Brandt", 6), ("Anatoliy Kovalenko", 6),
    ]  # fmt: skip
    every = store.facets(QuoteFilter(), top=10).speakers
    assert (every[2].value, every[2].label, every[2].count) == (None, None, 6)  # no speaker
    as_dict = facets.to_dict()
    assert set(as_dict) == {"speakers", "outlets", "kinds", "types"}
    assert as_dict["kinds"][0] == {"value": "direct", "label": "direct", "count": 6}


@pytest.mark.parametrize("filters", [{}, {"kind": "direct"}, {"outlet": "wire"}])
def test_store_facets_summed_in_python_or_in_duckdb_agree(
    store: Store, filters: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A narrow selection's combinations are summed in Python, a broad one's by DuckDB."""
    selected = QuoteFilter(**filters)
    summed = store.facets(selected, top=3)
    assert summed.total == store.count_quotes(selected) > 0
    monkeypatch.setattr("onrecord.store.store.MAX_COMBINATIONS", 1)
    assert store.facets(selected, top=3) == summed


def _tally(values: Any) -> dict[Any, int]:
    found: dict[Any, int] = {}
    for value in values:
        found[value] = found.get(value, 0) + 1
    return found


# -- one read API ----------------------------------------------------------------------


def test_store_browsing_reads_are_methods(store: Store) -> None:
    assert store.totals() == {
        "articles": 4, "attributions": 19, "speakers": 3, "outlets": 3, "errors": 0,
    }  # fmt: skip
    newest = store.recent_articles(limit=2)
    assert [a.outlet for a in newest] == ["Coastal Times", "North Wire"]
    assert [o.name for o in store.outlets(top=5)] == [
        "Coastal Times", "Harbour Gazette", "North Wire",
    ]  # fmt: skip
    wire = store.outlet_stats("North Wire")
    assert wire is not None and (wire.articles, wire.quotes) == (1, 4)
    (top,) = store.speakers(top=1)
    view = store.speaker_view(top.id)
    assert view is not None and view.counts == top
    found = store.article_view(newest[0].id)
    assert found is not None and found.title == newest[0].title
    assert store.article_view("no-such-article") is None


def test_store_cursor_reads_with_every_filter(store: Store) -> None:
    """A cursor (one per server thread) knows the store's columns as the Store does."""
    twin = store.cursor()
    wanted = QuoteFilter(min_speaker_confidence=0.6, type="statement", sort="type", page_size=100)
    assert twin.quotes(wanted) == store.quotes(wanted) != []
    assert twin.facets(wanted) == store.facets(wanted)


# -- a store made before speaker_confidence and type -----------------------------------


def test_store_without_the_newer_columns_filters_sorts_and_counts(
    corpus_db: str, tmp_path: Path
) -> None:
    old = made_before(corpus_db, tmp_path / "old.duckdb", "type", "speaker_confidence")
    with Store(old) as store:
        assert store.quotes(QuoteFilter(min_speaker_confidence=0.1)) == []
        assert store.count_quotes(QuoteFilter(min_speaker_confidence=0.1)) == 0
        for sort in ("type", "speaker_confidence"):
            assert len(store.quotes(QuoteFilter(sort=sort, page_size=100))) == 19
        facets = store.facets(QuoteFilter())
        assert [(f.value, f.count) for f in facets.types] == [
            ("statement", 0), ("thought", 0), (None, 19),
        ]  # fmt: skip
