"""Tests for ``onrecord eval`` through Typer's CliRunner, on a made-up article."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from onrecord.cli.app import _register, app
from onrecord.config import Settings
from onrecord.evaluation import evaluate, format_table
from onrecord.model import Document, DocumentError, RawDocument

if not app.registered_commands:  # other CLI test modules may have registered already
    _register()

runner = CliRunner()
# the module, not the onrecord.extract function that onrecord/__init__.py re-exports
extract_module = importlib.import_module("onrecord.extract")
TEXT = "“The ferry is late again,” Tom Berg said.\nResidents said the timetable was wrong.\n"


def at(s: str, after: str = "") -> list[int]:
    """[start, end] of s in TEXT, looking from where ``after`` starts."""
    start = TEXT.index(s, TEXT.index(after))
    return [start, start + len(s)]


BERG = {
    "id": "a1",
    "kind": "direct",
    "source": [at("Tom Berg")],
    "cue": [at("said")],
    "content": [at("“The ferry is late again,”")],
}
RESIDENTS = {
    "id": "a2",
    "kind": "indirect",
    "source": [at("Residents")],
    "cue": [at("said", "Residents")],
    "content": [at("the timetable was wrong")],
}
GOLD = [
    {"id": "d1", "text": TEXT, "meta": {"outlet": "Gazette"}, "attributions": [BERG, RESIDENTS]}
]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "gold.jsonl", GOLD)


@pytest.fixture
def pred(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "pred.jsonl", [{"id": "d1", "attributions": [BERG]}])


def test_cli_eval_prints_the_table(gold: Path, pred: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold), str(pred)])
    assert result.exit_code == 0, result.output
    assert result.stdout == format_table(evaluate(gold, pred)) + "\n"
    assert "attribution              100.0    50.0    66.7       1       1       2" in result.stdout
    assert "gold kind" not in result.stdout


def test_cli_eval_by_kind(gold: Path, pred: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold), str(pred), "--by-kind"])
    assert result.exit_code == 0, result.output
    assert result.stdout == format_table(evaluate(gold, pred), by_kind=True) + "\n"


def test_cli_eval_json(gold: Path, pred: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold), str(pred), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == evaluate(gold, pred)


def test_cli_eval_warns_about_ignored_prediction_ids(gold: Path, tmp_path: Path) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": "d9", "attributions": [BERG]}])
    result = runner.invoke(app, ["eval", str(gold), str(pred)])
    assert result.exit_code == 0, result.output
    assert result.stderr == "warning: 1 predicted ids not in gold, ignored (first: 'd9')\n"
    assert result.stdout.startswith("documents: 1 gold, 0 predicted, 1 missing, 1 extra (ignored)")


def test_cli_eval_bad_file_exits_2_naming_file_and_line(gold: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "d1", "attributions": []}\n{"attributions": []}\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(bad)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f'error: {bad}:2: missing or empty "id". '
        'Give each record an "id": gold and predictions join on it.\n'
    )


def test_cli_eval_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'absent.jsonl'}: cannot read (")


def test_cli_eval_shows_at_most_20_problems(gold: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[]\n" * 25, encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert lines[0].startswith(f"error: {bad}:1: expected a JSON object, got list.")
    assert lines[-1] == "error: ... and 5 more"


def test_cli_eval_output_needs_pred_left_out(gold: Path, pred: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold), str(pred), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert "leave out PRED" in result.stderr


class GoldExtractor:
    """Stands in for the pipeline: 'finds' the gold attributions, or fails on request."""

    settings: ClassVar[list[Settings]] = []

    def __init__(self, settings: Settings) -> None:
        self.settings.append(settings)

    def pipe(self, items: Iterable[RawDocument]) -> Iterator[Document]:
        for item in items:
            if item.meta.get("fail"):
                error = DocumentError("E008", f"{item.id}: extraction failed (boom).")
                yield Document(item.id, item.text, item.meta, errors=(error,))
            else:
                record = next(g for g in GOLD if g["id"] == item.id)
                yield Document.from_dict({**record, "meta": item.meta})


def test_cli_eval_without_pred_extracts_saves_and_scores(
    gold: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract_module, "Extractor", GoldExtractor)
    monkeypatch.setattr(GoldExtractor, "settings", [])
    out = tmp_path / "extracted.jsonl"
    result = runner.invoke(app, ["eval", str(gold), "--json", "--fast", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["metrics"]["attribution"]["f1"] == 1.0
    [saved] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (saved["id"], saved["text"], saved["meta"]) == ("d1", TEXT, {"outlet": "Gazette"})
    assert [s.fast for s in GoldExtractor.settings] == [True]


def test_cli_eval_extracts_with_the_accurate_profile(
    gold: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract_module, "Extractor", GoldExtractor)
    monkeypatch.setattr(GoldExtractor, "settings", [])
    result = runner.invoke(app, ["eval", str(gold), "--json", "--accurate"])
    assert result.exit_code == 0, result.output
    assert [s.profile for s in GoldExtractor.settings] == ["accurate"]


def test_cli_eval_fast_and_accurate_together_is_bad_usage(gold: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold), "--fast", "--accurate"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --fast and --accurate are two profiles; give one of them (or neither).\n"
    )


def test_cli_eval_bad_profile_variable_exits_2(gold: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold)], env={"ONRECORD_PROFILE": "bogus"})
    assert result.exit_code == 2
    assert result.stderr == (
        "error: an ONRECORD_* environment variable is invalid (profile must be one of "
        "default, fast, accurate, not 'bogus'). Fix or unset it.\n"
    )


def test_cli_eval_extracts_under_the_convention_given(
    gold: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract_module, "Extractor", GoldExtractor)
    monkeypatch.setattr(GoldExtractor, "settings", [])
    result = runner.invoke(app, ["eval", str(gold), "--convention", "polnear"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["eval", str(gold)])
    assert [s.convention for s in GoldExtractor.settings] == ["polnear", "news"]


def test_cli_eval_failed_extraction_scores_the_rest_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract_module, "Extractor", GoldExtractor)
    failing = {"id": "d2", "text": TEXT, "meta": {"fail": True}, "attributions": [BERG]}
    gold = write_jsonl(tmp_path / "gold.jsonl", [*GOLD, failing])
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 1
    assert "attribution              100.0    66.7    80.0       2       2       3" in result.stdout
    assert result.stderr == "warning: d2: extraction failed (boom). [E008]\n"


def test_cli_eval_without_pred_runs_the_real_extractor(gold: Path, tmp_path: Path) -> None:
    out = tmp_path / "extracted.jsonl"
    result = runner.invoke(app, ["eval", str(gold), "--json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"]["predicted"] == 1
    [saved] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (saved["id"], saved["text"]) == ("d1", TEXT)
