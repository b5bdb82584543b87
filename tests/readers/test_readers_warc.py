"""WARC files built byte by byte: pages become documents, damage one E012 record each."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from onrecord.model import RawDocument
from onrecord.readers import read_file, read_warc, warc
from warc_files import ARTICLES, WARC_DATE, article, http, page, record, write_warc


def name(gz: bool) -> str:
    return "crawl.warc.gz" if gz else "crawl.warc"


def codes(docs: list[RawDocument]) -> list[str | None]:
    return [d.error.code if d.error else None for d in docs]


WARCINFO = record("warcinfo", b"software: hand-built\r\nformat: WARC File Format 1.1\r\n")
REQUEST = record("request", b"GET /port/night-ferry HTTP/1.1\r\nHost: example\r\n\r\n")
METADATA = record("metadata", b"outlinks: https://valleycourier.example/\r\n")


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / name(gz)
    records = [WARCINFO, REQUEST, article(0), METADATA, article(1), article(2)]
    offsets = write_warc(path, records, gz=gz)
    docs = list(read_warc(path))
    assert [d.id for d in docs] == [f"{path}@{offsets[i]}" for i in (2, 4, 5)]
    assert codes(docs) == [None, None, None]
    for doc, (url, headline, paragraphs, _) in zip(docs, ARTICLES, strict=True):
        assert doc.text == "\n\n".join(paragraphs)  # the headline is meta["title"]
        assert doc.meta["url"] == url
        assert doc.meta["title"] == headline
    first = docs[0].meta
    assert first == {
        "title": ARTICLES[0][1],
        "published": "2024-03-11",
        "outlet": "harbourledger.example",
        "url": ARTICLES[0][0],
        "warc_record_id": "<urn:uuid:00000000-0000-4000-8000-000000000001>",
        "warc_date": WARC_DATE,
        "source": str(path),
        "offset": offsets[2],
    }
    assert docs[1].meta["published"] == "2024-04-02"  # no date in the page: the crawl's


@pytest.mark.parametrize(
    "skipped",
    [
        http(b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        http(b"<html><body><p>Gone.</p></body></html>", status=404),
        http(b'{"headline": "not a page"}', content_type="application/json"),
        b"no HTTP status line here\r\n\r\n<html></html>",
    ],
    ids=["image", "404", "json", "not-http"],
)
def test_warc_skips_responses_that_are_not_html_pages(tmp_path: Path, skipped: bytes) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, [article(0), record("response", skipped, uri="https://x.example/")], gz=False)
    assert [d.meta["url"] for d in read_warc(path)] == [ARTICLES[0][0]]


@pytest.mark.parametrize("chunk", [warc.CHUNK_BYTES, 16], ids=["chunk-64k", "chunk-16"])
@pytest.mark.parametrize("lie", [+300, -40], ids=["block-short", "block-long"])
@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_wrong_content_length_is_one_e012_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gz: bool, lie: int, chunk: int
) -> None:
    monkeypatch.setattr(warc, "CHUNK_BYTES", chunk)  # 16: resync scans across many chunks
    path = tmp_path / name(gz)
    damaged = article(1, length=len(http(page(*ARTICLES[1][1:3], None).encode())) + lie)
    offsets = write_warc(path, [WARCINFO, article(0), damaged, REQUEST, article(2)], gz=gz)
    docs = list(read_warc(path))
    assert codes(docs) == [None, "E012", None]
    assert [d.id for d in docs] == [f"{path}@{offsets[i]}" for i in (1, 2, 4)]
    bad = docs[1]
    assert bad.text == ""
    assert bad.meta == {"source": str(path), "offset": offsets[2]}
    assert bad.error is not None
    assert bad.error.message.startswith(f"{bad.id}: damaged WARC record at byte {offsets[2]} of")
    assert docs[2].meta["title"] == ARTICLES[2][1]


def test_warc_corrupt_gzip_member_is_one_e012_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = write_warc(path, [article(0), article(1), article(2)], gz=True)
    data = bytearray(path.read_bytes())
    middle = (offsets[1] + offsets[2]) // 2
    data[middle : middle + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    docs = list(read_warc(path))
    assert codes(docs) == [None, "E012", None]
    assert docs[1].id == f"{path}@{offsets[1]}"
    assert docs[1].error is not None
    assert "gzip" in docs[1].error.message
    assert docs[2].meta["offset"] == offsets[2]


def test_warc_garbage_between_gzip_members_is_skipped_to_the_next(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    first, second = gzip.compress(article(0)), gzip.compress(article(2))
    path.write_bytes(first + b"disk sector noise \x1f\x8b\x08 not a member" + second)
    docs = list(read_warc(path))
    assert codes(docs) == [None, "E012", None]
    assert docs[2].id == f"{path}@{len(path.read_bytes()) - len(second)}"


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_truncated_file_end_is_one_e012(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / name(gz)
    offsets = write_warc(path, [article(0), article(1), article(2)], gz=gz)
    data = path.read_bytes()
    path.write_bytes(data[: (offsets[2] + len(data)) // 2])
    docs = list(read_warc(path))
    assert codes(docs) == [None, None, "E012"]
    assert docs[2].id == f"{path}@{offsets[2]}"


def test_warc_malformed_header_is_one_e012(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    broken = article(1).replace(b"WARC-Date:", b"WARC-Date", 1)
    offsets = write_warc(path, [article(0), broken, article(2)], gz=False)
    docs = list(read_warc(path))
    assert codes(docs) == [None, "E012", None]
    assert docs[1].error is not None
    assert "bad header line 'WARC-Date 2024-04-02T06:15:09Z'" in docs[1].error.message
    assert docs[2].id == f"{path}@{offsets[2]}"


def test_warc_chunked_transfer_encoding_is_undone(tmp_path: Path) -> None:
    url, headline, paragraphs, date = ARTICLES[2]
    body = page(headline, paragraphs, date).encode()
    pieces = [body[i : i + 100] for i in range(0, len(body), 100)]
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
    block = http(chunked, headers=("Transfer-Encoding: chunked",))
    path = tmp_path / "crawl.warc"
    write_warc(path, [record("response", block, uri=url)], gz=False)
    (doc,) = read_warc(path)
    assert doc.text == "\n\n".join(paragraphs)  # the headline is meta["title"]


@pytest.mark.parametrize(
    ("coding", "compress"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("x-gzip", gzip.compress)],
)
def test_warc_content_encoding_is_decoded(tmp_path: Path, coding: str, compress: object) -> None:
    url, headline, paragraphs, date = ARTICLES[0]
    body = compress(page(headline, paragraphs, date).encode())  # type: ignore[operator]
    block = http(body, headers=(f"Content-Encoding: {coding}",))
    path = tmp_path / "crawl.warc"
    write_warc(path, [record("response", block, uri=url)], gz=False)
    (doc,) = read_warc(path)
    assert doc.text == "\n\n".join(paragraphs)  # the headline is meta["title"]


def test_warc_http_charset_beats_the_page(tmp_path: Path) -> None:
    url, headline, paragraphs, date = ARTICLES[1]
    body = page(headline, paragraphs, date, charset="utf-8").encode("cp1252")  # the page lies
    block = http(body, content_type="text/html; charset=windows-1252")
    path = tmp_path / "crawl.warc"
    write_warc(path, [record("response", block, uri=url)], gz=False)
    (doc,) = read_warc(path)
    assert paragraphs[1] in doc.text


def test_warc_page_without_text_is_e011_with_its_place(tmp_path: Path) -> None:
    menu = "<li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
    block = http(f"<html><body><nav><ul>{menu}</ul></nav></body></html>".encode())
    path = tmp_path / "crawl.warc"
    write_warc(path, [record("response", block, uri="https://menu.example/")], gz=False)
    (doc,) = read_warc(path)
    assert doc.error is not None
    assert doc.error.code == "E011"
    assert doc.meta["source"] == str(path)
    assert doc.meta["offset"] == 0


def test_warc_blank_lines_between_records_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(article(0) + b"\r\n\r\n" + article(2))
    assert codes(list(read_warc(path))) == [None, None]


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "E001"), (b"<html>not an archive</html>\n", "E012")],
    ids=["empty", "not-warc"],
)
def test_warc_empty_or_foreign_file(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    assert codes(list(read_warc(path))) == [code]


def test_warc_missing_file_is_e007(tmp_path: Path) -> None:
    (doc,) = read_warc(tmp_path / "gone.warc")
    assert doc.error is not None
    assert doc.error.code == "E007"


@pytest.mark.parametrize(("suffix", "gz"), [(".WARC", False), (".Warc.GZ", True)])
def test_read_file_reads_warc_by_suffix_in_any_case(tmp_path: Path, suffix: str, gz: bool) -> None:
    path = tmp_path / f"crawl{suffix}"
    write_warc(path, [WARCINFO, article(0)], gz=gz)
    (doc,) = read_file(str(path))
    assert doc.meta["title"] == ARTICLES[0][1]


@pytest.mark.parametrize("chunk", range(8, 40))
def test_warc_gzip_members_read_whatever_the_chunk_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(warc, "CHUNK_BYTES", chunk)  # a read may stop inside the next magic
    path = tmp_path / "crawl.warc.gz"
    offsets = write_warc(path, [article(0), REQUEST, article(1), article(2)], gz=True)
    docs = list(read_warc(path))
    assert [d.id for d in docs] == [f"{path}@{offsets[i]}" for i in (0, 2, 3)]
    assert codes(docs) == [None, None, None]


def test_warc_whole_file_gzip_ids_name_member_and_place(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    first, second = article(0), article(1)
    path.write_bytes(gzip.compress(first + second))
    docs = list(read_warc(path))
    assert [d.id for d in docs] == [f"{path}@0", f"{path}@0+{len(first)}"]
    assert [d.meta["offset"] for d in docs] == [0, 0]
