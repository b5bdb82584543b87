"""Quote counts kept beside the attributions, so pages read sums instead of counting rows.

A top speaker has tens of thousands of attributions scattered through the table; their
page needs counts by kind, month and outlet. ``speaker_counts`` (sorted by speaker) and
``outlet_counts`` (sorted by outlet) hold the same numbers in the two orders the pages
look them up by, since DuckDB finds a key fast only in a table sorted by it.

The writer adds an article's rows in the article's own transaction, so the sums are
exact at every commit, and folds them into one row per key (``compacted``) at the end
of an ingest. ``CountTable.derived`` is the same relation counted from the store's rows,
for a store made before these tables (``Store`` reads those until an ingest fills them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

__all__ = ["COUNTS_READY", "COUNT_TABLES", "CountTable", "article_counts", "counts_kept", "fill"]

#: the store_info key saying the counts tables hold every attribution
COUNTS_READY = "counts"

_KINDS = ("direct", "mixed", "indirect")
_BY_KIND = """count(*) FILTER (WHERE kind = 'direct') AS direct,
    count(*) FILTER (WHERE kind = 'mixed') AS mixed,
    count(*) FILTER (WHERE kind = 'indirect') AS indirect,
    count(DISTINCT article_id) AS articles FROM attributions"""


@dataclass(frozen=True, slots=True)
class CountTable:
    """A table of sums by key, and the same relation counted from the store's rows."""

    name: str
    keys: tuple[str, ...]  # also its sort order
    sums: tuple[str, ...]
    derived: str  # a subquery giving the keys and sums

    @property
    def columns(self) -> str:
        """Space-separated, as the writer's inserts take them."""
        return " ".join((*self.keys, *self.sums))

    @property
    def compacted(self) -> str:
        """The query that folds the table into one row per key, sorted by its keys."""
        keys = ", ".join(self.keys)
        sums = ", ".join(f"sum({c})::BIGINT AS {c}" for c in self.sums)
        return f"SELECT {keys}, {sums} FROM {self.name} GROUP BY ALL ORDER BY {keys}"


COUNT_TABLES = {
    table.name: table
    for table in (
        CountTable(
            "speaker_counts",
            ("speaker_id", "month", "outlet"),
            (*_KINDS, "articles"),
            "(SELECT speaker_id, date_trunc('month', published)::DATE AS month, outlet, "
            f"{_BY_KIND} GROUP BY ALL)",
        ),
        CountTable(
            "outlet_counts",
            ("outlet", "speaker_id"),
            (*_KINDS, "articles"),
            f"(SELECT outlet, speaker_id, {_BY_KIND} GROUP BY ALL)",
        ),
        CountTable(
            "name_counts",
            ("speaker_id", "name", "role"),
            ("articles",),
            "(SELECT speaker_id, name, role, count(*) AS articles FROM entities "
            "WHERE speaker_id IS NOT NULL GROUP BY ALL)",
        ),
    )
}


def article_counts(
    attributions: Iterable[Mapping[str, Any]], entities: Iterable[Mapping[str, Any]]
) -> dict[str, list[tuple[Any, ...]]]:
    """The counts rows of one article, by table, from its store rows (with speaker ids):
    one row per speaker quoted (None for sources without one), one per name given."""
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
    names: dict[tuple[int, str, str | None], int] = {}
    for row in entities:
        if row["speaker_id"] is not None:
            key = (row["speaker_id"], row["name"], row["role"])
            names[key] = names.get(key, 0) + 1
    return {
        "speaker_counts": [(s, month, outlet, *c, 1) for s, c in by_speaker.items()],
        "outlet_counts": [(outlet, s, *c, 1) for s, c in by_speaker.items()],
        "name_counts": [(*key, n) for key, n in names.items()],
    }


def counts_kept(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has its counts tables, filled (``fill`` or every ingest since)."""
    try:
        found = con.execute("SELECT 1 FROM store_info WHERE key = ?", [COUNTS_READY]).fetchall()
    except duckdb.Error:  # a store older than store_info
        return False
    return bool(found)


def fill(con: duckdb.DuckDBPyConnection) -> None:
    """Count every stored row afresh (a store made before the counts tables)."""
    for table in COUNT_TABLES.values():
        con.execute(f"DELETE FROM {table.name}")
        con.execute(
            f"INSERT INTO {table.name} SELECT * FROM {table.derived} "
            f"ORDER BY {', '.join(table.keys)}"
        )
        # all in order: the writer's tidying at close need not redo it
        con.execute(
            f"INSERT OR REPLACE INTO store_info SELECT '{table.name}', count(*) FROM {table.name}"
        )
    con.execute("INSERT OR REPLACE INTO store_info VALUES (?, 1)", [COUNTS_READY])
