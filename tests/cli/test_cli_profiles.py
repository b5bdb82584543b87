"""The profiles on the command line: ``--fast``, ``--accurate`` and ``ONRECORD_PROFILE`` for
extract, ingest and spark (``extraction_settings`` in cli/common.py).

These runs load the real model for the settings asked (no shared model): what is tested is
which tagger a profile loads. The accurate tagger comes from a tiny folder built here
(tests/accurate_folder.py): the shipped tagger's weights beside an encoder they ignore, so
it must find what the default profile finds.
"""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from accurate_folder import write_accurate_folder
from onrecord.cli.app import _register, app

if not app.registered_commands:  # other CLI test modules may have registered already
    _register()

runner = CliRunner()
SHIPPED = files("onrecord.data")
HAS_ACCURATE_MODEL = SHIPPED.joinpath("accurate").joinpath("encoder.onnx").is_file()

MARKET = (
    "Lowfield market hall to reopen after roof repairs\n\n"
    "The Lowfield market hall will reopen on Saturday after six months of roof repairs, "
    "the district council said.\n\n"
    "“Traders have waited long enough,” said market manager Odile Brandt. She expects "
    "forty stalls on the first day.\n"
)


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, [str(a) for a in args], env=env)


def records(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "market.txt"
    path.write_text(MARKET, encoding="utf-8")
    return path


@pytest.fixture
def accurate_folder(tmp_path: Path) -> Path:
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    pytest.importorskip("tokenizers", reason="the accurate profile needs onrecord[accurate]")
    return write_accurate_folder(tmp_path / "accurate")


@pytest.fixture
def plain_folder(tmp_path: Path) -> Path:
    """The shipped (default) tagger: no encoder.onnx, so no accurate tagger."""
    folder = tmp_path / "plain"
    folder.mkdir()
    for name in ("tagger.npz", "tagger.json"):
        (folder / name).write_bytes(SHIPPED.joinpath(name).read_bytes())
    return folder


def test_cli_profiles_accurate_runs_end_to_end(
    article: Path, accurate_folder: Path, plain_folder: Path
) -> None:
    accurate = run("extract", article, "--accurate", "--tagger", accurate_folder, "-f", "jsonl")
    assert accurate.exit_code == 0, accurate.stderr
    default = run("extract", article, "--tagger", plain_folder, "-f", "jsonl")
    assert default.exit_code == 0, default.stderr
    (record,) = records(accurate)
    assert record["errors"] == [] and record["attributions"]
    assert records(accurate) == records(default)
    assert accurate.stderr.splitlines()[-1] == default.stderr.splitlines()[-1]


def test_cli_profiles_accurate_from_the_environment(article: Path, accurate_folder: Path) -> None:
    env = {"ONRECORD_PROFILE": "accurate", "ONRECORD_TAGGER": str(accurate_folder)}
    by_env = run("extract", article, "-f", "jsonl", env=env)
    assert by_env.exit_code == 0, by_env.stderr
    # the same folder without the accurate profile: its heads read the encoder's states too
    without = run("extract", article, "-f", "jsonl", "--tagger", accurate_folder)
    assert without.exit_code == 2 and "E017" in without.stderr and "--accurate" in without.stderr
    (record,) = records(by_env)
    assert record["errors"] == [] and record["attributions"]


def test_cli_profiles_ingest_takes_accurate(
    article: Path, accurate_folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    result = run("ingest", article, "--accurate", "--tagger", accurate_folder, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("1 document, ") and " 0 failed" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_profiles_accurate_without_its_model_exits_2(
    article: Path, plain_folder: Path, jobs: str
) -> None:
    result = run("extract", article, article, "--accurate", "--tagger", plain_folder, "-j", jobs)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {plain_folder}: no trained tagger here")
    assert result.stderr.rstrip().endswith("[E010]")
    assert result.stdout == ""


def test_cli_profiles_ingest_accurate_without_its_model_exits_2(
    article: Path, plain_folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    result = run("ingest", article, "--accurate", "--tagger", plain_folder, "--db", db)
    assert result.exit_code == 2
    assert "no trained tagger here" in result.stderr and "[E010]" in result.stderr


def test_cli_profiles_accurate_without_onnxruntime_says_what_to_install(
    article: Path, accurate_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as Python has it when not installed
    result = run("extract", article, "--accurate", "--tagger", accurate_folder)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the accurate profile needs onnxruntime: pip install")
    assert result.stderr.rstrip().endswith("[E016]")


@pytest.mark.parametrize("command", ["extract", "ingest", "spark"])
def test_cli_profiles_fast_and_accurate_together_is_bad_usage(
    command: str, article: Path, tmp_path: Path
) -> None:
    extra = ["--out", str(tmp_path / "out")] if command == "spark" else []
    if command == "ingest":
        extra = ["--db", str(tmp_path / "store.duckdb")]
    result = run(command, article, *extra, "--fast", "--accurate")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --fast and --accurate are two profiles; give one of them "
        "(or neither: the default)\n"
    )
    assert not (tmp_path / "store.duckdb").exists() and not (tmp_path / "out").exists()


def test_cli_profiles_bad_profile_variable_exits_2(article: Path) -> None:
    result = run("extract", article, env={"ONRECORD_PROFILE": "bogus"})
    assert result.exit_code == 2
    assert result.stderr == (
        "error: an ONRECORD_* environment variable is invalid (profile must be one of "
        "default, fast, accurate, not 'bogus'). Fix or unset it.\n"
    )


def test_cli_profiles_accurate_with_the_rules_alone_warns(article: Path) -> None:
    result = run("extract", article, "--accurate", "--finder", "rules", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "warning: the accurate profile changes only the tagger, and --finder rules does "
        "not use it: this runs as the default profile would"
    )
    assert records(result)[0]["attributions"]
    quiet = run("extract", article, "--accurate", "--finder", "rules", "-q", "-f", "jsonl")
    assert quiet.exit_code == 0 and quiet.stderr == ""


@pytest.mark.skipif(not HAS_ACCURATE_MODEL, reason="the accurate model is not shipped yet")
def test_cli_profiles_shipped_accurate_model_runs(article: Path) -> None:
    result = run("extract", article, "--accurate", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    (record,) = records(result)
    assert record["errors"] == [] and record["attributions"]


@pytest.mark.skipif(HAS_ACCURATE_MODEL, reason="the accurate model is shipped")
def test_cli_profiles_accurate_before_its_model_ships_exits_2(article: Path) -> None:
    result = run("extract", article, "--accurate")
    assert result.exit_code == 2
    assert "no trained tagger here" in result.stderr and "[E010]" in result.stderr


@pytest.mark.parametrize("command", ["extract", "ingest", "spark"])
def test_cli_profiles_help_says_what_accurate_needs(command: str) -> None:
    result = run(command, "--help", env={"COLUMNS": "250"})
    assert result.exit_code == 0
    (line,) = [line for line in result.stdout.splitlines() if "--accurate" in line]
    assert "(needs onnxruntime and tokenizers: onrecord's 'accurate' extra)" in line
