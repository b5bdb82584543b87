"""The attribution type in a real DuckDB store: stored, filtered, read back, and absent in a
store made before onrecord typed attributions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from made_before import made_before

from onrecord.errors import StoreError
from onrecord.extract import Extractor
from onrecord.readers import read_inputs
from onrecord.store import IngestReport, QuoteFilter, Store, ingest

ARTICLES = [
    {
        "id": "gazette-pier",
        "meta": {"outlet": "Harbour Gazette", "published": "2026-04-02"},
        "text": "Port director Mira Holt said the northern pier would reopen in May.\n\n"
        "Fishermen fear that the dredging will drive the herring out of the bay.\n\n"
        "Holt believes the herring will stay in the bay.",
    },
    {
        "id": "wire-ferries",
        "meta": {"outlet": "North Wire", "published": "2026-04-03"},
        "text": "“The ferries will run on time,” said transport chief Omar Lind.\n\n"
        "Lind expects the new timetable to cut waiting times by half.",
    },
]


def _ingest(corpus: Path, db: Path) -> None:
    report = IngestReport()
    for _ in ingest(read_inputs([corpus]), str(db), report=report):
        pass
    assert (report.ok, report.failed) == (len(ARTICLES), 0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("typed") / "typed.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def typed_db(corpus: Path) -> Path:
    db = corpus.with_suffix(".duckdb")
    _ingest(corpus, db)
    return db


def test_store_type_filter_keeps_statements_or_thoughts(typed_db: Path) -> None:
    with Store(typed_db) as store:
        every = store.quotes(QuoteFilter(page_size=100))
        thoughts = store.quotes(QuoteFilter(type="thought"))
        statements = store.quotes(QuoteFilter(type="statement"))
        assert {q.type for q in every} == {"statement", "thought"}
        assert {q.content for q in thoughts} == {
            "the dredging will drive the herring out of the bay",
            "the herring will stay in the bay",
            "the new timetable to cut waiting times by half",
        }
        assert {q.cue for q in statements} == {"said"}
        assert len(thoughts) + len(statements) == len(every)
        assert store.count_quotes(QuoteFilter(type="thought")) == 3
        assert store.count_quotes(QuoteFilter(type="statement", outlet="north wire")) == 1
        (lind,) = store.quotes(QuoteFilter(type="thought", speaker="Omar Lind"))
        assert lind.cue == "expects" and lind.to_dict()["type"] == "thought"


def test_store_article_keeps_each_type(typed_db: Path, extractor: Extractor) -> None:
    with Store(typed_db) as store:
        (quote,) = store.quotes(QuoteFilter(contains="herring will stay"))
        stored = store.article(quote.article_id)
    made = extractor(ARTICLES[0]["text"], "gazette-pier", ARTICLES[0]["meta"])  # type: ignore[arg-type]
    assert stored is not None
    assert [a.type for a in stored.attributions] == [a.type for a in made.attributions]
    assert [a.type for a in stored.attributions] == ["statement", "thought", "thought"]


def test_store_bad_type_says_what_to_use(typed_db: Path) -> None:
    with Store(typed_db) as store, pytest.raises(StoreError) as caught:
        store.quotes(QuoteFilter(type="rumour"))
    assert (caught.value.code, caught.value.message) == (
        "E207",
        "type 'rumour' is not valid: use statement, thought",
    )


def test_store_made_before_type_reads_and_gets_the_column_at_its_next_ingest(
    typed_db: Path, corpus: Path, tmp_path: Path
) -> None:
    old = made_before(typed_db, tmp_path / "old.duckdb", "type")
    with Store(old) as store:  # read as it is, before any ingest
        assert not store.has_column("attributions", "type")
        listed = store.quotes(QuoteFilter(page_size=100))
        assert len(listed) == 5 and {q.type for q in listed} == {None}
        assert store.quotes(QuoteFilter(type="thought")) == []  # nothing in it was typed
        assert store.count_quotes(QuoteFilter(type="thought")) == 0
        stored = store.article(listed[0].article_id)
        assert stored is not None and {a.type for a in stored.attributions} == {None}
    more = tmp_path / "more.jsonl"
    text = "Harbour pilot Ada Varga hopes the storm will pass before the regatta."
    more.write_text(json.dumps({"id": "pilot", "text": text}) + "\n", encoding="utf-8")
    report = IngestReport()
    for _ in ingest(read_inputs([more]), str(old), report=report):
        pass
    assert report.ok == 1
    with Store(old) as store:
        assert store.has_column("attributions", "type")
        (hope,) = store.quotes(QuoteFilter(type="thought"))
        assert hope.content == "the storm will pass before the regatta"
        assert len(store.quotes(QuoteFilter(page_size=100))) == 6  # the five stored before: no type
