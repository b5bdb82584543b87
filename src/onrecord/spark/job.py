"""extract.py over Spark partitions: articles in, the store's tables out as Parquet.

Executors read the input with onrecord's own readers (inputs.py), spread the documents
evenly over ``partitions`` tasks and extract them in chunks through
``batch.extract_chunk``, so a bad document is an error row, never a failed task. The
Extractor is built once per Python worker and kept in this module (Spark reuses its
Python workers), never shipped from the driver. Rows come from ``store.rows``, the one
mapping between a record and the store's tables, and are written as
``OUT/articles``, ``OUT/attributions``, ``OUT/entities`` (partitioned by ``month``,
YYYY-MM of publication, else ``undated``), ``OUT/speakers`` and ``OUT/errors``.

Speakers across articles are the store's (``store/speakers.py``): a pure function of the
corpus's distinct (name, type) entity forms, so the driver groups them once (they are few
beside the articles) and the ids, numbered in the groups' sorted order, are joined onto
entities and attributions; ``onrecord ingest --parquet`` makes the same speakers (its
own ids). ``quote_group`` and ``seq`` stay null: the store numbers them.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from importlib.resources import files
from itertools import islice
from typing import TYPE_CHECKING, Any

from onrecord.batch import CHUNK_SIZE, Report, check_document, extract_chunk, start_extractor
from onrecord.config import Settings
from onrecord.errors import SparkJobError
from onrecord.extract import Extractor
from onrecord.model import Document
from onrecord.spark.inputs import INPUT_FORMATS, RawRow, format_of, raw_document, read_input
from onrecord.store.rows import document_rows, error_rows
from onrecord.store.speakers import speaker_groups
from onrecord.store.variants import search_text

if TYPE_CHECKING:
    from pyspark import Accumulator
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
TABLES = ("articles", "attributions", "entities", "speakers", "errors")
#: articles, attributions and entities are partitioned by the month they were published
PARTITION_COLUMN = "month"
UNDATED = "undated"
#: partitions per core when --partitions is not given: small tasks balance and retry well
PARTITIONS_PER_CORE = 4


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
        if quiet:  # and none of the JVM's start-up chatter (its banner, network warnings)
            quiet_log = files("onrecord.spark").joinpath("log4j2-quiet.properties")
            conf.setdefault(
                "spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={quiet_log}"
            )
    if quiet:
        conf.setdefault("spark.ui.showConsoleProgress", "false")
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
                read_input(spark, path, fmt, text_field=text_field, id_field=id_field)
                for path, fmt in formats
            ]
        )
        count = partitions or sc.defaultParallelism * PARTITIONS_PER_CORE
        loads = sc.accumulator(0)
        extracted = raw.repartition(count).mapPartitions(
            partial(extract_partition, settings, loads=loads)
        )
        docs = spark.createDataFrame(extracted, _document_schema())
        docs = docs.persist(StorageLevel.MEMORY_AND_DISK)  # extract once, write five tables
        totals = docs.agg(
            F.count(F.lit(1)),
            F.sum(F.size("attributions")),
            F.sum(F.when(F.size("errors") > 0, 1).otherwise(0)),
        ).first()
        speakers, forms = _speakers(spark, docs)
        for table in TABLES:
            _write_table(docs, table, f"{out.rstrip('/')}/{table}", speakers, forms)
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


# ---- extracting: one Extractor per Python worker --------------------------------------------

_extractors: dict[Settings, Extractor] = {}


def extract_partition(
    settings: Settings, rows: Iterable[RawRow], *, loads: Accumulator[int] | None = None
) -> Iterator[tuple[Any, ...]]:
    """The output row of each raw document of a partition, extracted in chunks.

    A document that fails becomes a row with ``errors``; only a model that cannot load
    at all (E000, no document could be done) fails the task.
    """
    raws = (check_document(raw_document(row), settings) for row in rows)
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
    "article_id", "id", "kind", "type", "content", "cue", "source", "content_text",
    "cue_text", "source_text", "entity_id", "speaker_id", "via", "confidence",
    "speaker_confidence", "outlet", "published", "search_text", "quote_group", "seq",
)  # fmt: skip
ERROR_FIELDS = ("doc_id", "source", "offset", "code", "message")

#: columns that are not text, by name (JSON columns are text, as DuckDB reads them)
_TYPES = {
    "published": "date",
    "attribution_count": "int",
    "confidence": "double",
    "speaker_confidence": "double",
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


def _speakers(spark: SparkSession, docs: DataFrame) -> tuple[DataFrame, DataFrame]:
    """The corpus's speakers (the store's columns) and each (name, type, speaker_id) form,
    grouped on the driver by ``speaker_groups``, the store's own function."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    seen = docs.select(F.explode("entities").alias("e")).select("e.name", "e.type").distinct()
    groups = speaker_groups((row[0], row[1]) for row in seen.toLocalIterator())
    text = StringType()
    speakers = spark.createDataFrame(
        [(n, g.name, g.type, g.key) for n, g in enumerate(groups, 1)],
        StructType([StructField("id", LongType(), False),
                    *(StructField(c, text, False) for c in ("name", "type", "key"))]),
    )  # fmt: skip
    forms = spark.createDataFrame(
        [(name, type_, n) for n, g in enumerate(groups, 1) for name, type_ in sorted(g.forms)],
        StructType([StructField("name", text, False), StructField("type", text, False),
                    StructField("speaker_id", LongType(), False)]),
    )  # fmt: skip
    return speakers, forms


def _write_table(
    docs: DataFrame, table: str, path: str, speakers: DataFrame, forms: DataFrame
) -> None:
    from pyspark.sql import functions as F

    if table == "articles":
        rows = docs.where(F.col("article").isNotNull()).select("article.*", PARTITION_COLUMN)
    elif table == "errors":
        rows = docs.select(F.explode("errors").alias("row")).select("row.*")
    elif table == "speakers":
        rows = speakers
    else:
        rows = docs.select(F.explode(table).alias("row"), PARTITION_COLUMN).select(
            "row.*", PARTITION_COLUMN
        )
    if table == "entities":  # a form that names nobody ("Mayor") has no speaker: left join
        rows = rows.drop("speaker_id").join(forms, ["name", "type"], "left")
        rows = rows.select(*ENTITY_FIELDS, PARTITION_COLUMN)
    elif table == "attributions":
        entities = docs.select(F.explode("entities").alias("e")).select(
            F.col("e.article_id").alias("article_id"),
            F.col("e.id").alias("entity_id"),
            F.col("e.name").alias("name"),
            F.col("e.type").alias("type"),
        )
        # distinct: an article given twice has its entities twice, not its quotes four times
        speaker_of = entities.join(forms, ["name", "type"]).drop("name", "type").distinct()
        rows = rows.drop("speaker_id").join(speaker_of, ["article_id", "entity_id"], "left")
        rows = rows.select(*ATTRIBUTION_FIELDS, PARTITION_COLUMN)
    writer = rows.write.mode("overwrite")
    if table not in ("errors", "speakers"):
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
