"""Reads for browsing the store page by page: articles, outlets, one speaker, one article.

``Browsing`` holds them as methods of ``Store`` (one read API: ``store.speaker_view(7)``),
kept apart from store.py's quote search, trace and SQL; the web UI's pages (and their
JSON twins) are built from them. Every query is parameterised and goes through
``Store.rows``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from onrecord.errors import StoreError
from onrecord.model import Document
from onrecord.store.results import SpeakerCount

#: outlets drawn apart in a speaker's timeline; the others are summed as OTHER_OUTLETS
TIMELINE_OUTLETS = 7
#: what ``recent_articles`` may sort by, and the column each sorts on
ARTICLE_SORTS = {
    "published": "published",
    "title": "lower(title)",
    "outlet": "lower(outlet)",
    "attributions": "attribution_count",
}
OTHER_OUTLETS = "other outlets"

__all__ = [
    "ArticleSummary",
    "ArticleView",
    "Browsing",
    "OutletStats",
    "SpeakerView",
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


class Browsing:
    """The browsing reads of ``Store`` (its base class: ``Store`` supplies the queries)."""

    if TYPE_CHECKING:  # what Store gives these methods

        def rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]: ...
        def counts(self, table: str) -> str: ...
        def article(self, article_id: str) -> Document | None: ...
        def speaker_names(self, speaker_id: int) -> list[tuple[str, str | None, int]]: ...

    def quoted_speakers(self) -> int:
        """How many speakers have a quote: the length of ``Store.speakers``' whole list
        (the speakers table holds some only named, never quoted)."""
        ((count,),) = self.rows(
            f"SELECT count(DISTINCT speaker_id) FROM {self.counts('outlet_counts')} "
            "WHERE speaker_id IS NOT NULL",
            [],
        )
        return int(count)

    def totals(self) -> dict[str, int]:
        """How much the store holds: articles, attributions, speakers, outlets, errors."""
        ((articles, attributions, speakers, outlets_, errors),) = self.rows(
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
        self,
        *,
        limit: int = 20,
        offset: int = 0,
        outlet: str | None = None,
        sort: str = "published",
        order: str = "desc",
    ) -> list[ArticleSummary]:
        """Articles, newest first (by publication date, then by when they were stored), or
        by ``sort`` (ARTICLE_SORTS) in ``order`` (desc, asc); E207 for another."""
        if sort not in ARTICLE_SORTS or order not in ("desc", "asc"):
            what, value = ("sort", sort) if sort not in ARTICLE_SORTS else ("order", order)
            allowed = ARTICLE_SORTS if what == "sort" else ("desc", "asc")
            raise StoreError("E207", what=what, value=value, detail=f"use {', '.join(allowed)}")
        where, params = ("outlet = ?", [outlet]) if outlet else ("TRUE", [])
        rows = self.rows(
            f"SELECT id, title, outlet, published, attribution_count FROM articles WHERE {where} "
            f"ORDER BY {ARTICLE_SORTS[sort]} {order} NULLS LAST, published DESC NULLS LAST, "
            "ingested_at DESC, id LIMIT ? OFFSET ?",
            [*params, max(limit, 0), max(offset, 0)],
        )
        return [ArticleSummary(*row) for row in rows]

    def outlets(self, *, top: int = 20) -> list[OutletStats]:
        """The outlets with the most quotes."""
        return self._outlet_rows("TRUE", [], top)

    def outlet_stats(self, name: str) -> OutletStats | None:
        found = self._outlet_rows("outlet = ?", [name], 1)
        return found[0] if found else None

    def _outlet_rows(self, where: str, params: list[Any], top: int) -> list[OutletStats]:
        rows = self.rows(
            f"""WITH ranked AS (
                    SELECT outlet, sum(direct + mixed + indirect) AS quotes, sum(direct),
                        sum(mixed), sum(indirect),
                        coalesce(sum(direct + mixed + indirect)
                            FILTER (WHERE speaker_id IS NULL), 0)
                    FROM {self.counts("outlet_counts")} WHERE outlet IS NOT NULL AND {where}
                    GROUP BY outlet ORDER BY quotes DESC, outlet LIMIT ?),
                quoting AS (
                    SELECT outlet, count(*) AS articles FROM articles
                    WHERE attribution_count > 0 AND outlet IN (SELECT outlet FROM ranked)
                    GROUP BY outlet)
                SELECT r.outlet, q.articles, r.* EXCLUDE (outlet)
                FROM ranked r JOIN quoting q USING (outlet) ORDER BY r.quotes DESC, r.outlet""",
            [*params, max(top, 0)],
        )
        return [OutletStats(row[0], *map(int, row[1:])) for row in rows]

    def speaker_view(self, speaker_id: int) -> SpeakerView | None:
        """Everything the speaker page shows, or None if there is no such speaker."""
        found = self.rows("SELECT id, name, type FROM speakers WHERE id = ?", [speaker_id])
        if not found:
            return None
        # sums by outlet, then by month for the most quoting outlets (the others summed):
        # a top speaker has thousands of (month, outlet) cells
        counts = self.counts("speaker_counts")
        by_outlet = self.rows(
            f"SELECT outlet, sum(direct)::BIGINT, sum(mixed)::BIGINT, sum(indirect)::BIGINT, "
            f"sum(articles)::BIGINT FROM {counts} WHERE speaker_id = ? GROUP BY outlet",
            [speaker_id],
        )
        kinds = [sum(row[i] for row in by_outlet) for i in (1, 2, 3)]
        ranked = sorted(
            ((outlet, d + m + i) for outlet, d, m, i, _ in by_outlet),
            key=lambda item: (-item[1], item[0] or ""),
        )
        shown = [outlet for outlet, _ in ranked[:TIMELINE_OUTLETS] if outlet is not None]
        timeline = self.rows(
            "SELECT strftime(month, '%Y-%m'), outlet, n FROM ("
            "  SELECT month,"
            "    CASE WHEN list_contains(?::VARCHAR[], outlet) THEN outlet ELSE ? END AS outlet,"
            f"    sum(direct + mixed + indirect)::BIGINT AS n FROM {counts}"
            "  WHERE speaker_id = ? AND month IS NOT NULL GROUP BY ALL)"
            " ORDER BY 1, 2",
            [shown, OTHER_OUTLETS, speaker_id],
        )
        (id_, name, type_) = found[0]
        direct, mixed, indirect = kinds
        totals = SpeakerCount(
            id_, name, type_, sum(kinds), direct, mixed, indirect,
            sum(row[4] for row in by_outlet), len([row for row in by_outlet if row[0] is not None]),
        )  # fmt: skip
        return SpeakerView(
            totals,
            self.speaker_names(speaker_id),
            [(month, outlet, int(n)) for month, outlet, n in timeline],
            ranked,
        )

    def article_view(self, article_id: str) -> ArticleView | None:
        document = self.article(article_id)
        if document is None:
            return None
        ((title, outlet, url, published),) = self.rows(
            "SELECT title, outlet, url, published FROM articles WHERE id = ?", [article_id]
        )
        speakers = dict(
            self.rows(
                "SELECT id, speaker_id FROM entities "
                "WHERE article_id = ? AND speaker_id IS NOT NULL",
                [article_id],
            )
        )
        return ArticleView(article_id, document, title, outlet, url, published, speakers)
