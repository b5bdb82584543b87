"""An article as segments to draw: which attribution each stretch of text is content, cue
or source of, where each attribution starts (its one anchor: id, permalink target and tab
stop), where its content begins and ends, which attributions are nested, and where
headings and repaired characters are.

Pure: the template escapes and styles the segments; nothing here writes HTML, so article
text can never become markup.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from urllib.parse import quote

from onrecord.model import Attribution, Document

__all__ = ["HUE_STEP", "ROLES", "Segment", "anchor_id", "permalink", "segments", "speaker_hue"]

#: degrees between speaker colours: 36 hues, the nearest two hard to tell apart anyway
HUE_STEP = 10
#: the parts an attribution plays in the text, in the order a segment lists them
ROLES = ("content", "cue", "source")


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
    #: the attribution whose colour the segment takes: the innermost (most nested, then
    #: shortest) of those it is part of
    attribution: str | None = None
    #: the attribution this segment is the first part of: it carries the id ``q-<id>``
    #: (the permalink's target) and is the attribution's one tab stop
    anchor: str | None = None
    #: attributions starting here that have no segment of their own left to anchor them
    #: (all their segments anchor others): an empty target before the segment
    targets: list[str] = field(default_factory=list)
    nested: bool = False  # ``attribution`` is reported by another (it has ``via``)
    opens: bool = False  # a content piece (of any attribution here) starts here
    closes: bool = False  # … or ends here

    @property
    def roles(self) -> list[str]:
        return [r for r in ROLES if getattr(self, r)]

    def roles_of(self, attribution_id: str | None) -> list[str]:
        """The parts one attribution plays in this segment (none for None)."""
        return [r for r in ROLES if attribution_id in getattr(self, r)]


def segments(doc: Document) -> list[Segment]:
    """The text cut at every boundary of every piece, each part labelled.

    Each piece is placed by bisection over the cuts: linear in the segments an article's
    attributions cover, not segments x attributions (an article of 100+ attributions
    stays a few milliseconds).
    """
    size = len(doc.text)
    cuts = {0, size}
    for a in doc.attributions:
        for piece in (*a.content, *a.cue, *a.source):
            cuts |= {piece.start, piece.end}
    for heading in doc.headings:
        cuts |= {heading.start, heading.end}
    for repair in doc.repairs:
        cuts |= {repair.span.start, repair.span.end}
    bounds = sorted(c for c in cuts if 0 <= c <= size)
    out = [Segment(start, end, doc.text[start:end]) for start, end in itertools.pairwise(bounds)]
    starts = [s.start for s in out]

    def covered(start: int, end: int) -> range:
        """Indexes of the segments inside [start, end)."""
        return range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end))

    cover: dict[str, list[int]] = {}  # attribution id -> its segments, in text order
    for a in doc.attributions:
        mine = cover.setdefault(a.id, [])
        for role in ROLES:
            for piece in getattr(a, role):
                for i in covered(piece.start, piece.end):
                    ids = getattr(out[i], role)
                    if not ids or ids[-1] != a.id:  # two pieces may touch one segment
                        ids.append(a.id)
                    mine.append(i)
    for heading in doc.headings:
        for i in covered(heading.start, heading.end):
            out[i].heading = True
    for repair in doc.repairs:
        for i in covered(repair.span.start, repair.span.end):
            if out[i].start == repair.span.start and out[i].end == repair.span.end:
                out[i].fixed = repair.fixed
    _mark_attributions(doc.attributions, out, {k: sorted(set(v)) for k, v in cover.items() if v})
    return out


def _mark_attributions(
    attributions: tuple[Attribution, ...], out: list[Segment], cover: dict[str, list[int]]
) -> None:
    """Each segment's innermost attribution and its content's ends, and each attribution's
    anchor: its first segment, unless an attribution starting there took it first."""
    by_id = {a.id: a for a in attributions}
    depth = {a.id: _depth(a, by_id) for a in attributions}
    extent = {a.id: _extent(a) for a in attributions}
    for s in out:
        present = (*s.source, *s.cue, *s.content)
        if not present:
            continue
        # most nested first, then the shortest: what the reader sees on top
        s.attribution = max(present, key=lambda a_id: (depth[a_id], -extent[a_id]))
        inner = by_id[s.attribution]
        s.nested = inner.via is not None
        pieces = [p for a_id in s.content for p in by_id[a_id].content]
        s.opens = any(p.start == s.start for p in pieces)
        s.closes = any(p.end == s.end for p in pieces)
    # where two start on one segment the outer takes it, the inner its next free segment
    for a_id in sorted(cover, key=lambda a_id: (cover[a_id][0], depth[a_id], -extent[a_id])):
        free = next((i for i in cover[a_id] if out[i].anchor is None), None)
        if free is None:
            out[cover[a_id][0]].targets.append(a_id)
        else:
            out[free].anchor = a_id


def _depth(a: Attribution, by_id: dict[str, Attribution]) -> int:
    """How many reporters stand between ``a`` and the article (a loop counts once)."""
    seen = {a.id}
    depth = 0
    while a.via is not None and a.via in by_id and a.via not in seen:
        seen.add(a.via)
        a = by_id[a.via]
        depth += 1
    return depth


def _extent(a: Attribution) -> int:
    pieces = (*a.content, *a.cue, *a.source)
    return max(p.end for p in pieces) - min(p.start for p in pieces) if pieces else 0


def anchor_id(attribution_id: str) -> str:
    """The id of an attribution's anchor in the article text (the permalink's fragment)."""
    return f"q-{attribution_id}"


def permalink(article_id: str, attribution_id: str) -> str:
    """The link opening an article at one attribution: scrolled to it in the text
    (``#q-<id>``, which :target styles) with its content, cue and source marked (the
    page reads ``quote``). macros.html ``permalink`` builds the same."""
    return (
        f"/articles/{quote(article_id, safe='')}?quote={quote(attribution_id, safe='')}"
        f"#{quote(anchor_id(attribution_id), safe='')}"
    )


def speaker_hue(speaker_id: int | None) -> int:
    """A hue per speaker, spread by the golden angle so neighbours differ, in steps of
    HUE_STEP degrees: each is a class in style.css (.hue-0 … .hue-350), since the pages'
    Content-Security-Policy allows no style="" attribute."""
    if speaker_id is None:
        return 0
    return round(speaker_id * 137.508 / HUE_STEP) % (360 // HUE_STEP) * HUE_STEP
