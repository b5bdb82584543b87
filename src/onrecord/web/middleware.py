"""ASGI wrappers around the whole app: HEAD answered as GET, redirects as paths, and one
access-log line a request.

Both sit outside FastAPI's routing, so they cover every path the same way: pages, the JSON
API, static files, redirects and errors. A route registered for GET alone answers HEAD with
405, and a log written per route would miss the 404s; a wrapper misses nothing.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit, urlunsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ACCESS_LOGGER", "AccessLog", "HeadAsGet", "RelativeRedirects", "log_requests"]

#: the logger of the access log: ``logging.getLogger(ACCESS_LOGGER).disabled = True`` (or
#: ``onrecord serve --no-access-log``) turns it off
ACCESS_LOGGER = "onrecord.web.access"
_log = logging.getLogger(ACCESS_LOGGER)


class HeadAsGet:
    """Answer HEAD as GET would, headers and all (Content-Length included), without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest is coming: send one empty body at the end
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_no_body)


class RelativeRedirects:
    """Make every redirect's Location a path: the router's "/search/" -> "/search" is
    written with the Host header the request came with, which a client (or a proxy in
    front) may have set to any site; the app never sends anyone elsewhere."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_relative(message: Message) -> None:
            if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
                headers = []
                for name, value in message.get("headers", []):
                    if name.lower() == b"location":
                        parts = urlsplit(value.decode("latin-1"))
                        path = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
                        value = path.encode("latin-1")
                    headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_relative)


class AccessLog:
    """One INFO line a request on :data:`ACCESS_LOGGER`: client, method, path and query,
    status, bytes sent, milliseconds. The query is logged as sent (percent-encoded), so a
    control character typed into a form cannot forge a second line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0
        sent = 0

        async def counting(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting)
        finally:
            client = scope.get("client") or ("-", 0)
            query = scope.get("query_string", b"").decode("latin-1")
            target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
            _log.info(
                '%s "%s %s%s" %s %d %.1fms',
                client[0],
                scope["method"],
                target,
                f"?{query}" if query else "",
                status or 500,
                sent,
                (time.perf_counter() - started) * 1000,
            )


def log_requests() -> None:
    """Write the access log to stderr, one plain line a request (what ``onrecord serve``
    does unless given --no-access-log): INFO on this logger alone, whatever the rest's level."""
    if not any(getattr(h, "is_access_log", False) for h in _log.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        handler.is_access_log = True  # type: ignore[attr-defined]
        _log.addHandler(handler)
    _log.setLevel(logging.INFO)
    _log.propagate = False  # not again through the "onrecord" logger's handler
