"""A store as an earlier onrecord made it: the attributions table without newer columns."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb


def made_before(store: str | Path, copy: Path, *columns: str) -> Path:
    """``copy`` of ``store`` without ``columns`` of attributions, and without the indexes
    added since (DuckDB drops no column under an index; such a store had the speaker's)."""
    shutil.copy(store, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("DROP INDEX attributions_speaker")
        con.execute("DROP INDEX attributions_article")
        for column in columns:
            con.execute(f"ALTER TABLE attributions DROP COLUMN {column}")
        con.execute("CREATE INDEX attributions_speaker ON attributions (speaker_id)")
    return copy
