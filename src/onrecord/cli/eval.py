"""``onrecord eval``: score predictions, or onrecord's own extraction, against gold."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from tqdm import tqdm

from onrecord.cli.common import Convention, ConventionOption
from onrecord.config import Profile, Settings
from onrecord.errors import OnrecordError
from onrecord.evaluation import EvaluationError, evaluate, format_table, read_gold_texts
from onrecord.model import Document

_SHOWN = 20  # problems listed before "... and N more", as the official scorer does


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def eval_command(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold JSON Lines (or one .json record or list) with text."),
    ],
    pred: Annotated[
        Path | None,
        typer.Argument(help="Predictions JSON Lines. Leave out to extract from the gold texts."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result as JSON: fractions and counts.")
    ] = False,
    by_kind: Annotated[
        bool,
        typer.Option("--by-kind", help="Add recall per gold kind, precision per predicted kind."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also save the extracted predictions (JSON Lines)."),
    ] = None,
    fast: Annotated[bool, typer.Option("--fast", help="Extract with the fast profile.")] = False,
    accurate: Annotated[
        bool, typer.Option("--accurate", help="Extract with the accurate profile.")
    ] = False,
    convention: ConventionOption = None,
) -> None:
    """Score attributions against gold, with the official scorer's metrics.

    Examples: `onrecord eval dev.jsonl pred.jsonl --by-kind` scores a file of predictions;
    `onrecord eval dev.jsonl -o pred.jsonl` extracts from the gold texts, saves and scores.
    """
    if output is not None and pred is not None:
        _fail(["--output saves extracted predictions: leave out PRED to extract them."])
    if fast and accurate:
        _fail(["--fast and --accurate are two profiles; give one of them (or neither)."])
    profile: Profile | None = "fast" if fast else "accurate" if accurate else None
    with _library_warnings():
        try:
            result, docs = _score(gold, pred, output, profile, convention)
        except EvaluationError as err:
            _fail([p.message for p in err.problems])
        except OnrecordError as err:
            _fail([err.message])
    typer.echo(json.dumps(result, indent=2) if as_json else format_table(result, by_kind))
    failed = [d for d in docs if not d.is_ok]
    for doc in failed:
        for problem in doc.errors:  # catalogue messages start with the id; others get it
            message = problem.message
            if not message.startswith(doc.id):
                message = f"{doc.id}: {message}"
            typer.echo(f"warning: {message} [{problem.code}]", err=True)
    if failed:  # scored as predicting nothing: the numbers above are a floor
        raise typer.Exit(1)


def _score(
    gold: Path,
    pred: Path | None,
    output: Path | None,
    profile: Profile | None,
    convention: Convention | None = None,
) -> tuple[dict[str, Any], list[Document]]:
    """The result, and the extracted documents when there is no ``pred`` to read."""
    if pred is not None:
        return evaluate(gold, pred), []
    docs = _extract(gold, profile, convention)
    predictions = [d.to_dict() for d in docs]
    if output is not None:
        _write(output, predictions)
    return evaluate(gold, predictions), docs


def _extract(
    gold: Path, profile: Profile | None, convention: Convention | None = None
) -> list[Document]:
    # imported here: loading the pipeline is slow, and scoring files does not need it
    from onrecord.extract import Extractor

    raws = read_gold_texts(gold)
    try:
        settings = Settings.from_env(
            profile=profile, convention=convention.value if convention else None
        )
    except (TypeError, ValueError) as exc:
        _fail([f"an ONRECORD_* environment variable is invalid ({exc}). Fix or unset it."])
    extractor = Extractor(settings)
    progress = tqdm(extractor.pipe(raws), total=len(raws), unit="doc", disable=None)
    return list(progress)


def _write(path: Path, records: list[dict[str, Any]]) -> None:
    try:
        with path.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    except OSError as err:
        _fail([f"{path}: cannot write ({err}). Check the folder exists and is writable."])


def _fail(problems: list[str]) -> NoReturn:
    """Bad usage or input: every problem on stderr (up to _SHOWN), exit code 2."""
    shown = problems[:_SHOWN]
    if len(problems) > _SHOWN:
        shown.append(f"... and {len(problems) - _SHOWN} more")
    for problem in shown:
        typer.echo(f"error: {problem}", err=True)
    raise typer.Exit(2)


class _EchoHandler(logging.Handler):
    """Library log records as ``warning: …`` lines on stderr, as the official scorer has them."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)


@contextmanager
def _library_warnings() -> Iterator[None]:
    """Show the evaluation module's warnings (ignored prediction ids) once, on stderr."""
    log = logging.getLogger("onrecord.evaluation")
    handler, propagate = _EchoHandler(logging.WARNING), log.propagate
    log.addHandler(handler)
    log.propagate = False  # once: not again through a handler an app-wide -v may add
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.propagate = propagate
