"""One outlet under one name: short names, hosts and case merged at ingest, and a store
written before renamed at its next ingest (fictional articles, a real DuckDB store)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from onrecord.readers import read_inputs
from onrecord.store import IngestReport, QuoteFilter, Store, StoreWriter, ingest, outlet_name
from onrecord.store.outlets import KNOWN_OUTLETS, OutletNames, outlet_key

#: (id, metadata, text): one city-hall story as several outlets and spellings carried it
ARTICLES = [
    ("a-nyt", {"outlet": "nyt"}, "Councillor Ines Marr said the tram line would open in June."),
    (
        "b-times",
        {"outlet": "The New York Times"},
        "Transit director Paul Okafor said the tram cars had arrived from the factory.",
    ),
    (
        "c-host",
        {"url": "https://www.nytimes.com/2026/05/02/tram.html"},
        "Engineer Sara Lind said the overhead wires passed every test.",
    ),
    ("d-pol", {"outlet": "POLITICO"}, "Senator Rui Alves said the grant would cover the depot."),
    ("e-pol", {"outlet": "politico"}, "Mayor Dana Holm said the depot would hire forty drivers."),
    (
        "f-gaz",
        {"outlet": "Tramway Gazette"},
        "Driver Olek Ban said the new cabs were quieter than the old ones.",
    ),
    (
        "g-gaz",
        {"outlet": "TRAMWAY GAZETTE"},
        "Passenger Mia Roos said the stops were too far apart.",
    ),
]


def _write(folder: Path) -> Path:
    path = folder / "outlets.jsonl"
    lines = [
        json.dumps({"id": id_, "text": text, "meta": {**meta, "published": "2026-05-02"}})
        for id_, meta, text in ARTICLES
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def outlets_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("outlets")
    db = folder / "outlets.duckdb"
    report = IngestReport()
    for _ in ingest(read_inputs([_write(folder)]), str(db), report=report):
        pass
    assert (report.ok, report.failed) == (len(ARTICLES), 0)
    return db


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("nyt", "The New York Times"),
        ("NYT", "The New York Times"),
        ("New York Times", "The New York Times"),
        ("nytimes.com", "The New York Times"),
        ("politico", "Politico"),
        ("POLITICO", "Politico"),
        ("WaPo", "The Washington Post"),
        ("the wall street journal", "The Wall Street Journal"),
        ("AP", "The Associated Press"),
        ("Agence France-Presse", "AFP"),
        ("bbc.co.uk", "BBC News"),
        ("Tramway  Gazette ", "Tramway Gazette"),  # unknown: as given, spaces tidied
    ],
)
def test_outlet_name_gives_a_known_outlet_its_full_name(given: str, name: str) -> None:
    assert outlet_name(given) == name


def test_outlet_table_has_no_short_name_for_two_outlets() -> None:
    keys: dict[str, str] = {}
    for canonical, aliases in KNOWN_OUTLETS.items():
        for alias in (canonical, *aliases):
            assert keys.setdefault(outlet_key(alias), canonical) == canonical, alias


def test_outlet_names_merge_case_of_unknown_outlets_first_name_kept() -> None:
    names = OutletNames(["Tramway Gazette"])
    assert names.name("TRAMWAY GAZETTE") == "Tramway Gazette"
    assert names.name("tramway-gazette") == "Tramway Gazette"
    assert names.name("Tram News") == "Tram News"
    assert names.name(None) is None


def test_store_outlets_are_merged_at_ingest(outlets_db: Path) -> None:
    with Store(outlets_db) as store:
        stats = {o.name: o for o in store.outlets(top=10)}
        assert set(stats) == {"The New York Times", "Politico", "Tramway Gazette"}
        assert (stats["The New York Times"].articles, stats["Politico"].articles) == (3, 2)
        assert stats["Tramway Gazette"].articles == 2
        assert store.totals()["outlets"] == 3
        # a short name finds its outlet, as a part of the full name does
        nyt = {q.article_id for q in store.quotes(QuoteFilter(outlet="nyt"))}
        assert len(nyt) == 3
        assert {q.article_id for q in store.quotes(QuoteFilter(outlet="york"))} == nyt
        in_nyt = {s.name for s in store.speakers(outlet="nyt")}
        assert in_nyt == {s.name for s in store.speakers(exact_outlet="The New York Times")}
        assert len(in_nyt) == 3
        politico = store.quotes(QuoteFilter(exact_outlet="Politico"))
        assert {q.outlet for q in politico} == {"Politico"} and len(politico) >= 2
        # the metadata keeps the name as the input gave it
        record = store.article(politico[0].article_id)
        assert record is not None and record.meta["outlet"] in {"POLITICO", "politico"}


def test_store_written_before_is_merged_at_its_next_ingest(
    outlets_db: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(outlets_db, old)
    with duckdb.connect(str(old)) as con:  # the names as an earlier onrecord stored them
        ((article_id,),) = con.execute(
            "SELECT id FROM articles WHERE doc_id = 'b-times'"
        ).fetchall()
        speakers = "(SELECT speaker_id FROM attributions WHERE article_id = ?)"
        con.execute("UPDATE articles SET outlet = 'nyt' WHERE id = ?", [article_id])
        con.execute("UPDATE attributions SET outlet = 'nyt' WHERE article_id = ?", [article_id])
        for table in ("speaker_counts", "outlet_counts"):
            con.execute(
                f"UPDATE {table} SET outlet = 'nyt' WHERE speaker_id IN {speakers}", [article_id]
            )
        for table in ("articles", "attributions", "speaker_counts", "outlet_counts"):
            con.execute(f"UPDATE {table} SET outlet = 'POLITICO' WHERE outlet = 'Politico'")
    with Store(old) as store:  # it still opens and reads, names as stored
        names = {o.name for o in store.outlets(top=10)}
        assert {"nyt", "POLITICO"} <= names
    StoreWriter(str(old)).close()  # the next ingest renames
    with Store(old) as store:
        names = {o.name for o in store.outlets(top=10)}
        assert names == {"The New York Times", "Politico", "Tramway Gazette"}
        assert store.rows("SELECT count(*) FROM attributions WHERE outlet = 'nyt'", []) == [(0,)]
    with Store(old) as store, Store(outlets_db) as merged:
        assert store.outlets(top=10) == merged.outlets(top=10)
        assert store.totals() == merged.totals()
        for outlet in ("The New York Times", "Politico"):
            assert store.count_quotes(QuoteFilter(exact_outlet=outlet)) == merged.count_quotes(
                QuoteFilter(exact_outlet=outlet)
            )
        (speaker,) = store.speakers(top=1)
        assert store.speaker_view(speaker.id) == merged.speaker_view(speaker.id)
