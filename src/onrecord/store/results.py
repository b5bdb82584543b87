"""What store queries return: small frozen records with a JSON form for the CLI and the web."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from onrecord.store.variants import DiffOp

__all__ = ["Quote", "SpeakerCount", "TraceHit"]


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
