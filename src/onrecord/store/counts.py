"""Quote counts kept beside the attributions, so pages read sums instead of counting rows.

A top speaker has tens of thousands of attributions scattered through the table; their
page needs counts by kind, month and outlet. ``speaker_counts`` (sorted by speaker) and
``outlet_counts`` (sorted by outlet) hold the same numbers in the two orders the pages
look them up by, since DuckDB finds a key fast only in a table sorted by it.

The writer adds an article's rows in the article's own transaction, so the sums are
exact at every commit, and folds them into one row per key (``compacted``) at the end
of an ingest. ``COUNT_SOURCES`` also derives the same relations from the attributions,
for a store made before these tables (``Store`` reads those until an ingest fills them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import duckdb

__all__ = ["COUNTS_READY", "COUNT_SOURCES", "article_counts", "columns", "compacted", "fill"]

#: the store_info key saying the counts tables hold every attribution
COUNTS_READY = "counts"

_KINDS = ("direct", "mixed", "indirect")
_SUMS = ", ".join(f"sum({c})::BIGINT AS {c}" for c in (*_KINDS, "articles"))
_FROM_ATTRIBUTIONS = """count(*) FILTER (WHERE kind = 'direct') AS direct,
    count(*) FILTER (WHERE kind = 'mixed') AS mixed,
    count(*) FILTER (WHERE kind = 'indirect') AS indirect,
    count(DISTINCT article_id) AS articles FROM attributions"""

#: each counts table: its key columns (also its sort order), and the same relation
#: derived from the attributions
COUNT_SOURCES: dict[str, tuple[str, str]] = {
    "speaker_counts": (
        "speaker_id, month, outlet",
        f"(SELECT speaker_id, date_trunc('month', published)::DATE AS month, outlet, "
        f"{_FROM_ATTRIBUTIONS} GROUP BY ALL)",
    ),
    "outlet_counts": (
        "outlet, speaker_id",
        f"(SELECT outlet, speaker_id, {_FROM_ATTRIBUTIONS} GROUP BY ALL)",
    ),
}


def columns(table: str) -> str:
    """A counts table's columns, space-separated (as the writer's inserts take them)."""
    keys = COUNT_SOURCES[table][0].replace(",", "")
    return f"{keys} {' '.join(_KINDS)} articles"


def article_counts(
    attributions: Iterable[Mapping[str, Any]],
) -> dict[str, list[tuple[Any, ...]]]:
    """The counts rows of one article's attributions (store rows with ``speaker_id``),
    by table: one row per speaker quoted (None for sources without one)."""
    by_speaker: dict[int | None, list[int]] = {}
    month: dt.date | None = None
    outlet: str | None = None
    for row in attributions:
        counts = by_speaker.setdefault(row["speaker_id"], [0, 0, 0])
        counts[_KINDS.index(row["kind"])] += 1
        outlet = row["outlet"]
        published = row["published"]
        if published:
            day = dt.date.fromisoformat(str(published))
            month = day.replace(day=1)
    return {
        "speaker_counts": [(s, month, outlet, *c, 1) for s, c in by_speaker.items()],
        "outlet_counts": [(outlet, s, *c, 1) for s, c in by_speaker.items()],
    }


def compacted(table: str) -> str:
    """The query that folds a counts table into one row per key, sorted by its keys."""
    keys = COUNT_SOURCES[table][0]
    return f"SELECT {keys}, {_SUMS} FROM {table} GROUP BY ALL ORDER BY {keys}"


def fill(con: duckdb.DuckDBPyConnection) -> None:
    """Count every stored attribution afresh (a store made before the counts tables)."""
    for table, (keys, derived) in COUNT_SOURCES.items():
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} SELECT * FROM {derived} ORDER BY {keys}")
        # all in order: the writer's tidying at close need not redo it
        con.execute(f"INSERT OR REPLACE INTO store_info SELECT '{table}', count(*) FROM {table}")
    con.execute("INSERT OR REPLACE INTO store_info VALUES (?, 1)", [COUNTS_READY])
