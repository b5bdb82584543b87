"""Pieces of a page drawn once while the store stays open: `{% call kept("article text",
article.id, picked) %}…{% endcall %}` in a template.

An article of 150 attributions is some 900 highlighted segments: ~25 ms of Jinja a time,
on a server whose 8 clients wait for each other's pages. The store cannot change while the
shared connection is open (``SharedStore.generation``), so a piece drawn once is right until
it reopens. Only pieces that took a while to draw are kept, the most recently used first,
so memory stays bounded (``KEPT_CHARS`` in all) and small pages are drawn afresh.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from onrecord.web.access import SharedStore

#: characters of drawn pieces kept at most, per server process: an article's text is ~300 KB
#: at 150 attributions, so some hundred long articles (a count of pieces kept too few of
#: them: 64 pieces, the text and table of 32 articles, went round in a store of 50)
KEPT_CHARS = 40_000_000
#: a piece is kept when drawing it took at least this long (seconds)
WORTH_KEEPING = 0.005


class Drawn:
    """``kept(*key, caller=…)``: the piece ``caller`` draws, kept per store generation."""

    def __init__(self, shared: SharedStore, chars: int = KEPT_CHARS) -> None:
        self.shared = shared
        self.chars = chars
        self._pieces: OrderedDict[tuple[Any, ...], str] = OrderedDict()
        self._kept = 0  # characters in _pieces
        self._lock = threading.Lock()

    def __call__(self, *key: object, caller: Callable[[], str]) -> Markup:
        at = (self.shared.generation, *key)
        with self._lock:
            found = self._pieces.get(at)
            if found is not None:
                self._pieces.move_to_end(at)
                return Markup(found)
        started = time.perf_counter()
        drawn = str(caller())
        if time.perf_counter() - started >= WORTH_KEEPING and len(drawn) <= self.chars:
            with self._lock:
                if at not in self._pieces:  # another thread may have drawn it meanwhile
                    self._pieces[at] = drawn
                    self._kept += len(drawn)
                while self._kept > self.chars:
                    self._kept -= len(self._pieces.popitem(last=False)[1])
        return Markup(drawn)
