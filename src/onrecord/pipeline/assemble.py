"""From per-chunk candidates to the article's attributions: kinds, speakers, nesting, ids.

Works on one article's parsed chunks and its whole (repaired) text, so it can see what a
single chunk cannot: a quote running over paragraphs, and who spoke before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.tokens import Doc

from onrecord.model import Attribution, Entity, Kind, Offsets
from onrecord.pipeline.attribution import Candidate, Range
from onrecord.pipeline.quotes import Quote, quoted_mask, quoted_words
from onrecord.pipeline.speakers import SpeakerResolver
from onrecord.pipeline.types import attribution_type

_NEWLINE = re.compile("\n")
_NOT_SPACE = re.compile(r"\S")


@dataclass(frozen=True, slots=True)
class Found:
    """The candidates of one chunk; offsets in ``doc`` start at ``base`` in the article."""

    doc: Doc
    base: int
    candidates: list[Candidate]


@dataclass(frozen=True, slots=True)
class Spoken:
    """The candidates of one chunk once its speakers are resolved, without its Doc."""

    base: int
    candidates: list[Candidate]
    speakers: list[int | None]  # per candidate, its cluster in the SpeakerResolver


def assemble(
    text: str, quotes: list[Quote], found: list[Found], quote_paragraphs_alone: bool = False
) -> tuple[list[Attribution], list[Entity]]:
    """Attributions and speaking entities, offsets into ``text``."""
    resolver = SpeakerResolver()
    spoken = [
        Spoken(f.base, f.candidates, resolver.add(f.doc, f.base, f.candidates)) for f in found
    ]
    return assemble_spoken(text, quotes, spoken, resolver, quote_paragraphs_alone)


def assemble_spoken(
    text: str,
    quotes: list[Quote],
    spoken: list[Spoken],
    resolver: SpeakerResolver,
    quote_paragraphs_alone: bool = False,
) -> tuple[list[Attribution], list[Entity]]:
    """``assemble`` of chunks already read by ``resolver``, one at a time (``extract.py``
    drops each chunk's Doc once it is read, so memory stays flat on any article).

    ``quote_paragraphs_alone``: a paragraph that is only a quote, continuing the quoted
    attribution before it, is an attribution of its own with no cue or source and the same
    speaker (the news convention), not another piece of that one (PolNeAR's)."""
    resolved, renumber = resolver.finish()
    entities = [
        Entity(f"e{i + 1}", e.name, e.type, e.role, tuple(Offsets(s, t) for s, t in e.mentions))
        for i, e in enumerate(resolved)
    ]
    items: list[tuple[Candidate, int, int | None]] = []
    for chunk in spoken:
        for cand, speaker in zip(chunk.candidates, chunk.speakers, strict=True):
            items.append((cand, chunk.base, renumber.get(speaker) if speaker is not None else None))
    items.sort(key=lambda it: it[0].content[0][0] + it[1])
    lines = _Lines(text)
    _continue_open_quotes(text, quotes, items, quote_paragraphs_alone)
    _continue_quote_paragraphs(text, quotes, items, lines, quote_paragraphs_alone)
    items.sort(key=lambda it: it[0].content[0][0] + it[1])
    mask = quoted_mask(text, quotes)
    out: list[Attribution] = []
    items = [it for it in items if not _source_in_dateline(text, lines, it[0], it[1])]
    for n, (cand, base, speaker) in enumerate(items, 1):
        content = tuple(_after_dateline(text, lines, s + base, e + base) for s, e in cand.content)
        cue_text = " ".join(text[s + base : e + base] for s, e in cand.cue)
        out.append(
            Attribution(
                id=f"a{n}",
                kind=_kind(text, content, mask),
                content=content,
                cue=tuple(Offsets(s + base, e + base) for s, e in cand.cue),
                source=tuple(
                    _after_dateline(text, lines, s + base, e + base)
                    for s, e in (cand.source if cand.named_source is None else cand.named_source)
                ),
                speaker=f"e{speaker + 1}" if speaker is not None else None,
                confidence=round(cand.confidence, 3),
                speaker_confidence=(
                    round(cand.speaker_confidence, 3)
                    if cand.speaker_confidence is not None
                    else None
                ),
                type=attribution_type(cand.cue_lemma, cue_text),
            )
        )
    return nest(out), entities


def _continue_open_quotes(
    text: str,
    quotes: list[Quote],
    items: list[tuple[Candidate, int, int | None]],
    alone: bool = False,
) -> None:
    """A quote left open at its paragraph's end goes on in the next paragraph's quote.
    ``alone``: that paragraph's quote is an attribution of its own (see ``_alone``)."""
    bases = {id(cand): base for cand, base, _ in items}
    speakers = {id(cand): speaker for cand, _, speaker in items}
    owner: dict[int, Candidate] = {}
    for cand, base, _ in items:
        for s, _e in cand.content:
            owner[s + base] = cand
    outer = [q for q in quotes if q.depth == 0]
    claimed = {s + base for cand, base, _ in items for s, _e in cand.content}
    for prev, nxt in pairwise(outer):
        found = owner.get(prev.start)
        if found is None or prev.is_closed or nxt.start in claimed:
            continue
        between = text[prev.end : nxt.start]
        if between.strip() or "\n" not in between:
            continue
        owner[nxt.start] = _go_on(found, nxt, alone, items, bases, speakers)
        claimed.add(nxt.start)


def _continue_quote_paragraphs(
    text: str,
    quotes: list[Quote],
    items: list[tuple[Candidate, int, int | None]],
    lines: _Lines,
    alone: bool = False,
) -> None:
    """A paragraph that is one quote and nothing else, right after a quoted attribution,
    goes on with it (`“…,” he said.` then `“Right now, …”`): news leaves the cue out.
    ``alone``: as an attribution of its own, same speaker, no cue or source; then it also
    goes on from reported speech (`She said the wall would hold.` then `“After that, …”`)."""
    bases = {id(cand): base for cand, base, _ in items}
    speakers = {id(cand): speaker for cand, _, speaker in items}
    ends: dict[int, Candidate] = {}  # paragraph end -> the attribution ending there
    claimed: set[int] = set()
    for cand, base, _ in items:
        for s, _e in cand.content:
            claimed.add(s + base)
        if cand.quote_ids or (alone and cand.source):
            last = max(e for _, e in cand.content) + base
            line_end = lines.next_break(last)
            ends[len(text) if line_end < 0 else line_end] = cand
    closing = {q.end: q for q in quotes if q.depth == 0 and q.is_closed}
    for q in quotes:
        if q.depth or q.start in claimed:
            continue
        line_start = lines.start(q.start)
        line_end = lines.next_break(q.end)
        line_end = len(text) if line_end < 0 else line_end
        if not _is_blank(text, line_start, q.start) or not _is_blank(text, q.end, line_end):
            continue  # not a paragraph of its own
        prev_end = line_start - 1
        while prev_end > 0 and text[prev_end - 1].isspace():
            prev_end -= 1
        before = ends.get(lines.next_break(prev_end - 1) if prev_end > 0 else -2)
        if before is None:
            continue
        prior = closing.get(prev_end)
        if prior is not None and prior.is_single != q.is_single:
            continue  # `…pull it off."` then `'Legend in the Coal Fields.'`: a heading
        cand = _go_on(before, q, alone, items, bases, speakers)
        claimed.add(q.start)
        ends[line_end] = cand


def _go_on(
    before: Candidate,
    quote: Quote,
    alone: bool,
    items: list[tuple[Candidate, int, int | None]],
    bases: dict[int, int],
    speakers: dict[int, int | None],
) -> Candidate:
    """``quote`` goes on from ``before``: another piece of it, or (``alone``) an
    attribution of its own added to ``items``. Returns the candidate that holds it."""
    base = bases[id(before)]
    piece = (quote.start - base, quote.end - base)
    if not alone:
        before.content.append(piece)
        return before
    cand = _alone(before, piece)
    bases[id(cand)] = base
    speakers[id(cand)] = speakers[id(before)]
    items.append((cand, base, speakers[id(before)]))
    return cand


def _alone(before: Candidate, content: Range) -> Candidate:
    """A paragraph of quotation going on from ``before``'s, as an attribution of its own:
    no cue or source, the same speaker (the news convention)."""
    return Candidate(
        content=[content],
        cue=[],
        source=[],
        confidence=before.confidence,
        rule=before.rule,
        cue_lemma=before.cue_lemma,
        speaker_confidence=before.speaker_confidence,
    )


class _Lines:
    """Line starts and breaks of a text by bisection: ``str.find("\n")`` per attribution
    scans to the end of a text without line breaks, quadratic on a one-line article."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in _NEWLINE.finditer(text)]

    def start(self, pos: int) -> int:
        """Where the line holding ``pos`` starts: ``text.rfind("\n", 0, pos) + 1``."""
        i = bisect_left(self.breaks, pos) - 1
        return self.breaks[i] + 1 if i >= 0 else 0

    def next_break(self, pos: int) -> int:
        """The first line break at or after ``pos``, or -1: ``text.find("\n", pos)``."""
        i = bisect_left(self.breaks, max(pos, 0))
        return self.breaks[i] if i < len(self.breaks) else -1


def _is_blank(text: str, start: int, end: int) -> bool:
    """``not text[start:end].strip()``, looking only as far as the first non-space."""
    return _NOT_SPACE.search(text, start, end) is None


#: a line's dateline: `KESTREL BAY — `, `PORTLAND, Maine — `, `LONDON (AP) — `, a wire's
#: `(Reuters) — ` or `(CNN) `, a city in title case before a dash and a capital
#: (`Indianapolis – Several …`)
_DATELINE = re.compile(
    r"[A-Z][A-Z .,'’()-]{1,40}?(?:, [A-Z][a-z.]+(?: [A-Z][a-z.]+)?)?\s+(?:—|–|―|--)\s+"
    r"|\([A-Z][A-Za-z]{1,15}\)\s*(?:(?:—|–|―|--)\s+)?"
    r"|[A-Z][a-z]+(?:,? [A-Z][a-z.]+)?\s+(?:—|–|―)\s+(?=[A-Z])"
)


def _after_dateline(text: str, lines: _Lines, start: int, end: int) -> Offsets:
    """`KESTREL BAY — The only bridge …`: the dateline is not part of what was said."""
    m = _DATELINE.match(text, lines.start(start))
    if m and start < m.end() < end:
        return Offsets(m.end(), end)
    return Offsets(start, end)


def _source_in_dateline(text: str, lines: _Lines, cand: Candidate, base: int) -> bool:
    """A subject taken from `ELLIS HARBOR — …` is the parser's mistake, not a speaker."""
    if not cand.source:
        return False
    start, end = cand.source[0][0] + base, cand.source[-1][1] + base
    m = _DATELINE.match(text, lines.start(start))
    return m is not None and end <= m.end()


def _kind(text: str, content: tuple[Offsets, ...], mask: bytearray) -> Kind:
    """direct: every word inside quotation marks; mixed: some; indirect: none."""
    words, quoted = quoted_words(text, ((p.start, p.end) for p in content), mask)
    if words and quoted == words:
        return "direct"
    return "mixed" if quoted else "indirect"


def nest(attributions: list[Attribution]) -> list[Attribution]:
    """An attribution whose cue lies inside another's content is reported by it (via): the
    one with the shortest such content piece, the first of equals.

    Content pieces are looked up by start, so the cost grows with the attributions, not
    with their square (an article of 5,000,000 characters has some 25,000).
    """
    pieces = sorted(
        (p.start, p.end, n, k) for n, b in enumerate(attributions) for k, p in enumerate(b.content)
    )
    starts = [start for start, _, _, _ in pieces]
    longest = max((end - start for start, end, _, _ in pieces), default=0)
    out = []
    for n, a in enumerate(attributions):
        best: tuple[int, int, int] | None = None  # size, attribution, piece
        if a.cue:
            cue = a.cue[0]
            i = bisect_right(starts, cue.start) - 1
            while i >= 0 and pieces[i][0] >= cue.end - longest:
                start, end, m, k = pieces[i]
                if m != n and cue.end <= end and (best is None or (end - start, m, k) < best):
                    best = (end - start, m, k)
                i -= 1
        out.append(_with_via(a, attributions[best[1]].id) if best else a)
    return out


def _with_via(a: Attribution, via: str) -> Attribution:
    return replace(a, via=via)  # every other field as it was, speaker_confidence too


__all__ = ["Found", "Range", "Spoken", "assemble", "assemble_spoken", "nest"]
