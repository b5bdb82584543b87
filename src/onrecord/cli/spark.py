"""``onrecord spark``: the same extraction on Apache Spark, the store's tables as Parquet."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from onrecord.cli.common import (
    Accurate,
    ConventionOption,
    Fast,
    FinderOption,
    IdField,
    MaxChars,
    MinConfidence,
    Quiet,
    TaggerOption,
    TextField,
    Verbose,
    configure_logging,
    extraction_settings,
    fail,
    fail_with,
    say,
)
from onrecord.errors import OnrecordError

#: failed documents named on stderr after a run; the rest are in OUT/errors/
SHOWN_ERRORS = 10


class InputFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    warc = "warc"


def register(app: typer.Typer) -> None:
    app.command("spark")(spark_command)


def spark_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="JSON Lines (.jsonl, .jsonl.gz), Parquet or WARC (.warc, .warc.gz) files, "
            "globs or folders, on any file system Spark reads (hdfs://, s3a://).",
            show_default=False,
        ),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out",
            help="Folder for the Parquet tables (articles/, attributions/, entities/, "
            "errors/); a rerun overwrites them.",
            show_default=False,
        ),
    ],
    master: Annotated[
        str | None,
        typer.Option(
            "--master",
            help="Spark master URL: local[*], yarn, k8s://… [spark-submit's, else local[*]].",
            show_default=False,
        ),
    ] = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            "--input-format",
            help="Read every input as this format [by the name: .jsonl, .parquet, .warc].",
            show_default=False,
        ),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option(
            "--partitions",
            min=1,
            help="Extraction tasks [4 per core of the cluster].",
            show_default=False,
        ),
    ] = None,
    conf: Annotated[
        list[str] | None,
        typer.Option(
            "--conf", help="A Spark setting KEY=VALUE (repeatable), as spark-submit's --conf."
        ),
    ] = None,
    text_field: TextField = "text",
    id_field: IdField = "id",
    fast: Fast = None,
    accurate: Accurate = None,
    min_confidence: MinConfidence = None,
    finder: FinderOption = None,
    tagger: TaggerOption = None,
    convention: ConventionOption = None,
    max_chars: MaxChars = None,
    quiet: Quiet = False,
    verbose: Verbose = 0,
) -> None:
    """Extract attributions with Apache Spark and write the store's tables as Parquet.

    Example: onrecord spark 'news/*.jsonl.gz' crawl.warc.gz --out corpus-parquet/

    Then: onrecord ingest --parquet corpus-parquet/ --db corpus.duckdb. A document that
    cannot be read or extracted becomes a row of errors/ and the job goes on. Exit code:
    0 done, 1 some documents failed, 2 bad usage, or Spark could not start or run.
    """
    configure_logging(quiet=quiet, verbose=verbose)
    settings = extraction_settings(
        fast, accurate, min_confidence, max_chars, finder, tagger, convention
    )
    settings_conf = dict(_pair(item) for item in conf or [])
    fmt = input_format.value if input_format else None
    try:
        from onrecord.spark import active_session, format_of, run_job, start_session

        for path in paths:
            format_of(path, fmt)  # E301 is bad usage: say so before Spark starts
        ours = active_session() is None  # a session already running (a notebook) is not ours
        spark = start_session(master, settings_conf, quiet=quiet and not verbose)
    except OnrecordError as exc:  # an unknown format, no pyspark, no Java, a bad master
        fail_with(exc)
    try:
        report = run_job(
            spark,
            paths,
            out,
            settings,
            input_format=fmt,
            text_field=text_field,
            id_field=id_field,
            partitions=partitions,
        )
        if report.failed:
            _show_errors(spark, out, report.failed)
    except OnrecordError as exc:  # an unknown format, a foreign --out, a failed stage
        fail_with(exc)
    except KeyboardInterrupt:
        say("interrupted; run the same command again (it overwrites the tables)")
        raise typer.Exit(130) from None
    finally:
        if ours:
            spark.stop()
    if not quiet:
        say(f"{report} -> {out}")
    raise typer.Exit(report.return_code)


def _pair(item: str) -> tuple[str, str]:
    key, equals, value = item.partition("=")
    if not equals or not key.strip():
        fail(f"--conf {item!r} is not KEY=VALUE (e.g. spark.executor.memory=4g)")
    return key.strip(), value


def _show_errors(spark: object, out: str, failed: int) -> None:
    from pyspark.sql import SparkSession

    assert isinstance(spark, SparkSession)
    rows = spark.read.parquet(f"{out.rstrip('/')}/errors").limit(SHOWN_ERRORS).collect()
    for row in rows:
        say(f"error: {row['message']} [{row['code']}]")
    if failed > len(rows):
        say(f"… and {failed - len(rows):,} more in {out.rstrip('/')}/errors/")


def main() -> None:
    """``python -m onrecord.spark`` / spark-submit: this one command, without a subcommand."""
    typer.run(spark_command)
