"""Pieces of a page drawn once while the store stays open: `{% call kept("article text",
article.id, picked) %}…{% endcall %}` in a template.

An article of 150 attributions is some 900 highlighted segments: ~25 ms of Jinja a time,
on a server whose 8 clients wait for each other's pages. The store cannot change while the
shared connection is open (``SharedStore.generation``), so a piece drawn once is right until
it reopens. Only pieces that took a while to draw are kept, the most recently used first,
so memory stays bounded (``KEPT_PIECES``) and small pages are drawn afresh.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from onrecord.web.access import SharedStore

#: how many drawn pieces are kept at most (an article's text is ~300 KB at 150 attributions)
KEPT_PIECES = 64
#: a piece is kept when drawing it took at least this long (seconds)
WORTH_KEEPING = 0.005


class Drawn:
    """``kept(*key, caller=…)``: the piece ``caller`` draws, kept per store generation."""

    def __init__(self, shared: SharedStore, size: int = KEPT_PIECES) -> None:
        self.shared = shared
        self.size = size
        self._pieces: OrderedDict[tuple[Any, ...], str] = OrderedDict()
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
        if time.perf_counter() - started >= WORTH_KEEPING:
            with self._lock:
                self._pieces[at] = drawn
                while len(self._pieces) > self.size:
                    self._pieces.popitem(last=False)
        return Markup(drawn)
