"""What the templates call on a request or on stored text: links that change one
parameter, the values a form shows back, counted nouns and searched words marked.

Links are paths built from the request's own query (never with the Host header it came
with); what the user typed comes back with its control characters dropped.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from markupsafe import Markup

from onrecord.store.variants import search_text
from onrecord.web.filters import bdi, contained
from onrecord.web.params import CONTROLS

__all__ = ["asked", "asked_date", "link", "marked", "plural"]


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 attribution", "2 attributions", "1,204 attributions"."""
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


def marked(text: object, words: str | None) -> Markup:
    """``text`` escaped in ``<bdi>``, each of the searched ``words`` in it in ``<mark>``
    (matched as the search matches them: case, accents and punctuation aside)."""
    wanted = set(search_text(words or "").split())
    plain = contained(text)
    if not wanted:
        return bdi(plain)
    parts: list[Markup | str] = []
    at = 0
    for match in re.finditer(r"\w+", plain):
        if search_text(match.group()) in wanted:
            parts += [plain[at : match.start()], Markup("<mark>{}</mark>").format(match.group())]
            at = match.end()
    parts.append(plain[at:])
    return Markup("<bdi>{}</bdi>").format(Markup("").join(parts))


def link(request: Request, path: str | None = None, **changes: Any) -> str:
    """This page's link (or ``path``'s) with its query changed: a value of None or ""
    drops the parameter. A path, so the Host header never gets into a link."""
    kept = [(k, CONTROLS.sub("", v)) for k, v in request.query_params.multi_items()
            if k not in changes and v]  # fmt: skip
    kept += [(k, str(v)) for k, v in changes.items() if v not in (None, "")]
    if path is None:
        path = (request.scope.get("raw_path") or request.url.path.encode()).decode("latin-1")
    return path + (f"?{urlencode(kept)}" if kept else "")


def asked_date(request: Request, name: str) -> str:
    """A date parameter for an ``<input type="date">``: blank unless YYYY-MM-DD (the
    browser refuses anything else there; the error message quotes what was typed)."""
    value = asked(request, name)
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else ""


def asked(request: Request, name: str) -> str:
    """A query parameter as the forms show it back: controls dropped, never echoed raw."""
    return CONTROLS.sub("", request.query_params.get(name, ""))
