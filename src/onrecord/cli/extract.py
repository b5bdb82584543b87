"""``onrecord extract``: articles in, who-said-what out (a table on a terminal, else JSON Lines)."""

from __future__ import annotations

import sys
from contextlib import ExitStack, closing, nullcontext
from dataclasses import replace
from enum import StrEnum
from typing import Annotated, TextIO

import typer
from tqdm import tqdm

from onrecord.batch import Report, run_batch
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
    fail_with,
    quiet_broken_pipe,
    report_errors,
    say,
    utf8_stdout,
)
from onrecord.errors import OnrecordError
from onrecord.model import Document
from onrecord.writers import make_writer


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


class Type(StrEnum):
    statement = "statement"
    thought = "thought"


#: -o suffixes that pick the format when --format is not given
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)


def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Text files, .jsonl/.jsonl.gz files, folders (read recursively), "
            "or - for stdin (the default).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str, typer.Option("-o", "--output", help="Write here instead of stdout (-).")
    ] = "-",
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: table on a terminal, else by -o's suffix, else jsonl.",
            show_default=False,
        ),
    ] = None,
    type: Annotated[
        Type | None,
        typer.Option(
            "--type",
            help="Keep only statements (said, wrote, according to, ...) or only thoughts "
            "(believes, fears, hopes, expects, ...).",
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
    """Find who said what in news articles.

    Example: onrecord extract articles/ -j 2 -o records.jsonl

    Each document gives one record; one that cannot be read gives a record with "errors"
    and a line on stderr, and the rest go on. Exit code: 0 done, 1 some documents failed,
    2 bad usage or settings.
    """
    configure_logging(quiet=quiet, verbose=verbose)
    check_encoding(encoding)
    settings = extraction_settings(
        fast, accurate, min_confidence, max_chars, finder, tagger, convention
    )

    to_stdout = output == "-"
    fmt = _pick_format(format, output, is_terminal=to_stdout and sys.stdout.isatty())
    items = documents(
        paths,
        text_field=text_field,
        id_field=id_field,
        encoding=encoding,
        settings=settings,
        quiet=quiet,
    )
    report = Report()
    tqdm.monitor_interval = 0  # no monitor thread: -j forks workers, best done thread-free
    try:
        with ExitStack() as stack:
            stream = utf8_stdout(sys.stdout) if to_stdout else stack.enter_context(_open(output))
            writer = stack.enter_context(make_writer(fmt, stream))
            docs = stack.enter_context(closing(run_batch(items, settings, jobs)))
            progress = stack.enter_context(
                tqdm(
                    docs,
                    disable=True if quiet else None,  # None: only when stderr is a terminal
                    unit=" docs",
                    file=sys.stderr,
                    desc="extract",
                )
            )
            # a table on a terminal shares it with the bar: clear the bar around each write
            pause = tqdm.external_write_mode if fmt == "table" and to_stdout else nullcontext
            for doc in progress:
                report.done(doc)
                report_errors(doc)
                with pause():
                    writer.write(_of_type(doc, type) if type else doc)
    except BrokenPipeError:
        quiet_broken_pipe()  # e.g. ``| head``: the reader left, stop without a traceback
        raise typer.Exit(1) from None
    except OnrecordError as exc:  # the extractor could not start: a settings problem
        fail_with(exc)
    except KeyboardInterrupt:
        say(f"interrupted after {report}")
        raise typer.Exit(130) from None
    if not quiet:
        say(str(report))
    raise typer.Exit(report.return_code)


def _of_type(doc: Document, wanted: Type) -> Document:
    """``doc`` with only the attributions of type ``wanted``; a ``via`` to one left out
    becomes None, as for one under ``--min-confidence``."""
    kept = [a for a in doc.attributions if a.type == wanted.value]
    ids = {a.id for a in kept}
    return replace(
        doc,
        attributions=tuple(
            a if a.via in ids or a.via is None else replace(a, via=None) for a in kept
        ),
    )


def _pick_format(given: Format | None, output: str, *, is_terminal: bool) -> str:
    if given is not None:
        return given.value
    if output != "-":
        for suffix, fmt in SUFFIX_FORMATS.items():
            if output.lower().endswith(suffix):
                return fmt
        return "jsonl"
    return "table" if is_terminal else "jsonl"


def _open(output: str) -> TextIO:
    try:
        return open(output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise typer.BadParameter(
            f"cannot write {output} ({(exc.strerror or str(exc)).lower()})",
            param_hint="-o",
        ) from None
