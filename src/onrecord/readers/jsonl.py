"""JSON Lines: one ``{"id": …, "text": …}`` object per line, streamed (``.gz`` too).

A bad line becomes an error record and the next line is read: not JSON (or nested over
``MAX_DEPTH`` levels) is E005, not an object E009, no usable text E006, undecodable bytes
E003, a lone UTF-16 surrogate (``"\ud800"``, valid JSON but not text) E013, a line over the
byte limit E015 (skipped unread: see bounded.py). ``NaN`` and ``Infinity``, which JSON does
not have, are read as null so that every record written back out is JSON. UTF-16 and UTF-32
files (a byte-order mark, or ``--encoding``) are read as such. A line without an id gets
``PATH:LINE``. ``meta`` (an object) becomes the document's meta; any other key is kept in
meta too, except the keys of an output record (``attributions``, ``entities``, …), so a
gold or earlier output file can be fed back in and is extracted afresh (``keep_results``
keeps those in meta too, as the store does).
"""

from __future__ import annotations

import codecs
import gzip
import json
import logging
import math
import os
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from onrecord.config import DEFAULT_MAX_CHARS
from onrecord.errors import error
from onrecord.model import DocumentError, RawDocument
from onrecord.readers.bounded import (
    Prefixed,
    Readable,
    Utf8Stream,
    bounded_lines,
    byte_limit,
    needs_transcoding,
)
from onrecord.readers.txt import unreadable

logger = logging.getLogger(__name__)

#: keys of an output record that are results, not input: dropped, never put in meta
RESULT_KEYS = frozenset({"attributions", "entities", "headings", "repairs", "errors"})

_JSON_KINDS = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
#: deeper objects are refused (E005): writing them back out would overflow Python's stack,
#: and no real record nests this deep
MAX_DEPTH = 100
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(
    path: str | os.PathLike[str],
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    keep_results: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[RawDocument]:
    """One document per line of the file at ``path`` (gzip if it ends in ``.gz``)."""
    name = os.fspath(path)
    try:
        f = open(name, "rb")  # noqa: SIM115  (closed below, once the lines are read)
    except OSError as exc:
        yield RawDocument(name, "", error=unreadable(name, name, exc))
        return
    with f:
        yield from read_jsonl_stream(
            f,
            name,
            text_field=text_field,
            id_field=id_field,
            encoding=encoding,
            keep_results=keep_results,
            max_chars=max_chars,
        )


def read_jsonl_stream(
    f: BinaryIO | Readable,
    name: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    keep_results: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
    gzipped: bool | None = None,
    first_line: int = 1,
) -> Iterator[RawDocument]:
    """One document per line of the open file ``f`` named ``name`` (gzip if it ends in
    ``.gz``, or if ``gzipped``); no line longer than ``byte_limit(max_chars)`` is held.

    The Spark job reads ``.jsonl.gz`` files through here, from their bytes, and stdin too.
    """
    line = 0
    if gzipped is None:
        gzipped = name.endswith(".gz")
    try:
        stream: Readable = gzip.GzipFile(fileobj=f) if gzipped else f  # type: ignore[arg-type]  # GzipFile reads any .read()
        head = stream.read(4)
        codec = needs_transcoding(head, encoding)
        stream = Prefixed(head, stream)
        if codec is not None:  # UTF-16/32: lines split on b"\n" only once they are UTF-8
            stream, encoding = Utf8Stream(stream, codec), "utf-8"
        for line, raw in bounded_lines(stream, byte_limit(max_chars), first_line):
            where = f"{name}:{line}"
            if raw is None:
                limit = byte_limit(max_chars)
                problem = error("E015", doc_id=where, what=f"line {line}", limit=limit)
                yield RawDocument(where, "", error=problem)
                continue
            doc = parse_line(
                raw,
                name,
                line,
                text_field=text_field,
                id_field=id_field,
                encoding=encoding,
                keep_results=keep_results,
            )
            if doc is not None:
                yield doc
    except (OSError, EOFError, UnicodeDecodeError) as exc:  # unreadable, a cut .gz, bad UTF-16
        yield RawDocument(*_stream_failure(exc, name, line, encoding))


def _stream_failure(
    exc: OSError | EOFError | UnicodeDecodeError, name: str, line: int, encoding: str
) -> tuple[str, str, dict[str, Any], DocumentError]:
    """The error record for a file that cannot be read on past line ``line``."""
    doc_id = f"{name}:{line + 1}" if line else name
    if isinstance(exc, OSError):
        problem = unreadable(doc_id, name, exc)
    elif isinstance(exc, UnicodeDecodeError):
        detail = f"{exc.reason} after line {line}; the rest of the file is not read"
        problem = error("E003", doc_id=doc_id, encoding=encoding, detail=detail)
    else:
        problem = error("E007", doc_id=doc_id, path=name, detail="file ends too early")
    return doc_id, "", {}, problem


def parse_line(
    raw: bytes,
    source: str,
    line: int,
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    keep_results: bool = False,
) -> RawDocument | None:
    """Line ``line`` of ``source`` as a document, an error record, or None if it is blank."""
    where = f"{source}:{line}"
    if line == 1 and codecs.lookup(encoding).name == "utf-8":
        raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        decoded = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        detail = f"byte 0x{raw[exc.start : exc.start + 1].hex().upper()} at column {exc.start + 1}"
        return RawDocument(
            where, "", error=error("E003", doc_id=where, encoding=encoding, detail=detail)
        )
    if not decoded.strip():
        return None
    try:
        obj = json.loads(decoded.rstrip("\r\n"), parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} at column {exc.pos + 1}"  # a column of this line, as editors count
        return RawDocument(where, "", error=error("E005", doc_id=where, line=line, detail=detail))
    except RecursionError:  # [[[[…]]]] thousands deep: Python's parser gives up
        detail = f"nested more than {MAX_DEPTH} levels deep"
        return RawDocument(where, "", error=error("E005", doc_id=where, line=line, detail=detail))
    if not isinstance(obj, dict):
        kind = "null" if obj is None else _JSON_KINDS.get(type(obj), type(obj).__name__)
        return RawDocument(where, "", error=error("E009", doc_id=where, line=line, kind=kind))
    return object_document(
        obj, where, line, text_field=text_field, id_field=id_field, keep_results=keep_results
    )


def object_document(
    obj: dict[str, Any],
    where: str,
    line: int,
    *,
    text_field: str = "text",
    id_field: str = "id",
    keep_results: bool = False,
) -> RawDocument:
    """One record (a JSON line's object, a Parquet row) as a document, or an E006 record.

    ``where`` (``FILE:LINE``) is its id when it has none, and names it in messages.
    Non-finite floats in it (a Parquet NaN) become None, as JSON has no such numbers.
    """
    problem = _check_values(obj, where, line)
    if problem is not None:
        return RawDocument(where, "", error=problem)
    doc_id = _doc_id(obj.get(id_field)) or where
    meta = _meta(obj, text_field=text_field, id_field=id_field, keep_results=keep_results)
    text = obj.get(text_field)
    if not isinstance(text, str) or not text.strip():
        keys = ", ".join(sorted(obj)[:12]) or "none"
        named = where if doc_id == where else f"{doc_id} ({where})"  # id, and where to look
        problem = error("E006", doc_id=named, line=line, field=text_field, keys=keys)
        return RawDocument(doc_id, "", meta, error=problem)
    return RawDocument(doc_id, text, meta)


def _no_constant(name: str) -> None:
    """NaN, Infinity and -Infinity (Python's json accepts them, JSON does not) read as null."""
    return None


def _check_values(obj: dict[str, Any], where: str, line: int) -> DocumentError | None:
    """E005 for an object nested over MAX_DEPTH, E013 for a lone surrogate in any string;
    non-finite floats are set to None on the way (in place: ``obj`` is freshly parsed)."""
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(obj, 1)]
    while stack:
        container, depth = stack.pop()
        if depth > MAX_DEPTH:
            detail = f"nested more than {MAX_DEPTH} levels deep"
            return error("E005", doc_id=where, line=line, detail=detail)
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in items:
            for string in (key, value):
                if isinstance(string, str) and (bad := _SURROGATE.search(string)):
                    detail = f"\\u{ord(bad.group()):04x} at character {bad.start() + 1:,}"
                    return error("E013", doc_id=where, line=line, detail=detail)
            if isinstance(value, dict | list):
                stack.append((value, depth + 1))
            elif isinstance(value, float) and not math.isfinite(value):
                container[key] = None  # type: ignore[index]  # key came from this container
    return None


def _doc_id(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _meta(
    obj: dict[str, Any], *, text_field: str, id_field: str, keep_results: bool = False
) -> dict[str, Any]:
    """The line's ``meta`` object, plus its other input keys (``title``, ``url``, …)."""
    given = obj.get("meta")
    meta: dict[str, Any] = dict(given) if isinstance(given, dict) else {}
    for key, value in obj.items():
        if key in (text_field, id_field) or (key in RESULT_KEYS and not keep_results):
            continue
        if key == "meta" and isinstance(value, dict):
            continue
        meta.setdefault(key, value)
    return meta
