"""The web UI: server-rendered pages over the store, each with a JSON twin under /api/.

Read-only by construction (the store is opened read-only, every query is
parameterised), every piece of article text is escaped by the templates (autoescape:
nothing here builds HTML from data), and a bad parameter is a 400 with a message, never
a 500 with a traceback. Every response carries the security headers of web/headers.py,
and stored text is shown direction-isolated (web/filters.py). The OpenAPI description is
at /openapi.json.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from importlib.resources import files
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp

from onrecord.errors import StoreError
from onrecord.model import KINDS, TYPES, UNCERTAIN_SPEAKER
from onrecord.store import OutletStats, QuoteFilter, Store, default_db
from onrecord.store.variants import render_diff
from onrecord.web.access import SharedStore
from onrecord.web.charts import timeline_bars
from onrecord.web.filters import bdi, isolated, path_part
from onrecord.web.headers import SecurityHeaders
from onrecord.web.highlight import segments, speaker_hue
from onrecord.web.links import asked, asked_date, link, marked, plural
from onrecord.web.middleware import AccessLog, HeadAsGet, RelativeRedirects, log_requests
from onrecord.web.pages import (
    Data,
    Pages,
    PastTheEnd,
    Rows,
    refuse_unknown_parameters,
    wants_json,
)
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
from onrecord.web.problems import plain_problems, shown

__all__ = ["app_from_environment", "create_app"]

T = TypeVar("T")
#: the router's own words for a wrong address or method, as a reader would put them
PLAIN_STATUS = {
    (404, "Not Found"): "There is no page at this address. The links above lead to every list.",
    (405, "Method Not Allowed"): "This address is only read (GET), never sent to.",
}
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
#: counting matching quotes stops here: the page says "10,000+"
MAX_COUNT = 10_000


class KeyConvertor(Convertor[str]):
    """An outlet name or article key in a path: the rest of the path, "/" included, since
    the server decodes a link's %2F to "/" and outlets are named "ABC News / Reuters" or
    "Politico/Morning Consult" (article keys are hex today; the route does not rely on
    it); but not empty, so "/outlets/" still redirects to "/outlets"."""

    regex = ".+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return path_part(value)


register_url_convertor("key", KeyConvertor())


class App(FastAPI):
    """FastAPI with the security headers outermost: outside its error handling too, so
    even its bare 500 page has them; HEAD is answered as GET, redirects name a path (not
    the Host header's site), and each request is logged."""

    def build_middleware_stack(self) -> ASGIApp:
        inner: ASGIApp = RelativeRedirects(HeadAsGet(super().build_middleware_stack()))
        if getattr(self.state, "access_log", False):
            inner = AccessLog(inner)
        return SecurityHeaders(inner)


def create_app(db: str, *, idle: float = 2.0, access_log: bool = True) -> FastAPI:
    """The app serving the store at ``db`` (read-only); ``access_log``: one INFO line a
    request on the ``onrecord.web.access`` logger (web/middleware.py)."""
    shared = SharedStore(db, idle=idle)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        shared.close()

    app = App(
        title="onrecord",
        summary="Who said what in the news: the store, read-only.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /openapi.json works offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.shared = shared
    app.state.access_log = access_log
    root = files("onrecord.web")
    templates = Jinja2Templates(directory=str(root.joinpath("templates")))
    templates.env.globals.update(
        hue=speaker_hue,
        kinds=KINDS,
        types=TYPES,
        render_diff=render_diff,
        uncertain_below=UNCERTAIN_SPEAKER,
        store_name=os.path.basename(db),  # the file's name: its folder is nobody's business
        asked=asked,
        sorts=[
            ("published", "date"),
            ("outlet", "outlet"),
            ("speaker", "speaker"),
            ("kind", "kind"),
            ("type", "type"),
            ("confidence", "confidence"),
            ("speaker_confidence", "speaker confidence"),
        ],
        asked_date=asked_date,
        link=link,
    )
    templates.env.filters.update(
        bdi=bdi, isolated=isolated, path_part=path_part, plural=plural, marked=marked
    )
    app.mount("/static", StaticFiles(directory=str(root.joinpath("static"))), name="static")
    pages = Pages(app, templates)

    def error(request: Request, status: int, message: str, last: int | None = None) -> Response:
        if request.url.path.startswith("/api/") or wants_json(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        data = {"status": status, "message": message, "last": last}
        return pages.render(request, "error.html", data, status)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 400, plain_problems(exc.errors()))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if exc.code in {"E201", "E203"}:
            return error(request, 503, exc.message)
        return error(request, 400, exc.message[:1].upper() + exc.message[1:])

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = PLAIN_STATUS.get((exc.status_code, str(exc.detail)), str(exc.detail))
        return error(request, exc.status_code, message, getattr(exc, "last", None))

    def cached(key: tuple[Any, ...], compute: Callable[[Store], T]) -> T:
        """``compute(store)`` for one request, remembered while the store stays open."""
        with shared.use() as store:
            return shared.cached(key, lambda: compute(store))

    def counted(total: int, shown: int, paging: Paging, what: str) -> int:
        """The number of pages; past the last, a 404 saying how many there are."""
        pages_ = max(1, -(-total // paging.size))
        if paging.page > 1 and not shown:
            raise PastTheEnd(paging.page, pages_, what)
        return pages_

    # -- the pages: each data function serves its HTML page and /api/ twin ----------------

    @pages.page("/", "home.html", api="/api/home")
    def home() -> Data:
        """What the home page shows: totals, recent articles, top speakers and outlets."""
        return cached(("home",), lambda store: {
            "totals": store.totals(),
            "articles": store.recent_articles(limit=15),
            "speakers": store.speakers(top=10),
            "outlets": store.outlets(top=10),
        })  # fmt: skip

    @pages.page("/search", "search.html")
    def search(filter: SearchQuery) -> Data:
        """Quotes by words (q), speaker (a name, or speaker_id), outlet, date range (since,
        until), kind, type and lowest confidence; sorted by ``sort`` (published, outlet,
        speaker, kind, type, confidence, speaker_confidence) in ``order`` (desc, asc);
        ``size`` a page (50 unless given); with counts by speaker, outlet, kind and type."""
        found = cached(("quote page", filter),
                       lambda store: store.quote_page(filter, at_most=MAX_COUNT))  # fmt: skip
        more = found.is_total_capped
        if found.is_past_end:
            raise PastTheEnd(filter.page, found.pages,
                             f"the {found.total:,}{'+' if more else ''} quotes found")  # fmt: skip
        facets = cached(("facets", filter.selection),
                        lambda store: store.facets(filter.selection))  # fmt: skip
        return {"filter": filter.to_params(), "quotes": found.quotes, "total": found.total,
                "more": more, "page": filter.page, "size": filter.page_size,
                "pages": found.pages, "facets": facets}  # fmt: skip

    @pages.page("/articles", "articles.html")
    def articles(
        paging: PagingQuery,
        sort: Annotated[ArticleSort, Query(description="Sort by this column.")] = "published",
        order: Annotated[Order, Query()] = "desc",
    ) -> Data:
        """Articles, newest first (or by ``sort``: title, outlet, attributions; ``order``
        desc or asc); ``size`` a page (50 unless given)."""
        found = cached(("articles", paging, sort, order), lambda store: store.recent_articles(
            limit=paging.size, offset=paging.offset, sort=sort, order=order))  # fmt: skip
        total = cached(("totals",), lambda store: store.totals())["articles"]
        pages_ = counted(total, len(found), paging, f"the {total:,} articles")
        return {"articles": found, "total": total, "page": paging.page, "size": paging.size,
                "pages": pages_}  # fmt: skip

    def article_html(data: Data) -> Data:
        document = data["article"].document
        entities = {e.id: e for e in document.entities}
        return {**data, "segments": segments(document), "entities": entities}

    @pages.page("/articles/{article_id:key}", "article.html", html=article_html,
                json=lambda data: data["article"].to_dict())  # fmt: skip
    def article(article_id: str, quote: Text = "") -> Data:
        """One article: its record (text, attributions, entities) and metadata; ``quote``
        (an attribution id, as in a permalink) is the one the page marks and scrolls to."""
        view = cached(("article", article_id), lambda store: store.article_view(article_id))
        if view is None:
            raise HTTPException(404, f"There is no article “{shown(article_id)}” in the store.")
        return {"article": view}

    @pages.page("/speakers", "speakers.html")
    def speakers(
        paging: PagingQuery,
        sort: Annotated[SpeakerSort, Query(description="Rank by this count.")] = "quotes",
        order: Annotated[Order, Query()] = "desc",
    ) -> Data:
        """Speakers, the most quoted first (or by ``sort``: direct, mixed, indirect,
        articles; ``order`` desc or asc), with their direct, mixed and indirect counts."""
        found = cached(("speakers", paging, sort, order), lambda store: store.speakers(
            top=paging.size, offset=paging.offset, sort=sort, order=order))  # fmt: skip
        total = cached(("quoted speakers",), lambda store: store.quoted_speakers())
        pages_ = counted(total, len(found), paging, f"the {total:,} speakers")
        return {"speakers": found, "total": total, "page": paging.page, "size": paging.size,
                "pages": pages_}  # fmt: skip

    def speaker_html(data: Data) -> Data:
        view = data["speaker"]
        dated = sum(n for _, _, n in view.timeline)
        chart = timeline_bars(view.timeline)
        return {**data, "chart": chart, "undated": view.counts.quotes - dated}

    @pages.page("/speakers/{speaker_id}", "speaker.html", html=speaker_html)
    def speaker(speaker_id: int, paging: PagingQuery) -> Data:
        """One speaker: counts, names and roles, quotes per month and outlet, their quotes."""
        view = cached(("speaker", speaker_id), lambda store: store.speaker_view(speaker_id))
        if view is None:
            raise HTTPException(404, f"There is no speaker {speaker_id} in the store.")
        filter = QuoteFilter(speaker_id=speaker_id, page=paging.page, page_size=paging.size)
        found = cached(("quotes", filter), lambda store: store.quotes(filter))
        total = view.counts.quotes
        pages_ = counted(total, len(found), paging, f"{view.counts.name}'s {total:,} quotes")
        return {"speaker": view, "quotes": found, "total": total, "page": paging.page,
                "size": paging.size, "pages": pages_}  # fmt: skip

    @pages.page("/outlets", "outlets.html")
    def outlet_list(
        paging: PagingQuery,
        sort: Annotated[OutletSort, Query(description="Rank by this column.")] = "quotes",
        order: Annotated[Order, Query()] = "desc",
    ) -> Data:
        """Outlets by quotes (or by ``sort``: name, articles, direct, indirect, anonymous,
        the last three as shares; ``order`` desc or asc), with direct, indirect and
        anonymous shares."""
        every = cached(("outlets",), lambda store: store.outlets(top=MAX_OUTLETS))
        ranked = sorted(every, key=OUTLET_SORTS[sort], reverse=order == "desc")
        found = ranked[paging.offset : paging.offset + paging.size]
        pages_ = counted(len(every), len(found), paging, f"the {len(every):,} outlets")
        return {"outlets": found, "total": len(every), "page": paging.page,
                "size": paging.size, "pages": pages_}  # fmt: skip

    @pages.page("/outlets/{name:key}", "outlet.html")
    def outlet(name: str) -> Data:
        """One outlet: its shares, whom it quotes most, its recent articles."""
        stats = cached(("outlet", name), lambda store: store.outlet_stats(name))
        if stats is None:
            raise HTTPException(404, f"There is no outlet “{shown(name)}” in the store.")
        return {
            "outlet": stats,
            "speakers": cached(("outlet speakers", name),
                               lambda store: store.speakers(exact_outlet=name, top=20)),
            "articles": cached(("outlet articles", name),
                               lambda store: store.recent_articles(outlet=name, limit=20)),
        }  # fmt: skip

    # -- exports: every row of a list, its filters kept, read a chunk at a time ----------

    def chunked(read: Callable[[Store, int, int], list[Any]]) -> Rows:
        """Rows from ``read(store, limit, offset)`` until one comes back short, the store
        let go between chunks (so an ingest waiting to write gets its turn)."""
        offset = 0
        while True:
            with shared.use() as store:
                chunk = read(store, EXPORT_CHUNK, offset)
            for item in chunk:
                yield item.to_dict()
            if len(chunk) < EXPORT_CHUNK:
                return
            offset += EXPORT_CHUNK

    @pages.export("/search")
    def search_rows(filter: SearchQuery) -> Rows:
        """Every quote the search finds, in its order"""
        return chunked(lambda store, limit, offset: store.quotes(
            replace(filter, page=1 + offset // limit, page_size=limit)))  # fmt: skip

    @pages.export("/articles")
    def article_rows(
        sort: Annotated[ArticleSort, Query()] = "published",
        order: Annotated[Order, Query()] = "desc",
    ) -> Rows:
        """Every article, newest first (or as sorted)"""
        return chunked(lambda store, limit, offset: store.recent_articles(
            limit=limit, offset=offset, sort=sort, order=order))  # fmt: skip

    @pages.export("/speakers")
    def speaker_rows(
        sort: Annotated[SpeakerSort, Query()] = "quotes",
        order: Annotated[Order, Query()] = "desc",
    ) -> Rows:
        """Every quoted speaker, the most quoted first (or as sorted)"""
        return chunked(lambda store, limit, offset: store.speakers(
            top=limit, offset=offset, sort=sort, order=order))  # fmt: skip

    @pages.export("/outlets")
    def outlet_rows(
        sort: Annotated[OutletSort, Query()] = "quotes",
        order: Annotated[Order, Query()] = "desc",
    ) -> Rows:
        """Every outlet, by quotes (or as sorted)"""
        every = cached(("outlets",), lambda store: store.outlets(top=MAX_OUTLETS))
        return (o.to_dict() for o in sorted(every, key=OUTLET_SORTS[sort],
                                            reverse=order == "desc"))  # fmt: skip

    @pages.page("/trace", "trace.html")
    def trace(q: Text = "") -> Data:
        """Where a quote appears, earliest first, with each wording's diff to the first."""
        hits = cached(("trace", q), lambda store: store.trace(q)) if q.strip() else []
        return {"q": q, "hits": hits, "outlets": len({h.quote.outlet for h in hits}),
                "altered": sum(h.is_altered for h in hits)}  # fmt: skip

    @app.get("/about", response_class=HTMLResponse, include_in_schema=False)
    @app.head("/about", include_in_schema=False)
    def about(request: Request) -> Response:
        refuse_unknown_parameters(request)
        return pages.render(request, "about.html", {})

    return app


def app_from_environment() -> FastAPI:
    """The app for the store named by ONRECORD_DB: what each ``serve --workers`` process
    runs; ONRECORD_ACCESS_LOG=0 (``serve --no-access-log``) turns the access log off."""
    access_log = os.environ.get("ONRECORD_ACCESS_LOG", "1") != "0"
    if access_log:
        log_requests()
    return create_app(default_db(), access_log=access_log)
