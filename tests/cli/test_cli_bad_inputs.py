"""The bad-input corpus (tests/bad_inputs.py) through the real CLI, in fresh processes.

Issue 13's bar: every bad document is its own error record, every good one is written,
the exit code is 1, an ingest rerun completes, and peak memory stays under 500 MiB on
every case, decompression bombs included. Memory is the whole process tree's RSS,
sampled every 10 ms while it runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from tests.bad_inputs import Expected, run_measured, story, write_bad_corpus

#: issue 13's ceiling for any input
PEAK_RSS_LIMIT = 500 * 1024 * 1024


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Expected]]:
    folder = tmp_path_factory.mktemp("bad") / "inputs"
    return folder, write_bad_corpus(folder)


def onrecord(*args: str | Path) -> list[str]:
    return [str(Path(sys.executable).with_name("onrecord")), *map(str, args)]


def by_id(expected: list[Expected]) -> dict[str, str | None]:
    found = {e.doc_id: e.code for e in expected}
    assert len(found) == len(expected), "ids in the corpus must be unique"
    return found


def test_cli_bad_inputs_extract_gives_one_record_each_and_stays_small(
    corpus: tuple[Path, list[Expected]], tmp_path: Path
) -> None:
    folder, expected = corpus
    out = tmp_path / "out.jsonl"
    result, peak = run_measured(onrecord("extract", folder, "-o", out))
    assert result.returncode == 1, result.stderr
    records = [
        json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
        for line in out.read_text(encoding="utf-8").splitlines()
    ]
    got = {r["id"]: (r["errors"][0]["code"] if r["errors"] else None) for r in records}
    assert len(got) == len(records)
    assert got == by_id(expected)
    assert peak <= PEAK_RSS_LIMIT, f"peak RSS {peak / 2**20:.0f} MiB"
    assert "zz-pipe.txt: skipped, a named pipe (FIFO) is not a file to read" in result.stderr
    (nan,) = (r for r in records if r["id"] == "nan-1")
    assert nan["meta"]["score"] is None


def test_cli_bad_inputs_ingest_stores_good_ones_and_reruns(
    corpus: tuple[Path, list[Expected]], tmp_path: Path
) -> None:
    folder, expected = corpus
    db = tmp_path / "bad.duckdb"
    first, peak = run_measured(onrecord("ingest", folder, "--db", db, "-q"))
    assert first.returncode == 1, first.stderr
    assert peak <= PEAK_RSS_LIMIT, f"peak RSS {peak / 2**20:.0f} MiB"
    want = by_id(expected)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {row[0] for row in con.execute("SELECT doc_id FROM articles").fetchall()}
        errors = dict(con.execute("SELECT doc_id, code FROM errors").fetchall())
    assert stored == {doc_id for doc_id, code in want.items() if code is None}
    assert errors == {doc_id: code for doc_id, code in want.items() if code is not None}

    again, peak = run_measured(onrecord("ingest", folder, "--db", db, "-q"))
    assert again.returncode == 1, again.stderr  # the bad ones are bad again; nothing dies
    assert peak <= PEAK_RSS_LIMIT, f"peak RSS {peak / 2**20:.0f} MiB"
    with duckdb.connect(str(db), read_only=True) as con:
        count = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM articles").fetchall()
    assert count == [(len(stored), len(stored))]


def test_cli_named_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(story(0))
    result = subprocess.run(
        onrecord("extract", good, fifo, "-q"), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == [str(good), str(fifo)]
    assert f"{fifo} is not a regular file (a named pipe (FIFO))" in result.stderr
    assert "[E014]" in result.stderr


def test_cli_stdin_over_the_limit_is_e015_without_reading_it_all(tmp_path: Path) -> None:
    # 3 MB of text against a 100,000-character limit (400,000 bytes): refused while read
    text = (story(0).replace("\n", " ") * 2000).encode()
    result = subprocess.run(
        onrecord("extract", "-", "--max-chars", "100000", "-q"),
        input=text,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 1
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "stdin" and record["errors"][0]["code"] == "E015"
