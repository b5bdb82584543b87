"""WARC files: one document per archived HTML page; a damaged record is reported, not fatal.

Web archives are big and often damaged (a crawl cut short, a bad disk block), so the
parser is our own rather than warcio's: a damaged record becomes one E012 record and
reading resumes at the next record, so one bad byte does not lose the rest of the file.
Uncompressed files are read record by record; ``.warc.gz`` member by member (each record
its own gzip member, as the WARC standard recommends; a whole-file gzip is read in one go).

No record is held whole past the byte limit (bounded.py): a response block over it, a
gzip member inflating past it (a decompression bomb) and a page body whose
Content-Encoding inflates past it are each one E015 record, and reading goes on with the
next record. A whole-file ``.warc.gz`` is one member, so it fits only if all its pages
together do: recompress such files per record (``warcio recompress``).

Ids are ``PATH@OFFSET``: the byte offset of the record, or of its gzip member, in the
file (``PATH@MEMBER+OFFSET`` for a later record inside one gzip member).
"""

from __future__ import annotations

import dataclasses
import io
import logging
import os
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from onrecord.config import DEFAULT_MAX_CHARS
from onrecord.errors import error
from onrecord.model import RawDocument
from onrecord.readers.bounded import TooLarge, byte_limit
from onrecord.readers.html import decode_html, html_document
from onrecord.readers.http import dechunk, decode_content, http_response
from onrecord.readers.txt import unreadable

__all__ = ["WarcPage", "page_document", "read_warc", "read_warc_pages", "read_warc_stream"]

logger = logging.getLogger(__name__)

WARC_MAGIC = b"WARC/1."  # WARC/1.0 and WARC/1.1
GZIP_MAGIC = b"\x1f\x8b\x08"  # a gzip member, deflate method
#: bytes read at a time when scanning for the next record, or inflating gzip members
CHUNK_BYTES = 1 << 16
#: a header line or header longer than this is damage, not a header
MAX_HEADER_BYTES = 1 << 20
#: room for a record's WARC and HTTP headers beside a page at the byte limit
HEADROOM_BYTES = 2 * MAX_HEADER_BYTES
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_CHARSET = re.compile(r"""charset\s*=\s*["']?([^;"'\s]+)""", re.I)
_PADDING = b"\x00\r\n\t "
_FIELD_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # an RFC 9110 token


@dataclass(frozen=True, slots=True)
class WarcPage:
    """An archived HTML page before its main text is taken out (``page_document``).

    Taking the text out (trafilatura) costs far more than reading the record, so the
    Spark job reads pages in one task per file and takes their text out after spreading
    them over many tasks.
    """

    doc_id: str
    html: str  # decoded with the HTTP charset, else the page's own
    url: str | None
    meta: dict[str, Any]  # warc_record_id, warc_date, source, offset


class _Damage(Exception):
    """A record that cannot be read; the message is E012's detail."""


class _Oversize(Exception):
    """A record (or gzip member) over the byte limit; the message is E015's ``what``."""


@dataclass(frozen=True, slots=True)
class _Record:
    offset: int  # in the file, or in the decompressed gzip member
    headers: dict[str, str]  # names lower-cased
    block: bytes | None  # read for response records only
    damage: str | None = None
    oversize: str | None = None  # what is over the byte limit (E015)


def read_warc(
    path: str | os.PathLike[str], *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[RawDocument]:
    """A document for each HTML page archived (status 200) in the WARC file at ``path``."""
    name = os.fspath(path)
    try:
        f = open(name, "rb")  # noqa: SIM115  (closed below, once the records are read)
    except OSError as exc:
        yield RawDocument(name, "", error=unreadable(name, name, exc))
        return
    with f:
        yield from read_warc_stream(f, name, max_chars=max_chars)


def read_warc_stream(
    f: BinaryIO, name: str, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[RawDocument]:
    """The pages of the WARC file open in ``f`` (seekable), named ``name`` in ids and errors."""
    for item in read_warc_pages(f, name, max_chars=max_chars):
        yield page_document(item) if isinstance(item, WarcPage) else item


def read_warc_pages(
    f: BinaryIO, name: str, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[WarcPage | RawDocument]:
    """The HTML pages of the WARC file open in ``f``, their text not yet taken out, and an
    error document for each damaged record (the Spark job reads WARC files through here)."""
    limit = byte_limit(max_chars)
    skipped: Counter[str] = Counter()
    try:
        size = f.seek(0, io.SEEK_END)
        f.seek(0)
        if size == 0:
            yield RawDocument(name, "", error=error("E001", doc_id=name))
            return
        # by suffix, or sniffed (suffixes lie); not sniffed only, as damage may hit byte 0
        is_gzip = name.lower().endswith(".gz") or f.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        records = _gzip_records(f, limit) if is_gzip else _plain_records(f, size, limit)
        for where, offset, record in records:
            page = _page(record, name, where, offset, skipped, limit)
            if page is not None:
                yield page
    except OSError as exc:
        yield RawDocument(name, "", error=unreadable(name, name, exc))
    if skipped:
        logger.debug("%s: skipped %s", name, ", ".join(f"{n} {k}" for k, n in skipped.items()))


def page_document(page: WarcPage) -> RawDocument:
    """The page's main text and metadata (E011 if it has none), dated by the WARC record
    when the page gives no date."""
    doc = html_document(page.html, page.doc_id, url=page.url, meta=page.meta)
    warc_date = page.meta.get("warc_date")
    if "published" not in doc.meta and warc_date and re.match(r"\d{4}-\d{2}-\d{2}", warc_date):
        doc = dataclasses.replace(doc, meta={**doc.meta, "published": warc_date[:10]})
    return doc


def _page(
    record: _Record, path: str, where: str, offset: int, skipped: Counter[str], limit: int
) -> WarcPage | RawDocument | None:
    """The record as a page, an E012 document if damaged, E015 if over ``limit`` bytes, or
    None if it is not a page."""
    doc_id = f"{path}@{where}"
    source = {"source": path, "offset": offset}
    if record.oversize is not None:
        problem = error("E015", doc_id=doc_id, what=record.oversize, limit=limit)
        return RawDocument(doc_id, "", source, error=problem)
    if record.damage is not None:
        problem = error("E012", doc_id=doc_id, offset=offset, path=path, detail=record.damage)
        return RawDocument(doc_id, "", source, error=problem)
    kind = record.headers.get("warc-type", "")
    response = http_response(record.block) if kind == "response" and record.block else None
    if response is None:
        skipped[f"{kind or 'untyped'} records" if kind != "response" else "non-HTTP"] += 1
        return None
    status, http, body = response
    media = http.get("content-type", "").split(";")[0].strip().lower()
    if status != 200:
        skipped[f"status {status} responses"] += 1
        return None
    if media not in HTML_TYPES:
        skipped[f"{media or 'untyped'} responses"] += 1
        return None
    if "chunked" in http.get("transfer-encoding", "").lower():
        body = dechunk(body)
    try:
        body = decode_content(body, http.get("content-encoding", ""), limit)
    except TooLarge:
        what = f"the page's {http.get('content-encoding', '').strip()} body, decompressed"
        problem = error("E015", doc_id=doc_id, what=what, limit=limit)
        return RawDocument(doc_id, "", source, error=problem)
    charset = _CHARSET.search(http.get("content-type", ""))
    meta = {
        "warc_record_id": record.headers.get("warc-record-id"),
        "warc_date": record.headers.get("warc-date"),
        **source,
    }
    return WarcPage(
        doc_id,
        decode_html(body, encoding=charset.group(1) if charset else None),
        record.headers.get("warc-target-uri") or None,
        {key: value for key, value in meta.items() if value is not None},
    )


def _plain_records(f: BinaryIO, size: int, limit: int) -> Iterator[tuple[str, int, _Record]]:
    for record in _records(f, size, limit):
        yield str(record.offset), record.offset, record


def _gzip_records(f: BinaryIO, limit: int) -> Iterator[tuple[str, int, _Record]]:
    """The records of each gzip member; a bad member is one damaged record, then resync."""
    f.seek(0)
    pos, pending = 0, b""
    while True:
        rest = pending.lstrip(_PADDING)  # some tools pad between members or at the end
        pos, pending = pos + len(pending) - len(rest), rest
        if not pending:
            pending = f.read(CHUNK_BYTES)
            if not pending:
                return
            continue
        try:
            data, pending = _inflate(pending, f, limit + HEADROOM_BYTES)
        except (_Damage, _Oversize) as exc:
            too_big = isinstance(exc, _Oversize)
            damage, oversize = (None, str(exc)) if too_big else (str(exc), None)
            yield str(pos), pos, _Record(0, {}, None, damage, oversize)
            found = _resync_gzip(f, pos + 1)
            if found is None:
                return
            f.seek(found)
            pos, pending = found, b""
            continue
        member, pos = pos, f.tell() - len(pending)
        for record in _records(io.BytesIO(data), len(data), limit):
            where = f"{member}+{record.offset}" if record.offset else str(member)
            yield where, member, record


def _inflate(head: bytes, f: BinaryIO, limit: int) -> tuple[bytes, bytes]:
    """One gzip member from ``head`` then ``f``: its data, and the bytes read past its end.

    _Oversize as soon as the data passes ``limit`` bytes: a bomb costs no more than that.
    """
    while len(head) < len(GZIP_MAGIC) and (more := f.read(CHUNK_BYTES)):
        head += more  # the last read may have stopped inside the magic
    if not head.startswith(GZIP_MAGIC):
        raise _Damage("not the start of a gzip member")
    inflater = zlib.decompressobj(31)  # 31: gzip wrapper, checks the CRC
    out: list[bytes] = []
    size = 0
    chunk = head
    while True:
        try:
            part = inflater.decompress(chunk, CHUNK_BYTES)
        except zlib.error as exc:
            raise _Damage(f"corrupt gzip member: {exc}") from None
        out.append(part)
        size += len(part)
        if size > limit:
            raise _Oversize("a gzip member, decompressed")
        if inflater.eof:
            return b"".join(out), inflater.unused_data
        chunk = inflater.unconsumed_tail
        if not chunk and len(part) < CHUNK_BYTES:  # all input used: read more
            chunk = f.read(CHUNK_BYTES)
            if not chunk:
                raise _Damage("the file ends inside this gzip member")


def _resync_gzip(f: BinaryIO, start: int) -> int | None:
    """The offset of the next gzip member at or after ``start`` that holds a WARC record."""
    while (found := _find(f, start, GZIP_MAGIC)) is not None:
        f.seek(found)
        if _opens_record(f):
            return found
        start = found + 1
    return None


def _opens_record(f: BinaryIO) -> bool:
    """Whether the gzip member at ``f``'s position starts with a WARC version line."""
    inflater = zlib.decompressobj(31)
    first = b""
    try:
        while len(first) < len(WARC_MAGIC) and not inflater.eof:
            chunk = f.read(CHUNK_BYTES)
            if not chunk:
                break
            first += inflater.decompress(chunk, len(WARC_MAGIC) - len(first))
    except zlib.error:
        return False
    return first.startswith(WARC_MAGIC)


def _records(f: BinaryIO, size: int, limit: int) -> Iterator[_Record]:
    """The records in seekable ``f`` of ``size`` bytes; damaged ones carry ``damage``, a
    response block over ``limit`` bytes ``oversize`` (it is skipped, not read)."""
    pos: int | None = _skip_blank_lines(f, 0)
    while pos is not None and pos < size:
        f.seek(pos)
        block_start = pos + 1  # where to look for the next record if this header is bad
        try:
            headers, block_start = _read_header(f)
            block = _read_block(f, headers, block_start, size, limit)
            next_pos: int | None = _skip_blank_lines(f, f.tell())
            record = _Record(pos, headers, block)
        except _Oversize as exc:
            next_pos = _skip_blank_lines(f, f.tell())
            record = _Record(pos, {}, None, oversize=str(exc))
        except _Damage as damage:
            next_pos = _resync(f, block_start)  # the next record may start inside the block
            record = _Record(pos, {}, None, str(damage))
        yield record
        pos = next_pos


def _read_header(f: BinaryIO) -> tuple[dict[str, str], int]:
    """The WARC headers at ``f``'s position, and the offset where the block starts."""
    if not f.readline(MAX_HEADER_BYTES).startswith(WARC_MAGIC):
        raise _Damage("no WARC/1.x version line")
    headers: dict[str, str] = {}
    name = ""
    while (line := f.readline(MAX_HEADER_BYTES)) not in (b"\r\n", b"\n"):
        if not line.endswith(b"\n"):
            raise _Damage("the header has no end" if line else "the file ends in the header")
        text = line.decode("utf-8", errors="replace").strip()
        if line[:1] in (b" ", b"\t") and name:  # a folded line continues the header above
            headers[name] += " " + text
            continue
        name, colon, value = text.partition(":")
        name = name.strip().lower()
        if not colon or not _FIELD_NAME.fullmatch(name):
            raise _Damage(f"bad header line {text[:40]!r}")
        headers[name] = value.strip()
    if not headers.get("content-length", "").isdigit():
        raise _Damage("no valid Content-Length header")
    return headers, f.tell()


def _read_block(
    f: BinaryIO, headers: dict[str, str], start: int, size: int, limit: int
) -> bytes | None:
    """The block of a response record (None for others), checked against Content-Length;
    _Oversize (``f`` past the record) for a response block over ``limit`` bytes."""
    length = int(headers["content-length"])
    if start + length > size:
        missing = start + length - size
        raise _Damage(f"the file ends {missing:,} bytes into this record's {length:,}-byte block")
    is_response = headers.get("warc-type") == "response"
    too_big = is_response and length > limit + HEADROOM_BYTES
    block = f.read(length) if is_response and not too_big else None
    f.seek(start + length)
    # a block as long as it claims is followed by CRLF CRLF. What comes next is the next
    # record's business: if its header is damaged, that record is reported, not this one
    if f.read(4) != b"\r\n\r\n":
        raise _Damage("the block is not as long as its Content-Length says")
    if too_big:
        raise _Oversize(f"a {length:,}-byte response record")
    return block


def _skip_blank_lines(f: BinaryIO, pos: int) -> int:
    """``pos`` moved past the empty lines some writers leave between records."""
    f.seek(pos)
    while (line := f.readline(MAX_HEADER_BYTES)) and not line.strip(b"\r\n"):
        pos += len(line)
    return pos


def _resync(f: BinaryIO, start: int) -> int | None:
    """The offset of the next line at or after ``start`` (> 0) that opens a readable header."""
    while (found := _find(f, start - 1, b"\n" + WARC_MAGIC)) is not None:
        f.seek(found + 1)
        try:
            _read_header(f)
        except _Damage:
            start = found + 2
            continue
        return found + 1
    return None


def _find(f: BinaryIO, start: int, needle: bytes) -> int | None:
    """The offset of ``needle`` in ``f`` at or after ``start``, read a chunk at a time."""
    f.seek(start)
    while chunk := f.read(CHUNK_BYTES):
        at = chunk.find(needle)
        if at >= 0:
            return start + at
        if len(chunk) < CHUNK_BYTES:
            return None
        start += len(chunk) - len(needle) + 1  # overlap: a needle may straddle two chunks
        f.seek(start)
    return None
