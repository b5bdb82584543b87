"""What the commands share: extraction options, logging, messages on stderr, exit codes.

The options are ``Annotated`` aliases so ``extract`` and ``ingest`` name and document them
the same way; ``extraction_settings`` turns them into ``Settings`` (flag > env > default).
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, NoReturn, TextIO

import typer
from tqdm import tqdm

from onrecord.config import Settings
from onrecord.errors import OnrecordError
from onrecord.model import Document, RawDocument
from onrecord.readers import read_inputs

logger = logging.getLogger("onrecord")


class Finder(StrEnum):
    combined = "combined"
    tagger = "tagger"
    rules = "rules"


class Convention(StrEnum):
    news = "news"
    polnear = "polnear"


TextField = Annotated[
    str, typer.Option("--text-field", help="JSON Lines: the key holding the text.")
]
IdField = Annotated[str, typer.Option("--id-field", help="JSON Lines: the key holding the id.")]
Encoding = Annotated[str, typer.Option("--encoding", help="Read input files with this encoding.")]
Jobs = Annotated[
    int, typer.Option("-j", "--jobs", min=1, help="Worker processes (one model each).")
]
Fast = Annotated[
    bool | None, typer.Option("--fast", help="The fast profile: skip the slower stages.")
]
Accurate = Annotated[
    bool | None,
    typer.Option(
        "--accurate",
        help="The accurate profile: the tagger also reads a pretrained encoder; slower "
        "(needs onnxruntime and tokenizers: onrecord's 'accurate' extra).",
    ),
]
MinConfidence = Annotated[
    float | None,
    typer.Option("--min-confidence", min=0.0, max=1.0, help="Drop attributions below this [0.0]."),
]
FinderOption = Annotated[
    Finder | None,
    typer.Option(
        "--finder",
        help="Who finds attributions: the trained tagger and the rules together "
        "(combined, the default), or either alone.",
        show_default=False,
    ),
]
ConventionOption = Annotated[
    Convention | None,
    typer.Option(
        "--convention",
        help="What counts and how long a source is: news (the default: 'Jane Doe', not "
        "'Jane Doe, the CEO,'; no pure actions such as 'declined to comment') or polnear "
        "(PolNeAR's wider reading, to compare with PolNeAR).",
        show_default=False,
    ),
]
TaggerOption = Annotated[
    str | None,
    typer.Option(
        "--tagger", help="A folder written by `onrecord train` to use instead of the shipped one."
    ),
]
MaxChars = Annotated[
    int | None,
    typer.Option(
        "--max-chars", min=1, help="Longer documents become E004 error records [5000000]."
    ),
]
Quiet = Annotated[bool, typer.Option("-q", "--quiet", help="Errors only: no progress, no summary.")]
Verbose = Annotated[
    int, typer.Option("-v", "--verbose", count=True, help="More logging (-vv: debug).")
]


def check_encoding(encoding: str) -> None:
    """A bad --encoding is a usage error now, not an error per file later."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise typer.BadParameter(
            f"unknown encoding {encoding!r}; try utf-8, latin-1, cp1252 or utf-16",
            param_hint="--encoding",
        ) from None


def extraction_settings(
    fast: bool | None,
    accurate: bool | None,
    min_confidence: float | None,
    max_chars: int | None,
    finder: Finder | None,
    tagger: str | None,
    convention: Convention | None = None,
) -> Settings:
    """Settings from the flags given, then ONRECORD_* variables; a bad variable exits 2,
    and so do --fast and --accurate together."""
    if fast and accurate:
        fail("--fast and --accurate are two profiles; give one of them (or neither: the default)")
    try:
        settings = Settings.from_env(
            profile="fast" if fast else "accurate" if accurate else None,
            min_confidence=min_confidence,
            max_chars=max_chars,
            finder=finder.value if finder else None,
            tagger=tagger,
            convention=convention.value if convention else None,
        )
    except (TypeError, ValueError) as exc:
        fail(f"an ONRECORD_* environment variable is invalid ({exc}). Fix or unset it.")
    if settings.accurate and settings.finder == "rules":  # a warning: -q silences it
        logger.warning(
            "the accurate profile changes only the tagger, and --finder rules does not use "
            "it: this runs as the default profile would"
        )
    return settings


def documents(
    paths: list[str] | None,
    *,
    text_field: str,
    id_field: str,
    encoding: str,
    settings: Settings,
    quiet: bool,
    keep_results: bool = False,
) -> Iterator[RawDocument]:
    """The documents the command line names (stdin when none), read lazily."""
    paths = paths or ["-"]
    if "-" in paths and sys.stdin.isatty() and not quiet:
        say("reading text from the terminal; end it with Ctrl-D")
    return read_inputs(
        paths,
        text_field=text_field,
        id_field=id_field,
        encoding=encoding,
        max_chars=settings.max_chars,
        keep_results=keep_results,
    )


def report_errors(doc: Document) -> None:
    for problem in doc.errors:  # the message starts with the document's id
        say(f"error: {problem.message} [{problem.code}]")


def say(message: str) -> None:
    """A line on stderr that does not break the progress bar."""
    tqdm.write(message, file=sys.stderr)


def fail(message: str) -> NoReturn:
    """Say ``message`` as an error and exit 2 (bad usage or settings)."""
    say(f"error: {message}")
    raise typer.Exit(2)


def fail_with(exc: OnrecordError) -> NoReturn:
    """Exit 2 with the error's message and code."""
    fail(exc.message if exc.code == "E000" else f"{exc.message} [{exc.code}]")


def utf8_stdout(stream: TextIO) -> TextIO:
    """stdout writing UTF-8 whatever the locale says: records are UTF-8 (ensure_ascii=False)."""
    if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
        stream.reconfigure(encoding="utf-8")
    return stream


def quiet_broken_pipe() -> None:
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


def configure_logging(*, quiet: bool, verbose: int) -> None:
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    for handler in [h for h in logger.handlers if isinstance(h, _TqdmHandler)]:
        logger.removeHandler(handler)
    logger.addHandler(_TqdmHandler())
    logger.setLevel(level)
