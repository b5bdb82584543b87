"""Security headers on every response the app sends: pages, JSON, static files, errors.

One ASGI wrapper around the whole app, outside FastAPI's own error handling, so a 404 from
the router, a 405, a redirect, a static file and even the bare 500 page carry them too; a
header set per route or per response class would miss whichever path nobody thought of.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "SecurityHeaders"]

#: The pages run no script at all and load only /static/style.css and /static/favicon.svg,
#: so everything is refused by default and each need is allowed by name:
#: - no script-src: default-src 'none' covers it; article text that slipped into markup
#:   could still not run;
#: - style-src 'self' and no 'unsafe-inline': the templates carry no style="" attribute
#:   and no <style> (a speaker's colour is a class, .hue-N in style.css; the chart draws
#:   with SVG fill="" attributes, which are presentation attributes, not inline style);
#: - img-src 'self': the favicon (chromium asks for one on every page, and without this
#:   it reports the refusal in the console); the chart is inline SVG, not an image;
#: - form-action 'self': the search forms submit only here; base-uri 'none': no <base>
#:   can redirect relative links; frame-ancestors 'none': no framing (clickjacking).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",  # the CSS and JSON are taken as what they say
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "no-referrer",  # search words in URLs stay here
}
_RAW = [(name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in SECURITY_HEADERS.items()]  # fmt: skip
_NAMES = {name for name, _ in _RAW}


class SecurityHeaders:
    """ASGI middleware: set :data:`SECURITY_HEADERS` on every HTTP response, replacing any
    same-named header the app set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _NAMES]
                message = {**message, "headers": [*kept, *_RAW]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
