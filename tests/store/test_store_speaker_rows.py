"""Speakers in a real DuckDB file: the same speakers whatever order articles are ingested in,
rows re-pointed when a later article regroups names, and older stores regrouped once."""

from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb
import pytest

from onrecord.extract import Extractor
from onrecord.model import Attribution, Document, Entity, Offsets
from onrecord.readers import read_inputs
from onrecord.store import IngestReport, StoreWriter, ingest
from onrecord.store.counts import COUNT_TABLES

DEV = Path(__file__).parents[3] / "shared" / "data" / "polnear" / "dev.jsonl"

#: a speaker as (name, type, the (article, entity) pairs it holds): no ids, which may differ
Partition = set[tuple[str, str, frozenset[tuple[str, str]]]]


def article(doc_id: str, outlet: str, quotes: list[tuple[str, str, str]]) -> Document:
    """A record of one paragraph per (name, type, quote): “quote,” name said."""
    text, attributions, entities = "", [], []
    for n, (name, type_, quote) in enumerate(quotes, 1):
        start = len(text) + 1
        paragraph = f"“{quote},” {name} said.\n\n"
        source = Offsets(start + len(quote) + 3, start + len(quote) + 3 + len(name))
        cue = Offsets(source.end + 1, source.end + 5)
        attributions.append(
            Attribution(f"a{n}", "direct", (Offsets(start, start + len(quote)),), (cue,),
                        (source,), f"e{n}", confidence=0.9)
        )  # fmt: skip
        entities.append(Entity(f"e{n}", name, type_, mentions=(source,)))
        text += paragraph
    meta = {"outlet": outlet, "published": "2026-03-02", "url": f"https://example.test/{doc_id}"}
    return Document(doc_id, text, meta, tuple(attributions), tuple(entities))


#: a week of fictional political news: a senator, his wife, their surname alone, a
#: president once typed ORG, a minister spelled two ways and once by surname alone
ARTICLES = [
    article("a1", "Harbour Gazette", [("Heidi Cruz", "PERSON", "We raised more than we hoped"),
                                      ("Anand", "GPE", "The ministry will not comment")]),
    article("a2", "Coastal Times", [("Cruz", "PERSON", "I will vote against the bill"),
                                    ("Trump", "ORG", "The deal is off")]),
    article("a3", "North Wire", [("Ted Cruz", "PERSON", "The bill spends too much"),
                                 ("Ruth Anand", "PERSON", "We will publish the figures")]),
    article("a4", "Coastal Times", [("Donald Trump", "PERSON", "Nobody has done more"),
                                    ("Kovalenko", "PERSON", "The terminal stays open")]),
    article("a5", "Harbour Gazette", [("Anatoliy Kovalenko", "PERSON", "Repairs start in May"),
                                      ("Anatoly Kovalenko", "PERSON", "The port will pay")]),
    article("a6", "North Wire", [("Mayor", "PERSON", "The council will decide"),
                                 ("the Coastal Times", "ORG", "We stand by the report"),
                                 ("Coastal Times", "ORG", "The figures are right")]),
]  # fmt: skip


def write(docs: list[Document], path: Path) -> None:
    with StoreWriter(str(path)) as writer:
        for doc in docs:
            writer.write(doc)


def partition(path: Path) -> Partition:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "SELECT s.name, s.type, a.doc_id, e.id FROM entities e "
            "JOIN speakers s ON s.id = e.speaker_id JOIN articles a ON a.id = e.article_id"
        ).fetchall()
    groups: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for name, type_, doc_id, entity in rows:
        groups.setdefault((name, type_), set()).add((doc_id, entity))
    return {(name, type_, frozenset(members)) for (name, type_), members in groups.items()}


def check_consistent(path: Path) -> None:
    """Every speaker column agrees with the entities', and every count with the rows."""
    with duckdb.connect(str(path), read_only=True) as con:
        wrong = con.execute(
            "SELECT count(*) FROM attributions a JOIN entities e "
            "ON e.article_id = a.article_id AND e.id = a.entity_id "
            "WHERE a.speaker_id IS DISTINCT FROM e.speaker_id"
        ).fetchone()
        assert wrong == (0,)
        forms = con.execute(
            "SELECT count(*) FROM entities e LEFT JOIN speaker_forms f "
            "ON f.name = e.name AND f.type = e.type "
            "WHERE e.speaker_id IS DISTINCT FROM f.speaker_id"
        ).fetchone()
        assert forms == (0,)
        orphans = con.execute(
            "SELECT count(*) FROM speakers WHERE id NOT IN (SELECT speaker_id FROM speaker_forms)"
        ).fetchone()
        assert orphans == (0,)
        for table in COUNT_TABLES.values():
            keys = ", ".join(table.keys)
            kept = con.execute(f"SELECT * FROM ({table.compacted}) ORDER BY ALL").fetchall()
            counted = con.execute(f"SELECT * FROM {table.derived} ORDER BY {keys}").fetchall()
            assert sorted(kept, key=repr) == sorted(counted, key=repr), table.name


def shown_by(found: Partition) -> dict[tuple[str, str], tuple[str, str]]:
    """(article, entity) -> the speaker's (name, type)."""
    return {member: (name, type_) for name, type_, members in found for member in members}


def test_store_speakers_are_the_same_in_any_ingest_order(tmp_path: Path) -> None:
    forward = tmp_path / "forward.duckdb"
    write(ARTICLES, forward)
    expected = partition(forward)
    orders = [ARTICLES[::-1]] + [random.Random(seed).sample(ARTICLES, 6) for seed in range(4)]
    for n, order in enumerate(orders):
        path = tmp_path / f"order-{n}.duckdb"
        write(order, path)
        assert partition(path) == expected, [d.id for d in order]
        check_consistent(path)
    check_consistent(forward)
    speaker = shown_by(expected)
    assert speaker[("a1", "e1")] == ("Heidi Cruz", "PERSON")
    assert speaker[("a3", "e1")] == ("Ted Cruz", "PERSON")
    assert speaker[("a2", "e1")] == ("Cruz", "PERSON")  # fits two: its own speaker
    assert speaker[("a2", "e2")] == ("Donald Trump", "PERSON")  # the ORG joins him
    assert speaker[("a1", "e2")] == speaker[("a3", "e2")] == ("Ruth Anand", "PERSON")
    assert speaker[("a4", "e2")] == speaker[("a5", "e1")] == speaker[("a5", "e2")]
    assert speaker[("a6", "e2")] == speaker[("a6", "e3")]
    assert ("a6", "e1") not in speaker  # "Mayor" alone is nobody


def test_store_speakers_a_later_article_moves_stored_rows_and_keeps_ids(tmp_path: Path) -> None:
    path = tmp_path / "moves.duckdb"
    write([ARTICLES[0], ARTICLES[1]], path)  # Heidi Cruz, then "Cruz": the only Cruz so far
    with duckdb.connect(str(path), read_only=True) as con:
        before = dict(con.execute("SELECT name, speaker_id FROM entities").fetchall())
    assert before["Cruz"] == before["Heidi Cruz"]
    write([ARTICLES[2]], path)  # Ted Cruz: a bare "Cruz" no longer fits one person
    with duckdb.connect(str(path), read_only=True) as con:
        after = dict(con.execute("SELECT name, speaker_id FROM entities").fetchall())
        quotes = dict(
            con.execute(
                "SELECT content_text, speaker_id FROM attributions WHERE article_id IN "
                "(SELECT id FROM articles WHERE doc_id = 'a2')"
            ).fetchall()
        )
    assert after["Heidi Cruz"] == before["Heidi Cruz"]  # her id stays hers
    assert len({after["Cruz"], after["Heidi Cruz"], after["Ted Cruz"]}) == 3
    assert quotes["I will vote against the bill"] == after["Cruz"]
    assert after["Anand"] == after["Ruth Anand"] == before["Anand"]  # joined, same id
    check_consistent(path)
    assert partition(path) == partition_of(ARTICLES[:3], tmp_path / "fresh.duckdb")


def partition_of(docs: list[Document], path: Path) -> Partition:
    write(docs, path)
    return partition(path)


def test_store_made_before_speaker_forms_is_regrouped_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    write(ARTICLES, path)
    with duckdb.connect(str(path)) as con:  # as the old greedy matcher had left it
        heidi = con.execute("SELECT speaker_id FROM entities WHERE name = 'Heidi Cruz'").fetchone()
        assert heidi is not None
        con.execute("UPDATE entities SET speaker_id = ? WHERE name = 'Cruz'", [heidi[0]])
        con.execute(
            "UPDATE attributions SET speaker_id = ? WHERE content_text = "
            "'I will vote against the bill'",
            [heidi[0]],
        )
        con.execute("DELETE FROM speakers WHERE name = 'Cruz'")
        con.execute("DELETE FROM speaker_forms")
        con.execute("DELETE FROM store_info WHERE key LIKE '%speaker%'")
    write([], path)  # opening it for writing regroups it
    assert partition(path) == partition_of(ARTICLES, tmp_path / "fresh.duckdb")
    check_consistent(path)


# ---------------------------------------------------------------- extracted articles

#: fictional news in the style of a local paper: a harbour master and her brother, a
#: councillor, both sometimes by surname alone, in articles that name only one of them
STORIES = [
    ("ferry", "“The ferry will sail on Monday,” harbour master Marta Lindqvist said on Friday. "
              "Lindqvist said the repairs had cost less than feared."),
    ("fees", "Councillor Erik Lindqvist said the new fees were unfair to traders. "
             "“Nobody asked the quay,” Lindqvist told reporters."),
    ("storm", "“We lost two warehouses in one night,” Lindqvist said after the storm. "
              "The council will meet on Tuesday."),
    ("budget", "“The budget has room for a second ferry,” said Tomas Okafor, the council "
               "leader. Okafor said the vote would come in March."),
    ("vote", "“We will vote for the ferry,” Okafor told the council on Tuesday. "
             "Ines Ferreira, the union's spokeswoman, said the crews would wait."),
    ("union", "“Our members have waited three years,” Ferreira said. "
              "Marta Lindqvist said the harbour would stay open during the strike."),
]  # fmt: skip


def story_file(path: Path, order: list[int]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in order:
            slug, text = STORIES[n]
            meta = {"url": f"https://islandpost.example/{slug}", "outlet": "Island Post"}
            out.write(json.dumps({"id": slug, "text": text, **meta}) + "\n")
    return path


def ingest_file(source: Path, db: Path) -> None:
    report = IngestReport()
    for _ in ingest(read_inputs([source]), str(db), report=report):
        pass
    assert report.ok == len(STORIES)


def test_store_speakers_of_extracted_news_are_the_same_in_any_order(tmp_path: Path) -> None:
    found = []
    for n, order in enumerate([[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 4, 1, 5, 3]]):
        db = tmp_path / f"news-{n}.duckdb"
        ingest_file(story_file(tmp_path / f"news-{n}.jsonl", order), db)
        found.append(partition(db))
    assert found[0] == found[1] == found[2]
    for n in range(3):
        check_consistent(tmp_path / f"news-{n}.duckdb")
    with duckdb.connect(str(tmp_path / "news-0.duckdb"), read_only=True) as con:
        named = con.execute(
            "SELECT e.name, s.name FROM entities e JOIN speakers s ON s.id = e.speaker_id"
        ).fetchall()
    speakers = {}
    for entity, speaker in named:
        speakers.setdefault(entity, set()).add(speaker)
    assert speakers["Marta Lindqvist"] != speakers["Erik Lindqvist"]
    assert speakers["Lindqvist"] == {"Lindqvist"}  # the storm article names neither sibling
    assert speakers["Okafor"] == speakers["Tomas Okafor"] == {"Tomas Okafor"}


@pytest.fixture(scope="module")
def dev_records(extractor: Extractor) -> list[Document]:
    """PolNeAR dev's 84 articles extracted once (about 25 s); read from ../shared."""
    if not DEV.exists():
        pytest.skip(f"PolNeAR dev not found at {DEV}")
    return list(extractor.pipe(read_inputs([DEV])))


def test_store_speakers_of_polnear_dev_are_the_same_in_any_order(
    dev_records: list[Document], tmp_path: Path
) -> None:
    forward, backward = tmp_path / "forward.duckdb", tmp_path / "backward.duckdb"
    write(dev_records, forward)
    write(dev_records[::-1], backward)
    shuffled = tmp_path / "shuffled.duckdb"
    write(random.Random(5).sample(dev_records, len(dev_records)), shuffled)
    assert partition(forward) == partition(backward) == partition(shuffled)
    for path in (forward, backward, shuffled):
        check_consistent(path)
    people = {name for name, type_, _ in partition(forward) if type_ == "PERSON"}
    assert {"Ivanka Trump", "Ivana Trump"} <= people  # first names differ: two people
