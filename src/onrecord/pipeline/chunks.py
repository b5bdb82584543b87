"""Where an article is cut into the pieces spaCy parses: whole paragraphs, a long one at
sentence ends.

Chunks of about ``CHUNK_CHARS`` keep memory flat on any article and let spaCy batch the
chunks of many articles. A paragraph longer than ``2 * CHUNK_CHARS`` (a transcript, a page
without line breaks; PolNeAR's longest is 2,573 characters) is cut before the parse, so
it is found by characters, not by the parser: at the last sentence end that is not inside
a quotation, else at any sentence end, else at a space. A chunk is never longer than
``2 * CHUNK_CHARS``, so every later step costs the same per character on any paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from onrecord.pipeline.quotes import Quote, find_quotes, quoted_mask
from onrecord.text import paragraphs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CHUNK_CHARS = 4000  # paragraphs are parsed in chunks of about this size
#: where a sentence may begin: after . ! ? … (and closing marks), spaces, then a capital,
#: a digit or an opening mark
_SENTENCE_START = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")
#: words ending in a full stop that rarely end a sentence
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st sen rep gov gen col lt sgt capt prof rev jr sr no vs inc corp co".split()
)


def chunk_starts(text: str, quotes: list[Quote]) -> list[int]:
    """Where each chunk begins in ``text``; one chunk at least. ``quotes`` from
    ``find_quotes(text)``."""
    starts = [0]
    mask: bytearray | None = None  # built only for an over-long paragraph
    for para in paragraphs(text):
        if para.start - starts[-1] >= CHUNK_CHARS:
            starts.append(para.start)
        while para.end - starts[-1] > 2 * CHUNK_CHARS:
            if mask is None:
                mask = quoted_mask(text, quotes)
            starts.append(_cut(text, mask, starts[-1]))
    return starts


def _cut(text: str, mask: bytearray, start: int) -> int:
    """Where the chunk beginning at ``start`` ends: between ``CHUNK_CHARS // 2`` and
    ``CHUNK_CHARS`` characters on, at the best break found there."""
    low, high = start + CHUNK_CHARS // 2, start + CHUNK_CHARS
    sentence_ends = [
        m.end()
        for m in _SENTENCE_START.finditer(text, low, high)
        if not _is_abbreviation(text, m.start())
    ]
    outside = [c for c in sentence_ends if not mask[c - 1]]
    if outside:
        return outside[-1]
    if sentence_ends:
        return sentence_ends[-1]
    spaces = [m.end() for m in _SPACE.finditer(text, low, high) if m.end() < high]
    return spaces[-1] if spaces else high


def _is_abbreviation(text: str, end: int) -> bool:
    """The word ending at ``end`` (with its stop) is a title or an initial: `Mr.`, `J.`."""
    start = end - 1
    while start > 0 and not text[start - 1].isspace() and end - start < 8:
        start -= 1
    word = text[start:end].rstrip(".").lower()
    return len(word) == 1 or word in _ABBREVIATIONS


def chunk_texts(text: str, starts: list[int]) -> Iterator[str]:
    """The text of each chunk, cut when asked for."""
    ends = [*starts[1:], len(text)]
    return (text[s:e] for s, e in zip(starts, ends, strict=True))


def local_quotes(
    quotes: list[Quote], start: int, end: int, quote_starts: list[int] | None = None
) -> list[Quote]:
    """The quotes opening in [start, end), offsets made relative to ``start`` and cut at
    ``end``. ``quote_starts`` (each quote's start, in order) saves a scan of all quotes per
    chunk, which is quadratic on a long article."""
    if quote_starts is None:
        quote_starts = [q.start for q in quotes]
    first, last = bisect_left(quote_starts, start), bisect_left(quote_starts, end)
    return [
        Quote(q.start - start, min(q.end, end) - start, q.is_closed, q.is_single, q.depth)
        for q in quotes[first:last]
    ]


@dataclass(frozen=True, slots=True)
class ParsedText:
    """One text's quotes, where its chunks start, and its chunks as spaCy parses them:
    (doc, offset of the chunk in the text), made as they are read."""

    quotes: list[Quote]
    starts: list[int]
    chunks: Iterator[tuple[Doc, int]]


def parse_chunks(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[ParsedText]:
    """Each text cut into chunks and parsed, the chunks of all ``texts`` in one
    ``nlp.pipe``: what extraction and the tagger's training examples both read.

    A text's chunks are parsed as its ``chunks`` are read, never all held at once; what a
    caller leaves unread is skipped before the next text.
    """
    plans = []
    for text in texts:
        quotes = find_quotes(text)
        plans.append((text, quotes, chunk_starts(text, quotes)))
    pieces = (piece for text, _, starts in plans for piece in chunk_texts(text, starts))
    docs = iter(nlp.pipe(pieces, batch_size=batch_size))
    for _, quotes, starts in plans:
        chunks = zip(islice(docs, len(starts)), starts, strict=True)
        yield ParsedText(quotes, starts, chunks)
        deque(chunks, maxlen=0)


__all__ = [
    "CHUNK_CHARS",
    "ParsedText",
    "chunk_starts",
    "chunk_texts",
    "local_quotes",
    "parse_chunks",
]
