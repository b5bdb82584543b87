"""Plain-text files: one file, one document; bytes are checked before they become text.

A file that cannot be read as text still yields a record (with ``error``), so a batch
never loses a document: binary data is E002, bad bytes E003 (naming the byte offset),
an empty file E001, a file over ``max_chars`` E004 (counted without loading it).
"""

from __future__ import annotations

import codecs
import logging
import os
from collections.abc import Iterator
from typing import BinaryIO

from onrecord.errors import error
from onrecord.model import DocumentError, RawDocument

logger = logging.getLogger(__name__)

#: how much of a file the binary check looks at
SAMPLE_BYTES = 8192
#: share of control characters above which a sample is binary; real text has ~0
CONTROL_SHARE = 0.10
#: chunk size for counting the characters of a file too big to load
CHUNK_BYTES = 1 << 20

# bytes < 0x20 that text uses: tab, newline, vertical tab, form feed, carriage return, escape
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_CONTROLS = frozenset(range(0x20)) - _TEXT_CONTROLS | {0x7F}

# the first bytes of formats people pass by mistake
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip data"),
    (b"PK\x03\x04", "a zip archive, e.g. .docx"),
    (b"\xd0\xcf\x11\xe0", "an old Office document, e.g. .doc"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_txt(
    path: str | os.PathLike[str],
    *,
    doc_id: str | None = None,
    encoding: str = "utf-8",
    max_chars: int | None = None,
) -> Iterator[RawDocument]:
    """The file at ``path`` as one document, id ``doc_id`` (default: the path as given).

    With ``max_chars``, a file over the limit becomes an E004 record without being loaded,
    so one huge file cannot exhaust memory.
    """
    doc_id = doc_id or os.fspath(path)
    try:
        with open(path, "rb") as f:
            sample = f.read(SAMPLE_BYTES)
            codec = _codec(sample, encoding)
            problem = _check_bytes(sample, doc_id, codec)
            if problem is not None:
                yield RawDocument(doc_id, "", error=problem)
                return
            if max_chars is not None and os.fstat(f.fileno()).st_size > max_chars:
                # chars <= bytes for every codec we accept: only big files need counting
                f.seek(0)
                size, problem = _count_chars(f, doc_id, codec, encoding)
                if problem is None and size > max_chars:
                    problem = error("E004", doc_id=doc_id, size=size, limit=max_chars)
                if problem is not None:
                    yield RawDocument(doc_id, "", error=problem)
                    return
            f.seek(0)
            data = f.read()
    except OSError as exc:
        yield RawDocument(doc_id, "", error=unreadable(doc_id, path, exc))
        return
    yield decode_text(data, doc_id, encoding=encoding)


def decode_text(data: bytes, doc_id: str, *, encoding: str = "utf-8") -> RawDocument:
    """``data`` as a document: UTF-8 (a BOM is honoured) unless ``encoding`` says otherwise."""
    codec = _codec(data, encoding)
    problem = _check_bytes(data[:SAMPLE_BYTES], doc_id, codec)
    if problem is not None:
        return RawDocument(doc_id, "", error=problem)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        return RawDocument(doc_id, "", error=_bad_bytes(doc_id, encoding, exc))
    if not text.strip():
        return RawDocument(doc_id, "", error=error("E001", doc_id=doc_id))
    return RawDocument(doc_id, text)


def unreadable(doc_id: str, path: str | os.PathLike[str], exc: OSError) -> DocumentError:
    """E007 for a file the system would not give us."""
    detail = exc.strerror or str(exc)
    return error("E007", doc_id=doc_id, path=os.fspath(path), detail=detail.lower())


def binary_detail(sample: bytes) -> str | None:
    """Why ``sample`` looks like binary data rather than text, or None if it looks like text."""
    for signature, name in _SIGNATURES:
        if sample.startswith(signature):
            return name
    nul = sample.find(b"\x00")
    if nul >= 0:
        return f"NUL byte at offset {nul:,}"
    if sample:
        controls = sum(1 for b in sample if b in _CONTROLS)
        share = controls / len(sample)
        if share > CONTROL_SHARE:
            return f"{share:.0%} control characters in the first {len(sample):,} bytes"
    return None


def _codec(data: bytes, encoding: str) -> str:
    """The codec to decode with: a byte-order mark overrides the UTF-8 default."""
    if codecs.lookup(encoding).name != "utf-8":
        return encoding  # the user chose: trust them
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return "utf-8"


def _check_bytes(sample: bytes, doc_id: str, codec: str) -> DocumentError | None:
    if codecs.lookup(codec).name.startswith(("utf-16", "utf-32")):
        return None  # NUL bytes are normal there
    detail = binary_detail(sample)
    return None if detail is None else error("E002", doc_id=doc_id, detail=detail)


def _bad_bytes(
    doc_id: str, encoding: str, exc: UnicodeDecodeError, offset: int = 0, lines: int = 0
) -> DocumentError:
    """E003 naming the first bad byte and where it is, so the user can look."""
    bad = exc.object[exc.start : exc.start + 1].hex().upper()
    line = lines + exc.object[: exc.start].count(b"\n") + 1
    where = f"byte 0x{bad} at offset {offset + exc.start:,}, line {line:,}"
    return error("E003", doc_id=doc_id, encoding=encoding, detail=where)


def _count_chars(
    f: BinaryIO, doc_id: str, codec: str, encoding: str
) -> tuple[int, DocumentError | None]:
    """Characters in binary file ``f``, decoded chunk by chunk (constant memory)."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    size = consumed = lines = 0
    while True:
        chunk = f.read(CHUNK_BYTES)
        pending = len(decoder.getstate()[0])  # bytes of a character split across chunks
        try:
            size += len(decoder.decode(chunk, final=not chunk))
        except UnicodeDecodeError as exc:
            return size, _bad_bytes(doc_id, encoding, exc, offset=consumed - pending, lines=lines)
        consumed += len(chunk)
        lines += chunk.count(b"\n")
        if not chunk:
            return size, None
