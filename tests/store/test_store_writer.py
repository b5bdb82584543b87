"""Ingest into a real DuckDB file: idempotent, atomic per document, resumable after kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from made_before import made_before
from tests.fictional_news import write_articles

import onrecord.store.writer as writer_module
from onrecord.errors import StoreError
from onrecord.model import Attribution, Document, Entity, Offsets
from onrecord.readers import read_inputs
from onrecord.store import IngestReport, QuoteFilter, Store, StoreWriter, article_key, ingest
from warc_files import ARTICLES, article, write_warc

CORPUS = Path(__file__).parents[1] / "data" / "store" / "corpus.jsonl"


def run(items: object, path: Path, **options: object) -> IngestReport:
    report = IngestReport()
    for _ in ingest(items, str(path), report=report, **options):  # type: ignore[arg-type]
        pass
    return report


def counts(path: Path) -> tuple[int, int, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM attributions), "
            "(SELECT count(*) FROM errors)"
        ).fetchone()
    assert row is not None
    return row[0], row[1], row[2]


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path, corpus_db: str) -> None:
    db = tmp_path / "twice.duckdb"
    first = run(read_inputs([CORPUS]), db)
    before = counts(db)
    second = run(read_inputs([CORPUS]), db)
    assert (first.ok, second.ok, second.skipped) == (4, 0, 4)
    assert str(second) == "0 documents, 0 attributions, 0 failed, 4 already in the store"
    assert counts(db) == before
    assert before[:2] == counts(Path(corpus_db))[:2]


def test_ingest_keys_articles_by_url_and_text() -> None:
    assert article_key("text", "https://a.example/1") == article_key("text", "https://a.example/1")
    assert article_key("text", "https://a.example/1") != article_key("text", "https://b.example/1")
    assert article_key("text") != article_key("text.")
    assert len(article_key("text")) == 32


def test_ingest_bad_documents_become_error_rows_and_the_rest_go_on(tmp_path: Path) -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(
        "\n".join([lines[0], "{not json", json.dumps({"id": "empty", "text": ""}), lines[1]])
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "mixed.duckdb"
    report = run(read_inputs([mixed]), db)
    assert (report.ok, report.failed, report.return_code) == (2, 2, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        errors = con.execute("SELECT doc_id, source, code FROM errors ORDER BY code").fetchall()
    assert errors == [(f"{mixed}:2", str(mixed), "E005"), ("empty", "empty", "E006")]
    run(read_inputs([mixed]), db)  # again: the same errors, not twice
    assert counts(db)[2] == 2


def test_ingest_writes_each_document_in_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the article row is written leaves no trace of that document."""
    db = tmp_path / "atomic.duckdb"
    real_insert = writer_module._insert

    def failing_insert(con: object, table: str, rows: list[dict[str, object]]) -> None:
        if table == "attributions" and rows and rows[0]["article_id"] == target:
            raise RuntimeError("disk full (simulated)")
        real_insert(con, table, rows)  # type: ignore[arg-type]

    docs = list(read_inputs([CORPUS]))
    target = article_key(docs[1].text, docs[1].meta["url"])
    monkeypatch.setattr(writer_module, "_insert", failing_insert)
    with pytest.raises(RuntimeError, match="simulated"):
        run(iter(docs), db)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}
        orphans = con.execute(
            "SELECT count(*) FROM entities WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchall()
    assert target not in stored and len(stored) == 1
    assert orphans == [(0,)]
    monkeypatch.setattr(writer_module, "_insert", real_insert)
    report = run(iter(docs), db)
    assert (report.ok, report.skipped) == (3, 1)


def onrecord(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("onrecord")), *args]


def test_ingest_killed_with_sigkill_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    folder, db = tmp_path / "articles", tmp_path / "killed.duckdb"
    write_articles(folder, 30)
    process = subprocess.Popen(
        onrecord("ingest", str(folder), "--db", str(db), "-v"),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    stored = 0
    for line in process.stderr:  # kill it in the middle of the batch
        stored += "stored" in line
        if stored == 5:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    report = run(read_inputs([folder]), db)
    assert report.skipped >= 5 and report.skipped + report.ok == 30 and report.failed == 0
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM articles").fetchall()
        mismatched = con.execute(
            "SELECT count(*) FROM articles r WHERE attribution_count <> "
            "(SELECT count(*) FROM attributions a WHERE a.article_id = r.id)"
        ).fetchall()
        duplicates = con.execute(
            "SELECT count(*) FROM (SELECT article_id, id FROM attributions "
            "GROUP BY ALL HAVING count(*) > 1)"
        ).fetchall()
    assert rows == [(30, 30)]
    assert mismatched == [(0,)] and duplicates == [(0,)]


def test_ingest_a_second_ingest_into_the_same_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    with StoreWriter(str(db)), pytest.raises(StoreError) as caught:
        StoreWriter(str(db))
    assert caught.value.code == "E204"
    assert "another ingest is writing" in caught.value.message
    StoreWriter(str(db)).close()  # free again once the first has finished


def test_ingest_readers_wait_for_the_writer_then_say_it_is_locked(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(  # a writer in another process that never lets go
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from onrecord.store import StoreWriter\n"
            "writer = StoreWriter(sys.argv[1], hold=3600)\n"
            "writer._using.acquire()  # in the middle of a write, that never ends\n"
            "writer._connection()\n"
            "print('ready', flush=True)\n"
            "time.sleep(60)\n",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        started = time.monotonic()
        with pytest.raises(StoreError) as caught:
            Store(db, timeout=0.3)
        assert time.monotonic() - started >= 0.3
        assert caught.value.code == "E201"
        assert f"PID {holder.pid}" in caught.value.message
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]
    with Store(db) as store:
        assert store.quotes() == []


def test_ingest_lets_readers_in_while_it_writes(tmp_path: Path) -> None:
    """Two reader processes query again and again while an ingest runs: all succeed."""
    folder, db = tmp_path / "articles", tmp_path / "shared.duckdb"
    write_articles(folder, 30)
    run(read_inputs([CORPUS]), db)  # something to read from the start
    reader_code = (
        "import sys, time\n"
        "from onrecord.store import Store\n"
        "counts = []\n"
        "end = time.monotonic() + 120\n"
        "while time.monotonic() < end:\n"
        "    with Store(sys.argv[1], timeout=30) as store:\n"
        "        counts.append(store.count_quotes())\n"
        "        done = store.sql('SELECT count(*) FROM articles')[1][0][0]\n"
        "    if len(counts) == 1: print('ready', flush=True)\n"
        "    if done == 34: break\n"
        "print(len(counts), counts[0], counts[-1])\n"
    )
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", reader_code, str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for reader in readers:  # both have read once before the ingest starts: no race to start
        assert reader.stdout is not None and reader.stdout.readline() == "ready\n"
    writer = subprocess.Popen(
        onrecord("ingest", str(folder), "--db", str(db), "-q"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    outputs = [r.communicate(timeout=300) for r in readers]
    _, writer_errors = writer.communicate(timeout=300)
    assert writer.returncode == 0, writer_errors
    for reader, (out, err) in zip(readers, outputs, strict=True):
        assert reader.returncode == 0, err
        reads, first, last = map(int, out.split())
        assert reads >= 2 and last > first  # it read before and after documents were added
    assert counts(db)[0] == 34


def test_ingest_a_corrupt_warc_record_is_an_error_row_and_the_rest_are_stored(
    tmp_path: Path,
) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    whole = len(article(1))  # the record claims 500 bytes more than its body has
    offsets = write_warc(crawl, [article(0), article(1, length=whole + 500), article(2)], gz=True)
    db = tmp_path / "crawl.duckdb"
    report = run(read_inputs([crawl]), db)
    assert (report.ok, report.failed) == (2, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT outlet, url FROM articles ORDER BY url").fetchall()
        errors = con.execute('SELECT source, "offset", code FROM errors').fetchall()
    assert stored == [
        ("eastfieldgazette.example", ARTICLES[2][0]),
        ("harbourledger.example", ARTICLES[0][0]),
    ]
    assert errors == [(str(crawl), offsets[1], "E012")]


def test_ingest_keeps_what_a_jsonl_line_carried_as_metadata(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    line = {
        "id": "g1",
        "text": "“The pier is safe again,” said Mira Holt, the port director.",
        "attributions": [{"id": "a1", "kind": "direct", "content": [[0, 26]]}],
        "meta": {"outlet": "Harbour Gazette", "section": "local"},
        "wordcount": 11,
    }
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    db = tmp_path / "gold.duckdb"
    run(read_inputs([gold], keep_results=True), db)
    with duckdb.connect(str(db), read_only=True) as con:
        ((meta, outlet),) = con.execute("SELECT meta, outlet FROM articles").fetchall()
    assert json.loads(meta) == {
        "outlet": "Harbour Gazette",
        "section": "local",
        "attributions": line["attributions"],
        "wordcount": 11,
    }
    assert outlet == "Harbour Gazette"


def test_ingest_sorts_quote_words_and_search_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "words.duckdb"
    run(read_inputs([CORPUS]), db)  # few rows: left unsorted
    with Store(db) as store:
        before = store.quotes(QuoteFilter(contains="northern terminal"))
        sorted_rows = "SELECT count(*) FROM store_info WHERE key LIKE 'quote_%'"
        assert store.sql(sorted_rows)[1] == [(0,)]
    monkeypatch.setattr(writer_module, "UNSORTED_ROWS", 0)
    StoreWriter(str(db)).close()  # closing sorts what is unsorted
    with Store(db) as store:
        (words,) = store.sql("SELECT count(*) FROM quote_words")[1][0]
        (bands,) = store.sql("SELECT count(*) FROM quote_bands")[1][0]
        info = store.sql("SELECT key, value FROM store_info WHERE key LIKE 'quote_%' ORDER BY key")[
            1
        ]
        assert info == [("quote_bands", bands), ("quote_words", words)]
        keys = [w for (w,) in store.sql("SELECT word FROM quote_words")[1]]
        assert keys == sorted(keys)
        assert store.trace("northern terminal")
        assert store.quotes(QuoteFilter(contains="northern terminal")) == before
        assert len(before) == 5


def test_ingest_into_a_store_made_before_speaker_confidence(tmp_path: Path, corpus_db: str) -> None:
    old = made_before(corpus_db, tmp_path / "old.duckdb", "speaker_confidence")
    with Store(old) as store:  # read as it is, before any ingest
        assert not store.has_column("attributions", "speaker_confidence")
        listed = store.quotes(QuoteFilter(page_size=100))
        assert len(listed) > 10 and {q.speaker_confidence for q in listed} == {None}
        stored = store.article(listed[0].article_id)
        assert stored is not None and stored.attributions[0].speaker_confidence is None
    text = "“The pier is safe,” said Mira Holt."
    sure = Document(
        "pier",
        text,
        {"outlet": "Harbour Gazette"},
        attributions=(
            Attribution("a1", "direct", (Offsets(0, 19),), (Offsets(20, 24),),
                        (Offsets(25, 34),), "e1", confidence=0.9, speaker_confidence=0.75),
        ),
        entities=(Entity("e1", "Mira Holt", "PERSON", mentions=(Offsets(25, 34),)),),
    )  # fmt: skip
    with StoreWriter(str(old)) as writer:  # opening it for writing adds the column
        writer.write(sure)
    fresh = tmp_path / "fresh.txt"
    fresh.write_text("“We are ready,” said Tom Reyes, the harbour master.\n", encoding="utf-8")
    assert run(read_inputs([fresh]), old).ok == 1  # and ingest goes on as before
    with Store(old) as store:
        assert store.has_column("attributions", "speaker_confidence")
        by_article = dict(
            store.sql(
                "SELECT a.doc_id, list(t.speaker_confidence ORDER BY t.id) FROM attributions t "
                "JOIN articles a ON a.id = t.article_id GROUP BY a.doc_id"
            )[1]
        )
        assert by_article.pop("pier") == [0.75]
        assert all(v is None or 0 <= v <= 1 for v in by_article.pop(str(fresh)))
        assert len(by_article) == 4  # the rows stored before: no value
        assert {v for values in by_article.values() for v in values} == {None}
        (quote,) = store.quotes(QuoteFilter(speaker="Mira Holt"))
        assert quote.speaker_confidence == 0.75
