"""What store queries return: small frozen records with a JSON form for the CLI and the web."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from onrecord.store.variants import DiffOp

__all__ = ["FacetCount", "Quote", "QuoteFacets", "SpeakerCount", "TraceHit"]


@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution as the query commands show it, with its article's metadata."""

    article_id: str
    id: str
    kind: str
    content: str
    cue: str
    source: str
    speaker_id: int | None
    speaker: str | None
    outlet: str | None
    published: dt.date | None
    title: str | None
    url: str | None
    confidence: float
    quote_group: int
    speaker_confidence: float | None = None  # None: stored before onrecord computed it
    type: str | None = None  # statement or thought; None: stored before onrecord decided it

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "attribution_id": self.id,
            "kind": self.kind,
            "type": self.type,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "source": self.source,
            "cue": self.cue,
            "content": self.content,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "url": self.url,
            "confidence": self.confidence,
            "speaker_confidence": self.speaker_confidence,
            "quote_group": self.quote_group,
        }


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """How often one speaker is quoted, and how."""

    id: int
    name: str
    type: str
    quotes: int
    direct: int
    mixed: int
    indirect: int
    articles: int
    outlets: int

    @property
    def direct_share(self) -> float:
        return self.direct / self.quotes if self.quotes else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker_id": self.id,
            "name": self.name,
            "type": self.type,
            "quotes": self.quotes,
            "direct": self.direct,
            "mixed": self.mixed,
            "indirect": self.indirect,
            "direct_share": round(self.direct_share, 3),
            "articles": self.articles,
            "outlets": self.outlets,
        }


@dataclass(frozen=True, slots=True)
class TraceHit:
    """One appearance of a traced quote; ``diff`` is its wording against the earliest."""

    quote: Quote
    diff: list[DiffOp] = field(default_factory=list)

    @property
    def is_altered(self) -> bool:
        return any(op != "same" for op, _ in self.diff)

    def to_dict(self) -> dict[str, Any]:
        return {**self.quote.to_dict(), "altered": self.is_altered, "diff": self.diff}


@dataclass(frozen=True, slots=True)
class FacetCount:
    """How many selected quotes have one value: a speaker id, an outlet, a kind or a type.

    ``label`` is what to show (a speaker's name; else the value itself); ``value`` None
    counts quotes without one (no speaker resolved, no outlet, not typed).
    """

    value: Any
    label: Any
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "count": self.count}


@dataclass(frozen=True, slots=True)
class QuoteFacets:
    """Counts by speaker, outlet, kind and type of the quotes a filter selects (most first;
    every kind and type in their usual order, 0 included)."""

    speakers: list[FacetCount]
    outlets: list[FacetCount]
    kinds: list[FacetCount]
    types: list[FacetCount]

    @property
    def total(self) -> int:
        """How many quotes were counted: every quote has a kind, and every kind is listed."""
        return sum(f.count for f in self.kinds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speakers": [f.to_dict() for f in self.speakers],
            "outlets": [f.to_dict() for f in self.outlets],
            "kinds": [f.to_dict() for f in self.kinds],
            "types": [f.to_dict() for f in self.types],
        }
