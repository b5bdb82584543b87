"""JSON Lines: one document per line, streamed; a bad line is a record and the rest go on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from onrecord.model import RawDocument
from onrecord.readers import read_inputs, read_jsonl, read_stdin
from onrecord.readers.jsonl import read_jsonl_stream

SUMMIT = "The summit ended early, a spokeswoman for the ministry said."
STRIKE = "“We will not go back,” said Ada Novak, who leads the drivers’ union."


def lines(*records: Any) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def codes(docs: list[RawDocument]) -> list[str | None]:
    return [d.error.code if d.error else None for d in docs]


def test_jsonl_reads_id_text_and_meta(tmp_path: Path) -> None:
    path = write(
        tmp_path / "news.jsonl",
        lines({"id": "s1", "text": SUMMIT, "meta": {"outlet": "Tidewater Post"}}),
    )
    assert list(read_jsonl(path)) == [RawDocument("s1", SUMMIT, {"outlet": "Tidewater Post"})]


def test_jsonl_keeps_other_keys_in_meta_and_drops_results(tmp_path: Path) -> None:
    record = {
        "id": "s1",
        "text": SUMMIT,
        "title": "Summit ends early",
        "meta": {"title": "from meta wins", "outlet": "Tidewater Post"},
        "attributions": [{"kind": "indirect", "content": [[0, 23]]}],
        "entities": [],
        "errors": [],
    }
    (doc,) = read_jsonl(write(tmp_path / "gold.jsonl", lines(record)))
    assert doc.meta == {"title": "from meta wins", "outlet": "Tidewater Post"}


def test_jsonl_line_without_id_gets_path_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "news.jsonl", lines({"text": SUMMIT}, "", {"id": 7, "text": STRIKE}))
    assert [d.id for d in read_jsonl(path)] == [f"{path}:1", "7"]


def test_jsonl_text_field_and_id_field(tmp_path: Path) -> None:
    path = write(tmp_path / "news.jsonl", lines({"doc": "x9", "body": STRIKE, "id": "other"}))
    (doc,) = read_jsonl(path, text_field="body", id_field="doc")
    assert doc == RawDocument("x9", STRIKE, {"id": "other"})


def test_jsonl_malformed_line_is_e005_and_the_rest_go_on(tmp_path: Path) -> None:
    path = write(tmp_path / "news.jsonl", lines({"id": "s1", "text": SUMMIT}, '{"id": "s2",'))
    path.write_text(path.read_text() + lines({"id": "s3", "text": STRIKE}))
    docs = list(read_jsonl(path))
    assert codes(docs) == [None, "E005", None]
    assert docs[1].id == f"{path}:2"
    assert docs[1].error is not None
    assert docs[1].error.message == (
        f"{path}:2: line 2 is not valid JSON (Expecting property name enclosed in double "
        "quotes at column 13). Fix or remove that line."
    )


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("[1, 2]", "array"),
        ('"text"', "string"),
        ("3", "number"),
        ("null", "null"),
        ("true", "boolean"),
    ],
)
def test_jsonl_line_that_is_not_an_object_is_e009(tmp_path: Path, line: str, kind: str) -> None:
    path = write(tmp_path / "news.jsonl", lines(line))
    (doc,) = read_jsonl(path)
    assert doc.error is not None
    assert doc.error.code == "E009"
    assert doc.error.message == (
        f"{path}:1: line 1 is a JSON {kind}, not an object. Each line must be one {{...}}."
    )


@pytest.mark.parametrize(
    "record",
    [
        {"id": "s1"},
        {"id": "s1", "text": ""},
        {"id": "s1", "text": "  \n"},
        {"id": "s1", "text": 42},
    ],
    ids=["missing", "empty", "blank", "not-a-string"],
)
def test_jsonl_line_without_text_is_e006(tmp_path: Path, record: dict[str, Any]) -> None:
    path = write(tmp_path / "news.jsonl", lines(record))
    (doc,) = read_jsonl(path)
    assert doc.id == "s1"
    assert doc.error is not None
    assert doc.error.code == "E006"
    keys = ", ".join(sorted(record))
    assert doc.error.message == (
        f"s1 ({path}:1): line 1 has no text in field 'text' (keys: {keys}). "
        "Pick the field with --text-field."
    )


def test_jsonl_invalid_bytes_are_e003(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(
        b'{"id": "s1", "text": "caf\xe9"}\n' + lines({"id": "s2", "text": SUMMIT}).encode()
    )
    docs = list(read_jsonl(path))
    assert codes(docs) == ["E003", None]
    assert docs[0].error is not None
    assert "(byte 0xE9 at column 26)" in docs[0].error.message
    latin = list(read_jsonl(path, encoding="latin-1"))
    assert latin[0].text == "café"


def test_jsonl_utf8_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + lines({"id": "s1", "text": SUMMIT}).encode())
    assert codes(list(read_jsonl(path))) == [None]


def test_jsonl_gz_is_read(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(lines({"id": "s1", "text": SUMMIT}, {"id": "s2", "text": STRIKE}))
    assert [d.text for d in read_inputs([path])] == [SUMMIT, STRIKE]


def test_jsonl_truncated_gz_keeps_what_was_read_and_is_e007(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    data = gzip.compress(lines(*({"id": f"s{i}", "text": SUMMIT} for i in range(200))).encode())
    path.write_bytes(data[: len(data) // 2])
    docs = list(read_jsonl(path))
    assert docs[-1].error is not None
    assert docs[-1].error.code == "E007"
    assert codes(docs[:-1]) == [None] * (len(docs) - 1)


def test_jsonl_missing_file_is_e007(tmp_path: Path) -> None:
    (doc,) = read_inputs([tmp_path / "gone.jsonl"])
    assert doc.error is not None
    assert doc.error.code == "E007"
    assert doc.id == str(tmp_path / "gone.jsonl")


def test_jsonl_is_streamed_line_by_line() -> None:
    class Source:
        def __init__(self) -> None:
            self.parts = [lines({"id": "s1", "text": SUMMIT}).encode()]

        def read(self, size: int = -1) -> bytes:
            if not self.parts:
                raise AssertionError("read past the first document")
            return self.parts.pop()

    assert next(read_jsonl_stream(Source(), "stream")).id == "s1"


def test_read_stdin_sniffs_json_lines_and_keeps_line_numbers() -> None:
    data = "\n  \n" + lines({"id": "s1", "text": SUMMIT}, "{oops", {"text": STRIKE})
    docs = list(read_stdin(io.BytesIO(data.encode())))
    assert [d.id for d in docs] == ["s1", "stdin:4", "stdin:5"]
    assert codes(docs) == [None, "E005", None]


def test_read_stdin_json_lines_options() -> None:
    data = lines({"key": "k1", "body": STRIKE})
    (doc,) = read_stdin(io.BytesIO(data.encode()), text_field="body", id_field="key")
    assert doc == RawDocument("k1", STRIKE)
