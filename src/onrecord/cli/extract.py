"""``onrecord extract``: articles in, who-said-what out (a table on a terminal, else JSON Lines)."""

from __future__ import annotations

import codecs
import io
import logging
import os
import sys
from contextlib import ExitStack, closing, nullcontext
from enum import StrEnum
from typing import Annotated, NoReturn, TextIO

import typer
from tqdm import tqdm

from onrecord.batch import Report, run_batch
from onrecord.config import Settings
from onrecord.errors import OnrecordError
from onrecord.model import Document
from onrecord.readers import read_inputs
from onrecord.writers import make_writer

logger = logging.getLogger("onrecord")


class Finder(StrEnum):
    combined = "combined"
    tagger = "tagger"
    rules = "rules"


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


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
    text_field: Annotated[
        str, typer.Option("--text-field", help="JSON Lines: the key holding the text.")
    ] = "text",
    id_field: Annotated[
        str, typer.Option("--id-field", help="JSON Lines: the key holding the id.")
    ] = "id",
    encoding: Annotated[
        str, typer.Option("--encoding", help="Read input files with this encoding.")
    ] = "utf-8",
    jobs: Annotated[
        int, typer.Option("-j", "--jobs", min=1, help="Worker processes (one model each).")
    ] = 1,
    fast: Annotated[
        bool | None, typer.Option("--fast", help="The fast profile: skip the slower stages.")
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence", min=0.0, max=1.0, help="Drop attributions below this [0.0]."
        ),
    ] = None,
    finder: Annotated[
        Finder | None,
        typer.Option(
            "--finder",
            help="Who finds attributions: the trained tagger and the rules together "
            "(combined, the default), or either alone.",
            show_default=False,
        ),
    ] = None,
    tagger: Annotated[
        str | None,
        typer.Option(
            "--tagger",
            help="A folder written by `onrecord train` to use instead of the shipped one.",
        ),
    ] = None,
    max_chars: Annotated[
        int | None,
        typer.Option(
            "--max-chars", min=1, help="Longer documents become E004 error records [5000000]."
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="Errors only: no progress, no summary.")
    ] = False,
    verbose: Annotated[
        int, typer.Option("-v", "--verbose", count=True, help="More logging (-vv: debug).")
    ] = 0,
) -> None:
    """Find who said what in news articles.

    Example: onrecord extract articles/ -j 2 -o records.jsonl

    Each document gives one record; one that cannot be read gives a record with "errors"
    and a line on stderr, and the rest go on. Exit code: 0 done, 1 some documents failed,
    2 bad usage or settings.
    """
    _configure_logging(quiet=quiet, verbose=verbose)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise typer.BadParameter(
            f"unknown encoding {encoding!r}; try utf-8, latin-1, cp1252 or utf-16",
            param_hint="--encoding",
        ) from None
    try:
        settings = Settings.from_env(
            fast=fast,
            min_confidence=min_confidence,
            max_chars=max_chars,
            finder=finder.value if finder else None,
            tagger=tagger,
        )
    except (TypeError, ValueError) as exc:
        _fail(f"an ONRECORD_* environment variable is invalid ({exc}). Fix or unset it.")

    to_stdout = output == "-"
    fmt = _pick_format(format, output, is_terminal=to_stdout and sys.stdout.isatty())
    paths = paths or ["-"]
    if "-" in paths and sys.stdin.isatty() and not quiet:
        _say("reading text from the terminal; end it with Ctrl-D")

    items = read_inputs(
        paths,
        text_field=text_field,
        id_field=id_field,
        encoding=encoding,
        max_chars=settings.max_chars,
    )
    report = Report()
    tqdm.monitor_interval = 0  # no monitor thread: -j forks workers, best done thread-free
    try:
        with ExitStack() as stack:
            stream = _utf8(sys.stdout) if to_stdout else stack.enter_context(_open(output))
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
                _report_errors(doc)
                with pause():
                    writer.write(doc)
    except BrokenPipeError:
        _quiet_broken_pipe()  # e.g. ``| head``: the reader left, stop without a traceback
        raise typer.Exit(1) from None
    except OnrecordError as exc:  # the extractor could not start: a settings problem
        _fail(exc.message if exc.code == "E000" else f"{exc.message} [{exc.code}]")
    except KeyboardInterrupt:
        _say(f"interrupted after {report}")
        raise typer.Exit(130) from None
    if not quiet:
        _say(str(report))
    raise typer.Exit(report.return_code)


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


def _utf8(stream: TextIO) -> TextIO:
    """stdout writing UTF-8 whatever the locale says: records are UTF-8 (ensure_ascii=False)."""
    if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
        stream.reconfigure(encoding="utf-8")
    return stream


def _report_errors(doc: Document) -> None:
    for problem in doc.errors:  # the message starts with the document's id
        _say(f"error: {problem.message} [{problem.code}]")


def _say(message: str) -> None:
    """A line on stderr that does not break the progress bar."""
    tqdm.write(message, file=sys.stderr)


def _fail(message: str) -> NoReturn:
    _say(f"error: {message}")
    raise typer.Exit(2)


def _quiet_broken_pipe() -> None:
    """Point stdout at /dev/null so the flush at exit does not fail again (Python docs)."""
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError):
        return  # not a real file (tests): nothing will flush to a closed pipe
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)


class _TqdmHandler(logging.Handler):
    """Log records to the current stderr, through tqdm so a progress bar stays intact."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            tqdm.write(f"{record.levelname.lower()}: {self.format(record)}", file=sys.stderr)
        except Exception:  # logging must never break the run; Handler reports it
            self.handleError(record)


def _configure_logging(*, quiet: bool, verbose: int) -> None:
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    for handler in [h for h in logger.handlers if isinstance(h, _TqdmHandler)]:
        logger.removeHandler(handler)
    logger.addHandler(_TqdmHandler())
    logger.setLevel(level)
