"""Writers: JSON Lines is Document.to_dict per line; JSON, CSV and the table follow it."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from onrecord.errors import error
from onrecord.model import Attribution, Document, Entity, Offsets
from onrecord.writers import CSV_COLUMNS, FORMATS, TableWriter, make_writer

TEXT = "“The dam is safe,” said Ines Varga, the county engineer. “We checked it twice,” she said."


def span(s: str, after: int = 0) -> tuple[Offsets, ...]:
    start = TEXT.index(s, after)
    return (Offsets(start, start + len(s)),)


VARGA = Entity("e1", "Ines Varga", "PERSON", "county engineer", span("Ines Varga"))
DOC = Document(
    "dam-1",
    TEXT,
    {"outlet": "Valley Courier"},
    attributions=(
        Attribution(
            "a1",
            "direct",
            span("“The dam is safe,”"),
            span("said"),
            span("Ines Varga"),
            "e1",
            confidence=0.91,
            speaker_confidence=0.93,
        ),
        Attribution(
            "a2",
            "direct",
            span("“We checked it twice,”"),
            span("said", 60),
            span("she"),
            "e1",
            confidence=0.8,
            speaker_confidence=0.4,
        ),
    ),
    entities=(VARGA,),
)
FAILED = Document("broken.txt", "", errors=(error("E001", doc_id="broken.txt"),))


def written(fmt: str, *docs: Document) -> str:
    stream = io.StringIO()
    with make_writer(fmt, stream) as writer:
        for doc in docs:
            writer.write(doc)
    return stream.getvalue()


def test_writers_jsonl_is_one_to_dict_per_line_unescaped() -> None:
    out = written("jsonl", DOC, FAILED)
    lines = out.splitlines()
    assert [json.loads(line) for line in lines] == [DOC.to_dict(), FAILED.to_dict()]
    assert "“The dam is safe,”" in lines[0]  # ensure_ascii=False: UTF-8 as is
    assert Document.from_dict(json.loads(lines[0])) == DOC


@pytest.mark.parametrize("docs", [(), (DOC,), (DOC, FAILED)], ids=["none", "one", "two"])
def test_writers_json_is_a_list(docs: tuple[Document, ...]) -> None:
    assert json.loads(written("json", *docs)) == [d.to_dict() for d in docs]


def test_writers_csv_has_a_row_per_attribution_and_per_failed_document() -> None:
    rows = list(
        csv.DictReader(io.StringIO(written("csv", DOC, Document("quiet", "No one spoke."), FAILED)))
    )
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [(r["doc_id"], r["attribution_id"]) for r in rows] == [
        ("dam-1", "a1"),
        ("dam-1", "a2"),
        ("broken.txt", ""),
    ]
    assert rows[1] == {
        "doc_id": "dam-1",
        "attribution_id": "a2",
        "kind": "direct",
        "type": "",  # a record made before it existed
        "speaker": "Ines Varga",
        "source": "she",
        "cue": "said",
        "content": "“We checked it twice,”",
        "source_offsets": json.dumps(DOC.to_dict()["attributions"][1]["source"]),
        "cue_offsets": json.dumps(DOC.to_dict()["attributions"][1]["cue"]),
        "content_offsets": json.dumps(DOC.to_dict()["attributions"][1]["content"]),
        "confidence": "0.8",
        "speaker_confidence": "0.4",
        "speaker_id": "e1",
        "via": "",
        "error": "",
    }
    assert rows[2]["error"] == f"E001: {FAILED.errors[0].message}"


def test_writers_csv_joins_split_pieces() -> None:
    split = Attribution(
        "a1", "direct", span("“The dam is safe,”") + span("“We checked it twice,”"), (), ()
    )
    rows = list(
        csv.DictReader(io.StringIO(written("csv", Document("d", TEXT, attributions=(split,)))))
    )
    assert rows[0]["content"] == "“The dam is safe,” … “We checked it twice,”"
    assert rows[0]["speaker"] == ""
    assert rows[0]["speaker_confidence"] == ""  # a record made before it existed


def test_writers_csv_speaker_confidence_is_next_to_confidence() -> None:
    at = CSV_COLUMNS.index("confidence")
    assert CSV_COLUMNS[at : at + 2] == ("confidence", "speaker_confidence")
    rows = list(csv.reader(io.StringIO(written("csv", DOC))))
    assert [row[at : at + 2] for row in rows[1:]] == [["0.91", "0.93"], ["0.8", "0.4"]]


def test_writers_table_shows_who_said_what_and_where() -> None:
    out = written("table", DOC)
    start, end = span("“The dam is safe,”")[0].start, span("“The dam is safe,”")[0].end
    assert out.splitlines()[0] == "dam-1 (2 attributions)"
    row = out.splitlines()[1].split()
    assert row[:4] == ["Ines", "Varga", "0.93", "direct"]
    assert row[-1] == f"[{start}:{end}]"
    assert "“The dam is safe,”" in out


def test_writers_table_marks_an_uncertain_speaker() -> None:
    lines = TableWriter(io.StringIO(), width=100).lines(DOC)
    assert lines[1].split()[:4] == ["Ines", "Varga", "0.93", "direct"]
    assert lines[2].split()[:4] == ["Ines", "Varga", "0.40?", "direct"]  # below 0.5
    assert all(len(line) <= 100 for line in lines)


def test_writers_table_without_speaker_confidence_has_no_empty_column() -> None:
    unknown = tuple(replace(a, speaker_confidence=None) for a in DOC.attributions)
    lines = TableWriter(io.StringIO(), width=100).lines(replace(DOC, attributions=unknown))
    assert lines[1].startswith("  Ines Varga  direct  said  “The dam is safe,”")


TYPED = replace(
    DOC,
    attributions=(
        replace(DOC.attributions[0], type="statement"),
        replace(DOC.attributions[1], type="thought"),
    ),
)


def test_writers_csv_type_is_next_to_kind() -> None:
    rows = list(csv.DictReader(io.StringIO(written("csv", TYPED))))
    assert list(rows[0])[2:4] == ["kind", "type"]
    assert [r["type"] for r in rows] == ["statement", "thought"]


def test_writers_table_shows_the_type_after_the_kind() -> None:
    lines = TableWriter(io.StringIO(), width=100).lines(TYPED)
    assert lines[1].split()[:5] == ["Ines", "Varga", "0.93", "direct", "statement"]
    assert lines[2].split()[:5] == ["Ines", "Varga", "0.40?", "direct", "thought"]
    assert lines[2].startswith("  Ines Varga  0.40?  direct  thought    said  ")
    assert all(len(line) <= 100 for line in lines)


def test_writers_table_shortens_long_words_in_the_middle() -> None:
    words = " ".join(f"word{i}" for i in range(200))
    text = f"“{words}” said Ines Varga."
    quote = (Offsets(0, len(words) + 2),)
    doc = Document("long", text, attributions=(Attribution("a1", "direct", quote, (), ()),))
    lines = TableWriter(io.StringIO(), width=80).lines(doc)
    assert all(len(line) <= 80 for line in lines)
    assert "“word0 word1" in lines[1]
    assert " … " in lines[1]
    assert "word199”" in lines[1]
    assert lines[1].endswith(f"[0:{len(words) + 2}]")


def test_writers_table_lists_errors_wrapped() -> None:
    lines = TableWriter(io.StringIO(), width=60).lines(FAILED)
    assert lines[0] == "broken.txt (0 attributions)"
    assert lines[1].startswith("  ✗ E001 broken.txt: the document is empty.")
    assert all(len(line) <= 60 for line in lines)
    assert " ".join(line.strip() for line in lines[1:]).endswith("holds the text.")


def test_writers_make_writer_knows_every_format() -> None:
    for fmt in FORMATS:
        assert make_writer(fmt, io.StringIO()).format == fmt
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        make_writer("xml", io.StringIO())
