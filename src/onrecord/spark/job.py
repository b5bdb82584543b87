"""extract.py over Spark partitions: articles in, the store's tables out as Parquet.

Executors read the input with onrecord's own readers (JSON Lines lines, Parquet rows,
WARC files), spread the documents over ``partitions`` and extract them in chunks through
``batch.extract_chunk``, so a bad document is an error row, never a failed task. The
Extractor is built once per Python worker and kept in this module (Spark reuses its
Python workers), never shipped from the driver. Rows come from ``store.rows``, the one
mapping between a record and the store's tables, and are written as
``OUT/articles``, ``OUT/attributions``, ``OUT/entities`` (partitioned by ``month``,
YYYY-MM of publication, else ``undated``) and ``OUT/errors``.

Columns that need the whole corpus (``speaker_id``, ``quote_group``, ``seq``) stay null:
``onrecord ingest --parquet`` resolves them when the rows reach a store.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any

from onrecord.batch import CHUNK_SIZE, Report, check_document, extract_chunk, start_extractor
from onrecord.config import Settings
from onrecord.errors import SparkJobError
from onrecord.extract import Extractor
from onrecord.model import Document, DocumentError, RawDocument
from onrecord.readers import JSONL_SUFFIXES, WARC_SUFFIXES
from onrecord.readers.jsonl import object_document, parse_line, read_jsonl_stream
from onrecord.readers.warc import read_warc_stream
from onrecord.store.rows import document_rows, error_rows
from onrecord.store.variants import search_text

if TYPE_CHECKING:
    from pyspark import RDD, Accumulator
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

__all__ = [
    "INPUT_FORMATS",
    "PARTITION_COLUMN",
    "TABLES",
    "UNDATED",
    "JobReport",
    "active_session",
    "extract_partition",
    "format_of",
    "run_job",
    "start_session",
]

logger = logging.getLogger(__name__)

#: the tables the job writes, one folder each under --out
TABLES = ("articles", "attributions", "entities", "errors")
#: articles, attributions and entities are partitioned by the month they were published
PARTITION_COLUMN = "month"
UNDATED = "undated"
INPUT_FORMATS = ("jsonl", "parquet", "warc")
PARQUET_SUFFIXES = (".parquet",)
#: partitions per core when --partitions is not given: small tasks balance and retry well
PARTITIONS_PER_CORE = 4

# a raw document between the read and the extract stage: id, text, meta (JSON), error
_RawRow = tuple[str, str, str, str | None, str | None]


@dataclass
class JobReport(Report):
    """What a Spark run did (a batch ``Report``: the same summary and exit code)."""

    model_loads: int = 0  # Extractors built, one per Python worker that extracted


def active_session() -> SparkSession | None:
    """The SparkSession already running in this process, if any (and if pyspark is there)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def start_session(
    master: str | None = None, conf: dict[str, str] | None = None, *, quiet: bool = False
) -> SparkSession:
    """A SparkSession; in local mode the workers run this very interpreter (and its venv).

    Under spark-submit (or with ``master`` None inside one) the session it made is reused.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkJobError("E304", detail=exc.name or "pyspark") from exc
    conf = dict(conf or {})
    # local mode: this process starts Spark (spark-submit would have set the gateway port)
    if master.startswith("local") if master else "PYSPARK_GATEWAY_PORT" not in os.environ:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers: this venv
        if "SPARK_LOCAL_IP" not in os.environ:  # not the host's outside address: seen to
            conf.setdefault("spark.driver.host", "127.0.0.1")  # stall start-up for minutes
            conf.setdefault("spark.driver.bindAddress", "127.0.0.1")
    builder = SparkSession.builder.appName("onrecord")
    if master is not None:
        builder = builder.master(master)
    for key, value in conf.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # Java missing or a bad master: pyspark's errors are varied
        raise SparkJobError("E305", detail=_first_line(exc)) from exc
    spark.sparkContext.setLogLevel("ERROR" if quiet else "WARN")
    return spark


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


def run_job(
    spark: SparkSession,
    paths: list[str],
    out: str,
    settings: Settings | None = None,
    *,
    input_format: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    partitions: int | None = None,
) -> JobReport:
    """Extract every document of ``paths`` and write the four tables under ``out``.

    A rerun overwrites the tables (and nothing else: E302 if ``out`` holds other files).
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    settings = settings or Settings()
    formats = [(path, format_of(path, input_format)) for path in paths]  # E301 before any work
    _check_out(spark, out)
    sc = spark.sparkContext
    try:
        raw = sc.union(
            [
                _read(spark, path, fmt, text_field=text_field, id_field=id_field)
                for path, fmt in formats
            ]
        )
        count = partitions or sc.defaultParallelism * PARTITIONS_PER_CORE
        loads = sc.accumulator(0)
        extracted = raw.repartition(count).mapPartitions(
            partial(extract_partition, settings, loads=loads)
        )
        docs = spark.createDataFrame(extracted, _document_schema())
        docs = docs.persist(StorageLevel.MEMORY_AND_DISK)  # extract once, write four tables
        totals = docs.agg(
            F.count(F.lit(1)),
            F.sum(F.size("attributions")),
            F.sum(F.when(F.size("errors") > 0, 1).otherwise(0)),
        ).first()
        for table in TABLES:
            _write_table(docs, table, f"{out.rstrip('/')}/{table}")
        docs.unpersist()
    except SparkJobError:
        raise
    except Exception as exc:  # Spark's own errors (a missing path, a failed stage) vary
        if _is_spark_error(exc):
            raise SparkJobError("E307", detail=_first_line(exc)) from exc
        raise
    documents, attributions, failed = (int(v or 0) for v in (totals or (0, 0, 0)))
    return JobReport(
        documents=documents,
        ok=documents - failed,
        failed=failed,
        attributions=attributions,
        model_loads=int(loads.value),
    )


# ---- reading: on the executors, with onrecord's readers ---------------------------------


def _read(
    spark: SparkSession, path: str, fmt: str, *, text_field: str, id_field: str
) -> RDD[_RawRow]:
    if fmt == "warc":
        return spark.sparkContext.binaryFiles(path).flatMap(_warc_file)
    if fmt == "parquet":
        return _read_parquet(spark, path, text_field=text_field, id_field=id_field)
    if path.lower().endswith(".gz"):  # not splittable anyway: our reader, E007 if cut short
        parse = partial(_jsonl_file, text_field=text_field, id_field=id_field)
        return spark.sparkContext.binaryFiles(path).flatMap(parse)
    return _read_jsonl_lines(spark, path, text_field=text_field, id_field=id_field)


def _read_jsonl_lines(
    spark: SparkSession, path: str, *, text_field: str, id_field: str
) -> RDD[_RawRow]:
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
) -> Iterator[_RawRow]:
    split: tuple[str, int] | None = None
    line = 0
    for value, file, start in rows:  # a split's lines come in order, one split after another
        if (file, start) != split:
            split, line = (file, start), first_lines[(file, start)]
        else:
            line += 1
        doc = parse_line(
            bytes(value),
            local_name(file),
            line,
            text_field=text_field,
            id_field=id_field,
            keep_results=True,  # as ingest: everything the input carried is kept
        )
        if doc is not None:
            yield _raw_row(doc)


def _jsonl_file(item: tuple[str, bytes], *, text_field: str, id_field: str) -> Iterator[_RawRow]:
    file, data = item
    docs = read_jsonl_stream(
        io.BytesIO(data),
        local_name(file),
        text_field=text_field,
        id_field=id_field,
        keep_results=True,
    )
    return (_raw_row(doc) for doc in docs)


def _read_parquet(
    spark: SparkSession, path: str, *, text_field: str, id_field: str
) -> RDD[_RawRow]:
    """Parquet rows as JSON Lines objects: the text and id columns, the rest as meta."""
    table = spark.read.parquet(path)
    if text_field not in table.columns:
        columns = ", ".join(table.columns[:12]) or "none"
        raise SparkJobError("E306", path=path, field=text_field, columns=columns)
    rows = table.select("*", "_metadata.file_path", "_metadata.row_index")
    parse = partial(_parquet_rows, text_field=text_field, id_field=id_field)
    return rows.rdd.mapPartitions(parse)


def _parquet_rows(rows: Iterable[Any], *, text_field: str, id_field: str) -> Iterator[_RawRow]:
    for row in rows:
        obj = row.asDict(recursive=True)
        file, index = obj.pop("file_path"), obj.pop("row_index")
        where = f"{local_name(file)}:{index + 1}"
        doc = object_document(
            obj, where, index + 1, text_field=text_field, id_field=id_field, keep_results=True
        )
        yield _raw_row(doc)


def _warc_file(item: tuple[str, bytes]) -> Iterator[_RawRow]:
    file, data = item
    return (_raw_row(doc) for doc in read_warc_stream(io.BytesIO(data), local_name(file)))


def local_name(uri: str) -> str:
    """A local file's path (``file:/data/a.jsonl`` -> ``/data/a.jsonl``); other URIs as they are.

    Ids and ``source`` name files as ``onrecord extract`` does when given absolute paths.
    """
    if uri.startswith("file:"):
        rest = uri[len("file:") :]
        return "/" + rest.lstrip("/") if rest.startswith("/") else rest
    return uri


def _raw_row(doc: RawDocument) -> _RawRow:
    meta = json.dumps(doc.meta, ensure_ascii=False, default=str)  # Parquet dates as text
    if doc.error is None:
        return (doc.id, doc.text, meta, None, None)
    return (doc.id, doc.text, meta, doc.error.code, doc.error.message)


def _raw_document(row: _RawRow) -> RawDocument:
    doc_id, text, meta, code, message = row
    problem = DocumentError(code, message or "") if code is not None else None
    return RawDocument(doc_id, text, json.loads(meta), error=problem)


# ---- extracting: one Extractor per Python worker --------------------------------------------

_extractors: dict[Settings, Extractor] = {}


def extract_partition(
    settings: Settings, rows: Iterable[_RawRow], *, loads: Accumulator[int] | None = None
) -> Iterator[tuple[Any, ...]]:
    """The output row of each raw document of a partition, extracted in chunks.

    A document that fails becomes a row with ``errors``; only a model that cannot load
    at all (E000, no document could be done) fails the task.
    """
    raws = (check_document(_raw_document(row), settings) for row in rows)
    while chunk := list(islice(raws, CHUNK_SIZE)):
        extractor = None
        if any(raw.error is None for raw in chunk):
            extractor = _extractors.get(settings)
            if extractor is None:
                extractor = _extractors[settings] = start_extractor(settings)
                if loads is not None:
                    loads.add(1)
        for doc in extract_chunk(extractor, chunk):
            yield _output_row(doc)


def _output_row(doc: Document) -> tuple[Any, ...]:
    """``doc`` as one row of the document schema: the article and its rows, or its errors."""
    if doc.errors:
        errors = [tuple(row[c] for c in ERROR_FIELDS) for row in error_rows(doc)]
        return (doc.id, UNDATED, None, [], [], errors)
    rows = document_rows(doc)
    published = _date(rows.article["published"])
    month = published.isoformat()[:7] if published else UNDATED
    article = {**rows.article, "published": published}
    entities = [{**e, "speaker_id": None} for e in rows.entities]
    attributions = [
        {
            **a,
            "published": published,
            "speaker_id": None,
            "search_text": f" {search_text(a['content_text'])} ",  # as the store pads it
            "quote_group": None,
            "seq": None,
        }
        for a in rows.attributions
    ]
    return (
        doc.id,
        month,
        tuple(article[c] for c in ARTICLE_FIELDS),
        [tuple(e[c] for c in ENTITY_FIELDS) for e in entities],
        [tuple(a[c] for c in ATTRIBUTION_FIELDS) for a in attributions],
        [],
    )


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# ---- writing ----------------------------------------------------------------------------------

# the store's columns in its order (schema.sql), less ingested_at / logged_at (set by a store)
ARTICLE_FIELDS = (
    "id", "doc_id", "title", "outlet", "url", "author", "published", "text", "meta",
    "headings", "repairs", "attribution_count",
)  # fmt: skip
ENTITY_FIELDS = ("article_id", "id", "name", "type", "role", "mentions", "speaker_id")
ATTRIBUTION_FIELDS = (
    "article_id", "id", "kind", "content", "cue", "source", "content_text", "cue_text",
    "source_text", "entity_id", "speaker_id", "via", "confidence", "outlet", "published",
    "search_text", "quote_group", "seq",
)  # fmt: skip
ERROR_FIELDS = ("doc_id", "source", "offset", "code", "message")

#: columns that are not text, by name (JSON columns are text, as DuckDB reads them)
_TYPES = {
    "published": "date",
    "attribution_count": "int",
    "confidence": "double",
    "speaker_id": "bigint",
    "quote_group": "bigint",
    "seq": "bigint",
    "offset": "bigint",
}
#: the store's NOT NULL columns (schema.sql)
_REQUIRED = {
    "articles": set("id doc_id text attribution_count".split()),
    "entities": set("article_id id name type".split()),
    "attributions": set(
        "article_id id kind content cue source content_text confidence search_text".split()
    ),
    "errors": set("doc_id code message".split()),
}


def _struct(table: str, names: tuple[str, ...]) -> StructType:
    from pyspark.sql.types import (
        DataType,
        DateType,
        DoubleType,
        IntegerType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    types: dict[str, DataType] = {
        "date": DateType(),
        "int": IntegerType(),
        "double": DoubleType(),
        "bigint": LongType(),
    }
    return StructType(
        [
            StructField(n, types.get(_TYPES.get(n, ""), StringType()), n not in _REQUIRED[table])
            for n in names
        ]
    )


def _document_schema() -> StructType:
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    return StructType(
        [
            StructField("doc_id", StringType(), False),
            StructField(PARTITION_COLUMN, StringType(), False),
            StructField("article", _struct("articles", ARTICLE_FIELDS), True),
            StructField("entities", ArrayType(_struct("entities", ENTITY_FIELDS), False), False),
            StructField(
                "attributions",
                ArrayType(_struct("attributions", ATTRIBUTION_FIELDS), False),
                False,
            ),
            StructField("errors", ArrayType(_struct("errors", ERROR_FIELDS), False), False),
        ]
    )


def _write_table(docs: DataFrame, table: str, path: str) -> None:
    from pyspark.sql import functions as F

    if table == "articles":
        rows = docs.where(F.col("article").isNotNull()).select("article.*", PARTITION_COLUMN)
    elif table == "errors":
        rows = docs.select(F.explode("errors").alias("row")).select("row.*")
    else:
        rows = docs.select(F.explode(table).alias("row"), PARTITION_COLUMN).select(
            "row.*", PARTITION_COLUMN
        )
    writer = rows.write.mode("overwrite")
    if table != "errors":
        writer = writer.partitionBy(PARTITION_COLUMN)
    writer.parquet(path)


def _check_out(spark: SparkSession, out: str) -> None:
    """E302 unless ``out`` is new, empty, or holds onrecord's tables only (any file system)."""
    sc: Any = spark.sparkContext  # _jvm and _jsc: Hadoop's FileSystem API, for HDFS and S3
    path = sc._jvm.org.apache.hadoop.fs.Path(out)
    fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
    if not fs.exists(path):
        return
    if not fs.getFileStatus(path).isDirectory():
        raise SparkJobError("E302", path=out, detail="it is a file")
    names = [status.getPath().getName() for status in fs.listStatus(path)]
    others = sorted(n for n in names if n not in TABLES and not n.startswith((".", "_")))
    if others:
        shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
        raise SparkJobError("E302", path=out, detail=shown)


def _is_spark_error(exc: BaseException) -> bool:
    module = type(exc).__module__
    return module.startswith(("pyspark", "py4j"))


def _first_line(exc: BaseException) -> str:
    """The line of a Spark error that says what went wrong (not a Java stack trace)."""
    text = str(exc).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:  # an onrecord error raised in a worker names its code
        if line.startswith("onrecord.") and "Error:" in line:
            return line.split(":", 1)[1].strip()
    return lines[0][:300] if lines else type(exc).__name__
