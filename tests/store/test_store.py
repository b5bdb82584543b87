"""Queries over a real DuckDB store of four fictional articles from three outlets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from onrecord.errors import StoreError
from onrecord.extract import Extractor
from onrecord.store import TABLES, QuoteFilter, Store, export_parquet

CORPUS = Path(__file__).parents[1] / "data" / "store" / "corpus.jsonl"

THE_QUOTE = "we will not close the northern terminal"


@pytest.fixture
def store(corpus_db: str) -> Store:
    with Store(corpus_db) as opened:
        yield opened  # type: ignore[misc]  # a generator fixture


def test_store_quotes_are_newest_first_with_article_metadata(store: Store) -> None:
    quotes = store.quotes(QuoteFilter(page_size=100))
    dates = [q.published for q in quotes]
    assert dates == sorted(dates, reverse=True)
    assert {q.outlet for q in quotes} == {"Harbour Gazette", "Coastal Times", "North Wire"}
    first = quotes[0]
    assert first.published == dt.date(2026, 3, 10)
    assert first.title == "Mayor says budget can absorb terminal repairs"
    assert first.url == "https://coastaltimes.example/news/budget"


def test_store_speaker_filter_finds_every_spelling(store: Store) -> None:
    for name in ("Kovalenko", "Anatoly Kovalenko", "anatoliy kovalenko"):
        speakers = {q.speaker_id for q in store.quotes(QuoteFilter(speaker=name))}
        assert len(speakers) == 1, name
    sources = {q.source for q in store.quotes(QuoteFilter(speaker="Kovalenko"))}
    assert {"Anatoliy Kovalenko", "Kovalenko"} <= sources
    assert any(s.startswith("Anatoly Kovalenko") for s in sources)


def test_store_filters_combine(store: Store) -> None:
    found = store.quotes(QuoteFilter(speaker="Brandt", outlet="coastal", kind="direct"))
    assert [q.content for q in found] == [
        "“Nobody in this city will pay a krone more because of the terminal,”"
    ]
    assert store.count_quotes(QuoteFilter(speaker="Brandt", outlet="coastal", kind="direct")) == 1
    in_march_3_to_5 = store.quotes(QuoteFilter(since="2026-03-03", until="2026-03-05"))
    assert {q.outlet for q in in_march_3_to_5} == {"Coastal Times", "North Wire"}
    assert store.quotes(QuoteFilter(speaker="Nobody Atall")) == []


def test_store_contains_matches_words_in_order_ignoring_case_and_punctuation(store: Store) -> None:
    found = store.quotes(QuoteFilter(contains="NORTHERN terminal, while"))
    assert {q.outlet for q in found} == {"Harbour Gazette", "Coastal Times", "North Wire"}
    assert store.quotes(QuoteFilter(contains="terminal northern")) == []
    assert store.quotes(QuoteFilter(contains="termin")) == []  # whole words only


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"since": "March 3"}, "--since 'March 3' is not valid: use YYYY-MM-DD"),
        ({"kind": "quoted"}, "kind 'quoted' is not valid: use direct, mixed, indirect"),
        ({"contains": "“…”"}, "text '“…”' is not valid: it has no words"),
    ],
)
def test_store_bad_filters_say_what_to_use(
    store: Store, options: dict[str, str], message: str
) -> None:
    with pytest.raises(StoreError) as caught:
        store.quotes(QuoteFilter(**options))
    assert (caught.value.code, caught.value.message) == ("E207", message)


def test_store_speakers_counts_quotes_and_kinds(store: Store) -> None:
    top = store.speakers(top=2)
    names = [s.name for s in top]
    assert set(names) == {"Anatoliy Kovalenko", "Lena Brandt"}
    for speaker in top:
        assert speaker.quotes == speaker.direct + speaker.mixed + speaker.indirect
        assert speaker.outlets == 3
    kovalenko = next(s for s in top if s.name == "Anatoliy Kovalenko")
    assert kovalenko.direct == 3 and kovalenko.articles == 3
    assert 0 < kovalenko.direct_share <= 1
    only_wire = store.speakers(outlet="north wire")
    assert {s.outlets for s in only_wire} == {1}


def test_store_speaker_names_keeps_surface_forms_and_roles(store: Store) -> None:
    (kovalenko,) = [s for s in store.speakers() if s.name == "Anatoliy Kovalenko"]
    names = {name for name, _, _ in store.speaker_names(kovalenko.id)}
    assert {"Anatoliy Kovalenko", "Anatoly Kovalenko"} <= names
    # a bare "Kovalenko" is the same article entity as the full name, never a speaker apart
    assert [s.name for s in store.speakers() if s.name == "Kovalenko"] == []
    (brandt,) = [s for s in store.speakers() if s.name == "Lena Brandt"]
    assert "Mayor" in {role for _, role, _ in store.speaker_names(brandt.id)}


def test_store_trace_lists_appearances_earliest_first_with_the_altered_wording(
    store: Store,
) -> None:
    hits = store.trace(THE_QUOTE)
    assert [h.quote.outlet for h in hits] == ["Harbour Gazette", "Coastal Times", "North Wire"]
    altered = hits[1]
    assert ("removed", "will") in altered.diff and ("added", "shall") in altered.diff
    assert altered.is_altered and not hits[0].is_altered
    assert store.trace("a sentence nobody ever said in this corpus") == []


def test_store_trace_of_a_whole_variant_finds_its_group(store: Store) -> None:
    whole = "We shall not close the northern terminal while a single ferry still depends on it"
    outlets = {h.quote.outlet for h in store.trace(whole)}
    assert {"Coastal Times", "North Wire"} <= outlets


def test_store_article_gives_back_the_record_extract_made(
    store: Store, extractor: Extractor
) -> None:
    (line,) = [json.loads(x) for x in CORPUS.read_text().splitlines() if "times-budget" in x]
    expected = extractor(line["text"], line["id"], line["meta"])
    (quote,) = store.quotes(QuoteFilter(contains="krone more"))
    stored = store.article(quote.article_id)
    assert stored is not None
    assert stored.to_dict() == expected.to_dict()
    assert store.article("no-such-article") is None


def test_store_sql_reads(store: Store) -> None:
    columns, rows = store.sql(
        "SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY outlet"
    )
    assert columns == ["outlet", "n"]
    assert rows == [("Coastal Times", 2), ("Harbour Gazette", 1), ("North Wire", 1)]


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM articles",
        "DROP TABLE speakers",
        "INSERT INTO errors (doc_id, code, message) VALUES ('x', 'E0', 'x')",
        "UPDATE speakers SET name = 'x'",
        "SELECT 1; DELETE FROM articles",
        "ATTACH 'other.duckdb' AS other",
        "COPY articles TO 'stolen.csv'",
        "SET enable_external_access = true",
        "CREATE TABLE x AS SELECT 1",
    ],
)
def test_store_sql_refuses_writes(store: Store, query: str) -> None:
    with pytest.raises(StoreError, match="only reads") as caught:
        store.sql(query)
    assert caught.value.code == "E205"
    assert store.sql("SELECT count(*) FROM articles")[1] == [(4,)]


def test_store_sql_cannot_read_other_files(store: Store, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    with pytest.raises(StoreError) as caught:
        store.sql(f"SELECT * FROM read_csv('{secret}')")
    assert caught.value.code == "E206"


def test_store_export_writes_parquet_duckdb_reads(corpus_db: str, tmp_path: Path) -> None:
    written = export_parquet(corpus_db, tmp_path / "out")
    assert set(written) == set(TABLES)
    for table in TABLES:
        path = tmp_path / "out" / table / "data.parquet"
        ((count,),) = duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()
        assert count == written[table]
    assert written["articles"] == 4


def test_store_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / "none.duckdb")
    assert caught.value.code == "E203"
    assert "onrecord ingest" in caught.value.message
    assert not (tmp_path / "none.duckdb").exists()


def test_store_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError) as caught:
        Store(junk)
    assert caught.value.code == "E202"


def test_store_is_onrecord_store_loaded_on_demand(corpus_db: str) -> None:
    import onrecord

    with onrecord.Store(corpus_db) as opened:
        assert opened.count_quotes(QuoteFilter(speaker="Kovalenko")) >= 3


def test_store_two_open_at_once_in_one_process(corpus_db: str) -> None:
    """DuckDB shares one database between them, its settings locked by the first."""
    with Store(corpus_db, threads=1) as first, Store(corpus_db, threads=2) as second:
        assert second.sql("SELECT count(*) FROM articles")[1] == [(4,)]
        assert first.sql("SELECT count(*) FROM articles")[1] == [(4,)]
        with pytest.raises(StoreError):
            second.sql("SELECT * FROM read_csv('/etc/hostname')")
