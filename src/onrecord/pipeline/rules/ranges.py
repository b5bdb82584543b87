"""Character ranges into ``doc_text(doc)``: trimmed, merged, compared."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span

from onrecord.pipeline.attribution import Range
from onrecord.pipeline.quotes import Quote


def span_range(span: Span) -> Range:
    return span.start_char, span.end_char


def stripped(text: str, start: int, end: int) -> Range:
    """Trim whitespace and separating commas, keep quote marks and final punctuation."""
    while start < end and (text[start].isspace() or text[start] in ",;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;—–-"):
        end -= 1
    return start, end


def merge_ranges(pieces: Iterable[Range], text: str) -> list[Range]:
    """Sorted pieces, joined where they overlap or only space separates them."""
    out: list[Range] = []
    for s, e in sorted(pieces):
        if out and s <= out[-1][1] + 1 and not text[out[-1][1] : s].strip(" "):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def overlaps(r: Range, pieces: list[Range]) -> bool:
    return any(r[0] < e and s < r[1] for s, e in pieces)


def quote_words(text: str, q: Quote) -> int:
    return len(text[q.start : q.end].split())
