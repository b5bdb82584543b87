"""rows.py: the mapping between a record and the store's rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.model import Document
from onrecord.store import Store, StoreWriter
from onrecord.store.rows import article_date


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
