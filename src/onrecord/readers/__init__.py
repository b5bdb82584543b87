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
import sys
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from onrecord.model import RawDocument
from onrecord.readers.html import html_document, read_html
from onrecord.readers.jsonl import parse_lines, read_jsonl
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


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    max_chars: int | None = None,
    stdin: BinaryIO | None = None,
    keep_results: bool = False,
) -> Iterator[RawDocument]:
    """Every document in ``paths``, in order; ``-`` reads ``stdin`` (default: sys.stdin).

    ``max_chars`` lets a reader turn a huge text file into an E004 record without loading
    it; batch.check_document applies the limit to every document either way.
    ``keep_results`` keeps a JSON line's result keys (a gold file's ``attributions``) in
    meta instead of dropping them: the store keeps everything its input carried.
    """
    codecs.lookup(encoding)  # LookupError now rather than once per file
    options: dict[str, Any] = {
        "text_field": text_field,
        "id_field": id_field,
        "encoding": encoding,
        "keep_results": keep_results,
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
                    yield from read_file(file, max_chars=max_chars, **options)
        else:
            yield from read_file(os.path.normpath(path), max_chars=max_chars, **options)


def read_file(
    path: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    max_chars: int | None = None,
    keep_results: bool = False,
) -> Iterator[RawDocument]:
    """The documents in one file, read as JSON Lines, HTML, WARC or plain text by its suffix."""
    logger.debug("reading %s", path)
    lowered = path.lower()
    if lowered.endswith(JSONL_SUFFIXES):
        return read_jsonl(
            path,
            text_field=text_field,
            id_field=id_field,
            encoding=encoding,
            keep_results=keep_results,
        )
    if lowered.endswith(HTML_SUFFIXES):
        return read_html(path, encoding=encoding)
    if lowered.endswith(WARC_SUFFIXES):
        return read_warc(path)
    return read_txt(path, encoding=encoding, max_chars=max_chars)


def read_stdin(
    stream: BinaryIO,
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    keep_results: bool = False,
) -> Iterator[RawDocument]:
    """JSON Lines if the first non-blank character is ``{``, else one text document ``stdin``."""
    prefix = _read_blank_prefix(stream)
    if prefix.removeprefix(codecs.BOM_UTF8).strip().startswith(b"{"):
        lines = _prefixed_lines(prefix, stream)
        yield from parse_lines(
            lines,
            STDIN_ID,
            text_field=text_field,
            id_field=id_field,
            encoding=encoding,
            keep_results=keep_results,
        )
    else:
        yield decode_text(prefix + stream.read(), STDIN_ID, encoding=encoding)


def _read_blank_prefix(stream: BinaryIO) -> bytes:
    """Bytes up to and including the first that is not blank (or a byte-order mark)."""
    prefix = b""
    while byte := stream.read(1):
        prefix += byte
        if codecs.BOM_UTF8.startswith(prefix):
            continue
        if prefix.removeprefix(codecs.BOM_UTF8).strip():
            break
    return prefix


def _prefixed_lines(prefix: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``prefix`` + ``stream``, streamed: ``prefix`` was read to sniff the format."""
    *complete, partial = prefix.split(b"\n")
    for piece in complete:
        yield piece + b"\n"
    yield partial + stream.readline()
    yield from stream


def _walk(root: str) -> Iterator[tuple[str, OSError | None]]:
    """Files under ``root``, sorted by path, hidden ones and symlinked folders skipped."""
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
        else:
            yield path, None
