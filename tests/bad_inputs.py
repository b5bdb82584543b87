"""A corpus of hostile and broken inputs, generated into a folder (nothing big is committed).

Every case of issue 13 is here: JSON nested thousands deep, lone surrogates, NaN,
decompression bombs (a gzip line of a gigabyte, zeros, a billion blank lines, a WARC gzip
member and a gzip-encoded page body that inflate far past the limit), a FIFO, UTF-16 JSON
Lines, a WARC record with a damaged header between two intact ones, a menu-only page, a
long one-line article, and the older cases (empty, binary, bad UTF-8). Each bad document
sits between good ones, so a test can check that it is one error record and the rest go on.
The good documents are the invented local news of tests/warc_files.py.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
from tests.warc_files import ARTICLES, article, http, page, record, write_warc

#: what the bombs expand to; far past the default limit of 20,000,000 bytes
BOMB_BYTES = 1 << 30
#: the WARC bombs are one gzip stream each, which costs ~3 s a gigabyte to make
WARC_BOMB_BYTES = 1 << 28
_MIB = 1 << 20


@dataclass(frozen=True)
class Expected:
    """A document the corpus holds: its id, and the error code it must get (None: good)."""

    doc_id: str
    code: str | None


def story(i: int) -> str:
    _, headline, paragraphs, _ = ARTICLES[i % len(ARTICLES)]
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def good_line(doc_id: str, i: int = 0) -> str:
    """A JSON line of story ``i``; its own URL makes it its own article in the store (which
    keeps one article per URL and text)."""
    url = f"https://news.example/{doc_id}"
    return json.dumps({"id": doc_id, "text": story(i), "url": url}) + "\n"


def good_page(i: int, copy: str) -> bytes:
    """A WARC record of article ``i``, at a URL of its own (``copy``) for the same reason."""
    url, headline, paragraphs, date = ARTICLES[i]
    body = page(headline, paragraphs, date).encode()
    return record("response", http(body), uri=f"{url}?copy={copy}", n=i + 1)


def _repeated_gzip(block: bytes, total: int) -> bytes:
    """``block`` repeated to ``total`` bytes as gzip members (one compressed, then copied:
    a reader sees one stream), so a gigabyte costs a millisecond to make."""
    member = gzip.compress(block, mtime=0)
    return member * (total // len(block))


def _one_gzip_member(prefix: bytes, filler: bytes, total: int, suffix: bytes) -> bytes:
    """``prefix`` + ``filler`` repeated to ``total`` bytes + ``suffix``, in ONE gzip member."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    parts = [packer.compress(prefix)]
    block = filler * (_MIB // len(filler))
    parts += [packer.compress(block) for _ in range(total // len(block))]
    parts += [packer.compress(suffix), packer.flush()]
    return b"".join(parts)


def between_good_pages(path: Path, bad: bytes, code: str) -> list[Expected]:
    """Write the WARC record ``bad`` between two good pages; the documents it must give."""
    pages = [good_page(0, path.name), bad, good_page(2, path.name)]
    offsets = write_warc(path, pages, gz=False)
    return [Expected(f"{path}@{at}", c) for at, c in zip(offsets, [None, code, None], strict=True)]


def write_bad_corpus(folder: Path) -> list[Expected]:
    """Write every case into ``folder`` (a FIFO included); the documents it must give."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: list[Expected] = []

    def jsonl_case(name: str, lines: list[tuple[str, str | None, str | None]]) -> None:
        """Lines of (raw JSON, own id, expected code); an id of None means FILE:LINE."""
        path = folder / name
        path.write_text("".join(raw + "\n" for raw, _, _ in lines), encoding="utf-8")
        for number, (_, doc_id, code) in enumerate(lines, start=1):
            expected.append(Expected(doc_id or f"{path}:{number}", code))

    good = good_line("deep-good-1", 0).strip()
    deep_meta = json.dumps({"id": "deep-meta", "text": story(1), "meta": {"a": 0}})
    jsonl_case(
        "deep.jsonl",
        [
            (good, "deep-good-1", None),
            ("[" * 10_000 + "]" * 10_000, None, "E005"),
            (deep_meta.replace("0}", "[" * 10_000 + "]" * 10_000 + "}"), None, "E005"),
            (deep_meta.replace("0}", "[" * 150 + "]" * 150 + "}"), None, "E005"),
            (good_line("deep-good-2", 2).strip(), "deep-good-2", None),
        ],
    )
    jsonl_case(
        "surrogates.jsonl",
        [
            (good_line("sur-good-1", 0).strip(), "sur-good-1", None),
            ('{"id": "sur-text", "text": "The mayor \\ud800 said so."}', None, "E013"),
            ('{"id": "\\udc00", "text": "A councillor said it was late."}', None, "E013"),
            (
                '{"id": "sur-meta", "text": "A. B. said so.", "meta": {"k": "\\ud83d"}}',
                None,
                "E013",
            ),
            (good_line("sur-good-2", 1).strip(), "sur-good-2", None),
        ],
    )
    nan = json.dumps({"id": "nan-1", "text": story(2), "score": float("nan"), "url": "nan.example"})
    assert "NaN" in nan
    jsonl_case("nan.jsonl", [(nan, "nan-1", None)])

    # decompression bombs in JSON Lines: one line of a gigabyte, a gigabyte of NUL bytes,
    # a billion blank lines; each followed by a good line that must still be read
    line_bomb = folder / "bomb-line.jsonl.gz"
    with line_bomb.open("wb") as f:
        f.write(gzip.compress(b'{"id": "bomb", "text": "', mtime=0))
        f.write(_repeated_gzip(b"a" * _MIB, BOMB_BYTES))
        f.write(gzip.compress(b'"}\n' + good_line("after-line-bomb").encode(), mtime=0))
    expected += [Expected(f"{line_bomb}:1", "E015"), Expected("after-line-bomb", None)]
    zeros = folder / "bomb-zeros.jsonl.gz"
    zeros.write_bytes(
        _repeated_gzip(b"\0" * _MIB, BOMB_BYTES)
        + gzip.compress(b"\n" + good_line("after-zeros").encode(), mtime=0)
    )
    expected += [Expected(f"{zeros}:1", "E015"), Expected("after-zeros", None)]
    blanks = folder / "bomb-blank-lines.jsonl.gz"
    blanks.write_bytes(
        _repeated_gzip(b"\n" * _MIB, BOMB_BYTES)
        + gzip.compress(good_line("after-blanks").encode(), mtime=0)
    )
    expected += [Expected("after-blanks", None)]

    # WARC bombs: a gzip member that inflates to 256 MiB, and a page whose gzip
    # Content-Encoding does, each between two good pages
    head = record("response", b"", uri="https://bomb.example/a", n=90)
    length = len(http(b"")) + WARC_BOMB_BYTES
    head = head.replace(b"Content-Length: 0", f"Content-Length: {length}".encode())
    head = head[: head.index(b"\r\n\r\n") + 4] + http(b"")
    warc_bomb = folder / "bomb-member.warc.gz"
    members = [gzip.compress(good_page(0, warc_bomb.name), mtime=0)]
    members.append(_one_gzip_member(head, b" ", WARC_BOMB_BYTES, b"\r\n\r\n"))
    members.append(gzip.compress(good_page(1, warc_bomb.name), mtime=0))
    warc_bomb.write_bytes(b"".join(members))
    offsets = [sum(len(m) for m in members[:i]) for i in range(3)]
    expected += [
        Expected(f"{warc_bomb}@{offsets[0]}", None),
        Expected(f"{warc_bomb}@{offsets[1]}", "E015"),
        Expected(f"{warc_bomb}@{offsets[2]}", None),
    ]
    body_bomb = _one_gzip_member(b"<html><body><p>", b"x", WARC_BOMB_BYTES, b"</p></body></html>")
    bomb_record = record(
        "response",
        http(body_bomb, headers=("Content-Encoding: gzip",)),
        uri="https://bomb.example/b",
        n=91,
    )
    expected += between_good_pages(folder / "bomb-body.warc", bomb_record, "E015")

    # a WARC record whose header is damaged, between two intact records
    damaged = article(1).replace(b"WARC/1.1", b"WXRC/1.1", 1)
    expected += between_good_pages(folder / "damaged-header.warc", damaged, "E012")

    # UTF-16 JSON Lines, with a byte-order mark, read as such
    utf16 = folder / "utf16.jsonl"
    utf16.write_bytes((good_line("utf16-1", 0) + good_line("utf16-2", 2)).encode("utf-16"))
    expected += [Expected("utf16-1", None), Expected("utf16-2", None)]

    # a page that is only a menu, and a one-line article of ~100,000 characters (a transcript)
    menu = folder / "menu.html"
    menu.write_text("<html><body><nav><a href='/'>Home</a><a href='/x'>X</a></nav></body></html>")
    expected.append(Expected(str(menu), "E011"))
    one_line = folder / "one-line.txt"
    one_line.write_text(" ".join(story(i).replace("\n\n", " ").strip() for i in range(200)))
    expected.append(Expected(str(one_line), None))

    # the older cases: empty, binary, not UTF-8
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(story(0).replace("’", "'").encode() + b"caf\xe9\n")
    expected += [
        Expected(str(folder / "empty.txt"), "E001"),
        Expected(str(folder / "binary.txt"), "E002"),
        Expected(str(folder / "latin1.txt"), "E003"),
    ]

    # a FIFO found in a folder is skipped with a warning (no writer ever opens it)
    os.mkfifo(folder / "zz-pipe.txt")
    (folder / "zz-plain.txt").write_text(story(1) + "\nThe ferry runs hourly until May.\n")
    expected.append(Expected(str(folder / "zz-plain.txt"), None))
    return expected


def run_measured(
    command: list[str], **options: Any
) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run ``command``; its result and the peak RSS of it and its children, in bytes,
    sampled every 10 ms (the test and benchmarks/bad_inputs.py measure alike)."""
    process = psutil.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree))
            except psutil.Error:
                pass  # a child ended between listing and reading
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=900)
    finally:
        done.set()
        sampler.join()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), peak


__all__ = ["BOMB_BYTES", "Expected", "page", "run_measured", "write_bad_corpus"]
