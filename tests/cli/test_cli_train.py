"""``onrecord train`` end to end on our own hand-made cases (tiny, one epoch), then use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli.app import _register, app
from onrecord.config import Settings
from onrecord.extract import Extractor

pytest.importorskip("torch")
if not app.registered_commands:
    _register()

runner = CliRunner()
CASES = Path(__file__).parent.parent / "data" / "cases"


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gold") / "cases.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for case in sorted(CASES.glob("*.json")):
            f.write(json.dumps(json.loads(case.read_text("utf-8"))) + "\n")
    return path


def test_train_writes_a_tagger_that_extract_can_use(gold: Path, tmp_path: Path) -> None:
    out = tmp_path / "tagger"
    args = ["train", "--train", str(gold), "--dev", str(gold), "--epochs", "1", "--limit", "6"]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "tagger.npz").is_file() and (out / "tagger.json").is_file()
    extractor = Extractor(Settings(finder="tagger", tagger=str(out)))
    doc = extractor("The mayor said the bridge would reopen in May.\n")
    assert doc.is_ok  # an untrained-for-long tagger may find little, but it runs


def test_train_rejects_a_file_that_is_not_gold(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "no attributions key"}\n', encoding="utf-8")
    result = runner.invoke(app, ["train", "--train", str(bad), "--dev", str(bad)])
    assert result.exit_code == 2
    assert "needs 'text' and 'attributions'" in result.output


def test_extract_with_a_folder_without_tagger_says_what_to_do(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("The mayor said the bridge would reopen.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(text), "--tagger", str(tmp_path)])
    assert result.exit_code == 2
    assert "E010" in result.output


def test_train_distills_from_an_accurate_tagger_and_keeps_the_parse(
    gold: Path, tmp_path: Path
) -> None:
    pytest.importorskip("onnxruntime", reason="the teacher needs onrecord[accurate]")
    pytest.importorskip("tokenizers", reason="the teacher needs onrecord[accurate]")
    from accurate_folder import write_accurate_folder

    teacher = write_accurate_folder(tmp_path / "teacher")
    out = tmp_path / "student"
    args = ["train", "--train", str(gold), "--dev", str(gold), "--epochs", "1", "--limit", "4"]
    first = runner.invoke(app, [*args, "--out", str(out), "--distill", str(teacher)])
    assert first.exit_code == 0, first.output
    assert "parsing" in first.output and "the accurate tagger reads" in first.output
    assert (out / "tagger.npz").is_file() and (out / "examples.pkl").is_file()
    again = runner.invoke(app, [*args, "--out", str(out), "--distill", str(teacher)])
    assert again.exit_code == 0 and "parsing" not in again.output  # the kept parse
    other = runner.invoke(app, [*args[:-1], "3", "--out", str(out), "--distill", str(teacher)])
    assert other.exit_code == 0 and "parsing" in other.output  # another --limit: parsed anew
