"""The store commands through the CLI: ingest, quotes, speakers, trace, sql, export."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from onrecord.cli.app import _register, app
from onrecord.model import Attribution, Document, Entity, Offsets
from onrecord.store import StoreWriter

if not app.registered_commands:  # other CLI test modules may have registered already
    _register()

runner = CliRunner()
CORPUS = Path(__file__).parents[1] / "data" / "store" / "corpus.jsonl"


pytestmark = pytest.mark.usefixtures("shared_model")  # tests/cli/conftest.py


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, [str(a) for a in args], env=env)


def jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "corpus.duckdb"
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_cli_ingest_summary_and_a_second_run(db: Path) -> None:
    again = run("ingest", CORPUS, "--db", db)
    assert again.exit_code == 0
    assert again.stderr == (
        f"0 documents, 0 attributions, 0 failed, 4 already in the store -> {db}\n"
    )


def test_cli_ingest_bad_document_exit_code_1(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("“The pier is safe again,” said Mira Holt, the port director.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("ingest", good, empty, "--db", tmp_path / "s.duckdb")
    assert result.exit_code == 1
    assert f"error: {empty}: the document is empty" in result.stderr
    assert "2 documents, 1 attribution, 1 failed" in result.stderr


def test_cli_ingest_db_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "env.duckdb"
    text = tmp_path / "a.txt"
    text.write_text("“We are ready,” said Mira Holt.\n")
    result = run("ingest", text, "-q", env={"ONRECORD_DB": str(path)})
    assert result.exit_code == 0 and path.exists()
    listed = run("quotes", "--format", "jsonl", env={"ONRECORD_DB": str(path)})
    assert [q["speaker"] for q in jsonl(listed)] == ["Mira Holt"]


def test_cli_quotes_filters_and_formats(db: Path) -> None:
    result = run("quotes", "--db", db, "--speaker", "Kovalenko", "--kind", "direct", "-f", "jsonl")
    assert result.exit_code == 0
    quotes = jsonl(result)
    assert {q["outlet"] for q in quotes} == {"Harbour Gazette", "Coastal Times", "North Wire"}
    assert [q["published"] for q in quotes] == ["2026-03-05", "2026-03-03", "2026-03-02"]
    as_csv = run("quotes", "--db", db, "--contains", "krone", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["speaker"] for r in rows] == ["Lena Brandt"]
    table = run("quotes", "--db", db, "--outlet", "north wire", "--limit", "1", "-f", "table")
    lines = table.stdout.splitlines()
    assert lines[0].split() == [
        "published", "outlet", "speaker", "speaker_confidence", "kind", "type", "content",
    ]  # fmt: skip
    assert len(lines) == 3 and "2026-03-05" in lines[2]


def test_cli_quotes_show_how_sure_each_speaker_is(tmp_path: Path) -> None:
    text = "“The pier is safe,” said Mira Holt."
    doc = Document(
        "pier",
        text,
        {"outlet": "Harbour Gazette", "published": "2026-03-02"},
        attributions=(
            Attribution("a1", "direct", (Offsets(0, 19),), (Offsets(20, 24),),
                        (Offsets(25, 34),), "e1", confidence=0.9, speaker_confidence=0.375),
        ),
        entities=(Entity("e1", "Mira Holt", "PERSON", mentions=(Offsets(25, 34),)),),
    )  # fmt: skip
    db = tmp_path / "sure.duckdb"
    with StoreWriter(str(db)) as writer:
        writer.write(doc)
    table = run("quotes", "--db", db, "-f", "table").stdout.splitlines()
    assert table[2].split()[:6] == ["2026-03-02", "Harbour", "Gazette", "Mira", "Holt", "0.375"]
    (row,) = csv.DictReader(io.StringIO(run("quotes", "--db", db, "-f", "csv").stdout))
    assert (row["speaker"], row["speaker_confidence"]) == ("Mira Holt", "0.375")
    assert jsonl(run("quotes", "--db", db, "-f", "jsonl"))[0]["speaker_confidence"] == 0.375
    (traced,) = jsonl(run("trace", "the pier is safe", "--db", db, "-f", "jsonl"))
    assert traced["speaker_confidence"] == 0.375


def test_cli_quotes_bad_date_is_a_usage_error(db: Path) -> None:
    result = run("quotes", "--db", db, "--since", "yesterday")
    assert result.exit_code == 2
    assert result.stderr == "error: --since 'yesterday' is not valid: use YYYY-MM-DD [E207]\n"


def test_cli_speakers_top(db: Path) -> None:
    result = run("speakers", "--db", db, "--top", "2", "-f", "jsonl")
    names = {s["name"] for s in jsonl(result)}
    assert names == {"Anatoliy Kovalenko", "Lena Brandt"}


def test_cli_trace_shows_the_altered_wording(db: Path) -> None:
    result = run("trace", "we will not close the northern terminal", "--db", db, "-f", "table")
    assert result.exit_code == 0
    assert result.stderr.startswith("3 appearances in 3 outlets")
    assert "[-will-] {+shall+}" in result.stdout
    as_json = jsonl(run("trace", "the northern terminal while", "--db", db, "-f", "jsonl"))
    assert [h["outlet"] for h in as_json] == ["Harbour Gazette", "Coastal Times", "North Wire"]
    assert as_json[1]["altered"] is True


def test_cli_sql_reads_and_refuses_writes(db: Path) -> None:
    result = run("sql", "SELECT count(*) AS n FROM articles", "--db", db, "-f", "jsonl")
    assert jsonl(result) == [{"n": 4}]
    refused = run("sql", "DELETE FROM articles", "--db", db)
    assert refused.exit_code == 2
    assert "only reads: DELETE statements are refused" in refused.stderr
    assert jsonl(run("sql", "SELECT count(*) AS n FROM articles", "--db", db, "-f", "jsonl")) == [
        {"n": 4}
    ]


def peak_rss_mib(*args: str | Path, out: Path) -> float:
    """Peak RSS of one ``onrecord`` run (its own, from wait4), its stdout into ``out``."""
    with out.open("wb") as sink:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("onrecord")), *map(str, args)], stdout=sink
        )
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0
    return usage.ru_maxrss / 1024  # KiB on Linux


def test_cli_sql_streams_a_big_result_in_flat_memory(db: Path, tmp_path: Path) -> None:
    """5 million rows cost no more memory than 5 (read whole: ~+400 MiB)."""
    out = tmp_path / "rows.csv"
    small = peak_rss_mib("sql", "SELECT * FROM range(5)", "-f", "csv", "--db", db, out=out)
    big = peak_rss_mib("sql", "SELECT * FROM range(5000000)", "-f", "csv", "--db", db, out=out)
    with out.open("rb") as rows:
        assert sum(1 for _ in rows) == 5_000_001  # the header, then every row
    assert big - small < 100, (small, big)


def test_cli_sql_table_sizes_columns_on_the_first_rows(db: Path) -> None:
    result = run("sql", "SELECT 'short' AS word UNION ALL SELECT 'a longer word'", "--db", db,
                 "-f", "table")  # fmt: skip
    assert result.stdout.splitlines() == ["word", "-------------", "short", "a longer word"]


def test_cli_export_parquet(db: Path, tmp_path: Path) -> None:
    result = run("export", "--parquet", tmp_path / "pq", "--db", db)
    assert result.exit_code == 0
    assert "articles: 4 rows" in result.stderr
    assert (tmp_path / "pq" / "attributions" / "data.parquet").is_file()


def test_cli_export_parquet_to_a_file_is_an_error_not_a_traceback(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.parquet"
    target.write_bytes(b"already here")
    result = run("export", "--parquet", target, "--db", db)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {target} is a file: `export --parquet` writes a folder (one subfolder per "
        "table). Name a new or an existing folder. [E208]\n"
    )
    assert target.read_bytes() == b"already here"


@pytest.mark.parametrize("where", ["under-a-file", "folder-in-the-way"])
def test_cli_export_parquet_where_it_cannot_write_is_an_error(
    db: Path, tmp_path: Path, where: str
) -> None:
    if where == "under-a-file":  # (root may write anywhere: a file where a folder must be)
        (tmp_path / "plain").write_text("a file\n", encoding="utf-8")
        target, blocked = tmp_path / "plain" / "pq", tmp_path / "plain" / "pq" / "articles"
        detail = "Not a directory"
    else:  # a folder where the table's data.parquet goes
        target = tmp_path / "pq"
        blocked = target / "articles" / "data.parquet"
        blocked.mkdir(parents=True)
        detail = "File exists"
    result = run("export", "--parquet", target, "--db", db)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {blocked}: cannot write the export there ({detail}). Check the path, or name "
        "another folder. [E209]\n"
    )
    assert "Traceback" not in result.output


def test_cli_query_on_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = run("quotes", "--db", tmp_path / "nothing.duckdb")
    assert result.exit_code == 2
    assert "no store here. Create one with `onrecord ingest" in result.stderr
    assert not (tmp_path / "nothing.duckdb").exists()


def test_cli_quotes_type_filter(tmp_path: Path) -> None:
    text = "“The pier is safe,” said Mira Holt. Divers fear the pier will sink."
    sink = text.index("the pier will sink")
    doc = Document(
        "pier",
        text,
        {"outlet": "Harbour Gazette", "published": "2026-03-02"},
        attributions=(
            Attribution("a1", "direct", (Offsets(0, 19),), (Offsets(20, 24),),
                        (Offsets(25, 34),), "e1", confidence=0.9, type="statement"),
            Attribution("a2", "indirect", (Offsets(sink, sink + 18),),
                        (Offsets(sink - 5, sink - 1),), (Offsets(sink - 12, sink - 6),),
                        confidence=0.8, type="thought"),
        ),
        entities=(Entity("e1", "Mira Holt", "PERSON", mentions=(Offsets(25, 34),)),),
    )  # fmt: skip
    db = tmp_path / "typed.duckdb"
    with StoreWriter(str(db)) as writer:
        writer.write(doc)
    every = jsonl(run("quotes", "--db", db, "-f", "jsonl"))
    assert sorted(q["type"] for q in every) == ["statement", "thought"]
    (thought,) = jsonl(run("quotes", "--db", db, "--type", "thought", "-f", "jsonl"))
    assert (thought["content"], thought["cue"], thought["type"]) == (
        "the pier will sink",
        "fear",
        "thought",
    )
    (said,) = csv.DictReader(io.StringIO(run("quotes", "--db", db, "--type", "statement",
                                             "-f", "csv").stdout))  # fmt: skip
    assert (said["speaker"], said["type"]) == ("Mira Holt", "statement")
    table = run("quotes", "--db", db, "--type", "thought", "-f", "table").stdout.splitlines()
    assert table[0].split()[5] == "type" and table[2].split()[-5:] == [
        "thought", "the", "pier", "will", "sink",
    ]  # fmt: skip
    bad = run("quotes", "--db", db, "--type", "rumour")
    assert bad.exit_code == 2
    assert "type 'rumour' is not valid: use statement, thought" in bad.stderr
