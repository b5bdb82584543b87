"""A record as the store's table rows, and back: the one mapping between the two.

The DuckDB writer, the Spark job's Parquet tables and ``Store.article`` all go through
here, so an article stored by either path reads back as the same record. Columns that
depend on the rest of the store (speaker ids, quote groups, ``seq``, ``search_text``)
are not set here: the writer adds them when the rows reach a store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from onrecord.model import Document
from onrecord.store.outlets import outlet_name

__all__ = [
    "ARTICLE_COLUMNS",
    "ATTRIBUTION_COLUMNS",
    "ENTITY_COLUMNS",
    "ERROR_COLUMNS",
    "DocumentRows",
    "article_date",
    "article_key",
    "article_outlet",
    "document_from_rows",
    "document_rows",
    "error_rows",
]

ARTICLE_COLUMNS = (
    "id", "doc_id", "title", "outlet", "url", "author", "published", "text", "meta",
    "headings", "repairs", "attribution_count",
)  # fmt: skip
ENTITY_COLUMNS = ("article_id", "id", "name", "type", "role", "mentions")
ATTRIBUTION_COLUMNS = (
    "article_id", "id", "kind", "type", "content", "cue", "source", "content_text",
    "cue_text", "source_text", "entity_id", "via", "confidence", "speaker_confidence",
    "outlet", "published",
)  # fmt: skip
ERROR_COLUMNS = ("doc_id", "source", "offset", "code", "message")

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """One extracted article as rows of the articles, entities and attributions tables;
    each row is a dict keyed by the column names above (JSON columns as JSON text)."""

    article: dict[str, Any]
    entities: list[dict[str, Any]]
    attributions: list[dict[str, Any]]


def article_key(text: str, url: str | None = None) -> str:
    """The store id of an article: the same URL and text always give the same id."""
    digest = hashlib.sha256(f"{url or ''}\0{text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def document_rows(doc: Document) -> DocumentRows:
    """The rows of an extracted (error-free) document."""
    meta = doc.meta
    key = article_key(doc.text, meta.get("url"))
    outlet = article_outlet(meta)
    published = article_date(meta)
    article = {
        "id": key,
        "doc_id": doc.id,
        "title": _text(meta.get("title")),
        "outlet": outlet,
        "url": _text(meta.get("url")),
        "author": _text(meta.get("author")),
        "published": published,
        "text": doc.text,
        "meta": json.dumps(meta, ensure_ascii=False, default=str),
        "headings": json.dumps([h.to_list() for h in doc.headings]),
        "repairs": json.dumps([r.to_dict() for r in doc.repairs], ensure_ascii=False),
        "attribution_count": len(doc.attributions),
    }
    entities = [
        {
            "article_id": key,
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "role": entity.role,
            "mentions": _pieces(entity.mentions),
        }
        for entity in doc.entities
    ]
    attributions = [
        {
            "article_id": key,
            "id": a.id,
            "kind": a.kind,
            "type": a.type,
            "content": _pieces(a.content),
            "cue": _pieces(a.cue),
            "source": _pieces(a.source),
            "content_text": doc.span_text(a.content),
            "cue_text": doc.span_text(a.cue),
            "source_text": doc.span_text(a.source),
            "entity_id": a.speaker,
            "via": a.via,
            "confidence": a.confidence,
            "speaker_confidence": a.speaker_confidence,
            "outlet": outlet,
            "published": published,
        }
        for a in doc.attributions
    ]
    return DocumentRows(article, entities, attributions)


def error_rows(doc: Document) -> list[dict[str, Any]]:
    """One errors-table row per error of a failed document."""
    offset = doc.meta.get("offset")
    return [
        {
            "doc_id": doc.id,
            "source": _text(doc.meta.get("source")) or _source_of(doc.id),
            "offset": offset if isinstance(offset, int) else None,
            "code": problem.code,
            "message": problem.message,
        }
        for problem in doc.errors
    ]


def document_from_rows(
    article: Mapping[str, Any],
    entities: Iterable[Mapping[str, Any]],
    attributions: Iterable[Mapping[str, Any]],
) -> Document:
    """The record that ``document_rows`` made these rows from (rows in any order)."""
    return Document.from_dict(
        {
            "id": article["doc_id"],
            "text": article["text"],
            "meta": _json(article.get("meta"), {}),
            "attributions": [
                {
                    "id": a["id"],
                    "kind": a["kind"],
                    "content": _json(a["content"], []),
                    "cue": _json(a["cue"], []),
                    "source": _json(a["source"], []),
                    "speaker": a.get("entity_id"),
                    "via": a.get("via"),
                    "confidence": a["confidence"],
                    # absent from a store or Parquet table made before it existed
                    "speaker_confidence": a.get("speaker_confidence"),
                    "type": a.get("type"),
                }
                for a in sorted(attributions, key=lambda row: _number(row["id"]))
            ],
            "entities": [
                {
                    "id": e["id"],
                    "name": e["name"],
                    "type": e["type"],
                    "role": e.get("role"),
                    "mentions": _json(e.get("mentions"), []),
                }
                for e in sorted(entities, key=lambda row: _number(row["id"]))
            ],
            "headings": _json(article.get("headings"), []),
            "repairs": _json(article.get("repairs"), []),
        }
    )


def article_outlet(meta: Mapping[str, Any]) -> str | None:
    """The outlet named in the metadata, else the URL's host without ``www.``; a known
    outlet by its canonical name ("nyt" -> "The New York Times", outlets.py)."""
    for name in ("outlet", "site", "sitename", "publisher", "source_domain"):
        value = _text(meta.get(name))
        if value:
            return outlet_name(value)
    url = _text(meta.get("url"))
    host = urlsplit(url).hostname if url else None
    return outlet_name(host.removeprefix("www.")) if host else None


def article_date(meta: Mapping[str, Any]) -> str | None:
    """The publication date (YYYY-MM-DD) from ``published``/``date``, if one is readable."""
    for name in ("published", "date", "date_publish", "published_at"):
        match = _DATE.match(_text(meta.get(name)) or "")
        if match:
            try:  # a real day: DuckDB refuses 2026-02-30, and the article with it
                return dt.date(*map(int, match.groups())).isoformat()
            except ValueError:
                continue
    return None


def _text(value: object) -> str | None:
    """A metadata value as text: lists (several authors) joined, empty as None."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value if v is not None)
    text = str(value).strip()
    return text or None


def _pieces(pieces: Iterable[Any]) -> str:
    return json.dumps([p.to_list() for p in pieces])


def _json(value: Any, empty: Any) -> Any:
    """A JSON column's value: text from DuckDB or Parquet, or already parsed."""
    if value is None:
        return empty
    return json.loads(value) if isinstance(value, str) else value


def _number(row_id: str) -> tuple[int, str]:
    """``a12`` sorts after ``a9``."""
    digits = row_id[1:]
    return (int(digits) if digits.isdigit() else 0, row_id)


def _source_of(doc_id: str) -> str:
    """The file a document id names: ``a.jsonl:12`` -> ``a.jsonl``, ``x.warc@300`` -> ``x.warc``."""
    for mark in ("@", ":"):
        head, _, tail = doc_id.rpartition(mark)
        if head and tail.isdigit():
            return head
    return doc_id
