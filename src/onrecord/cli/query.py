"""The query commands over the store: ``quotes``, ``speakers``, ``trace``, ``sql``, ``export``.

Each opens the store read-only (waiting a few seconds if an ingest holds it) and writes
rows to stdout: a table on a terminal, else JSON Lines; ``--format`` says otherwise.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

import typer

from onrecord.cli.common import fail_with, quiet_broken_pipe, say, utf8_stdout
from onrecord.cli.ingest import Database
from onrecord.cli.rows import RowFormat, write_rows
from onrecord.errors import OnrecordError
from onrecord.store import SORTS, QuoteFilter, Store, default_db, export_parquet
from onrecord.store.variants import render_diff

FormatOption = Annotated[
    RowFormat | None,
    typer.Option(
        "--format", "-f", help="table (default on a terminal), jsonl or csv.", show_default=False
    ),
]
Outlet = Annotated[str | None, typer.Option("--outlet", help="Part of the outlet's name.")]
Limit = Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many rows.")]

QUOTE_COLUMNS = (
    "published", "outlet", "speaker", "speaker_confidence", "kind", "type", "content",
)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("quotes")(quotes)
    app.command("speakers")(speakers)
    app.command("trace")(trace)
    app.command("sql")(sql)
    app.command("export")(export)


def quotes(
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Any of the speaker's names, e.g. Zelensky.")
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", help="Part of the outlet's name, or a short name (nyt)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this date, inclusive.")
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct, mixed or indirect.")] = None,
    type: Annotated[
        str | None,
        typer.Option(
            "--type", help="statement (said, wrote, ...) or thought (believes, fears, ...)."
        ),
    ] = None,
    contains: Annotated[
        str | None,
        typer.Option("--contains", help="Words the quote contains, in this order (any case)."),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option("--min-confidence", help="Only quotes found with at least this score (0-1)."),
    ] = None,
    min_speaker_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-speaker-confidence",
            help="Only quotes whose speaker is at least this likely right (0-1).",
        ),
    ] = None,
    sort: Annotated[
        str,
        typer.Option("--sort", help=f"Sort by {', '.join(SORTS)}."),
    ] = "published",
    order: Annotated[str, typer.Option("--order", help="desc (default) or asc.")] = "desc",
    page: Annotated[
        int, typer.Option("--page", min=1, help="Which page of --limit rows, from 1.")
    ] = 1,
    limit: Limit = 50,
    format: FormatOption = None,
    db: Database = None,
) -> None:
    """Quotes in the store, newest first, filtered by speaker, outlet, date, kind, type,
    words or confidence.

    Example: onrecord quotes --speaker Zelensky --contains "no ceasefire" --since 2022-03-01
    """
    try:
        filter = QuoteFilter.from_params(
            {"contains": contains, "speaker": speaker, "outlet": outlet, "since": since,
             "until": until, "kind": kind, "type": type, "min_confidence": min_confidence,
             "min_speaker_confidence": min_speaker_confidence, "sort": sort, "order": order,
             "page": page, "page_size": limit}
        )  # fmt: skip
    except OnrecordError as exc:  # a bad date, kind, sort ...: before opening the store
        fail_with(exc)
    with _store(db) as store:
        records = [q.to_dict() for q in store.quotes(filter)]
        # an empty later page: say how many pages there are (a count only then)
        past = store.quote_page(filter) if not records and page > 1 else None
    if past is not None:
        say(
            f"page {page} is past the end: {past.total:,} quotes make {past.pages:,} "
            f"page{'s' if past.pages != 1 else ''} of {limit:,}"
        )
    if _format(format) is RowFormat.table:
        _write(QUOTE_COLUMNS, [[r[c] for c in QUOTE_COLUMNS] for r in records], format)
    else:
        _write_records(records, format)


def speakers(
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Count quotes in this outlet.")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many speakers.")] = 20,
    format: FormatOption = None,
    db: Database = None,
) -> None:
    """Who is quoted most, with direct, mixed and indirect counts and the direct share.

    Example: onrecord speakers --outlet nytimes --top 10
    """
    with _store(db) as store:
        records = [s.to_dict() for s in store.speakers(outlet=outlet, top=top)]
    _write_records(records, format)


def trace(
    text: Annotated[str, typer.Argument(help="The quote, or words from it.")],
    limit: Limit = 200,
    format: FormatOption = None,
    db: Database = None,
) -> None:
    """Where a quote appears across articles and outlets, earliest first.

    Example: onrecord trace "we will not retreat"

    Near-duplicates count as the same quote; the wording of each appearance is shown
    against the earliest, git word-diff style: [-removed-] {+added+}.
    """
    with _store(db) as store:
        hits = store.trace(text, limit=limit)
    if _format(format) is not RowFormat.table:
        _write_records([h.to_dict() for h in hits], format)
        return
    outlets = {h.quote.outlet for h in hits}
    altered = sum(h.is_altered for h in hits)
    say(f"{len(hits)} appearances in {len(outlets)} outlets, {altered} with altered wording")
    rows = [
        [h.quote.published, h.quote.outlet, h.quote.speaker, render_diff(h.diff), h.quote.title]
        for h in hits
    ]
    _write(("published", "outlet", "speaker", "wording", "title"), rows, format)


def sql(
    query: Annotated[str, typer.Argument(help="SELECT … (read-only).")],
    format: FormatOption = None,
    db: Database = None,
) -> None:
    """Run a read-only SQL query on the store (tables: articles, attributions, entities,
    speakers, errors, quote_bands; view: speaker_names).

    Example: onrecord sql "SELECT outlet, count(*) FROM articles GROUP BY outlet"
    """
    with _store(db) as store:  # a failure while rows are written: E206, exit 2
        columns, rows = store.sql_rows(query)
        _write(columns, rows, format)  # as they are fetched: memory stays flat


def export(
    parquet: Annotated[
        str, typer.Option("--parquet", help="Folder to write: one subfolder per table.")
    ],
    db: Database = None,
) -> None:
    """Write every table of the store as Parquet (FOLDER/TABLE/data.parquet).

    Example: onrecord export --parquet corpus-parquet/
    """
    try:
        written = export_parquet(db or default_db(), parquet)
    except OnrecordError as exc:
        fail_with(exc)
    for table, count in written.items():
        say(f"{table}: {count:,} rows")


class _store:
    """Open the store for a command; its errors (missing, locked) exit 2 with the message."""

    def __init__(self, db: str | None) -> None:
        try:
            self.store = Store(db or default_db())
        except OnrecordError as exc:
            fail_with(exc)

    def __enter__(self) -> Store:
        return self.store

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, _: Any) -> None:
        self.store.close()
        if isinstance(exc, OnrecordError):
            fail_with(exc)


def _format(given: RowFormat | None) -> RowFormat:
    if given is not None:
        return given
    return RowFormat.table if sys.stdout.isatty() else RowFormat.jsonl


def _write(columns: Sequence[str], rows: Iterable[Sequence[Any]], given: RowFormat | None) -> None:
    try:
        write_rows(columns, rows, _format(given), utf8_stdout(sys.stdout))
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_broken_pipe()


def _write_records(records: list[dict[str, Any]], given: RowFormat | None) -> None:
    columns = list(records[0]) if records else []
    _write(columns, [list(r.values()) for r in records], given)
