"""JSON Lines: one ``{"id": …, "text": …}`` object per line, streamed (``.gz`` too).

A bad line becomes an error record and the next line is read: not JSON is E005, not an
object E009, no usable text E006, undecodable bytes E003. A line without an id gets
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
import os
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from onrecord.errors import error
from onrecord.model import RawDocument
from onrecord.readers.txt import unreadable

logger = logging.getLogger(__name__)

#: keys of an output record that are results, not input: dropped, never put in meta
RESULT_KEYS = frozenset({"attributions", "entities", "headings", "repairs", "errors"})

_JSON_KINDS = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def read_jsonl(
    path: str | os.PathLike[str],
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    keep_results: bool = False,
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
        )


def read_jsonl_stream(
    f: BinaryIO,
    name: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    keep_results: bool = False,
) -> Iterator[RawDocument]:
    """One document per line of the open file ``f`` named ``name`` (gzip if it ends in ``.gz``).

    The Spark job reads ``.jsonl.gz`` files through here, from their bytes.
    """
    line = 0
    try:
        lines: BinaryIO | gzip.GzipFile = gzip.GzipFile(fileobj=f) if name.endswith(".gz") else f
        with lines:
            for line, raw in enumerate(lines, start=1):  # ``line`` also names a failure below
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
    except (OSError, EOFError) as exc:  # unreadable, or a truncated .gz
        doc_id = f"{name}:{line + 1}" if line else name
        if isinstance(exc, OSError):
            problem = unreadable(doc_id, name, exc)
        else:
            problem = error("E007", doc_id=doc_id, path=name, detail="file ends too early")
        yield RawDocument(doc_id, "", error=problem)


def parse_lines(
    lines: Iterable[bytes],
    source: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str = "utf-8",
    first_line: int = 1,
    keep_results: bool = False,
) -> Iterator[RawDocument]:
    """One document per non-blank line of ``lines``; ``source`` names them (e.g. ``stdin``)."""
    for line, raw in enumerate(lines, start=first_line):
        doc = parse_line(
            raw,
            source,
            line,
            text_field=text_field,
            id_field=id_field,
            encoding=encoding,
            keep_results=keep_results,
        )
        if doc is not None:
            yield doc


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
        obj = json.loads(decoded.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} at column {exc.pos + 1}"  # a column of this line, as editors count
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
    """
    doc_id = _doc_id(obj.get(id_field)) or where
    meta = _meta(obj, text_field=text_field, id_field=id_field, keep_results=keep_results)
    text = obj.get(text_field)
    if not isinstance(text, str) or not text.strip():
        keys = ", ".join(sorted(obj)[:12]) or "none"
        named = where if doc_id == where else f"{doc_id} ({where})"  # id, and where to look
        problem = error("E006", doc_id=named, line=line, field=text_field, keys=keys)
        return RawDocument(doc_id, "", meta, error=problem)
    return RawDocument(doc_id, text, meta)


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
