"""How sure a resolved speaker is: the share of right speakers, on training articles, among
those found the same way.

A speaker read off a name in the source ("Trump said") is right far more often than one
reached through "he" or "the agency", and a "he" whose ranking was close is less sure than
one that won outright. So each attribution's ``speaker_confidence`` is looked up by its
route (``ROUTES``) and, for "he"/"she", by the ranking winner's share, in a table that
``scripts/train_speakers.py`` counts on the PolNeAR train articles with speaker gold (the
scorer's ``same_speaker`` decides right; a null speaker is right when gold is null too).
The calibration on dev is in docs/accuracy.md.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from functools import cache
from importlib import resources

#: how a speaker was found (``speakers._route``)
ROUTES = (
    "name",  # a name heads the source, or a capitalised word the NER missed
    "description",  # "the senator", "the agency", "a USA Today analysis"
    "he or she",  # ranked by pipeline/antecedents.py
    "other pronoun",  # "it", "they", "I", "we"
    "relative",  # "who", "which", "that"
    "quoted I",  # "I" inside a quote: the quote's speaker
    "writer",  # "I" outside quotes: the byline's one author
    "no one",  # null: a pronoun, name or definite description left unresolved
    "no one: group",  # null: "officials", "a spokesman", "Russian officials"
    "no one: indefinite",  # null: "someone", "anyone", "you"
    "no source",  # null: the attribution has no source at all
)
#: lower edges of the ranking-share bins for "he or she"
SHARE_BINS = (0.0, 0.5, 0.7, 0.9)
#: used when no table ships: rough shares, never more certain than a name
_FALLBACK = {
    "name": 0.9,
    "description": 0.5,
    "he or she": 0.75,
    "other pronoun": 0.5,
    "relative": 0.6,
    "quoted I": 0.7,
    "writer": 0.6,
    "no one": 0.5,
    "no one: group": 0.8,
    "no one: indefinite": 0.8,
    "no source": 0.5,
}


def key(route: str, share: float | None) -> str:
    """The table row of a route: "he or she" is split by the winner's share."""
    if route == "he or she" and share is not None:
        return f"{route} {SHARE_BINS[bisect_right(SHARE_BINS, share) - 1]:.1f}"
    return route


@cache
def table() -> dict[str, float]:
    """Row -> share right, from ``data/speaker_confidence.json`` (the fallback without it)."""
    try:
        raw = (
            resources.files("onrecord.data").joinpath("speaker_confidence.json").read_text("utf-8")
        )
        rows = json.loads(raw)["rows"]
        # Laplace's rule: a row judged 3 times, all right, says 0.8, not 1.0
        return {k: (int(v["right"]) + 1) / (int(v["judged"]) + 2) for k, v in rows.items()}
    except (FileNotFoundError, KeyError, ValueError, TypeError):
        return dict(_FALLBACK)


def confidence(route: str, share: float | None = None) -> float:
    """How likely a speaker found by ``route`` (with ranking ``share``) is right."""
    rows = table()
    found = rows.get(key(route, share), rows.get(route, _FALLBACK.get(route, 0.5)))
    return round(found, 3)
