"""rows.py: the mapping between a record and the store's rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from onrecord.model import Attribution, Document, Entity, Offsets
from onrecord.store import Store, StoreWriter, export_parquet
from onrecord.store.parquet import read_parquet_documents
from onrecord.store.rows import article_date, article_key, document_rows


@pytest.mark.parametrize(
    ("meta", "published"),
    [
        ({"published": "2026-03-02"}, "2026-03-02"),
        ({"published": "2024-02-29T08:00:00Z"}, "2024-02-29"),
        ({"published": "2026-02-30"}, None),  # no such day
        ({"published": "2026-02-30", "date": "2026-02-28"}, "2026-02-28"),
        ({"date": "2026-13-01"}, None),
        ({"published": "next week"}, None),
    ],
)
def test_rows_article_date_is_a_real_day(meta: dict[str, str], published: str | None) -> None:
    assert article_date(meta) == published


def test_rows_impossible_date_does_not_stop_the_store(tmp_path: Path) -> None:
    # regression: 2026-02-30 passed as a date, and DuckDB refused the article's insert
    doc = Document("leap", "The ferry ran late again.", {"published": "2026-02-30"})
    path = str(tmp_path / "s.duckdb")
    with StoreWriter(path) as writer:
        writer.write(doc)
    with Store(path) as store:
        assert store.sql("SELECT doc_id, published FROM articles")[1] == [("leap", None)]


TEXT = "“The pier is safe,” said Mira Holt. “It will hold,” officials said."


def _span(words: str, after: int = 0) -> tuple[Offsets, ...]:
    start = TEXT.index(words, after)
    return (Offsets(start, start + len(words)),)


#: a record as the resolver will make it: one named speaker, one "no one named", both sure
#: to some degree (built by hand: extraction leaves speaker_confidence None until then)
PIER = Document(
    "pier",
    TEXT,
    {"outlet": "Harbour Gazette", "published": "2026-03-02"},
    attributions=(
        Attribution(
            "a1",
            "direct",
            _span("“The pier is safe,”"),
            _span("said"),
            _span("Mira Holt"),
            "e1",
            confidence=0.9,
            speaker_confidence=0.875,
        ),
        Attribution(
            "a2",
            "direct",
            _span("“It will hold,”"),
            _span("said", 40),
            _span("officials"),
            None,
            confidence=0.8,
            speaker_confidence=0.25,
        ),
    ),
    entities=(Entity("e1", "Mira Holt", "PERSON", mentions=_span("Mira Holt")),),
)


def test_rows_speaker_confidence_is_stored_and_read_back(tmp_path: Path) -> None:
    assert [a["speaker_confidence"] for a in document_rows(PIER).attributions] == [0.875, 0.25]
    path = str(tmp_path / "s.duckdb")
    with StoreWriter(path) as writer:
        writer.write(PIER)
    with Store(path) as store:
        stored = store.sql("SELECT id, speaker_confidence FROM attributions ORDER BY id")[1]
        assert stored == [("a1", 0.875), ("a2", 0.25)]
        assert store.article(article_key(PIER.text)) == PIER
        quotes = {q.id: q for q in store.quotes()}
        assert (quotes["a1"].speaker_confidence, quotes["a2"].speaker_confidence) == (0.875, 0.25)
        assert quotes["a2"].to_dict()["speaker_confidence"] == 0.25
        (hit,) = [h for h in store.trace("the pier is safe") if h.quote.id == "a1"]
        assert hit.to_dict()["speaker_confidence"] == 0.875


def test_rows_speaker_confidence_goes_through_parquet(tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    with StoreWriter(path) as writer:
        writer.write(PIER)
    export_parquet(path, tmp_path / "pq")
    column = duckdb.sql(
        f"SELECT speaker_confidence FROM '{tmp_path / 'pq' / 'attributions' / 'data.parquet'}' "
        "ORDER BY id"
    ).fetchall()
    assert column == [(0.875,), (0.25,)]
    assert list(read_parquet_documents(tmp_path / "pq")) == [PIER]


def test_rows_parquet_made_before_speaker_confidence_reads_as_none(tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    with StoreWriter(path) as writer:
        writer.write(PIER)
    export_parquet(path, tmp_path / "pq")
    table = tmp_path / "pq" / "attributions" / "data.parquet"
    older = tmp_path / "older.parquet"
    duckdb.sql(f"COPY (SELECT * EXCLUDE (speaker_confidence) FROM '{table}') TO '{older}'")
    older.replace(table)  # the attributions table as an earlier onrecord exported it
    (doc,) = read_parquet_documents(tmp_path / "pq")
    assert [a.speaker_confidence for a in doc.attributions] == [None, None]
    unknown = tuple(replace(a, speaker_confidence=None) for a in PIER.attributions)
    assert doc == replace(PIER, attributions=unknown)
