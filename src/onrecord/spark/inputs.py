"""Inputs of the Spark job, read on the executors with onrecord's own readers.

Each input becomes raw rows (id, text, meta as JSON, error code, error message), the
same documents ``read_inputs`` gives ``onrecord extract``: JSON Lines lines through Spark's
text reader (large files split; ``FILE:LINE`` ids kept right by counting each split's
lines first), ``.jsonl.gz`` and WARC files whole through readers/jsonl.py and
readers/warc.py (a cut-short gzip is E007, a damaged record E012; a page's main text is
taken out later, in the extraction tasks), Parquet rows as JSON Lines objects.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from onrecord.errors import SparkJobError
from onrecord.model import DocumentError, RawDocument
from onrecord.readers import JSONL_SUFFIXES, WARC_SUFFIXES
from onrecord.readers.jsonl import object_document, parse_line, read_jsonl_stream
from onrecord.readers.warc import WarcPage, page_document, read_warc_pages

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

__all__ = [
    "INPUT_FORMATS",
    "RawRow",
    "format_of",
    "local_name",
    "raw_document",
    "read_input",
    "read_warc_file",
]

INPUT_FORMATS = ("jsonl", "parquet", "warc")
PARQUET_SUFFIXES = (".parquet",)

#: a raw document between the read and the extract stage: id, text, meta (JSON), error
#: code, error message, and whether it is a WARC page whose main text is still to be taken
#: out (then the text is its HTML and the meta {"url": ..., "meta": ...}): that costs far
#: more than reading the file, so it is done after the documents are spread over tasks
RawRow = tuple[str, str, str, str | None, str | None, bool]


def format_of(path: str, given: str | None = None) -> str:
    """The format of input ``path``: ``given``, else by its name (E301 if it does not say)."""
    if given is not None:
        return given
    name = path.rstrip("/").lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    raise SparkJobError("E301", path=path)


def read_input(
    spark: SparkSession, path: str, fmt: str, *, text_field: str, id_field: str
) -> RDD[RawRow]:
    if fmt == "warc":
        return spark.sparkContext.binaryFiles(path).flatMap(read_warc_file)
    if fmt == "parquet":
        return _read_parquet(spark, path, text_field=text_field, id_field=id_field)
    if path.lower().endswith(".gz"):  # not splittable anyway: our reader, E007 if cut short
        parse = partial(_jsonl_file, text_field=text_field, id_field=id_field)
        return spark.sparkContext.binaryFiles(path).flatMap(parse)
    return _read_jsonl_lines(spark, path, text_field=text_field, id_field=id_field)


def _read_jsonl_lines(
    spark: SparkSession, path: str, *, text_field: str, id_field: str
) -> RDD[RawRow]:
    """JSON Lines through Spark's text reader (large files split), one document per line.

    Lines without an id get ``FILE:LINE`` as in ``onrecord extract``: a first pass counts
    the lines of each split, so each split knows the number of its first line.
    """
    from pyspark.sql import functions as F

    lines = spark.read.text(path).select(
        F.col("value").cast("binary"),  # the bytes as read: bad UTF-8 is E003, as in extract
        "_metadata.file_path",
        "_metadata.file_block_start",
    )
    starts: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for file, start, n in lines.groupBy("file_path", "file_block_start").count().collect():
        starts[file].append((start, n))
    first_lines: dict[tuple[str, int], int] = {}
    for file, splits in starts.items():
        line = 1
        for start, n in sorted(splits):
            first_lines[(file, start)] = line
            line += n
    parse = partial(_jsonl_lines, first_lines, text_field=text_field, id_field=id_field)
    return lines.rdd.mapPartitions(parse)


def _jsonl_lines(
    first_lines: dict[tuple[str, int], int],
    rows: Iterable[Any],
    *,
    text_field: str,
    id_field: str,
) -> Iterator[RawRow]:
    split: tuple[str, int] | None = None
    line = 0
    for value, file, start in rows:  # a split's lines come in order, one split after another
        if (file, start) != split:
            split, line = (file, start), first_lines[(file, start)]
        else:
            line += 1
        doc = parse_line(
            bytes(value),
            local_name(unquote(file)),
            line,
            text_field=text_field,
            id_field=id_field,
            keep_results=True,  # as ingest: everything the input carried is kept
        )
        if doc is not None:
            yield _raw_row(doc)


def _jsonl_file(item: tuple[str, bytes], *, text_field: str, id_field: str) -> Iterator[RawRow]:
    file, data = item
    docs = read_jsonl_stream(
        io.BytesIO(data),
        local_name(file),
        text_field=text_field,
        id_field=id_field,
        keep_results=True,
    )
    return (_raw_row(doc) for doc in docs)


def _read_parquet(spark: SparkSession, path: str, *, text_field: str, id_field: str) -> RDD[RawRow]:
    """Parquet rows as JSON Lines objects: the text and id columns, the rest as meta."""
    table = spark.read.parquet(path)
    if text_field not in table.columns:
        columns = ", ".join(table.columns[:12]) or "none"
        raise SparkJobError("E306", path=path, field=text_field, columns=columns)
    rows = table.select("*", "_metadata.file_path", "_metadata.row_index")
    parse = partial(_parquet_rows, text_field=text_field, id_field=id_field)
    return rows.rdd.mapPartitions(parse)


def _parquet_rows(rows: Iterable[Any], *, text_field: str, id_field: str) -> Iterator[RawRow]:
    for row in rows:
        obj = row.asDict(recursive=True)
        file, index = obj.pop("file_path"), obj.pop("row_index")
        where = f"{local_name(unquote(file))}:{index + 1}"
        doc = object_document(
            obj, where, index + 1, text_field=text_field, id_field=id_field, keep_results=True
        )
        yield _raw_row(doc)


def read_warc_file(item: tuple[str, bytes]) -> Iterator[RawRow]:
    """The raw rows of one WARC file, given as binaryFiles gives it: (URI, bytes)."""
    file, data = item
    for page in read_warc_pages(io.BytesIO(data), local_name(file)):
        if isinstance(page, WarcPage):
            packed = json.dumps({"url": page.url, "meta": page.meta}, ensure_ascii=False)
            yield (page.doc_id, page.html, packed, None, None, True)
        else:
            yield _raw_row(page)


def local_name(uri: str) -> str:
    """A local file's path (``file:/data/a.jsonl`` -> ``/data/a.jsonl``); other URIs as they are.

    ``_metadata.file_path`` is URL-encoded (``a%20b.jsonl``), binaryFiles' paths are not:
    callers unquote the former first.

    Ids and ``source`` name files as ``onrecord extract`` does when given absolute paths.
    """
    if uri.startswith("file:"):
        rest = uri[len("file:") :]
        return "/" + rest.lstrip("/") if rest.startswith("/") else rest
    return uri


def _raw_row(doc: RawDocument) -> RawRow:
    meta = json.dumps(doc.meta, ensure_ascii=False, default=str)  # Parquet dates as text
    if doc.error is None:
        return (doc.id, doc.text, meta, None, None, False)
    return (doc.id, doc.text, meta, doc.error.code, doc.error.message, False)


def raw_document(row: RawRow) -> RawDocument:
    """The document of a raw row; a WARC page's main text is taken out here."""
    doc_id, text, meta, code, message, is_page = row
    if is_page:
        packed = json.loads(meta)
        return page_document(WarcPage(doc_id, text, packed["url"], packed["meta"]))
    problem = DocumentError(code, message or "") if code is not None else None
    return RawDocument(doc_id, text, json.loads(meta), error=problem)
