"""The web UI: server-rendered pages over the store, each with a JSON twin under /api/.

Read-only by construction (the store is opened read-only, every query is
parameterised), every piece of article text is escaped by the templates (autoescape:
nothing here builds HTML from data), and a bad parameter is a 400 with a message, never
a 500 with a traceback. Every response carries the security headers of web/headers.py,
and stored text is shown direction-isolated (web/filters.py). The OpenAPI description is
at /openapi.json.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp

from onrecord.errors import StoreError
from onrecord.model import KINDS, TYPES, UNCERTAIN_SPEAKER
from onrecord.store import Store, default_db
from onrecord.store.browse import (
    ArticleView,
    article_view,
    outlet_stats,
    outlets,
    recent_articles,
    speaker_view,
    totals,
)
from onrecord.store.variants import render_diff
from onrecord.web.access import SharedStore
from onrecord.web.charts import timeline_bars
from onrecord.web.filters import bdi, isolated, path_part
from onrecord.web.headers import SecurityHeaders
from onrecord.web.highlight import segments, speaker_hue

__all__ = ["PAGE_SIZE", "create_app"]

#: quotes or articles per page
PAGE_SIZE = 50
#: counting matching quotes stops here: the page says "10,000+"
MAX_COUNT = 10_000

Page = Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1.")]
Text = Annotated[str, Query(max_length=500)]


def search_filters(
    q: Text = "",
    speaker: Text = "",
    outlet: Text = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: Text = "",
    type: Text = "",
    page_number: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
) -> dict[str, Any]:
    """The search parameters of /search and /api/search, as ``Store.quotes`` names them."""
    return {"contains": q, "speaker": speaker, "outlet": outlet, "since": since,
            "until": until, "kind": kind, "type": type, "page": page_number}  # fmt: skip


SearchFilters = Annotated[dict[str, Any], Depends(search_filters)]


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
    even its bare 500 page has them."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


def create_app(db: str, *, idle: float = 2.0) -> FastAPI:
    """The app serving the store at ``db`` (read-only)."""
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
    root = files("onrecord.web")
    templates = Jinja2Templates(directory=str(root.joinpath("templates")))
    templates.env.globals.update(
        hue=speaker_hue,
        kinds=KINDS,
        types=TYPES,
        render_diff=render_diff,
        uncertain_below=UNCERTAIN_SPEAKER,
    )
    templates.env.filters.update(bdi=bdi, isolated=isolated, path_part=path_part)
    app.mount("/static", StaticFiles(directory=str(root.joinpath("static"))), name="static")

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        # a copy: the response adds "request" to it, and context may be a cached dict
        return templates.TemplateResponse(request, name, dict(context), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return _error(request, page, 400, f"bad parameter: {problems}")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        status = 503 if exc.code in {"E201", "E203"} else 400
        return _error(request, page, status, f"{exc.message} [{exc.code}]")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, page, exc.status_code, str(exc.detail))

    # -- data for each page: one function per page, shared by HTML and JSON --------------

    def home_data(store: Store) -> dict[str, Any]:
        return {
            "totals": totals(store),
            "articles": recent_articles(store, limit=15),
            "speakers": store.speakers(top=10),
            "outlets": outlets(store, top=10),
        }

    def search_data(store: Store, **filters: Any) -> dict[str, Any]:
        number = filters.pop("page")  # a bad kind or date is Store's E207: a 400 below
        given = {k: v for k, v in filters.items() if v}
        quotes = shared.cached(
            ("quotes", tuple(sorted(given.items())), number),
            lambda: store.quotes(**given, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE),
        )
        if number == 1 and len(quotes) < PAGE_SIZE:
            total = len(quotes)  # all on this page: nothing more to count
        else:
            key = ("count", tuple(sorted(given.items())))
            total = shared.cached(key, lambda: store.count_quotes(**given, at_most=MAX_COUNT))
        return {"filters": filters, "quotes": quotes, "total": total, "page": number,
                "more": total >= MAX_COUNT,
                "pages": max(1, -(-total // PAGE_SIZE))}  # fmt: skip

    def article_data(store: Store, article_id: str) -> dict[str, Any]:
        view = shared.cached(("article", article_id), lambda: article_view(store, article_id))
        if view is None:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        return {"article": view}

    def speaker_data(store: Store, speaker_id: int, number: int) -> dict[str, Any]:
        view = shared.cached(("speaker", speaker_id), lambda: speaker_view(store, speaker_id))
        if view is None:
            raise HTTPException(404, f"no speaker {speaker_id} in the store")
        offset = (number - 1) * PAGE_SIZE
        found = shared.cached(
            ("speaker quotes", speaker_id, number),
            lambda: store.quotes(speaker_id=speaker_id, limit=PAGE_SIZE, offset=offset),
        )
        return {"speaker": view, "quotes": found, "page": number,
                "pages": max(1, -(-view.counts.quotes // PAGE_SIZE))}  # fmt: skip

    def outlet_data(store: Store, name: str) -> dict[str, Any]:
        stats = shared.cached(("outlet", name), lambda: outlet_stats(store, name))
        if stats is None:
            raise HTTPException(404, f"no outlet {name!r} in the store")
        return {
            "outlet": stats,
            "speakers": shared.cached(
                ("outlet speakers", name), lambda: store.speakers(exact_outlet=name, top=20)
            ),
            "articles": recent_articles(store, outlet=name, limit=20),
        }

    def trace_data(store: Store, q: str) -> dict[str, Any]:
        hits = shared.cached(("trace", q), lambda: store.trace(q)) if q.strip() else []
        return {"q": q, "hits": hits, "outlets": len({h.quote.outlet for h in hits}),
                "altered": sum(h.is_altered for h in hits)}  # fmt: skip

    # -- HTML pages ------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> Response:
        with shared.use() as store:
            return page(request, "home.html", shared.cached(("home",), lambda: home_data(store)))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, filters: SearchFilters) -> Response:
        with shared.use() as store:
            data = search_data(store, **filters)
        kept = [(k, v) for k, v in request.query_params.multi_items() if k != "page" and v]
        data["base"] = f"/search?{urlencode(kept)}&" if kept else "/search?"
        return page(request, "search.html", data)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles(
        request: Request, page_number: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1
    ) -> Response:
        with shared.use() as store:
            found = recent_articles(store, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
            total = shared.cached(("totals",), lambda: totals(store))["articles"]
            return page(request, "articles.html", {"articles": found, "page": page_number,
                        "pages": max(1, -(-total // PAGE_SIZE))})  # fmt: skip

    @app.get("/articles/{article_id:key}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str) -> Response:
        with shared.use() as store:
            data = article_data(store, article_id)
        view = data["article"]
        data["segments"] = segments(view.document)
        data["entities"] = {e.id: e for e in view.document.entities}
        return page(request, "article.html", data)

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers(request: Request) -> Response:
        with shared.use() as store:
            found = shared.cached(("speakers", 200), lambda: store.speakers(top=200))
            return page(request, "speakers.html", {"speakers": found})

    @app.get("/speakers/{speaker_id}", response_class=HTMLResponse, include_in_schema=False)
    def speaker(
        request: Request,
        speaker_id: int,
        page_number: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
    ) -> Response:
        with shared.use() as store:
            data = speaker_data(store, speaker_id, page_number)
        data["chart"] = timeline_bars(data["speaker"].timeline)
        return page(request, "speaker.html", data)

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlet_list(request: Request) -> Response:
        with shared.use() as store:
            found = shared.cached(("outlets", 500), lambda: outlets(store, top=500))
            return page(request, "outlets.html", {"outlets": found})

    @app.get("/outlets/{name:key}", response_class=HTMLResponse, include_in_schema=False)
    def outlet(request: Request, name: str) -> Response:
        with shared.use() as store:
            return page(request, "outlet.html", outlet_data(store, name))

    @app.get("/trace", response_class=HTMLResponse, include_in_schema=False)
    def trace(request: Request, q: Text = "") -> Response:
        with shared.use() as store:
            return page(request, "trace.html", trace_data(store, q))

    # -- the JSON twins --------------------------------------------------------------------

    @app.get("/api/home", tags=["api"])
    def api_home() -> dict[str, Any]:
        """What the home page shows: totals, recent articles, top speakers and outlets."""
        with shared.use() as store:
            return _json(shared.cached(("home",), lambda: home_data(store)))

    @app.get("/api/search", tags=["api"])
    def api_search(filters: SearchFilters) -> dict[str, Any]:
        """Quotes by words (q), speaker, outlet, date range, kind and type; 50 a page."""
        with shared.use() as store:
            return _json(search_data(store, **filters))

    @app.get("/api/articles", tags=["api"])
    def api_articles(
        page_number: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
    ) -> dict[str, Any]:
        """Articles, newest first; 50 a page."""
        with shared.use() as store:
            found = recent_articles(store, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
            return _json({"articles": found, "page": page_number})

    @app.get("/api/articles/{article_id:key}", tags=["api"])
    def api_article(article_id: str) -> dict[str, Any]:
        """One article: its record (text, attributions, entities) and metadata."""
        with shared.use() as store:
            view: ArticleView = article_data(store, article_id)["article"]
            return view.to_dict()

    @app.get("/api/speakers", tags=["api"])
    def api_speakers(top: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
        """The most quoted speakers."""
        with shared.use() as store:
            return _json(
                {"speakers": shared.cached(("speakers", top), lambda: store.speakers(top=top))}
            )

    @app.get("/api/speakers/{speaker_id}", tags=["api"])
    def api_speaker(speaker_id: int, page_number: Page = 1) -> dict[str, Any]:
        """One speaker: counts, names and roles, quotes per month and outlet, their quotes."""
        with shared.use() as store:
            return _json(speaker_data(store, speaker_id, page_number))

    @app.get("/api/outlets", tags=["api"])
    def api_outlets(top: Annotated[int, Query(ge=1, le=1000)] = 500) -> dict[str, Any]:
        """Outlets by quotes, with direct, indirect and anonymous shares."""
        with shared.use() as store:
            return _json(
                {"outlets": shared.cached(("outlets", top), lambda: outlets(store, top=top))}
            )

    @app.get("/api/outlets/{name:key}", tags=["api"])
    def api_outlet(name: str) -> dict[str, Any]:
        """One outlet: its shares, whom it quotes most, its recent articles."""
        with shared.use() as store:
            return _json(outlet_data(store, name))

    @app.get("/api/trace", tags=["api"])
    def api_trace(q: Text = "") -> dict[str, Any]:
        """Where a quote appears, earliest first, with each wording's diff to the first."""
        with shared.use() as store:
            return _json(trace_data(store, q))

    return app


def app_from_environment() -> FastAPI:
    """The app for the store named by ONRECORD_DB: what each ``serve --workers`` process runs."""
    return create_app(default_db())


def _json(data: dict[str, Any]) -> dict[str, Any]:
    """A page's data as JSON: results as their ``to_dict``, dates as ISO text."""
    return {key: _plain(value) for key, value in data.items()}


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _error(request: Request, page: Any, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return page(request, "error.html", {"status": status, "message": message}, status)  # type: ignore[no-any-return]
