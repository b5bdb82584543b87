"""The web UI: server-rendered pages over the store, each with a JSON twin under /api/.

Read-only by construction (the store is opened read-only, every query is
parameterised), every piece of article text is escaped by the templates (autoescape:
nothing here builds HTML from data), and a bad parameter is a 400 with a message, never
a 500 with a traceback. Every response carries the security headers of web/headers.py,
and stored text is shown direction-isolated (web/filters.py). The OpenAPI description is
at /openapi.json.

Where things are: each page's data in web/views.py, registered as HTML and JSON by
web/pages.py; the request parameters in web/params.py; what templates call in
web/links.py; plain error messages in web/problems.py; the ASGI wrappers (HEAD, relative
redirects, access log) in web/middleware.py; this module builds the app from them.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp

from onrecord.errors import StoreError
from onrecord.model import KINDS, TYPES, UNCERTAIN_SPEAKER
from onrecord.store import default_db
from onrecord.store.variants import render_diff
from onrecord.web.access import SharedStore
from onrecord.web.drawn import Drawn
from onrecord.web.filters import bdi, isolated, path_part
from onrecord.web.headers import SecurityHeaders
from onrecord.web.highlight import speaker_hue
from onrecord.web.links import asked, asked_date, link, marked, plural
from onrecord.web.middleware import AccessLog, HeadAsGet, RelativeRedirects, log_requests
from onrecord.web.pages import (
    Pages,
    refuse_unknown_parameters,
    wants_json,
)
from onrecord.web.problems import plain_problems
from onrecord.web.views import Views

__all__ = ["app_from_environment", "create_app"]

#: the router's own words for a wrong address or method, as a reader would put them
PLAIN_STATUS = {
    (404, "Not Found"): "There is no page at this address. The links above lead to every list.",
    (405, "Method Not Allowed"): "This address is only read (GET), never sent to.",
}


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
    templates.env.auto_reload = False  # shipped in the package: no stat() of each per page
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
        kept=Drawn(shared),
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

    Views(shared).register(pages)

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
