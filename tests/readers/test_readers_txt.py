"""Plain-text files, folders and stdin text: every file gives a record, bad ones an error."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from onrecord.model import RawDocument
from onrecord.readers import read_inputs, read_stdin, read_txt, txt

TEXT = "Harbour officials said on Monday that the night ferry would run again from June.\n"
QUOTE = "“We have the crew now,” said Mira Holt, the port director.\n"


def read_one(path: Path, **options: object) -> RawDocument:
    (doc,) = read_txt(path, **options)  # type: ignore[arg-type]
    return doc


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_txt_reads_utf8_with_the_path_as_id(tmp_path: Path) -> None:
    path = write(tmp_path / "ferry.txt", QUOTE)
    doc = read_one(path)
    assert doc == RawDocument(str(path), QUOTE)


def test_txt_drops_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", codecs.BOM_UTF8 + QUOTE.encode())
    assert read_one(path).text == QUOTE


def test_txt_reads_utf16_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.txt", QUOTE.encode("utf-16"))
    assert read_one(path) == RawDocument(str(path), QUOTE)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n"], ids=["empty", "blank"])
def test_txt_empty_file_is_e001(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "empty.txt", data)
    doc = read_one(path)
    assert doc.text == ""
    assert doc.error is not None
    assert doc.error.code == "E001"
    assert doc.error.message == (
        f"{path}: the document is empty. Check the file or the JSON field that holds the text."
    )


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file"),
        (b"Ferry\x00times", "NUL byte at offset 5"),
        (b"\x01\x02\x03\x04 text \x05\x06\x07\x08", "57% control characters in the first 14 bytes"),
    ],
    ids=["png", "pdf", "nul", "controls"],
)
def test_txt_binary_file_is_e002(tmp_path: Path, data: bytes, detail: str) -> None:
    path = write(tmp_path / "blob.txt", data)
    doc = read_one(path)
    assert doc.error is not None
    assert doc.error.code == "E002"
    assert doc.error.message == (
        f"{path}: looks like binary data ({detail}), not text. Pass text, HTML or JSON Lines files."
    )


def test_txt_invalid_utf8_is_e003_naming_the_byte(tmp_path: Path) -> None:
    path = write(
        tmp_path / "latin.txt", "Mayor’s office\n".encode() + "Café Lune".encode("latin-1")
    )
    doc = read_one(path)
    assert doc.error is not None
    assert doc.error.code == "E003"
    assert doc.error.message == (
        f"{path}: not valid utf-8 (byte 0xE9 at offset 20, line 2). "
        "Pass --encoding with the file's encoding, or re-save it as UTF-8."
    )


def test_txt_encoding_reads_another_codec(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", "Café Lune closed, the owner said.".encode("latin-1"))
    assert read_one(path, encoding="latin-1").text == "Café Lune closed, the owner said."


def test_txt_over_max_chars_is_e004_counting_characters_not_bytes(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "é" * 30)  # 60 bytes, 30 characters
    doc = read_one(path, max_chars=29)
    assert doc.text == ""
    assert doc.error is not None
    assert doc.error.code == "E004"
    assert doc.error.message.startswith(f"{path}: 30 characters is over the limit of 29.")
    assert read_one(path, max_chars=30).text == "é" * 30


def test_txt_over_max_chars_is_counted_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(txt, "CHUNK_BYTES", 7)  # "é" split across chunk edges
    path = write(tmp_path / "long.txt", "é" * 50)
    doc = read_one(path, max_chars=10)
    assert doc.error is not None
    assert doc.error.message.startswith(f"{path}: 50 characters is over the limit of 10.")


def test_txt_invalid_byte_in_a_big_file_is_e003_with_its_offset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(txt, "CHUNK_BYTES", 7)
    path = write(tmp_path / "long.txt", ("é" * 10 + "\n").encode() * 2 + b"x\xff")
    doc = read_one(path, max_chars=10)
    assert doc.error is not None
    assert doc.error.code == "E003"
    assert "(byte 0xFF at offset 43, line 3)" in doc.error.message


def test_txt_missing_file_is_e007(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    doc = read_one(path)
    assert doc.error is not None
    assert doc.error.code == "E007"
    assert doc.error.message == (
        f"{path}: cannot read {path} (no such file or directory). "
        "Check that it exists and is readable."
    )


def test_read_inputs_walks_folders_sorted_skipping_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "news" / "b.txt", TEXT)
    write(tmp_path / "news" / "a" / "z.txt", QUOTE)
    write(tmp_path / "news" / "c.jsonl", '{"id": "c1", "text": "Rain stopped play."}\n')
    write(tmp_path / "news" / ".cache" / "x.txt", TEXT)
    write(tmp_path / "news" / ".hidden.txt", TEXT)
    monkeypatch.chdir(tmp_path)
    docs = list(read_inputs(["news/"]))
    assert [d.id for d in docs] == ["news/a/z.txt", "news/b.txt", "c1"]
    assert [d.text for d in docs] == [QUOTE, TEXT, "Rain stopped play."]


def test_read_inputs_ids_are_normalised_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", TEXT)
    monkeypatch.chdir(tmp_path)
    assert [d.id for d in read_inputs(["./a.txt", "sub/../a.txt"])] == ["a.txt", "a.txt"]


def test_read_inputs_missing_path_is_a_record_not_an_exception(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", TEXT)
    docs = list(read_inputs([tmp_path / "missing.txt", tmp_path / "a.txt"]))
    assert [d.error.code if d.error else None for d in docs] == ["E007", None]


def test_read_inputs_unknown_encoding_fails_at_once() -> None:
    with pytest.raises(LookupError):
        next(read_inputs(["-"], encoding="no-such-codec"))


def test_read_stdin_plain_text_is_one_document_called_stdin() -> None:
    data = "\n  " + TEXT  # leading blank lines stay: offsets are into the text as given
    (doc,) = read_stdin(io.BytesIO(data.encode()))
    assert doc == RawDocument("stdin", data)


def test_read_stdin_empty_is_e001() -> None:
    (doc,) = read_stdin(io.BytesIO(b""))
    assert doc.error is not None
    assert doc.error.code == "E001"


def test_read_inputs_dash_reads_the_given_stdin() -> None:
    (doc,) = read_inputs(["-"], stdin=io.BytesIO(QUOTE.encode()))
    assert doc == RawDocument("stdin", QUOTE)
