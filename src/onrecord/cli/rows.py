"""Query results out: an aligned table for people, JSON Lines or CSV for programs.

Rows are written as they come (``onrecord sql`` streams a result of any size); a table
sizes its columns on the first ``TABLE_SAMPLE`` rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections.abc import Iterable, Sequence
from enum import StrEnum
from itertools import chain, islice
from typing import Any, TextIO


class RowFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


#: the widest a table column gets before its text is cut with "…"
MAX_WIDTH = 60
#: rows a table reads before it fixes its column widths (later, longer cells are cut)
TABLE_SAMPLE = 1_000


def write_rows(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: RowFormat, stream: TextIO
) -> None:
    """``rows`` under ``columns`` in ``fmt``, each written as it comes; values that are not
    text are shown as JSON."""
    if fmt is RowFormat.jsonl:
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            stream.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
    elif fmt is RowFormat.csv:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(value) for value in row] for row in rows)
    else:
        _write_table(columns, rows, stream)


def _write_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], stream: TextIO) -> None:
    cells = (_table_cells(row) for row in rows)
    sample = list(islice(cells, TABLE_SAMPLE))
    widths = [len(c) for c in columns]
    for row in sample:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    widths = _fit(widths, shutil.get_terminal_size((120, 24)).columns)
    stream.write(
        "  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n"
    )
    stream.write("  ".join("-" * w for w in widths) + "\n")
    for row in chain(sample, cells):
        stream.write(
            "  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )


def _table_cells(row: Sequence[Any]) -> list[str]:
    return [_cell(v).replace("\n", " ") for v in row]


def _fit(widths: list[int], total: int) -> list[int]:
    """Column widths capped at MAX_WIDTH, then the widest cut until the row fits ``total``."""
    widths = [min(w, MAX_WIDTH) for w in widths]
    while sum(widths) + 2 * (len(widths) - 1) > total and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def _pad(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, dt.date | dt.datetime | int):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)  # Decimal, UUID, intervals: their text
