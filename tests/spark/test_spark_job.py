"""The Spark job on a real local[2] SparkSession: parity with extract, errors, reruns, ingest.

One job reads every kind of input at once (JSON Lines, .jsonl.gz, Parquet, WARC, each
with bad records) and the tests check its tables; Spark takes ~15 s to start and a job
some seconds, so jobs are few.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from onrecord import batch
from onrecord.batch import ExtractorStartError
from onrecord.cli.app import _register, app
from onrecord.config import Settings
from onrecord.errors import SparkJobError
from onrecord.extract import Extractor
from onrecord.model import Document, RawDocument
from onrecord.readers import read_inputs
from onrecord.readers.jsonl import object_document
from onrecord.spark import TABLES, JobReport, extract_partition, run_job
from onrecord.spark import job as job_module
from onrecord.store import IngestReport, Store, StoreWriter, ingest
from onrecord.store.parquet import ingest_parquet
from onrecord.store.rows import (
    article_date,
    article_key,
    document_from_rows,
    document_rows,
    error_rows,
)
from warc_files import ARTICLES, article, http, page, write_warc

pa = pytest.importorskip("pyarrow", reason="the Spark tests write Parquet with pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

if not app.registered_commands:  # other CLI test modules may have registered already
    _register()

DATA = Path(__file__).parents[1] / "data"
CORPUS = DATA / "store" / "corpus.jsonl"
#: two of the web tests' articles (a hostile one, a repaired one); named, so that the web
#: tests can add articles without changing the counts here
WEB = [DATA / "web" / "hostile.jsonl", DATA / "web" / "repaired.jsonl"]
#: columns the store fills in itself when the rows reach it
STORE_ONLY = {"speaker_id", "search_text", "quote_group", "seq", "month"}

# fresh fictional articles for the inputs built here
LIBRARY = (
    "Marlow Bay library to stay open late during exams\n\n"
    "The public library in Marlow Bay will stay open until ten at night for the four weeks "
    "of the school exam season, the town council said on Thursday.\n\n"
    "“Students told us they had nowhere quiet to revise after dinner,” said Oksana Vell, "
    "who chairs the council's culture committee. She said the extra hours would cost less "
    "than a new bus shelter.\n\n"
    "The head librarian, Bram Teller, said volunteers had offered to help staff the desk."
)
BRIDGE = (
    "Old Mill bridge closes for repairs\n\n"
    "The Old Mill footbridge over the Sarn will close for six weeks from Monday while "
    "engineers replace its rotten planks, the county roads office said.\n\n"
    "“It is safe today, but it will not be safe next winter,” said Lena Korr, the county "
    "engineer. Shopkeepers on Mill Lane said they feared losing passing trade."
)
HARBOUR = (
    "Harbour fees to rise for visiting yachts\n\n"
    "Visiting yachts will pay a fifth more to moor in Skellhaven from April, the harbour "
    "board announced on Wednesday.\n\n"
    "Board chairman Piet Anders said the money would pay for new pontoons. “Our moorings "
    "are older than most of the boats that use them,” he said.\n\n"
    "Yacht owners fear that the higher fees will send visitors to other harbours."
)
POOL = "“We will reopen the pool in May,” said Councillor Ada Brenner on Friday."


def _line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode() + b"\n"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every kind of input the job reads, each with bad records among good ones."""
    folder = tmp_path_factory.mktemp("spark-in")
    desk = folder / "news desk"  # a space: Spark URL-encodes some of its paths
    desk.mkdir()
    bad = desk / "bad.jsonl"
    bad.write_bytes(
        _line({"text": LIBRARY, "outlet": "Marlow Bay Post", "published": "2026-02-30"})
        + b'{"id": "broken", "text": "the line ends\n'  # E005
        + b"\n"  # blank: skipped, but counted as a line
        + _line({"id": "blank-text", "text": "   "})  # E006
        + b'{"id": "latin-1", "text": "caf\xe9 society"}\n'  # E003
        + b'["not", "an", "object"]\n'  # E009
    )
    cut = folder / "cut.jsonl.gz"
    whole = gzip.compress(_line({"id": "pool", "text": POOL}) + _line({"id": "x", "text": BRIDGE}))
    cut.write_bytes(whole[:-30])  # E007: the file ends inside the gzip stream
    table = pa.table(
        {
            "id": ["bridge", None, "no-text"],
            "text": [BRIDGE, HARBOUR, None],  # the last: E006
            "outlet": ["Sarn Valley News", "Skellhaven Herald", "Sarn Valley News"],
            "url": [
                "https://sarnvalley.example/bridge",
                "https://skellhaven.example/fees",
                None,
            ],
            "published": [dt.date(2026, 4, 2), dt.date(2026, 3, 18), None],
        }
    )
    articles = desk / "articles.parquet"
    pq.write_table(table, articles)
    crawl = folder / "crawl.warc.gz"
    block = len(http(page(*ARTICLES[1][1:3], None).encode()))
    write_warc(crawl, [article(0), article(1, length=block + 500), article(2)], gz=True)
    return [CORPUS, *WEB, bad, cut, articles, crawl]


def _reference(inputs: list[Path]) -> Iterator[RawDocument]:
    """The inputs as `onrecord extract` / `ingest` read them; Parquet, which they do not
    read, row by row as JSON Lines objects named FILE:ROW (dates as ISO text, as in JSON)."""
    for path in inputs:
        if path.suffix != ".parquet":
            yield from read_inputs([path], keep_results=True)
            continue
        for i, row in enumerate(pq.read_table(path).to_pylist(), start=1):
            obj = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
            yield object_document(obj, f"{path}:{i}", i, keep_results=True)


@pytest.fixture
def shared_model(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> None:
    """In-process extraction reuses the session's model instead of loading it again."""
    monkeypatch.setattr(batch, "Extractor", lambda settings: extractor)


@pytest.fixture(scope="module")
def expected(inputs: list[Path], extractor: Extractor) -> dict[str, Document]:
    """What `onrecord extract` makes of the same inputs, extracted in chunks as it does."""
    settings = Settings()
    raws = [batch.check_document(raw, settings) for raw in _reference(inputs)]
    docs: dict[str, Document] = {}
    for start in range(0, len(raws), batch.CHUNK_SIZE):
        for doc in batch.extract_chunk(extractor, raws[start : start + batch.CHUNK_SIZE]):
            docs[doc.id] = doc
    return docs


@pytest.fixture(scope="module")
def job(spark: Any, inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spark-out") / "out"
    report = run_job(spark, [str(p) for p in inputs], str(out))
    _job_reports[str(out)] = report
    return out


_job_reports: dict[str, JobReport] = {}


def _table(out: Path, table: str) -> list[dict[str, Any]]:
    files = sorted(str(f) for f in (out / table).rglob("*.parquet"))
    if not files:
        return []
    rel = duckdb.sql(f"SELECT * FROM read_parquet({files!r}, hive_partitioning = true)")
    return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]


def _without(row: dict[str, Any], names: set[str]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in names}


def _as_date(row: dict[str, Any]) -> dict[str, Any]:
    published = row.get("published")
    return {**row, "published": dt.date.fromisoformat(published) if published else None}


def test_spark_job_report_counts_every_document(job: Path, expected: dict[str, Document]) -> None:
    report = _job_reports[str(job)]
    failed = sum(1 for doc in expected.values() if doc.errors)
    assert (report.documents, report.failed) == (len(expected), failed)
    assert report.attributions == sum(len(d.attributions) for d in expected.values())
    assert (report.ok, report.failed) == (12, 7)
    assert report.return_code == 1


def test_spark_job_model_loaded_once_per_python_worker(job: Path) -> None:
    # eight extraction tasks on local[2], most with documents to extract: one load per task
    # would be ~8. Python workers are reused across tasks; a worker goes back to Spark's
    # pool just after its task ends, so a task starting at that moment may fork a third
    assert 1 <= _job_reports[str(job)].model_loads <= 5


def test_spark_extract_partition_reuses_the_extractor(
    monkeypatch: pytest.MonkeyPatch, extractor: Extractor
) -> None:
    built: list[Settings] = []

    def start(settings: Settings) -> Extractor:
        built.append(settings)
        return extractor

    monkeypatch.setattr(job_module, "start_extractor", start)
    monkeypatch.setattr(job_module, "_extractors", {})
    row = ("pool", POOL, "{}", None, None, False)
    for _ in range(3):  # three partitions in one Python worker
        (out,) = extract_partition(Settings(), [row])
        assert out[0] == "pool" and out[2] is not None
    assert built == [Settings()]
    failed = ("x", "", "{}", "E001", "x: the document is empty.", False)
    (row,) = extract_partition(Settings(profile="fast"), [failed])
    assert row[2] is None and row[5] != []
    assert built == [Settings()]  # bad documents alone need no model


def test_spark_extract_partition_builds_the_profile_asked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The job's Settings reach the worker's Extractor whole: the accurate profile asks a
    tagger folder for its encoder (no Spark started: the worker's side alone)."""
    monkeypatch.setattr(job_module, "_extractors", {})
    plain = tmp_path / "plain"  # the shipped tagger, without encoder.onnx
    plain.mkdir()
    for name in ("tagger.npz", "tagger.json"):
        (plain / name).write_bytes(files("onrecord.data").joinpath(name).read_bytes())
    row = ("pool", POOL, "{}", None, None, False)
    (out,) = extract_partition(Settings(tagger=str(plain)), [row])
    assert out[0] == "pool" and out[2] is not None
    with pytest.raises(ExtractorStartError) as caught:
        list(extract_partition(Settings(profile="accurate", tagger=str(plain)), [row]))
    assert caught.value.code == "E010"


def test_spark_job_rows_equal_extract_record_for_record(
    job: Path, expected: dict[str, Document]
) -> None:
    ok = {doc.id: doc for doc in expected.values() if not doc.errors}
    articles = {row["doc_id"]: row for row in _table(job, "articles")}
    assert sorted(articles) == sorted(ok)
    entities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _table(job, "entities"):
        entities[row["article_id"]].append(row)
    attributions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _table(job, "attributions"):
        attributions[row["article_id"]].append(row)
    for doc_id, doc in ok.items():
        rows = document_rows(doc)
        article = articles[doc_id]
        key = article["id"]
        assert _without(article, STORE_ONLY) == _as_date(rows.article), doc_id
        assert sorted(
            (_without(e, STORE_ONLY) for e in entities[key]), key=lambda e: e["id"]
        ) == sorted(rows.entities, key=lambda e: e["id"])
        assert sorted(
            (_without(a, STORE_ONLY) for a in attributions[key]), key=lambda a: a["id"]
        ) == sorted((_as_date(a) for a in rows.attributions), key=lambda a: a["id"])
        back = document_from_rows(article, entities[key], attributions[key])
        assert back.to_dict() == doc.to_dict()
        speaker_of = {e["id"]: e["speaker_id"] for e in entities[key]}
        assert [a["speaker_id"] for a in attributions[key]] == [
            speaker_of.get(a["entity_id"]) for a in attributions[key]
        ]
        month = article["published"].isoformat()[:7] if article["published"] else "undated"
        assert article["month"] == month


def test_spark_job_attributions_are_typed_as_extract_types_them(
    job: Path, expected: dict[str, Document]
) -> None:
    want = {
        (row["article_id"], row["id"]): row["type"]
        for doc in expected.values()
        if not doc.errors
        for row in document_rows(doc).attributions
    }
    got = {(row["article_id"], row["id"]): row["type"] for row in _table(job, "attributions")}
    assert got == want
    assert set(got.values()) == {"statement", "thought"}  # the yacht owners' fear


def test_spark_job_bad_records_are_error_rows(job: Path, expected: dict[str, Document]) -> None:
    want = sorted(row for doc in expected.values() for row in _error_tuples(error_rows(doc)))
    got = sorted(_error_tuples(_table(job, "errors")))
    assert got == want
    codes = sorted(code for _, _, _, code, _ in got)
    assert codes == ["E003", "E005", "E006", "E006", "E007", "E009", "E012"]


def _error_tuples(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["doc_id"], r["source"], r["offset"], r["code"], r["message"]) for r in rows]


def test_spark_job_ids_name_files_as_extract_does(job: Path, inputs: list[Path]) -> None:
    bad, parquet = inputs[-4], inputs[-2]
    ids = {row["doc_id"] for row in _table(job, "articles")}
    assert f"{bad}:1" in ids  # a line without an id: FILE:LINE
    assert f"{parquet}:2" in ids  # a Parquet row without an id: FILE:ROW
    assert f"{inputs[-1]}@0" in ids  # a WARC record: FILE@OFFSET


def test_spark_job_invalid_date_is_undated(job: Path, inputs: list[Path]) -> None:
    (library,) = [r for r in _table(job, "articles") if r["doc_id"] == f"{inputs[-4]}:1"]
    assert (library["published"], library["month"]) == (None, "undated")


def test_spark_job_tables_have_the_store_columns(job: Path, tmp_path: Path) -> None:
    StoreWriter(str(tmp_path / "empty.duckdb")).close()
    con = duckdb.connect(str(tmp_path / "empty.duckdb"), read_only=True)
    for table in TABLES:
        store = {
            name: "VARCHAR" if kind == "JSON" else kind
            for name, kind in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ?",
                [table],
            ).fetchall()
            if name not in ("ingested_at", "logged_at")
        }
        files = [str(f) for f in (job / table).rglob("*.parquet")]
        described = duckdb.sql(
            f"DESCRIBE SELECT * FROM read_parquet({files!r}, hive_partitioning = true)"
        ).fetchall()
        spark = {name: kind for name, kind, *_ in described if name != "month"}
        assert spark == store, table
    con.close()


def test_spark_ingest_parquet_gives_the_same_store_as_ingest(
    job: Path, inputs: list[Path], tmp_path: Path, shared_model: None
) -> None:
    direct, via_spark = str(tmp_path / "direct.duckdb"), str(tmp_path / "spark.duckdb")
    # quote groups depend on the order articles arrive in (speakers do not): the direct
    # ingest gets them in the order ingest --parquet stores them (by month, then by id)
    raws = sorted(_reference(inputs), key=_stored_order)
    for _ in ingest(raws, direct):
        pass
    report = IngestReport()
    for _ in ingest_parquet(job, via_spark, report=report):
        pass
    assert (report.ok, report.failed, report.skipped) == (12, 7, 0)
    assert _store_content(via_spark) == _store_content(direct)
    again = IngestReport()
    for _ in ingest_parquet(job, via_spark, report=again):
        pass
    assert (again.ok, again.skipped) == (0, 12)  # idempotent
    assert _store_content(via_spark) == _store_content(direct)


def test_spark_speakers_are_the_stores(job: Path, tmp_path: Path, shared_model: None) -> None:
    store = str(tmp_path / "store.duckdb")
    for _ in ingest_parquet(job, store):
        pass
    spark_speakers = {row["id"]: row for row in _table(job, "speakers")}
    spark_side = {
        (row["article_id"], row["id"]): _shown(spark_speakers.get(row["speaker_id"]))
        for row in _table(job, "entities")
    }
    with Store(store) as opened:
        _, rows = opened.sql(
            "SELECT e.article_id, e.id, s.name, s.type, s.key FROM entities e "
            "LEFT JOIN speakers s ON s.id = e.speaker_id"
        )
        _, stored = opened.sql("SELECT name, type, key FROM speakers")
    store_side = {(a, e): None if name is None else (name, type_, key)
                  for a, e, name, type_, key in rows}  # fmt: skip
    assert spark_side == store_side
    assert any(shown is not None for shown in spark_side.values())
    assert sorted(_shown(s) for s in spark_speakers.values()) == sorted(map(tuple, stored))
    assert sorted(spark_speakers) == list(range(1, len(spark_speakers) + 1))


def _shown(speaker: dict[str, Any] | None) -> tuple[str, str, str] | None:
    return None if speaker is None else (speaker["name"], speaker["type"], speaker["key"])


def _stored_order(raw: RawDocument) -> tuple[str, str]:
    published = article_date(raw.meta)
    return (published[:7] if published else "undated", article_key(raw.text, raw.meta.get("url")))


def _store_content(path: str) -> dict[str, Any]:
    """What a store holds, without the numbers it made up (speaker ids, seq, groups)."""
    queries = {
        "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id",
        "entities": "SELECT e.* EXCLUDE (speaker_id), s.name, s.type, s.key FROM entities e "
        "LEFT JOIN speakers s ON s.id = e.speaker_id ORDER BY e.article_id, e.id",
        "attributions": "SELECT a.* EXCLUDE (speaker_id, quote_group, seq), s.key "
        "FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker_id "
        "ORDER BY a.article_id, a.id",
        "quote_groups": "SELECT list(article_id || '/' || id ORDER BY article_id, id) AS g "
        "FROM attributions GROUP BY quote_group ORDER BY g",
        "speakers": "SELECT name, type, key FROM speakers ORDER BY key, name",
        "errors": "SELECT * EXCLUDE (logged_at) FROM errors ORDER BY doc_id, code",
        "words": "SELECT count(*) FROM quote_words",
    }
    with Store(path) as store:
        return {name: store.sql(sql)[1] for name, sql in queries.items()}


def test_spark_ingest_parquet_reads_export_layout(
    job: Path, tmp_path: Path, shared_model: None
) -> None:
    first = str(tmp_path / "first.duckdb")
    for _ in ingest_parquet(job, first):
        pass
    from onrecord.store import export_parquet

    export_parquet(first, tmp_path / "exported")
    second = str(tmp_path / "second.duckdb")
    report = IngestReport()
    for _ in ingest_parquet(tmp_path / "exported", second, report=report):
        pass
    assert (report.ok, report.failed) == (12, 7)
    assert _store_content(second) == _store_content(first)


def test_spark_rerun_overwrites_the_tables(spark: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "errors").mkdir(parents=True)
    (out / "errors" / "part-old.parquet").write_text("left by an earlier run")
    first = run_job(spark, [str(CORPUS)], str(out), partitions=2)
    second = run_job(spark, [str(CORPUS)], str(out), partitions=2)
    assert (first.documents, second.documents) == (4, 4)
    assert len(_table(out, "articles")) == 4  # replaced, not appended
    assert _table(out, "errors") == []
    assert not (out / "errors" / "part-old.parquet").exists()


def test_spark_out_with_other_files_is_refused(spark: Any, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("my notes")
    with pytest.raises(SparkJobError) as caught:
        run_job(spark, [str(CORPUS)], str(tmp_path))
    assert caught.value.code == "E302"
    assert "notes.txt" in caught.value.message
    assert (tmp_path / "notes.txt").read_text() == "my notes"


def test_spark_unknown_format_and_missing_text_column(spark: Any, tmp_path: Path) -> None:
    with pytest.raises(SparkJobError) as caught:
        run_job(spark, [str(tmp_path)], str(tmp_path / "out"))
    assert caught.value.code == "E301"
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "a.parquet")
    with pytest.raises(SparkJobError) as caught:
        run_job(spark, [str(tmp_path / "a.parquet")], str(tmp_path / "out"))
    assert caught.value.code == "E306"
    assert "body" in caught.value.message


runner = CliRunner()


def test_spark_cli_fields_errors_and_exit_code(spark: Any, tmp_path: Path) -> None:
    rows = pa.table({"key": ["harbour"], "body": [HARBOUR], "outlet": ["Skellhaven Herald"]})
    pq.write_table(rows, tmp_path / "fees.parquet")
    (tmp_path / "bad.jsonl").write_bytes(b'{"key": "cut", "body": "no end\n')
    out = tmp_path / "out"
    args = [tmp_path / "fees.parquet", tmp_path / "bad.jsonl", "--out", out]
    options = ["--text-field", "body", "--id-field", "key", "--partitions", "2"]
    result = runner.invoke(app, ["spark", *map(str, args), *options])
    assert result.exit_code == 1, result.output
    assert f"{tmp_path}/bad.jsonl:1: line 1 is not valid JSON" in result.stderr
    assert result.stderr.endswith(f"2 documents, 4 attributions, 1 failed -> {out}\n")
    assert [r["doc_id"] for r in _table(out, "articles")] == ["harbour"]
    assert spark.sparkContext._jsc is not None  # the session it found running is not stopped


def test_spark_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["spark", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "Pass --input-format jsonl, parquet or warc. [E301]" in result.stderr
    result = runner.invoke(app, ["spark", "a.jsonl", "--out", "o", "--conf", "nokey"])
    assert result.exit_code == 2
    assert "--conf 'nokey' is not KEY=VALUE" in result.stderr
    result = runner.invoke(app, ["ingest", "--parquet", str(tmp_path), "a.jsonl"])
    assert result.exit_code == 2


def test_spark_cli_without_pyspark_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # import fails as if not installed
    monkeypatch.setattr("onrecord.spark.active_session", lambda: None)
    result = runner.invoke(app, ["spark", "a.jsonl", "--out", "o"])
    assert result.exit_code == 2
    assert "pip install 'onrecord[spark]'. [E304]" in result.stderr


def test_spark_module_runs_and_imports_pyspark_lazily() -> None:
    code = "import onrecord.spark, sys; assert 'pyspark' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
    shown = subprocess.run(
        [sys.executable, "-m", "onrecord.spark", "--help"], capture_output=True, text=True
    )
    assert shown.returncode == 0
    assert "--out" in shown.stdout and "--master" in shown.stdout


def test_spark_quiet_run_prints_nothing_not_even_spark(spark: Any, tmp_path: Path) -> None:
    """-q: no summary, and none of Spark's start-up lines (a Spark of its own, started in
    a fresh process as a user's is)."""
    (tmp_path / "pool.jsonl").write_bytes(_line({"id": "pool", "text": POOL}))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "onrecord.spark", str(tmp_path / "pool.jsonl")]
    fresh = {k: v for k, v in os.environ.items() if not k.startswith("PYSPARK_GATEWAY")}
    done = subprocess.run(
        [*command, "--out", str(out), "--master", "local[1]", "-q"],
        capture_output=True,
        text=True,
        env=fresh,  # not this test session's Spark, whose gateway pyspark would join
    )
    # the JVM's own notice of Spark 4's incubator module is not Spark's log and cannot be
    # turned off from here; everything else is
    said = [line for line in done.stderr.splitlines() if "incubator modules" not in line]
    assert (done.returncode, done.stdout, said) == (0, "", [])
    assert [r["doc_id"] for r in _table(out, "articles")] == ["pool"]


def test_spark_cli_ingest_parquet_summary_and_exit_code(
    job: Path, tmp_path: Path, shared_model: None
) -> None:
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["ingest", "--parquet", str(job), "--db", str(db)])
    assert result.exit_code == 1  # the job's error rows are failed documents
    assert "line 2 is not valid JSON" in result.stderr
    # under the news convention "volunteers had offered to help" and "welcomed the
    # decision" are deeds, not words, and "Students told us …" inside the councillor's
    # quote is the students' report: 44 (PolNeAR's convention counts 45)
    assert result.stderr.endswith(f"19 documents, 44 attributions, 7 failed -> {db}\n")
    again = runner.invoke(app, ["ingest", "--parquet", str(job), "--db", str(db), "-q"])
    assert again.exit_code == 1
    missing = runner.invoke(
        app, ["ingest", "--parquet", str(tmp_path / "nothing"), "--db", str(db)]
    )
    assert missing.exit_code == 2
    assert "no onrecord Parquet tables here (no such folder)" in missing.stderr
