"""``onrecord extract`` through the real CLI: every bad input gives a record and a line on
stderr, the other documents are still written, and the exit code says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from onrecord import batch
from onrecord.batch import Report
from onrecord.cli.app import _register, app
from onrecord.config import Settings
from onrecord.extract import Extractor
from onrecord.model import Document

if not app.registered_commands:  # other CLI test modules may have registered already
    _register()

runner = CliRunner()
ONRECORD = Path(sys.executable).with_name("onrecord")  # the installed console script

FERRY = "The night ferry to Skarholm will run again from June, harbour officials said.\n"
BAKERY = "“Bread is not a luxury,” said Tomas Reyes, who has run the bakery since 1994.\n"


pytestmark = pytest.mark.usefixtures("shared_model")  # tests/cli/conftest.py


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(FERRY, encoding="utf-8")
    return path


def run(*args: str | Path, input: str | bytes | None = None) -> Result:
    return runner.invoke(app, ["extract", *map(str, args)], input=input)


def records(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def by_id(result: Result) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in records(result)}


def summary(result: Result) -> str:
    """The summary line the records in ``result`` call for."""
    report = Report()
    for record in records(result):
        report.done(Document.from_dict(record))
    return str(report)


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def assert_one_failure(result: Result, good: Path, doc_id: str, code: str) -> str:
    """The bad document is an error record with ``code``, the good one is extracted, exit 1."""
    assert result.exit_code == 1, result.stderr
    found = by_id(result)
    assert set(found) == {str(good), doc_id}
    assert found[str(good)]["errors"] == []
    assert found[str(good)]["text"] == FERRY
    bad = found[doc_id]
    assert bad["attributions"] == []
    assert [e["code"] for e in bad["errors"]] == [code]
    message: str = bad["errors"][0]["message"]
    assert error_lines(result) == [f"error: {message} [{code}]"]
    assert result.stderr.splitlines()[-1] == summary(result)
    assert summary(result).startswith("2 documents, ")
    assert summary(result).endswith(", 1 failed")
    return message


# -- each bad input of the issue: its own record, a line on stderr, exit 1 -------------


def test_cli_extract_empty_file(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    message = assert_one_failure(run(empty, good), good, str(empty), "E001")
    assert message == (
        f"{empty}: the document is empty. Check the file or the JSON field that holds the text."
    )


def test_cli_extract_binary_file(tmp_path: Path, good: Path) -> None:
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)))
    message = assert_one_failure(run(image, good), good, str(image), "E002")
    assert message == (
        f"{image}: looks like binary data (a JPEG image), not text. "
        "Pass text, HTML or JSON Lines files."
    )


def test_cli_extract_invalid_utf8(tmp_path: Path, good: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le café du port a fermé.".encode("cp1252"))
    message = assert_one_failure(run(latin, good), good, str(latin), "E003")
    assert message == (
        f"{latin}: not valid utf-8 (byte 0xE9 at offset 6, line 1). "
        "Pass --encoding with the file's encoding, or re-save it as UTF-8."
    )
    fixed = run(latin, "--encoding", "cp1252")
    assert fixed.exit_code == 0, fixed.stderr
    assert records(fixed)[0]["text"] == "Le café du port a fermé."


def test_cli_extract_20_mb_article(tmp_path: Path, good: Path) -> None:
    big = tmp_path / "big.txt"
    sentence = "The regional council said on Tuesday that the harbour plan would go ahead. "
    size = 20_000_000
    big.write_text((sentence * (size // len(sentence) + 1))[:size], encoding="utf-8")
    message = assert_one_failure(run(big, good), good, str(big), "E004")
    assert message == (
        f"{big}: 20,000,000 characters is over the limit of 5,000,000. "
        "Split the document, or raise --max-chars."
    )
    assert by_id(run(big, good))[str(big)]["text"] == ""  # the error record stays small


def test_cli_extract_malformed_jsonl_line(tmp_path: Path, good: Path) -> None:
    lines = tmp_path / "news.jsonl"
    lines.write_text('{"id": "n1", "text": "Talks resumed, a union official said."\n')
    result = run(lines, good)
    message = assert_one_failure(result, good, f"{lines}:1", "E005")
    assert message == (
        f"{lines}:1: line 1 is not valid JSON (Expecting ',' delimiter at column 61). "
        "Fix or remove that line."
    )


def test_cli_extract_jsonl_line_without_text(tmp_path: Path, good: Path) -> None:
    lines = tmp_path / "news.jsonl"
    lines.write_text('{"id": "n1", "body": "Talks resumed, a union official said."}\n')
    message = assert_one_failure(run(lines, good), good, "n1", "E006")
    assert message == (
        f"n1 ({lines}:1): line 1 has no text in field 'text' (keys: body, id). "
        "Pick the field with --text-field."
    )


def test_cli_extract_missing_file(tmp_path: Path, good: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    message = assert_one_failure(run(missing, good), good, str(missing), "E007")
    assert "(no such file or directory)" in message


def test_cli_extract_bad_jsonl_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    lines = tmp_path / "news.jsonl"
    lines.write_text(
        '{"id": "n1", "text": "Talks resumed, a union official said."}\n'
        "not json\n"
        "[1]\n"
        '{"id": "n4"}\n'
        '{"id": "n5", "text": "The mayor declined to comment."}\n'
    )
    result = run(lines)
    assert result.exit_code == 1
    assert [(r["id"], [e["code"] for e in r["errors"]]) for r in records(result)] == [
        ("n1", []),
        (f"{lines}:2", ["E005"]),
        (f"{lines}:3", ["E009"]),
        ("n4", ["E006"]),
        ("n5", []),
    ]
    assert len(error_lines(result)) == 3
    assert result.stderr.splitlines()[-1].endswith("3 failed")


# -- inputs ---------------------------------------------------------------------------


def test_cli_extract_folder_recursively_in_sorted_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "news" / "2024").mkdir(parents=True)
    (tmp_path / "news" / "2024" / "bakery.txt").write_text(BAKERY)
    (tmp_path / "news" / "ferry.txt").write_text(FERRY)
    (tmp_path / "news" / ".notes.txt").write_text("hidden")
    monkeypatch.chdir(tmp_path)
    result = run("news")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in records(result)] == ["news/2024/bakery.txt", "news/ferry.txt"]
    assert result.stderr == summary(result) + "\n"


def test_cli_extract_reads_stdin_text_by_default() -> None:
    result = run(input=BAKERY)
    assert result.exit_code == 0, result.stderr
    (record,) = records(result)
    assert (record["id"], record["text"]) == ("stdin", BAKERY)


def test_cli_extract_reads_stdin_json_lines() -> None:
    data = '{"id": "s1", "text": "The bridge reopens Friday, engineers said."}\n'
    result = run("-", input=data)
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in records(result)] == ["s1"]


def test_cli_extract_text_field_and_id_field(tmp_path: Path) -> None:
    lines = tmp_path / "feed.jsonl"
    lines.write_text(json.dumps({"key": "k7", "body": FERRY, "url": "https://example.org/7"}))
    result = run(lines, "--text-field", "body", "--id-field", "key")
    assert result.exit_code == 0, result.stderr
    (record,) = records(result)
    assert (record["id"], record["text"], record["meta"]) == (
        "k7",
        FERRY,
        {"url": "https://example.org/7"},
    )


def test_cli_extract_max_chars(good: Path) -> None:
    result = run(good, "--max-chars", "20")
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"error: {good}: {len(FERRY)} characters is over the limit of 20. "
        "Split the document, or raise --max-chars. [E004]"
    ]


# -- outputs --------------------------------------------------------------------------


def test_cli_extract_output_file(tmp_path: Path, good: Path) -> None:
    out = tmp_path / "records.jsonl"
    result = run(good, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == str(good)


@pytest.mark.parametrize(("name", "first"), [("out.csv", "doc_id,"), ("out.json", "[")])
def test_cli_extract_output_format_follows_the_suffix(
    tmp_path: Path, good: Path, name: str, first: str
) -> None:
    out = tmp_path / name
    assert run(good, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(first)


def test_cli_extract_format_json_and_table(good: Path) -> None:
    as_json = run(good, "--format", "json")
    assert [r["id"] for r in json.loads(as_json.stdout)] == [str(good)]
    table = run(good, "--format", "table")
    assert table.stdout.splitlines()[0].startswith(f"{good} (")


PIER = (
    "According to the Harbour Gazette, dock workers fear that the old pier will crack this "
    "winter.\n\n“We are ready for the storm,” said captain Ada Berg.\n\n"
    "Berg thinks the boats are safe.\n"
)


def test_cli_extract_type_keeps_statements_or_thoughts(tmp_path: Path) -> None:
    path = tmp_path / "pier.txt"
    path.write_text(PIER, encoding="utf-8")
    (every,) = records(run(path))
    assert {a["type"] for a in every["attributions"]} == {"statement", "thought"}
    thoughts = run(path, "--type", "thought")
    assert thoughts.exit_code == 0
    (only,) = records(thoughts)
    assert only["text"] == every["text"]
    kept = only["attributions"]
    assert [a["id"] for a in kept] == [
        a["id"] for a in every["attributions"] if a["type"] == "thought"
    ]
    assert [PIER[a["cue"][0][0] : a["cue"][0][1]] for a in kept] == ["fear", "thinks"]
    # "fear" is reported by "According to", which is left out: no via to a missing one
    assert [a["via"] for a in every["attributions"] if a["id"] == kept[0]["id"]] != [None]
    assert all(a["via"] is None for a in kept)
    (said,) = records(run(path, "--type", "statement", "-f", "jsonl"))
    assert {a["type"] for a in said["attributions"]} == {"statement"}
    assert len(said["attributions"]) + len(kept) == len(every["attributions"])
    rows = run(path, "--type", "thought", "-f", "csv").stdout.splitlines()
    assert len(rows) == 1 + len(kept) and all(",thought," in row for row in rows[1:])


def test_cli_extract_two_jobs_same_output_as_one(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(20):
        text = [FERRY, BAKERY][i % 2] if i != 11 else ""
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    one = run(folder, "-j", "1")
    two = run(folder, "-j", "2")  # real worker processes, each loading the model
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout
    assert [r["id"] for r in records(two)] == [str(folder / f"{i:02d}.txt") for i in range(20)]
    assert error_lines(two) == error_lines(one)


# -- usage errors: exit 2 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--format", "xml"], "'xml' is not one of"),
        (["--encoding", "martian"], "unknown encoding 'martian'"),
        (["-j", "0"], "-j"),
        (["--min-confidence", "2"], "--min-confidence"),
        (["--type", "rumour"], "'rumour' is not one of"),
    ],
)
def test_cli_extract_bad_usage_exits_2(good: Path, args: list[str], says: str) -> None:
    result = run(good, *args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stdout == ""


def test_cli_extract_bad_environment_setting_exits_2(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONRECORD_MAX_CHARS", "lots")
    result = run(good)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: an ONRECORD_* environment variable is invalid")


def test_cli_extract_environment_sets_max_chars(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONRECORD_MAX_CHARS", "10")
    assert Settings.from_env().max_chars == 10
    assert [e["code"] for e in records(run(good))[0]["errors"]] == ["E004"]


def test_cli_extract_quiet_prints_errors_only(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run(good, empty, "-q")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {empty}: the document is empty. "
        "Check the file or the JSON field that holds the text. [E001]"
    ]


# -- the installed command: real streams, exit codes, pipes ---------------------------


def console(*args: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ONRECORD, "extract", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        **kwargs,
    )


def test_cli_extract_console_script_streams_and_exit_code(tmp_path: Path, good: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    done = console(good, binary)
    assert done.returncode == 1
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [
        str(good),
        str(binary),
    ]
    assert done.stderr.splitlines()[0] == (
        f"error: {binary}: looks like binary data (NUL byte at offset 0), not text. "
        "Pass text, HTML or JSON Lines files. [E002]"
    )
    assert done.stderr.splitlines()[-1].endswith(" failed")
    assert console(good, "--format", "nope").returncode == 2
    assert console(good).returncode == 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_extract_into_head_stops_quietly(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:03d}.txt").write_text(FERRY + "x" * 2000, encoding="utf-8")
    pipeline = subprocess.run(
        f"'{ONRECORD}' extract '{folder}' -j {jobs} | head -n 1; "
        'echo "exit ${PIPESTATUS[0]}" >&2',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": ""},
    )
    assert json.loads(pipeline.stdout)["id"] == str(folder / "000.txt")
    assert pipeline.stderr == "exit 1\n"  # stopped early, quietly: not all were written


def test_cli_extract_missing_model_exits_2(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "Extractor", Extractor)  # the real one, which loads the model
    monkeypatch.setenv("ONRECORD_MODEL", "no_such_spacy_model_here")
    result = run(good)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: OSError: ")
    assert "no_such_spacy_model_here" in result.stderr


@pytest.mark.parametrize(("command", "has_torch"), [("extract", False), ("train", True)])
def test_cli_command_hides_torch_but_from_train(command: str, has_torch: bool) -> None:
    """thinc imports an installed torch (+170 MiB); only `onrecord train` needs it."""
    pytest.importorskip("torch", reason="nothing to hide without torch")
    code = (
        f"import sys; sys.argv = ['/venv/bin/onrecord', {command!r}]\n"
        "import onrecord, thinc.compat\n"
        "print(thinc.compat.has_torch)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == str(has_torch), result.stderr
