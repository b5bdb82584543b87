"""``onrecord quotes`` with the filter object's options: confidence, date range, sort, page
(a real store of the four fictional corpus articles, exact messages)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from onrecord.cli.app import _register, app

if not app.registered_commands:  # other CLI test modules may have registered already
    _register()

runner = CliRunner()
CORPUS = Path(__file__).parents[1] / "data" / "store" / "corpus.jsonl"


pytestmark = pytest.mark.usefixtures("shared_model")  # tests/cli/conftest.py


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-quotes") / "corpus.duckdb"
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def run(db: Path, *args: str) -> Result:
    return runner.invoke(app, ["quotes", "--db", str(db), "-f", "jsonl", *args])


def jsonl(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cli_quotes_min_confidence_and_min_speaker_confidence(db: Path) -> None:
    every = jsonl(run(db, "--limit", "100"))
    sure = jsonl(run(db, "--limit", "100", "--min-confidence", "0.95"))
    assert sure and all(q["confidence"] >= 0.95 for q in sure)
    assert len(sure) == sum(q["confidence"] >= 0.95 for q in every) < len(every)
    named = jsonl(run(db, "--limit", "100", "--min-speaker-confidence", "0.9"))
    assert named and all(q["speaker_confidence"] >= 0.9 for q in named)
    assert len(named) < len(every)


def test_cli_quotes_sort_order_and_page(db: Path) -> None:
    ordered = jsonl(run(db, "--limit", "100", "--sort", "confidence", "--order", "asc"))
    scores = [q["confidence"] for q in ordered]
    assert scores == sorted(scores)
    second = jsonl(run(db, "--sort", "confidence", "--order", "asc", "-n", "5", "--page", "2"))
    assert [q["attribution_id"] for q in second] == [q["attribution_id"] for q in ordered[5:10]]


def test_cli_quotes_limit_has_no_upper_bound(db: Path) -> None:
    assert len(jsonl(run(db, "--limit", "5000000"))) == 19


def test_cli_quotes_page_past_the_end_says_how_many_pages(db: Path) -> None:
    result = run(db, "--limit", "5", "--page", "9")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "page 9 is past the end: 19 quotes make 4 pages of 5\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--sort", "content"],
            "sort 'content' is not valid: use published, outlet, speaker, kind, type, "
            "confidence, speaker_confidence",
        ),
        (["--order", "up"], "order 'up' is not valid: use desc, asc"),
        (["--min-confidence", "2"], "--min-confidence 2.0 is not valid: use 0 to 1"),
        (
            ["--since", "2026-03-05", "--until", "2026-03-01"],
            "--until '2026-03-01' is not valid: it is before --since 2026-03-05",
        ),
    ],
)
def test_cli_quotes_bad_option_says_what_to_use(db: Path, args: list[str], message: str) -> None:
    result = run(db, *args)
    assert result.exit_code == 2
    assert result.stderr == f"error: {message} [E207]\n"
