"""From per-chunk candidates to the article's attributions: kinds, speakers, nesting, ids.

Works on one article's parsed chunks and its whole (repaired) text, so it can see what a
single chunk cannot: a quote running over paragraphs, and who spoke before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc

from onrecord.model import Attribution, Entity, Kind, Offsets
from onrecord.pipeline.attribution import Candidate, Range
from onrecord.pipeline.quotes import Quote, quoted_mask
from onrecord.pipeline.speakers import resolve_speakers

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Found:
    """The candidates of one chunk; offsets in ``doc`` start at ``base`` in the article."""

    doc: Doc
    base: int
    candidates: list[Candidate]


def assemble(
    text: str, quotes: list[Quote], found: list[Found]
) -> tuple[list[Attribution], list[Entity]]:
    """Attributions and speaking entities, offsets into ``text``."""
    resolved, speakers = resolve_speakers([(f.doc, f.base, f.candidates) for f in found])
    entities = [
        Entity(f"e{i + 1}", e.name, e.type, e.role, tuple(Offsets(s, t) for s, t in e.mentions))
        for i, e in enumerate(resolved)
    ]
    items: list[tuple[Candidate, int, int | None]] = []
    for f, chunk_speakers in zip(found, speakers, strict=True):
        for cand, speaker in zip(f.candidates, chunk_speakers, strict=True):
            items.append((cand, f.base, speaker))
    items.sort(key=lambda it: it[0].content[0][0] + it[1])
    _continue_open_quotes(text, quotes, items)
    _continue_quote_paragraphs(text, quotes, items)
    mask = quoted_mask(text, quotes)
    out: list[Attribution] = []
    items = [it for it in items if not _source_in_dateline(text, it[0], it[1])]
    for n, (cand, base, speaker) in enumerate(items, 1):
        content = tuple(_after_dateline(text, s + base, e + base) for s, e in cand.content)
        out.append(
            Attribution(
                id=f"a{n}",
                kind=_kind(text, content, mask),
                content=content,
                cue=tuple(Offsets(s + base, e + base) for s, e in cand.cue),
                source=tuple(_after_dateline(text, s + base, e + base) for s, e in cand.source),
                speaker=f"e{speaker + 1}" if speaker is not None else None,
                confidence=round(cand.confidence, 3),
            )
        )
    return _nest(out), entities


def _continue_open_quotes(
    text: str, quotes: list[Quote], items: list[tuple[Candidate, int, int | None]]
) -> None:
    """A quote left open at its paragraph's end goes on in the next paragraph's quote."""
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
        cand = found
        between = text[prev.end : nxt.start]
        if between.strip() or "\n" not in between:
            continue
        base = next(b for c, b, _ in items if c is cand)
        cand.content.append((nxt.start - base, nxt.end - base))
        owner[nxt.start] = cand
        claimed.add(nxt.start)


def _continue_quote_paragraphs(
    text: str, quotes: list[Quote], items: list[tuple[Candidate, int, int | None]]
) -> None:
    """A paragraph that is one quote and nothing else, right after a quoted attribution,
    goes on with it (`“…,” he said.` then `“Right now, …”`): news leaves the cue out."""
    ends: dict[int, Candidate] = {}  # paragraph end -> the quoted attribution ending there
    claimed: set[int] = set()
    for cand, base, _ in items:
        for s, _e in cand.content:
            claimed.add(s + base)
        if cand.quote_ids:
            last = max(e for _, e in cand.content) + base
            line_end = text.find("\n", last)
            ends[len(text) if line_end < 0 else line_end] = cand
    for q in quotes:
        if q.depth or q.start in claimed:
            continue
        line_start = text.rfind("\n", 0, q.start) + 1
        line_end = text.find("\n", q.end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start : q.start].strip() or text[q.end : line_end].strip():
            continue  # not a paragraph of its own
        prev_end = line_start - 1
        while prev_end > 0 and text[prev_end - 1].isspace():
            prev_end -= 1
        before = ends.get(text.find("\n", prev_end - 1) if prev_end > 0 else -2)
        if before is None:
            continue
        cand = before
        base = next(b for c, b, _ in items if c is cand)
        cand.content.append((q.start - base, q.end - base))
        claimed.add(q.start)
        ends[line_end] = cand


_DATELINE = re.compile(r"[A-Z][A-Z .,'’()-]{1,40}?\s+(?:—|–|―|--)\s+")


def _after_dateline(text: str, start: int, end: int) -> Offsets:
    """`KESTREL BAY — The only bridge …`: the dateline is not part of what was said."""
    line_start = text.rfind("\n", 0, start) + 1
    m = _DATELINE.match(text, line_start)
    if m and start < m.end() < end:
        return Offsets(m.end(), end)
    return Offsets(start, end)


def _source_in_dateline(text: str, cand: Candidate, base: int) -> bool:
    """A subject taken from `ELLIS HARBOR — …` is the parser's mistake, not a speaker."""
    if not cand.source:
        return False
    start, end = cand.source[0][0] + base, cand.source[-1][1] + base
    m = _DATELINE.match(text, text.rfind("\n", 0, start) + 1)
    return m is not None and end <= m.end()


def _kind(text: str, content: tuple[Offsets, ...], mask: bytearray) -> Kind:
    """direct: every word inside quotation marks; mixed: some; indirect: none."""
    words = [m for p in content for m in _WORD.finditer(text, p.start, p.end)]
    quoted = sum(1 for m in words if all(mask[m.start() : m.end()]))
    if words and quoted == len(words):
        return "direct"
    return "mixed" if quoted else "indirect"


def _nest(attributions: list[Attribution]) -> list[Attribution]:
    """An attribution whose cue lies inside another's content is reported by it (via)."""
    out = []
    for a in attributions:
        cue = a.cue[0] if a.cue else None
        via = None
        best_len = None
        if cue is not None:
            for b in attributions:
                if b is a:
                    continue
                for p in b.content:
                    if p.start <= cue.start and cue.end <= p.end:
                        size = p.end - p.start
                        if best_len is None or size < best_len:
                            via, best_len = b.id, size
        out.append(_with_via(a, via) if via else a)
    return out


def _with_via(a: Attribution, via: str) -> Attribution:
    return Attribution(a.id, a.kind, a.content, a.cue, a.source, a.speaker, via, a.confidence)


__all__ = ["Found", "Range", "assemble"]
