"""Files in, ``RawDocument`` out: the only place that knows about file formats.

``read_inputs`` takes what a user names on the command line: files (format by suffix),
directories (walked recursively in sorted order, hidden files skipped) and ``-`` for
stdin. Anything that cannot be read becomes a record with ``error`` set, never an
exception, so one bad file does not stop a batch.

Ids: a text file's id is its path as given (normalised: ``./a.txt`` is ``a.txt``), a file
found in a directory is the directory as given joined with its path inside it, so ids
are unique across inputs; a JSON Lines document keeps its own id, or gets ``PATH:LINE``;
a page from a WARC file gets ``PATH@OFFSET``, the byte offset of its record.
"""

from __future__ import annotations

import codecs
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from onrecord.config import DEFAULT_MAX_CHARS
from onrecord.errors import error
from onrecord.model import RawDocument
from onrecord.readers.bounded import CHUNK_BYTES, Prefixed, TooLarge, byte_limit, read_at_most
from onrecord.readers.html import html_document, read_html
from onrecord.readers.jsonl import read_jsonl, read_jsonl_stream
from onrecord.readers.txt import decode_text, read_txt, unreadable
from onrecord.readers.warc import read_warc

__all__ = [
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "WARC_SUFFIXES",
    "html_document",
    "read_html",
    "read_inputs",
    "read_jsonl",
    "read_stdin",
    "read_txt",
    "read_warc",
]

logger = logging.getLogger(__name__)

#: files read as JSON Lines, HTML pages and web archives; everything else is plain text
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
#: the id of a plain-text document read from stdin
STDIN_ID = "stdin"
_BLANK_BYTES = b" \t\r\n\x0b\x0c"
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: BinaryIO | None = None,
    keep_results: bool = False,
) -> Iterator[RawDocument]:
    """Every document in ``paths``, in order; ``-`` reads ``stdin`` (default: sys.stdin).

    ``max_chars`` bounds what any reader holds (see bounded.py): a huge text file is an
    E004 record without being loaded, a huge line, page or decompressed stream E015;
    batch.check_document applies the character limit to every document either way.
    ``keep_results`` keeps a JSON line's result keys (a gold file's ``attributions``) in
    meta instead of dropping them: the store keeps everything its input carried.
    """
    codecs.lookup(encoding)  # LookupError now rather than once per file
    options: dict[str, Any] = {
        "text_field": text_field,
        "id_field": id_field,
        "encoding": encoding,
        "keep_results": keep_results,
        "max_chars": max_chars,
    }
    for given in paths:
        path = os.fspath(given)
        if path == "-":
            yield from read_stdin(stdin or sys.stdin.buffer, **options)
        elif os.path.isdir(path):
            for file, problem in _walk(os.path.normpath(path)):
                if problem is not None:
                    yield RawDocument(file, "", error=unreadable(file, file, problem))
                else:
                    yield from read_file(file, **options)
        else:
            yield from read_file(os.path.normpath(path), **options)


def read_file(
    path: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    max_chars: int = DEFAULT_MAX_CHARS,
    keep_results: bool = False,
) -> Iterator[RawDocument]:
    """The documents in one file, read as JSON Lines, HTML, WARC or plain text by its suffix.

    A named pipe, socket or device is refused (E014): opening one can wait for ever.
    """
    logger.debug("reading %s", path)
    kind = _special_kind(path)
    if kind is not None:
        return iter([RawDocument(path, "", error=error("E014", doc_id=path, path=path, kind=kind))])
    lowered = path.lower()
    if lowered.endswith(JSONL_SUFFIXES):
        return read_jsonl(
            path,
            text_field=text_field,
            id_field=id_field,
            encoding=encoding,
            keep_results=keep_results,
            max_chars=max_chars,
        )
    if lowered.endswith(HTML_SUFFIXES):
        return read_html(path, encoding=encoding, max_chars=max_chars)
    if lowered.endswith(WARC_SUFFIXES):
        return read_warc(path, max_chars=max_chars)
    return read_txt(path, encoding=encoding, max_chars=max_chars)


def _special_kind(path: str) -> str | None:
    """What ``path`` is if it is not a regular file (a FIFO, …); None for files and for
    paths that cannot be looked at (their reader reports E007)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return kind
    return None


def read_stdin(
    stream: BinaryIO,
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    keep_results: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[RawDocument]:
    """JSON Lines if the first non-blank character is ``{``, else one text document ``stdin``.

    Either way no more than ``byte_limit(max_chars)`` bytes are held: text past it is E015.
    """
    limit = byte_limit(max_chars)
    blank, newlines, first = _skip_blanks(stream, limit)
    if first.removeprefix(codecs.BOM_UTF8).startswith(b"{"):
        yield from read_jsonl_stream(
            Prefixed(first, stream),
            STDIN_ID,
            text_field=text_field,
            id_field=id_field,
            encoding=encoding,
            keep_results=keep_results,
            max_chars=max_chars,
            gzipped=False,
            first_line=newlines + 1,
        )
        return
    try:
        if blank is None:
            raise TooLarge(limit)
        data = blank + read_at_most(Prefixed(first, stream), limit - len(blank))
    except TooLarge:
        problem = error("E015", doc_id=STDIN_ID, what="the text on stdin", limit=limit)
        yield RawDocument(STDIN_ID, "", error=problem)
        return
    yield decode_text(data, STDIN_ID, encoding=encoding)


def _skip_blanks(stream: BinaryIO, limit: int) -> tuple[bytes | None, int, bytes]:
    """The blank bytes that open ``stream`` (None once over ``limit``: not kept), the
    newlines among them, and the bytes read after them (a byte-order mark counts as text)."""
    blank: bytearray | None = bytearray()
    newlines = 0
    while chunk := stream.read(CHUNK_BYTES):
        rest = chunk.lstrip(_BLANK_BYTES)
        run = chunk[: len(chunk) - len(rest)]
        newlines += run.count(b"\n")
        if blank is not None:
            blank += run
            if len(blank) > limit:
                blank = None
        if rest:
            return (None if blank is None else bytes(blank)), newlines, rest
    return (None if blank is None else bytes(blank)), newlines, b""


def _walk(root: str) -> Iterator[tuple[str, OSError | None]]:
    """Files under ``root``, sorted by path; hidden ones, symlinked folders and what is
    not a regular file (FIFOs, sockets, devices: reading them can block) skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield root, exc
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(root, entry.name)
        try:
            is_dir = entry.is_dir()
            is_link = entry.is_symlink()
        except OSError as exc:
            yield path, exc
            continue
        if is_dir and is_link:
            logger.warning("%s: skipped, a link to a folder (could loop)", path)
        elif is_dir:
            yield from _walk(path)
        elif (kind := _special_kind(path)) is not None:
            logger.warning("%s: skipped, %s is not a file to read", path, kind)
        else:
            yield path, None
