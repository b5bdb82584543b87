"""A store built once per session from the fictional corpus in tests/data/store/."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.readers import read_inputs
from onrecord.store import IngestReport, ingest

CORPUS = Path(__file__).parents[1] / "data" / "store" / "corpus.jsonl"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A DuckDB file holding the four corpus articles (do not write to it)."""
    path = str(tmp_path_factory.mktemp("store") / "corpus.duckdb")
    report = IngestReport()
    for _ in ingest(read_inputs([CORPUS]), path, report=report):
        pass
    assert (report.ok, report.failed) == (4, 0)
    return path
