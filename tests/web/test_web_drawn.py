"""Pieces of a page drawn once while the store stays open (``web/drawn.py``)."""

from __future__ import annotations

import time

from onrecord.web.access import SharedStore
from onrecord.web.drawn import WORTH_KEEPING, Drawn


def _slow(text: str, calls: list[str]):  # type: ignore[no-untyped-def]
    def draw() -> str:
        calls.append(text)
        time.sleep(WORTH_KEEPING * 2)
        return text

    return draw


def test_web_drawn_a_costly_piece_is_drawn_once_per_generation(web_db: str) -> None:
    shared = SharedStore(web_db)
    try:
        kept = Drawn(shared, chars=100)
        calls: list[str] = []
        assert kept("text", "a1", caller=_slow("<p>a1</p>", calls)) == "<p>a1</p>"
        assert kept("text", "a1", caller=_slow("<p>other</p>", calls)) == "<p>a1</p>"
        assert calls == ["<p>a1</p>"]
        shared.generation += 1  # the store reopened: an ingest may have written
        assert kept("text", "a1", caller=_slow("<p>new</p>", calls)) == "<p>new</p>"
    finally:
        shared.close()


def test_web_drawn_keeps_a_bounded_size_and_only_the_costly(web_db: str) -> None:
    shared = SharedStore(web_db)
    try:
        kept = Drawn(shared, chars=2)
        calls: list[str] = []
        for key in ("a", "b", "c"):
            kept(key, caller=_slow(key, calls))
        kept("a", caller=_slow("a", calls))  # the oldest went when the third came
        assert calls == ["a", "b", "c", "a"]
        kept("big", caller=_slow("big", calls))  # more than all it may keep: not kept
        kept("a", caller=_slow("a", calls))
        kept("big", caller=_slow("big", calls))
        assert calls == ["a", "b", "c", "a", "big", "big"]
        quick: list[str] = []
        kept("q", caller=lambda: quick.append("q") or "q")  # type: ignore[func-returns-value]
        kept("q", caller=lambda: quick.append("q") or "q")  # type: ignore[func-returns-value]
        assert quick == ["q", "q"]  # cheap to draw: drawn afresh, not kept
    finally:
        shared.close()
