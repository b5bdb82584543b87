"""Parquet tables into the store: the Spark job's output, or ``onrecord export --parquet``'s.

The tables are read with DuckDB, streamed rather than loaded: articles ordered by id,
merge-joined in Python with their entities and attributions ordered by article id, one
month partition at a time when the tables are partitioned (the Spark layout,
``TABLE/month=YYYY-MM/*.parquet``), else the whole table (``TABLE/data.parquet``). Each
article goes back to a record (``rows.document_from_rows``) and through
``StoreWriter.write``, which recomputes its key, resolves speakers and quote groups and
skips articles already stored: ingesting the same folder twice adds nothing.
"""

from __future__ import annotations

import glob
import logging
import os
import tempfile
from collections.abc import Generator, Iterator
from typing import Any

import duckdb

from onrecord.errors import StoreError
from onrecord.model import Document, DocumentError
from onrecord.store.connection import sql_string
from onrecord.store.rows import article_key, document_from_rows
from onrecord.store.writer import HOLD_SECONDS, IngestReport, StoreWriter

__all__ = ["ingest_parquet", "read_parquet_documents"]

logger = logging.getLogger(__name__)

#: rows fetched from DuckDB at a time, per table
FETCH_ROWS = 2_000
_PARTITION = "month="


def ingest_parquet(
    folder: str | os.PathLike[str],
    path: str,
    *,
    report: IngestReport | None = None,
    hold: float = HOLD_SECONDS,
) -> Generator[Document, None, None]:
    """Store every new article (and every error row) of the tables under ``folder``.

    Yields each document as it is stored; ``report`` counts stored, failed and skipped.
    """
    report = report if report is not None else IngestReport()
    docs = read_parquet_documents(folder)  # E303 here, before the store is touched
    with StoreWriter(path, hold=hold) as writer:
        for doc in docs:
            if not doc.errors and writer.has(article_key(doc.text, doc.meta.get("url"))):
                report.skipped += 1
                continue
            writer.write(doc)
            report.done(doc)
            yield doc


def read_parquet_documents(folder: str | os.PathLike[str]) -> Iterator[Document]:
    """The records in the Parquet tables under ``folder``, then one per failed document.

    Raises StoreError E303 at once if ``folder`` holds neither articles/ nor errors/.
    """
    root = os.fspath(folder)
    found = [t for t in ("articles", "errors") if os.path.isdir(os.path.join(root, t))]
    if not found:
        detail = "no articles/ or errors/ folder" if os.path.isdir(root) else "no such folder"
        raise StoreError("E303", path=root, detail=detail)
    return _documents(root)


def _documents(root: str) -> Iterator[Document]:
    with tempfile.TemporaryDirectory(prefix="onrecord-parquet-") as spill:
        con = duckdb.connect()
        try:
            con.execute(f"SET temp_directory = '{sql_string(spill)}'")  # sorts may spill
            for part in _parts(os.path.join(root, "articles")):
                yield from _articles(con, root, part)
            yield from _errors(con, os.path.join(root, "errors"))
        except duckdb.Error as exc:
            raise StoreError("E303", path=root, detail=str(exc).splitlines()[0]) from exc
        finally:
            con.close()


def _parts(table: str) -> list[str]:
    """The partition folders of a table (``month=2024-03``), or ``""`` for the whole table."""
    if not os.path.isdir(table):
        return []
    parts = sorted(
        name
        for name in os.listdir(table)
        if name.startswith(_PARTITION) and os.path.isdir(os.path.join(table, name))
    )
    return parts or [""]


def _articles(con: duckdb.DuckDBPyConnection, root: str, part: str) -> Iterator[Document]:
    """The records of one partition: articles merge-joined with their rows by article id."""
    articles = _rows(con, os.path.join(root, "articles", part), "id")
    entities = _Grouped(_rows(con, os.path.join(root, "entities", part), "article_id"))
    attributions = _Grouped(_rows(con, os.path.join(root, "attributions", part), "article_id"))
    previous = None
    for article in articles:
        key = article["id"]
        own_entities = entities.take(key)
        own_attributions = attributions.take(key)
        if key == previous:
            continue  # the same article twice in the input: its rows were taken with the first
        previous = key
        yield document_from_rows(article, own_entities, own_attributions)


def _errors(con: duckdb.DuckDBPyConnection, folder: str) -> Iterator[Document]:
    """One failed document per doc_id of the errors table, with all its errors."""
    group: list[dict[str, Any]] = []
    for row in _rows(con, folder, "doc_id, code"):
        if group and row["doc_id"] != group[0]["doc_id"]:
            yield _failed(group)
            group = []
        group.append(row)
    if group:
        yield _failed(group)


def _failed(rows: list[dict[str, Any]]) -> Document:
    first = rows[0]
    meta = {k: first[k] for k in ("source", "offset") if first.get(k) is not None}
    problems = tuple(DocumentError(r["code"], r["message"]) for r in rows)
    return Document(first["doc_id"], "", meta, errors=problems)


def _rows(con: duckdb.DuckDBPyConnection, folder: str, order: str) -> Iterator[dict[str, Any]]:
    """The rows of the Parquet files under ``folder``, ordered by ``order``, streamed."""
    files = glob.glob(os.path.join(glob.escape(folder), "**", "*.parquet"), recursive=True)
    if not files:
        return  # a table with no rows: Spark may write no file at all
    cursor = con.cursor()  # its own result, read alongside the other tables'
    try:
        cursor.execute(
            "SELECT * FROM read_parquet(?, hive_partitioning = false, union_by_name = true) "
            f"ORDER BY {order}",
            [sorted(files)],
        )
        names = [d[0] for d in cursor.description or ()]
        while batch := cursor.fetchmany(FETCH_ROWS):
            for values in batch:
                yield dict(zip(names, values, strict=True))
    finally:
        cursor.close()


class _Grouped:
    """Rows ordered by ``article_id``, handed out one article at a time."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        self._rows = rows
        self._next: dict[str, Any] | None = next(rows, None)

    def take(self, key: str) -> list[dict[str, Any]]:
        """The rows of article ``key`` (first of each id: a duplicated article's rows twice)."""
        while self._next is not None and self._next["article_id"] < key:
            logger.warning("a row of article %s has no article: skipped", self._next["article_id"])
            self._next = next(self._rows, None)
        taken: dict[str, dict[str, Any]] = {}
        while self._next is not None and self._next["article_id"] == key:
            taken.setdefault(self._next["id"], self._next)
            self._next = next(self._rows, None)
        return list(taken.values())
