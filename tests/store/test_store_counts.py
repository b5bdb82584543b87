"""The counts tables always say what counting the attributions says (counts.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

import onrecord.store.writer as writer_module
from onrecord.readers import read_inputs
from onrecord.store import IngestReport, QuoteFilter, Store, StoreWriter, ingest
from onrecord.store.counts import COUNT_TABLES

CORPUS = Path(__file__).parents[1] / "data" / "store" / "corpus.jsonl"
HOSTILE = Path(__file__).parents[1] / "data" / "web" / "hostile.jsonl"


def run(items: object, path: Path) -> IngestReport:
    report = IngestReport()
    for _ in ingest(items, str(path), report=report):  # type: ignore[arg-type]
        pass
    return report


def assert_counts_exact(path: Path) -> None:
    """Each counts table, summed by key, equals the relation counted from attributions."""
    with duckdb.connect(str(path), read_only=True) as con:
        for table in COUNT_TABLES.values():
            folded = table.compacted.rsplit(" ORDER BY ", 1)[0]
            kept = con.execute(f"{folded} ORDER BY ALL").fetchall()
            counted = con.execute(f"SELECT * FROM {table.derived} ORDER BY ALL").fetchall()
            assert kept == counted, table.name
            assert con.execute(f"SELECT count(*) FROM {table.name}").fetchone() != (0,)


def test_counts_follow_every_ingest_and_fold_when_tidied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "counts.duckdb"
    docs = list(read_inputs([CORPUS, HOSTILE]))
    assert run(iter(docs[:2]), db).ok == 2
    assert_counts_exact(db)
    assert run(iter(docs), db).ok == len(docs) - 2  # a second ingest adds to the sums
    assert_counts_exact(db)
    monkeypatch.setattr(writer_module, "UNSORTED_ROWS", 0)
    StoreWriter(str(db)).close()  # closing folds each table into one row per key
    assert_counts_exact(db)
    with duckdb.connect(str(db), read_only=True) as con:
        for table in COUNT_TABLES.values():
            rows = con.execute(f"SELECT {', '.join(table.keys)} FROM {table.name}").fetchall()
            assert len(rows) == len(set(rows)), f"{table.name} not folded"
            assert rows == sorted(rows, key=lambda row: [(v is None, v or 0) for v in row])


def test_a_store_made_before_the_counts_tables_reads_the_same_and_is_filled(
    tmp_path: Path, corpus_db: str
) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(corpus_db, old)
    with duckdb.connect(str(old)) as con:
        for table in COUNT_TABLES:
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM store_info WHERE key = 'counts'")
    with Store(corpus_db) as new_store, Store(old) as old_store:
        top = new_store.speakers(top=50)
        assert top and old_store.speakers(top=50) == top
        assert old_store.outlets() == new_store.outlets()
        for speaker in top:
            assert old_store.speaker_view(speaker.id) == new_store.speaker_view(speaker.id)
    StoreWriter(str(old)).close()  # the next ingest counts what is there
    assert_counts_exact(old)


def test_speaker_page_numbers_are_the_attributions_counted(corpus_db: str) -> None:
    with Store(corpus_db) as store:
        ids = [s for (s,) in store.rows("SELECT DISTINCT speaker_id FROM attributions", [])]
        for speaker_id in filter(None, ids):
            view = store.speaker_view(speaker_id)
            assert view is not None
            ((quotes, direct, articles, outlets_, dated),) = store.rows(
                "SELECT count(*), count(*) FILTER (WHERE kind = 'direct'), "
                "count(DISTINCT article_id), count(DISTINCT outlet), "
                "count(published) FROM attributions WHERE speaker_id = ?",
                [speaker_id],
            )
            counts = view.counts
            assert (counts.quotes, counts.direct, counts.articles, counts.outlets) == (
                quotes, direct, articles, outlets_,
            )  # fmt: skip
            assert sum(n for _, _, n in view.timeline) == dated
            assert sum(n for _, n in view.outlets) == quotes
            # a few outlets each: every one drawn apart in the timeline, none summed as other
            assert {outlet for _, outlet, _ in view.timeline} <= {o for o, _ in view.outlets}
            names = store.rows(
                "SELECT name, role, count(*) FROM entities WHERE speaker_id = ? GROUP BY ALL",
                [speaker_id],
            )
            assert sorted(view.names, key=str) == sorted(names, key=str)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"kind": "direct"},
        {"kind": "indirect", "outlet": "times"},
        {"speaker": "Kovalenko"},
        {"speaker": "Brandt", "kind": "indirect"},
        {"exact_outlet": "Harbour Gazette"},
        {"since": "2026-03-03"},
        {"contains": "terminal", "kind": "direct"},
    ],
)
def test_count_quotes_is_the_number_of_quotes_listed(
    corpus_db: str, filters: dict[str, str]
) -> None:
    with Store(corpus_db) as store:
        listed = len(store.quotes(QuoteFilter(**filters, page_size=10_000)))
        assert store.count_quotes(QuoteFilter(**filters)) == listed
        assert store.count_quotes(QuoteFilter(**filters), at_most=1) == min(listed, 1)
