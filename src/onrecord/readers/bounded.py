"""Reading with a ceiling: no reader holds more than ``byte_limit(max_chars)`` bytes at once.

Compressed input can expand a thousandfold (a 1 MB ``.gz`` holding 1 GB of zeros), one
JSON line can be a whole corpus, and stdin has no size to ask. So every reader pulls
bytes in chunks and counts them: a line, a page body or a stream over the limit becomes
an E015 record as soon as the count passes it, and whatever follows is still read. The
limit is in bytes, 4 per allowed character (UTF-8's widest), so a document that fits
``--max-chars`` always fits here; the character check itself stays in batch.py.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO, Protocol

__all__ = [
    "BYTES_PER_CHAR",
    "CHUNK_BYTES",
    "Prefixed",
    "TooLarge",
    "Utf8Stream",
    "bounded_lines",
    "byte_limit",
    "inflate",
    "needs_transcoding",
    "read_at_most",
]

#: UTF-8's widest character: a text within --max-chars never needs more bytes than this
BYTES_PER_CHAR = 4
#: bytes pulled at a time: large enough that Python's per-call cost is noise
CHUNK_BYTES = 1 << 20

# a run of blank lines (or a line's leading blanks): skipped in one C-speed step, since a
# file of a billion empty lines must not cost a billion Python loop turns
_BLANKS = re.compile(rb"[ \t\r\n\x0b\x0c]*")


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class TooLarge(Exception):
    """More than ``limit`` bytes came out: the caller makes it an E015 record."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit:,} bytes")
        self.limit = limit


def byte_limit(max_chars: int) -> int:
    """The most bytes one document of ``max_chars`` characters can take, in any reader."""
    return max_chars * BYTES_PER_CHAR


def read_at_most(stream: Readable, limit: int) -> bytes:
    """All of ``stream``, or TooLarge once more than ``limit`` bytes have come (rest unread)."""
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(min(CHUNK_BYTES, limit + 1 - size)):
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
    return b"".join(parts)


def bounded_lines(
    stream: Readable, limit: int, first_line: int = 1
) -> Iterator[tuple[int, bytes | None]]:
    """``(number, line)`` for each non-blank line of ``stream``; ``line`` is None for one
    over ``limit`` bytes, which is skipped up to its end without being held."""
    number = first_line  # the line ``pending`` starts on
    read = getattr(stream, "read1", stream.read)
    pending = b""
    too_long = False  # inside a line already known to be over the limit
    while True:
        chunk = read(CHUNK_BYTES)
        if too_long:
            end = chunk.find(b"\n")
            if end < 0 and chunk:
                continue  # still inside it: nothing kept
            yield number, None
            number += 1
            too_long = False
            chunk = chunk[end + 1 :] if end >= 0 else b""
        pending += chunk
        start = 0
        while True:
            blanks = _BLANKS.match(pending, start)
            assert blanks is not None  # the pattern matches the empty string
            number += pending.count(b"\n", start, blanks.end())
            start = blanks.end()
            end = pending.find(b"\n", start)
            if end < 0:
                break
            if end + 1 - start > limit:
                yield number, None
            else:
                yield number, pending[start : end + 1]
            number += 1
            start = end + 1
        pending = pending[start:]
        if len(pending) > limit:
            pending, too_long = b"", True
        if not chunk:
            if pending:
                yield number, pending
            return


def inflate(data: bytes, wbits: int, limit: int) -> bytes:
    """``data`` decompressed (``wbits`` as zlib takes it), or TooLarge past ``limit`` bytes.

    Decompresses a chunk of output at a time, so a bomb costs ``limit`` bytes, not its size.
    Raises zlib.error for data that is not compressed that way.
    """
    inflater = zlib.decompressobj(wbits)
    parts: list[bytes] = []
    size = 0
    pending = data
    while True:
        part = inflater.decompress(pending, min(CHUNK_BYTES, limit + 1 - size))
        parts.append(part)
        size += len(part)
        if size > limit:
            raise TooLarge(limit)
        pending = inflater.unconsumed_tail
        if inflater.eof or (not pending and not part):
            return b"".join(parts) + inflater.flush()


def _read_some(stream: BinaryIO | Readable, size: int) -> bytes:
    """Up to ``size`` bytes, with one read of the stream underneath where it can (``read1``):
    a gzip stream cut short then gives what it decompressed before its damage, where a
    full ``read`` would raise and lose it."""
    read1 = getattr(stream, "read1", None)
    return read1(size) if read1 is not None and size >= 0 else stream.read(size)


class Prefixed:
    """``head`` (bytes already read to sniff the format) and then the rest of ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO | Readable) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1, /) -> bytes:
        if self._head:
            if size < 0:
                head, self._head = self._head, b""
                return head + self._rest.read()
            head, self._head = self._head[:size], self._head[size:]
            return head
        return _read_some(self._rest, size)


class Utf8Stream:
    """A binary stream in a codec that is not ASCII-compatible (UTF-16, UTF-32), read as
    UTF-8: so lines split on b"\\n" as in any other file, and JSON parses as usual."""

    def __init__(self, raw: BinaryIO | Readable, codec: str) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        self._done = False

    def read(self, size: int = -1, /) -> bytes:
        """Up to about ``size`` bytes of UTF-8 (a little more when characters widen)."""
        while not self._done:
            chunk = self._raw.read(size if size > 0 else CHUNK_BYTES)
            self._done = not chunk
            text = self._decoder.decode(chunk, final=self._done)
            if text or self._done:
                return text.encode("utf-8")
        return b""


def needs_transcoding(head: bytes, encoding: str) -> str | None:
    """The codec to read through Utf8Stream, or None if lines can be split as bytes.

    A UTF-16 or UTF-32 byte-order mark decides when the user chose nothing (UTF-8).
    """
    name = codecs.lookup(encoding).name
    if name.startswith(("utf-16", "utf-32")):
        return name
    if name != "utf-8":
        return None
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return codec
    return None
