"""An article as segments to draw: which attribution each stretch of text is content, cue
or source of, and where headings and repaired characters are.

Pure: the template escapes and styles the segments; nothing here writes HTML, so article
text can never become markup.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from onrecord.model import Attribution, Document

__all__ = ["HUE_STEP", "Segment", "segments", "speaker_hue"]

#: degrees between speaker colours: 36 hues, the nearest two hard to tell apart anyway
HUE_STEP = 10


@dataclass(slots=True)
class Segment:
    """A stretch of the text as given, with the parts it plays in attributions."""

    start: int
    end: int
    text: str
    content: list[str] = field(default_factory=list)  # attribution ids
    cue: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    heading: bool = False
    fixed: str | None = None  # what a repaired stretch reads as

    @property
    def roles(self) -> list[str]:
        return [r for r in ("content", "cue", "source") if getattr(self, r)]

    @property
    def attribution(self) -> str | None:
        """The attribution whose colour the segment takes (its innermost one)."""
        for ids in (self.source, self.cue, self.content):
            if ids:
                return ids[-1]
        return None


def segments(doc: Document) -> list[Segment]:
    """The text cut at every boundary of every piece, each part labelled."""
    cuts = {0, len(doc.text)}
    for a in doc.attributions:
        for piece in (*a.content, *a.cue, *a.source):
            cuts |= {piece.start, piece.end}
    for heading in doc.headings:
        cuts |= {heading.start, heading.end}
    for repair in doc.repairs:
        cuts |= {repair.span.start, repair.span.end}
    bounds = sorted(c for c in cuts if 0 <= c <= len(doc.text))
    out = []
    for start, end in itertools.pairwise(bounds):
        if start == end:
            continue
        segment = Segment(start, end, doc.text[start:end])
        for a in doc.attributions:
            for role in ("content", "cue", "source"):
                if _covers(a, role, start, end):
                    getattr(segment, role).append(a.id)
        segment.heading = any(h.start <= start and end <= h.end for h in doc.headings)
        for repair in doc.repairs:
            if repair.span.start == start and repair.span.end == end:
                segment.fixed = repair.fixed
        out.append(segment)
    return out


def speaker_hue(speaker_id: int | None) -> int:
    """A hue per speaker, spread by the golden angle so neighbours differ, in steps of
    HUE_STEP degrees: each is a class in style.css (.hue-0 … .hue-350), since the pages'
    Content-Security-Policy allows no style="" attribute."""
    if speaker_id is None:
        return 0
    return round(speaker_id * 137.508 / HUE_STEP) % (360 // HUE_STEP) * HUE_STEP


def _covers(a: Attribution, role: str, start: int, end: int) -> bool:
    pieces = getattr(a, role)
    return any(p.start <= start and end <= p.end for p in pieces)
