"""``onrecord ingest``: articles into the DuckDB store, idempotent and resumable."""

from __future__ import annotations

import sys
from contextlib import closing
from typing import Annotated

import typer
from tqdm import tqdm

from onrecord.cli.common import (
    Accurate,
    ConventionOption,
    Encoding,
    Fast,
    FinderOption,
    IdField,
    Jobs,
    MaxChars,
    MinConfidence,
    Quiet,
    TaggerOption,
    TextField,
    Verbose,
    check_encoding,
    configure_logging,
    documents,
    extraction_settings,
    fail,
    fail_with,
    report_errors,
    say,
)
from onrecord.errors import OnrecordError
from onrecord.store import IngestReport, default_db, ingest
from onrecord.store.parquet import ingest_parquet

Database = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="The store: a DuckDB file [$ONRECORD_DB, else onrecord.duckdb].",
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)


def ingest_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Text, HTML, .jsonl(.gz) or .warc(.gz) files, folders (read recursively), "
            "or - for stdin (the default).",
            show_default=False,
        ),
    ] = None,
    db: Database = None,
    parquet: Annotated[
        str | None,
        typer.Option(
            "--parquet",
            help="Store the Parquet tables in this folder instead (the --out of "
            "`onrecord spark`, or of `onrecord export --parquet`); no extraction.",
            show_default=False,
        ),
    ] = None,
    text_field: TextField = "text",
    id_field: IdField = "id",
    encoding: Encoding = "utf-8",
    jobs: Jobs = 1,
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
    """Extract attributions from articles and add them to the store.

    Example: onrecord ingest news/ crawl.warc.gz --db corpus.duckdb -j 2
    (or: onrecord ingest --parquet spark-out/ --db corpus.duckdb)

    Articles already in the store (same URL and text) are skipped, so running it again,
    e.g. after an interruption, adds only what is missing. A document that cannot be
    read or extracted is recorded in the errors table and the rest go on. Exit code: 0
    done, 1 some documents failed, 2 bad usage, settings, or a locked store.
    """
    configure_logging(quiet=quiet, verbose=verbose)
    check_encoding(encoding)
    settings = extraction_settings(
        fast, accurate, min_confidence, max_chars, finder, tagger, convention
    )
    path = db or default_db()
    if parquet is not None and paths:
        fail("--parquet reads the tables of one folder: give it no other PATHS")
    report = IngestReport()
    tqdm.monitor_interval = 0  # no monitor thread: -j forks workers, best done thread-free
    try:
        if parquet is not None:
            docs = ingest_parquet(parquet, path, report=report)
        else:
            items = documents(
                paths,
                text_field=text_field,
                id_field=id_field,
                encoding=encoding,
                settings=settings,
                quiet=quiet,
                keep_results=True,  # a gold file's attributions stay with the article, as meta
            )
            docs = ingest(items, path, settings, jobs, report=report)
        with (
            closing(docs),
            tqdm(
                docs,
                disable=True if quiet else None,  # None: only when stderr is a terminal
                unit=" articles",
                file=sys.stderr,
                desc="ingest",
            ) as progress,
        ):
            for doc in progress:
                report_errors(doc)
                progress.set_postfix(
                    attributions=report.attributions, errors=report.failed, refresh=False
                )
    except OnrecordError as exc:  # a locked or unreadable store, or no model
        fail_with(exc)
    except KeyboardInterrupt:
        say(f"interrupted after {report}; run the same command again to go on")
        raise typer.Exit(130) from None
    if not quiet:
        say(f"{report} -> {path}")
    raise typer.Exit(report.return_code)
