"""One registration per page: its data function serves the HTML page and its JSON twin.

A page is a data function (its parameters are FastAPI's: query, path, dependencies) that
returns a dict; :meth:`Pages.page` registers it twice, at ``path`` rendered by a template
and at ``/api`` + ``path`` as JSON (``path`` answers JSON too when the Accept header asks
for it), so the two cannot drift apart (they did: ``/articles`` had ``pages``,
``/api/articles`` not), as Datasette renders one data function two ways. Both refuse a
query parameter the page does not take with a 400 that names the ones it does: a
misspelt ``page_number=2`` must not quietly show page 1. :meth:`Pages.export` does the
same for a list's every row, as CSV and JSON, streamed.
"""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
import json
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from onrecord.web.problems import shown

__all__ = [
    "Data",
    "Pages",
    "PastTheEnd",
    "Rows",
    "as_json",
    "csv_lines",
    "json_lines",
    "known_parameters",
]

Data = dict[str, Any]
#: a page's path answers HTML or JSON by the Accept header: caches must keep both apart
VARY = {"Vary": "Accept"}
#: what an export's rows function gives: flat dicts, read as they are written
Rows = Iterator[dict[str, Any]]


class PastTheEnd(HTTPException):
    """A page number past the last page: a 404 that says how many pages there are."""

    def __init__(self, page: int, pages: int, what: str) -> None:
        super().__init__(404, f"There is no page {page:,}: {what} fill {pages:,} page"
                         f"{'' if pages == 1 else 's'}.")  # fmt: skip
        self.last = pages


class Pages:
    """The registrar: ``@pages.page("/search", "search.html")`` on a data function."""

    def __init__(self, app: FastAPI, templates: Jinja2Templates) -> None:
        self.app = app
        self.templates = templates

    def render(self, request: Request, template: str, data: Data, status: int = 200) -> Response:
        context = dict(data)  # a copy: the response adds "request" to it
        return self.templates.TemplateResponse(request, template, context, status_code=status)

    def page(
        self,
        path: str,
        template: str,
        *,
        html: Callable[[Data], Data] | None = None,
        json: Callable[[Data], Any] | None = None,
        api: str | None = None,
    ) -> Callable[[Callable[..., Data]], Callable[..., Data]]:
        """Register the data function under ``path`` (HTML; ``html`` adds what only the
        template needs) and ``/api`` + ``path`` (JSON; ``json`` shapes it, by default
        every value as its ``to_dict``; ``api`` names it otherwise). Its docstring
        describes the API route."""

        def register(data: Callable[..., Data]) -> Callable[..., Data]:
            def as_api(request: Request, result: Data) -> Any:
                return json(result) if json else as_json(result)

            def as_html(request: Request, result: Data) -> Response:
                if wants_json(request):  # a client that asks for JSON gets the twin's
                    return JSONResponse(as_api(request, result), headers=VARY)
                shown = html(result) if html else result
                twin = api or _api_url(request)
                page = self.render(request, template, {**shown, "api_url": twin})
                page.headers.update(VARY)
                return page

            # the signature FastAPI reads: the data function is a dependency of both
            as_html.__signature__ = _signature(data)  # type: ignore[attr-defined]
            as_api.__signature__ = _signature(data)  # type: ignore[attr-defined]

            checked = [Depends(refuse_unknown_parameters)]
            self.app.add_api_route(path, as_html, methods=["GET"],
                                   response_class=HTMLResponse, include_in_schema=False,
                                   dependencies=checked, name=data.__name__)  # fmt: skip
            self.app.add_api_route(
                api or "/api" + path,
                as_api,
                methods=["GET"],
                tags=["api"],
                summary=(data.__doc__ or "").strip().split("\n")[0],
                description=data.__doc__,
                dependencies=checked,
                name=f"api_{data.__name__}",
            )
            return data

        return register

    def export(self, path: str) -> Callable[[Callable[..., Rows]], Callable[..., Rows]]:
        """Register a rows function (parameters as a data function's, returning an iterator
        of flat dicts) at ``path.csv`` and ``path.json``: the whole list, streamed as it is
        read, never held in memory at once."""

        def register(rows: Callable[..., Rows]) -> Callable[..., Rows]:
            for suffix, media, write in ((".csv", "text/csv", csv_lines),
                                         (".json", "application/json", json_lines)):  # fmt: skip

                def endpoint(result: Rows, media: str = media, write: Any = write,
                             name: str = path.rsplit("/", 1)[-1] + suffix) -> Response:  # fmt: skip
                    return StreamingResponse(
                        write(result),
                        media_type=f"{media}; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'},
                    )

                kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
                endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
                    [inspect.Parameter("result", kind, annotation=Annotated[Rows, Depends(rows)])]
                )
                self.app.add_api_route(
                    path + suffix,
                    endpoint,
                    methods=["GET"],
                    tags=["export"],
                    summary=f"{(rows.__doc__ or '').strip().splitlines()[0]} ({suffix[1:]})",
                    dependencies=[Depends(refuse_unknown_parameters)],
                    response_class=StreamingResponse,
                )
            return rows

        return register


def csv_lines(rows: Rows) -> Iterator[str]:
    """CSV, a header of the first row's keys; lists and dicts as JSON in their cell."""
    buffer = io.StringIO()
    writer: Any = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in row.items()})
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_lines(rows: Rows) -> Iterator[str]:
    """A JSON array, one row a line."""
    yield "["
    for i, row in enumerate(rows):
        yield ("\n" if not i else ",\n") + json.dumps(_jsonable(row), ensure_ascii=False)
    yield "\n]\n"


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(_jsonable(value), ensure_ascii=False)
    return value


def wants_json(request: Request) -> bool:
    """Whether the request's Accept header prefers JSON to HTML (a browser's never does)."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def refuse_unknown_parameters(request: Request) -> None:
    """400 for a query parameter the route does not take (every route of :class:`Pages`)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = known_parameters(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) if known else "none"
        raise HTTPException(
            400,
            f"This page does not take the parameter “{shown(unknown[0])}” (it takes: {takes}).",
        )


def known_parameters(dependant: Dependant) -> set[str]:
    """The query parameter names a route (and its dependencies) take."""
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= known_parameters(sub)
    return names


def as_json(data: Data) -> Data:
    """A page's data as JSON: results as their ``to_dict``, dates as ISO text."""
    return {key: _jsonable(value) for key, value in data.items()}


def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _signature(data: Callable[..., Data]) -> inspect.Signature:
    """(request, result): ``result`` is what ``data`` returns, its parameters resolved by
    FastAPI. Built here, not written as an annotation, which this module's postponed
    annotations would leave a string FastAPI cannot resolve."""
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    return inspect.Signature([
        inspect.Parameter("request", kind, annotation=Request),
        inspect.Parameter("result", kind, annotation=Annotated[Data, Depends(data)]),
    ])  # fmt: skip


def _api_url(request: Request) -> str:
    """This page's JSON twin as a path, as the request spelt it (an outlet's "%2F" stays),
    never with the Host header the request came with."""
    path = request.scope.get("raw_path") or request.url.path.encode()
    query = request.url.query
    return "/api" + path.decode("latin-1") + (f"?{query}" if query else "")
