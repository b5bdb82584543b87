"""Queries for browsing the store page by page: articles, outlets, one speaker, one article.

The web UI's pages (and their JSON twins) are built from these; the CLI's query commands
use ``Store`` directly. Every query is parameterised and goes through ``Store.rows``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from onrecord.model import Document
from onrecord.store.results import SpeakerCount
from onrecord.store.store import Store

#: outlets drawn apart in a speaker's timeline; the others are summed as OTHER_OUTLETS
TIMELINE_OUTLETS = 7
OTHER_OUTLETS = "other outlets"

__all__ = [
    "ArticleSummary",
    "ArticleView",
    "OutletStats",
    "SpeakerView",
    "article_view",
    "outlet_stats",
    "outlets",
    "recent_articles",
    "speaker_view",
    "totals",
]


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    attributions: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "attributions": self.attributions,
        }


@dataclass(frozen=True, slots=True)
class OutletStats:
    """Whom an outlet quotes and how: direct, mixed, indirect, and without a named source."""

    name: str
    articles: int
    quotes: int
    direct: int
    mixed: int
    indirect: int
    anonymous: int  # attributions whose source resolves to no speaker

    def share(self, count: int) -> float:
        return count / self.quotes if self.quotes else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "articles": self.articles,
            "quotes": self.quotes,
            "direct": self.direct,
            "mixed": self.mixed,
            "indirect": self.indirect,
            "anonymous": self.anonymous,
            "direct_share": round(self.share(self.direct), 3),
            "indirect_share": round(self.share(self.indirect), 3),
            "anonymous_share": round(self.share(self.anonymous), 3),
        }


@dataclass(frozen=True, slots=True)
class SpeakerView:
    """One speaker: counts, every name and role given, and quotes per month and outlet."""

    counts: SpeakerCount
    names: list[tuple[str, str | None, int]]
    timeline: list[tuple[str, str | None, int]]  # (YYYY-MM, outlet, quotes)
    outlets: list[tuple[str | None, int]]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.counts.to_dict(),
            "names": [{"name": n, "role": r, "articles": a} for n, r, a in self.names],
            "timeline": [{"month": m, "outlet": o, "quotes": q} for m, o, q in self.timeline],
            "by_outlet": [{"outlet": o, "quotes": q} for o, q in self.outlets],
        }


@dataclass(frozen=True, slots=True)
class ArticleView:
    """A stored article: its record, its metadata columns, and its entities' speakers."""

    id: str
    document: Document
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    speakers: dict[str, int] = field(default_factory=dict)  # entity id -> speakers.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "speaker_ids": self.speakers,
            "record": self.document.to_dict(),
        }


def totals(store: Store) -> dict[str, int]:
    """How much the store holds: articles, attributions, speakers, outlets, errors."""
    ((articles, attributions, speakers, outlets_, errors),) = store.rows(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM attributions), "
        "(SELECT count(*) FROM speakers), (SELECT count(DISTINCT outlet) FROM articles), "
        "(SELECT count(*) FROM errors)",
        [],
    )
    return {
        "articles": articles,
        "attributions": attributions,
        "speakers": speakers,
        "outlets": outlets_,
        "errors": errors,
    }


def recent_articles(
    store: Store, *, limit: int = 20, offset: int = 0, outlet: str | None = None
) -> list[ArticleSummary]:
    """Articles, newest first (by publication date, then by when they were stored)."""
    where, params = ("outlet = ?", [outlet]) if outlet else ("TRUE", [])
    rows = store.rows(
        f"SELECT id, title, outlet, published, attribution_count FROM articles WHERE {where} "
        "ORDER BY published DESC NULLS LAST, ingested_at DESC, id LIMIT ? OFFSET ?",
        [*params, max(limit, 0), max(offset, 0)],
    )
    return [ArticleSummary(*row) for row in rows]


def outlets(store: Store, *, top: int = 20) -> list[OutletStats]:
    """The outlets with the most quotes."""
    return _outlet_rows(store, "TRUE", [], top)


def outlet_stats(store: Store, name: str) -> OutletStats | None:
    found = _outlet_rows(store, "outlet = ?", [name], 1)
    return found[0] if found else None


def _outlet_rows(store: Store, where: str, params: list[Any], top: int) -> list[OutletStats]:
    rows = store.rows(
        f"""SELECT outlet, count(DISTINCT article_id), count(*),
                count(*) FILTER (WHERE kind = 'direct'),
                count(*) FILTER (WHERE kind = 'mixed'),
                count(*) FILTER (WHERE kind = 'indirect'),
                count(*) FILTER (WHERE speaker_id IS NULL)
            FROM attributions WHERE outlet IS NOT NULL AND {where}
            GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT ?""",
        [*params, max(top, 0)],
    )
    return [OutletStats(*row) for row in rows]


def speaker_view(store: Store, speaker_id: int) -> SpeakerView | None:
    """Everything the speaker page shows, or None if there is no such speaker."""
    found = store.rows("SELECT id, name, type FROM speakers WHERE id = ?", [speaker_id])
    if not found:
        return None
    # per outlet and kind first (a few hundred rows at most), then the timeline by month
    # for the most quoting outlets only: a top speaker has thousands of (month, outlet) pairs
    cells = store.rows(
        "SELECT outlet, kind, count(*) FROM attributions WHERE speaker_id = ? GROUP BY ALL",
        [speaker_id],
    )
    kinds = {"direct": 0, "mixed": 0, "indirect": 0}
    by_outlet: dict[str | None, int] = {}
    for outlet, kind, n in cells:
        kinds[kind] = kinds.get(kind, 0) + n
        by_outlet[outlet] = by_outlet.get(outlet, 0) + n
    ranked = sorted(by_outlet.items(), key=lambda item: (-item[1], item[0] or ""))
    shown = [outlet for outlet, _ in ranked[:TIMELINE_OUTLETS] if outlet is not None]
    timeline = store.rows(
        "SELECT strftime(month, '%Y-%m'), outlet, n FROM ("
        "  SELECT date_trunc('month', published) AS month,"
        "    CASE WHEN list_contains(?::VARCHAR[], outlet) THEN outlet ELSE ? END AS outlet,"
        "    count(*) AS n FROM attributions"
        "  WHERE speaker_id = ? AND published IS NOT NULL GROUP BY ALL)"
        " ORDER BY 1, 2",
        [shown, OTHER_OUTLETS, speaker_id],
    )
    ((articles,),) = store.rows(
        "SELECT count(DISTINCT article_id) FROM attributions WHERE speaker_id = ?", [speaker_id]
    )
    (id_, name, type_) = found[0]
    counts = SpeakerCount(
        id_, name, type_, sum(kinds.values()), kinds["direct"], kinds["mixed"],
        kinds["indirect"], articles, len({o for o in by_outlet if o is not None}),
    )  # fmt: skip
    names = store.rows(
        "SELECT name, role, count(*) AS n FROM entities WHERE speaker_id = ? "
        "GROUP BY name, role ORDER BY n DESC, name",
        [speaker_id],
    )
    return SpeakerView(
        counts,
        [(name, role, int(n)) for name, role, n in names],
        [(month, outlet, int(n)) for month, outlet, n in timeline],
        ranked,
    )


def article_view(store: Store, article_id: str) -> ArticleView | None:
    document = store.article(article_id)
    if document is None:
        return None
    ((title, outlet, url, published),) = store.rows(
        "SELECT title, outlet, url, published FROM articles WHERE id = ?", [article_id]
    )
    speakers = dict(
        store.rows(
            "SELECT id, speaker_id FROM entities WHERE article_id = ? AND speaker_id IS NOT NULL",
            [article_id],
        )
    )
    return ArticleView(article_id, document, title, outlet, url, published, speakers)
