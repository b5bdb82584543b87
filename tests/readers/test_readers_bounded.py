"""Reading with a ceiling: lines, inflation and streams stop at the byte limit, in chunks."""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc
import zlib
from pathlib import Path

import pytest
from tests.warc_files import article, http, record, write_warc

from onrecord.readers import read_inputs, read_stdin
from onrecord.readers.bounded import (
    CHUNK_BYTES,
    TooLarge,
    Utf8Stream,
    bounded_lines,
    byte_limit,
    inflate,
    read_at_most,
)
from onrecord.readers.html import has_prose
from onrecord.readers.http import decode_content
from onrecord.readers.jsonl import MAX_DEPTH, read_jsonl

STORY = "“The ferry runs again in June,” said Mira Holt, the port director."


class Counted(io.BytesIO):
    """A stream that remembers the largest read it answered."""

    largest = 0

    def read(self, size: int | None = -1, /) -> bytes:
        data = super().read(size)
        self.largest = max(self.largest, len(data))
        return data


def test_bounded_lines_numbers_lines_and_skips_blank_runs() -> None:
    data = b"\n\n  \r\n{a}\n\n{b}\r\n   {c}"
    assert list(bounded_lines(io.BytesIO(data), 100)) == [
        (4, b"{a}\n"),
        (6, b"{b}\r\n"),
        (7, b"{c}"),
    ]


def test_bounded_lines_a_line_over_the_limit_is_none_and_the_next_is_read() -> None:
    data = b"{short}\n" + b"x" * 5000 + b"\n{after}\n" + b"y" * 3_000_000
    lines = list(bounded_lines(io.BytesIO(data), 100))
    assert lines == [(1, b"{short}\n"), (2, None), (3, b"{after}\n"), (4, None)]


def test_bounded_lines_never_holds_a_long_line() -> None:
    """A 24 MiB line against a 1 KiB limit: what the reader allocates stays near one chunk."""
    source = Counted(b"z" * (24 << 20) + b"\n{ok}\n")
    tracemalloc.start()
    try:
        lines = list(bounded_lines(source, 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == [(1, None), (2, b"{ok}\n")]
    assert peak < 4 * CHUNK_BYTES, f"{peak:,} bytes"


def test_inflate_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"\0" * (32 << 20))
    with pytest.raises(TooLarge):
        inflate(bomb, 31, 1 << 20)
    assert inflate(gzip.compress(b"small"), 31, 10) == b"small"
    assert inflate(zlib.compress(b"small")[2:-4], -15, 10) == b"small"


def test_decode_content_stops_at_the_limit_and_keeps_undecodable_bodies() -> None:
    with pytest.raises(TooLarge):
        decode_content(gzip.compress(b"<p>" + b"a" * (8 << 20)), "gzip", 1 << 20)
    assert decode_content(b"not gzip at all", "gzip", 100) == b"not gzip at all"


def test_read_at_most_reads_no_further_than_the_limit() -> None:
    source = Counted(b"a" * 10_000)
    with pytest.raises(TooLarge):
        read_at_most(source, 100)
    assert source.tell() == 101
    assert read_at_most(io.BytesIO(b"abc"), 3) == b"abc"


def test_utf8_stream_reads_utf16_as_utf8() -> None:
    text = '{"text": "Ça va, she said — “fine”."}\n'
    stream = Utf8Stream(io.BytesIO(text.encode("utf-16")), "utf-16")
    assert b"".join(iter(lambda: stream.read(7), b"")) == text.encode()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32"])
def test_jsonl_utf16_and_utf32_files_are_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "wide.jsonl"
    lines = [{"id": "w1", "text": STORY}, {"id": "w2", "text": "Zoë Okafor said so."}]
    path.write_bytes("".join(json.dumps(x) + "\n" for x in lines).encode(codec))
    encoding = "utf-8" if codec in ("utf-16", "utf-32") else codec  # a BOM says; else told
    docs = list(read_jsonl(path, encoding=encoding))
    assert [(d.id, d.text, d.error) for d in docs] == [
        ("w1", STORY, None),
        ("w2", "Zoë Okafor said so.", None),
    ]


def test_jsonl_line_over_the_byte_limit_is_e015_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl.gz"
    huge = json.dumps({"id": "huge", "text": "a" * 50_000})
    path.write_bytes(gzip.compress(f"{huge}\n{json.dumps({'id': 'ok', 'text': STORY})}\n".encode()))
    first, second = read_jsonl(path, max_chars=1000)  # 4,000 bytes
    assert first.id == f"{path}:1" and first.error is not None and first.error.code == "E015"
    assert "more than 4,000 bytes" in first.error.message
    assert (second.id, second.error) == ("ok", None)


@pytest.mark.parametrize(
    ("line", "code", "detail"),
    [
        ("[" * 5000 + "]" * 5000, "E005", f"nested more than {MAX_DEPTH} levels deep"),
        ('{"text": "x", "meta": {"a": ' + "[" * 5000 + "]" * 5000 + "}}", "E005", "nested"),
        ('{"text": "x", "meta": {"a": ' + "[" * 150 + "]" * 150 + "}}", "E005", "nested"),
        ('{"text": "The mayor \\ud800 said so."}', "E013", "\\ud800 at character 11"),
        ('{"id": "\\udfff", "text": "A. said so."}', "E013", "\\udfff"),
        ('{"text": "A. said so.", "tags": ["ok", {"\\ud83d": 1}]}', "E013", "\\ud83d"),
    ],
)
def test_jsonl_deep_nesting_and_lone_surrogates_are_one_error_each(
    tmp_path: Path, line: str, code: str, detail: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n" + json.dumps({"id": "next", "text": STORY}) + "\n")
    bad, good = read_jsonl(path)
    assert bad.id == f"{path}:1" and bad.error is not None
    assert bad.error.code == code and detail in bad.error.message
    bad.error.message.encode("utf-8")  # the message itself is writable
    assert (good.id, good.error) == ("next", None)


def test_jsonl_nan_and_infinity_are_read_as_null(tmp_path: Path) -> None:
    path = tmp_path / "nan.jsonl"
    path.write_text(
        '{"id": "n", "text": "A. said so.", "score": NaN, "meta": {"x": [-Infinity]}}\n'
    )
    (doc,) = read_jsonl(path)
    assert doc.error is None and doc.meta == {"score": None, "x": [None]}
    json.dumps(doc.meta, allow_nan=False)


def test_read_stdin_text_over_the_limit_is_e015() -> None:
    (doc,) = read_stdin(io.BytesIO(b"\n\n" + b"word " * 1000), max_chars=100)
    assert doc.id == "stdin" and doc.error is not None and doc.error.code == "E015"
    (doc,) = read_stdin(io.BytesIO(b"\n\nfits"), max_chars=100)
    assert doc.text == "\n\nfits"  # leading blank lines stay: offsets count them


def test_read_stdin_json_lines_keep_line_numbers_after_many_blank_lines() -> None:
    data = b"\n" * 3_000_000 + b'{"text": "A. said so."}\n{oops\n'
    first, second = read_stdin(io.BytesIO(data), max_chars=1000)
    assert first.id == "stdin:3000001" and first.error is None
    assert second.id == "stdin:3000002" and second.error is not None


def test_folder_skips_a_fifo_with_a_warning_and_a_named_one_is_e014(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    os.mkfifo(tmp_path / "b.txt")
    docs = list(read_inputs([tmp_path]))
    assert [d.id for d in docs] == [str(tmp_path / "a.txt")]
    assert "b.txt: skipped, a named pipe (FIFO) is not a file to read" in caplog.text
    (named,) = read_inputs([tmp_path / "b.txt"])
    assert named.error is not None and named.error.code == "E014"


def test_html_file_over_the_limit_is_e015(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text("<html><body><p>" + "word " * 2000 + "</p></body></html>")
    (doc,) = read_inputs([path], max_chars=1000)
    assert doc.error is not None and doc.error.code == "E015"


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("HomeX", False),
        ("Home\n\nNews\n\nSport and Weather", False),
        ("World News Business Culture Travel Video", False),
        ("“We will rebuild,” she said.", True),
        ("Menu\n\nThe mayor said the bridge would reopen.", True),
    ],
)
def test_html_has_prose_tells_a_menu_from_an_article(text: str, prose: bool) -> None:
    assert has_prose(text) is prose


def test_html_menu_only_page_is_e011(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a><a href='/x'>X</a></nav></body></html>")
    (doc,) = read_inputs([path])
    assert doc.error is not None and doc.error.code == "E011"
    assert "only labels, no sentence: 'Home X'" in doc.error.message


def test_warc_damaged_header_loses_only_its_own_record(tmp_path: Path) -> None:
    records = [article(0), article(1).replace(b"WARC/1.1", b"WXRC/1.1", 1), article(2)]
    path = tmp_path / "hurt.warc"
    offsets = write_warc(path, records, gz=False)
    docs = list(read_inputs([path]))
    assert [(d.id, d.error.code if d.error else None) for d in docs] == [
        (f"{path}@{offsets[0]}", None),
        (f"{path}@{offsets[1]}", "E012"),
        (f"{path}@{offsets[2]}", None),
    ]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_record_over_the_limit_is_e015_and_the_next_is_read(tmp_path: Path, gz: bool) -> None:
    big = record("response", http(b"<html><body><p>" + b"a " * 3_000_000 + b"</p>"), n=7)
    path = tmp_path / ("big.warc.gz" if gz else "big.warc")
    offsets = write_warc(path, [big, article(1)], gz=gz)
    docs = list(read_inputs([path], max_chars=100_000))  # 400,000 bytes + header room
    assert [(d.id, d.error.code if d.error else None) for d in docs] == [
        (f"{path}@{offsets[0]}", "E015"),
        (f"{path}@{offsets[1]}", None),
    ]


def test_warc_gzip_encoded_body_over_the_limit_is_e015(tmp_path: Path) -> None:
    body = gzip.compress(b"<html><body><p>" + b"a " * 3_000_000 + b"</p></body></html>")
    bomb = record("response", http(body, headers=("Content-Encoding: gzip",)), n=8)
    path = tmp_path / "body.warc"
    offsets = write_warc(path, [bomb, article(2)], gz=False)
    first, second = read_inputs([path], max_chars=100_000)
    assert first.id == f"{path}@{offsets[0]}"
    assert first.error is not None and first.error.code == "E015"
    assert "the page's gzip body, decompressed" in first.error.message
    assert second.error is None


def test_byte_limit_is_four_bytes_a_character() -> None:
    assert byte_limit(5_000_000) == 20_000_000


def test_jsonl_gzip_cut_short_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    first = json.dumps({"id": "whole", "text": STORY})
    second = json.dumps({"id": "cut", "text": "The council said the bridge would close. " * 8})
    data = gzip.compress(f"{first}\n{second}\n".encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[:-30])  # inside the deflate stream: the second line is lost
    whole, cut = read_jsonl(path)
    assert (whole.id, whole.error) == ("whole", None)
    assert cut.id == f"{path}:2" and cut.error is not None and cut.error.code == "E007"
