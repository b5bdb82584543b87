"""The pages' data: one method a page, which serves its HTML page and its JSON twin
(web/pages.py registers each twice), and one a list's export.

Every read goes through the store's API and is cached while the store stays open (it
cannot change then: web/access.py); a list's page past its last is a 404 that says how
many pages there are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any, TypeVar

from fastapi import Query
from starlette.exceptions import HTTPException

from onrecord.store import OutletStats, QuoteFilter, Store
from onrecord.web.access import SharedStore
from onrecord.web.charts import timeline_bars
from onrecord.web.highlight import segments
from onrecord.web.pages import Data, Pages, PastTheEnd, Rows
from onrecord.web.params import (
    ArticleSort,
    Order,
    OutletSort,
    Paging,
    PagingQuery,
    SearchQuery,
    SpeakerSort,
    Text,
)
from onrecord.web.problems import shown

__all__ = ["Views"]

T = TypeVar("T")
#: outlets listed at most (all of them, sorted here: a store holds hundreds, not millions)
MAX_OUTLETS = 100_000
#: how /outlets sorts: a key per column (shares, not counts, for the kinds)
OUTLET_SORTS: dict[str, Callable[[OutletStats], Any]] = {
    "quotes": lambda o: (o.quotes, o.name),
    "name": lambda o: o.name.casefold(),
    "articles": lambda o: (o.articles, o.name),
    "direct": lambda o: (o.share(o.direct), o.name),
    "indirect": lambda o: (o.share(o.indirect), o.name),
    "anonymous": lambda o: (o.share(o.anonymous), o.name),
}
#: rows an export reads at a time
EXPORT_CHUNK = 2_000


class Views:
    """The data functions of the pages over one shared store."""

    def __init__(self, shared: SharedStore) -> None:
        self.shared = shared

    def register(self, pages: Pages) -> None:
        """Each page at its path and under /api/; each list's CSV and JSON export."""
        pages.page("/", "home.html", api="/api/home")(self.home)
        pages.page("/search", "search.html")(self.search)
        pages.page("/articles", "articles.html")(self.articles)
        pages.page(
            "/articles/{article_id:key}",
            "article.html",
            html=self.article_html,
            json=lambda data: data["article"].to_dict(),
        )(self.article)
        pages.page("/speakers", "speakers.html")(self.speakers)
        pages.page("/speakers/{speaker_id}", "speaker.html", html=self.speaker_html)(self.speaker)
        pages.page("/outlets", "outlets.html")(self.outlet_list)
        pages.page("/outlets/{name:key}", "outlet.html")(self.outlet)
        pages.page("/trace", "trace.html")(self.trace)
        pages.export("/search")(self.search_rows)
        pages.export("/articles")(self.article_rows)
        pages.export("/speakers")(self.speaker_rows)
        pages.export("/outlets")(self.outlet_rows)

    def cached(self, key: tuple[Any, ...], compute: Callable[[Store], T]) -> T:
        """``compute(store)`` for one request, remembered while the store stays open."""
        with self.shared.use() as store:
            return self.shared.cached(key, lambda: compute(store))

    def counted(self, total: int, shown: int, paging: Paging, what: str) -> int:
        """The number of pages; past the last, a 404 saying how many there are."""
        pages_ = max(1, -(-total // paging.size))
        if paging.page > 1 and not shown:
            raise PastTheEnd(paging.page, pages_, what)
        return pages_

    # -- the pages ---------------------------------------------------------------------

    def home(self) -> Data:
        """What the home page shows: totals, recent articles, top speakers and outlets."""
        return self.cached(("home",), lambda store: {
            "totals": store.totals(),
            "articles": store.recent_articles(limit=15),
            "speakers": store.speakers(top=10),
            "outlets": store.outlets(top=10),
        })  # fmt: skip

    def search(self, filter: SearchQuery) -> Data:
        """Quotes by words (q), speaker (a name, or speaker_id), outlet, date range (since,
        until), kind, type and lowest confidence; sorted by ``sort`` (published, outlet,
        speaker, kind, type, confidence, speaker_confidence) in ``order`` (desc, asc);
        ``size`` a page (50 unless given); with counts by speaker, outlet, kind and type."""
        # the facets count every match too: no count of its own for the page
        facets = self.cached(("facets", filter.selection),
                        lambda store: store.facets(filter.selection))  # fmt: skip
        found = self.cached(("quote page", filter),
                       lambda store: store.quote_page(filter, total=facets.total))  # fmt: skip
        if found.is_past_end:
            raise PastTheEnd(filter.page, found.pages, f"the {found.total:,} quotes found")
        return {"filter": filter.to_params(), "quotes": found.quotes, "total": found.total,
                "page": filter.page, "size": filter.page_size,
                "pages": found.pages, "facets": facets}  # fmt: skip

    def articles(
        self,
        paging: PagingQuery,
        sort: Annotated[ArticleSort, Query(description="Sort by this column.")] = "published",
        order: Annotated[Order, Query()] = "desc",
    ) -> Data:
        """Articles, newest first (or by ``sort``: title, outlet, attributions; ``order``
        desc or asc); ``size`` a page (50 unless given)."""
        found = self.cached(("articles", paging, sort, order), lambda store: store.recent_articles(
            limit=paging.size, offset=paging.offset, sort=sort, order=order))  # fmt: skip
        total = self.cached(("totals",), lambda store: store.totals())["articles"]
        pages_ = self.counted(total, len(found), paging, f"the {total:,} articles")
        return {"articles": found, "total": total, "page": paging.page, "size": paging.size,
                "pages": pages_}  # fmt: skip

    def article_html(self, data: Data) -> Data:
        document = data["article"].document
        entities = {e.id: e for e in document.entities}
        # cut once per article while the store stays open (15 ms of 150 attributions)
        cut = self.shared.cached(("segments", data["article"].id), lambda: segments(document))
        return {**data, "segments": cut, "entities": entities}

    def article(self, article_id: str, quote: Text = "") -> Data:
        """One article: its record (text, attributions, entities) and metadata; ``quote``
        (an attribution id, as in a permalink) is the one the page marks and scrolls to."""
        view = self.cached(("article", article_id), lambda store: store.article_view(article_id))
        if view is None:
            raise HTTPException(404, f"There is no article “{shown(article_id)}” in the store.")
        return {"article": view}

    def speakers(
        self,
        paging: PagingQuery,
        sort: Annotated[SpeakerSort, Query(description="Rank by this count.")] = "quotes",
        order: Annotated[Order, Query()] = "desc",
    ) -> Data:
        """Speakers, the most quoted first (or by ``sort``: direct, mixed, indirect,
        articles; ``order`` desc or asc), with their direct, mixed and indirect counts."""
        found = self.cached(("speakers", paging, sort, order), lambda store: store.speakers(
            top=paging.size, offset=paging.offset, sort=sort, order=order))  # fmt: skip
        total = self.cached(("quoted speakers",), lambda store: store.quoted_speakers())
        pages_ = self.counted(total, len(found), paging, f"the {total:,} speakers")
        return {"speakers": found, "total": total, "page": paging.page, "size": paging.size,
                "pages": pages_}  # fmt: skip

    def speaker_html(self, data: Data) -> Data:
        view = data["speaker"]
        dated = sum(n for _, _, n in view.timeline)
        chart = timeline_bars(view.timeline)
        return {**data, "chart": chart, "undated": view.counts.quotes - dated}

    def speaker(self, speaker_id: int, paging: PagingQuery) -> Data:
        """One speaker: counts, names and roles, quotes per month and outlet, their quotes."""
        view = self.cached(("speaker", speaker_id), lambda store: store.speaker_view(speaker_id))
        if view is None:
            raise HTTPException(404, f"There is no speaker {speaker_id} in the store.")
        filter = QuoteFilter(speaker_id=speaker_id, page=paging.page, page_size=paging.size)
        found = self.cached(("quotes", filter), lambda store: store.quotes(filter))
        total = view.counts.quotes
        pages_ = self.counted(total, len(found), paging, f"{view.counts.name}'s {total:,} quotes")
        return {"speaker": view, "quotes": found, "total": total, "page": paging.page,
                "size": paging.size, "pages": pages_}  # fmt: skip

    def outlet_list(
        self,
        paging: PagingQuery,
        sort: Annotated[OutletSort, Query(description="Rank by this column.")] = "quotes",
        order: Annotated[Order, Query()] = "desc",
    ) -> Data:
        """Outlets by quotes (or by ``sort``: name, articles, direct, indirect, anonymous,
        the last three as shares; ``order`` desc or asc), with direct, indirect and
        anonymous shares."""
        every = self.cached(("outlets",), lambda store: store.outlets(top=MAX_OUTLETS))
        ranked = sorted(every, key=OUTLET_SORTS[sort], reverse=order == "desc")
        found = ranked[paging.offset : paging.offset + paging.size]
        pages_ = self.counted(len(every), len(found), paging, f"the {len(every):,} outlets")
        return {"outlets": found, "total": len(every), "page": paging.page,
                "size": paging.size, "pages": pages_}  # fmt: skip

    def outlet(self, name: str) -> Data:
        """One outlet: its shares, whom it quotes most, its recent articles."""
        stats = self.cached(("outlet", name), lambda store: store.outlet_stats(name))
        if stats is None:
            raise HTTPException(404, f"There is no outlet “{shown(name)}” in the store.")
        return {
            "outlet": stats,
            "speakers": self.cached(("outlet speakers", name),
                               lambda store: store.speakers(exact_outlet=name, top=20)),
            "articles": self.cached(("outlet articles", name),
                               lambda store: store.recent_articles(outlet=name, limit=20)),
        }  # fmt: skip

    # -- exports: every row of a list, its filters kept, read a chunk at a time ----------

    def chunked(self, read: Callable[[Store, int, int], list[Any]]) -> Rows:
        """Rows from ``read(store, limit, offset)`` until one comes back short, the store
        let go between chunks (so an ingest waiting to write gets its turn)."""
        offset = 0
        while True:
            with self.shared.use() as store:
                chunk = read(store, EXPORT_CHUNK, offset)
            for item in chunk:
                yield item.to_dict()
            if len(chunk) < EXPORT_CHUNK:
                return
            offset += EXPORT_CHUNK

    def search_rows(self, filter: SearchQuery) -> Rows:
        """Every quote the search finds, in its order"""
        return self.chunked(lambda store, limit, offset: store.quotes(
            replace(filter, page=1 + offset // limit, page_size=limit)))  # fmt: skip

    def article_rows(
        self,
        sort: Annotated[ArticleSort, Query()] = "published",
        order: Annotated[Order, Query()] = "desc",
    ) -> Rows:
        """Every article, newest first (or as sorted)"""
        return self.chunked(lambda store, limit, offset: store.recent_articles(
            limit=limit, offset=offset, sort=sort, order=order))  # fmt: skip

    def speaker_rows(
        self,
        sort: Annotated[SpeakerSort, Query()] = "quotes",
        order: Annotated[Order, Query()] = "desc",
    ) -> Rows:
        """Every quoted speaker, the most quoted first (or as sorted)"""
        return self.chunked(lambda store, limit, offset: store.speakers(
            top=limit, offset=offset, sort=sort, order=order))  # fmt: skip

    def outlet_rows(
        self,
        sort: Annotated[OutletSort, Query()] = "quotes",
        order: Annotated[Order, Query()] = "desc",
    ) -> Rows:
        """Every outlet, by quotes (or as sorted)"""
        every = self.cached(("outlets",), lambda store: store.outlets(top=MAX_OUTLETS))
        return (o.to_dict() for o in sorted(every, key=OUTLET_SORTS[sort],
                                            reverse=order == "desc"))  # fmt: skip

    def trace(self, q: Text = "") -> Data:
        """Where a quote appears, earliest first, with each wording's diff to the first."""
        hits = self.cached(("trace", q), lambda store: store.trace(q)) if q.strip() else []
        return {"q": q, "hits": hits, "outlets": len({h.quote.outlet for h in hits}),
                "altered": sum(h.is_altered for h in hits)}  # fmt: skip
