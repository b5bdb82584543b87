"""Quotation-mark pairing: where the quoted passages of a text are.

Pure character-level logic, no spaCy: it must never sink an article, so an odd mark is
skipped, not raised on (textacy raises on an odd count of quote marks). Marks pair within
a paragraph (line); a double quote left open at the end of its paragraph closes there,
since news style reopens every paragraph of a long quote but closes only the last.
Single marks count only at word edges, because most of them are apostrophes
(``don't``, ``the ministers' plan``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_MARK = re.compile(r"''|``|‘‘|’’|[\"“”„«»‘’'‹›]")
_DOUBLE_OPEN = {"“", "„", "«", "``", "‘‘"}  # two single marks typed for one double
_DOUBLE_CLOSE = {"”", "»", "’’"}
_DOUBLE_EITHER = {'"', "''"}
_SINGLE_OPEN = {"‘", "‹"}
_SINGLE_CLOSE = {"’", "›"}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage: [start, end) includes its marks; ``is_closed`` False if left open."""

    start: int
    end: int
    is_closed: bool
    is_single: bool
    depth: int = 0  # 0: outermost; 1: a quote inside a quote

    @property
    def inner(self) -> tuple[int, int]:
        """The words between the marks."""
        close = 1 if self.is_closed else 0
        open_len = 1
        return self.start + open_len, self.end - close


def find_quotes(text: str) -> list[Quote]:
    """Every quoted passage in ``text``, in order of their opening marks."""
    quotes: list[Quote] = []
    for line in _LINE.finditer(text):
        quotes.extend(_line_quotes(text, line.start(), line.end()))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return _with_depth(quotes)


def _line_quotes(text: str, start: int, end: int) -> list[Quote]:
    found: list[Quote] = []
    double: int | None = None  # where the open double quote began
    single: int | None = None
    for m in _MARK.finditer(text, start, end):
        mark, i, j = m.group(), m.start(), m.end()
        before = text[i - 1] if i > start else " "
        after = text[j] if j < end else " "
        if mark in _DOUBLE_OPEN or mark in _DOUBLE_CLOSE or mark in _DOUBLE_EITHER:
            if double is None:
                # a mark glued to the word before it and followed by a space closes a quote
                # we did not see open: skip it; anything else opens (even a misused ”)
                if mark in _DOUBLE_OPEN or before.isspace() or not after.isspace():
                    double = i
                continue
            if mark in _DOUBLE_OPEN and mark != "«":
                # a second opening mark: the first quote lacked its closing mark
                found.append(Quote(double, _rstrip(text, double, i), False, False))
                double = i
                continue
            found.append(Quote(double, j, True, False))
            double = None
        elif single is None:
            if mark not in _SINGLE_CLOSE and not before.isalnum() and not after.isspace():
                single = i
        elif mark not in _SINGLE_OPEN and not before.isspace() and not after.isalnum():
            found.append(Quote(single, j, True, True))
            single = None
    if double is not None:
        found.append(Quote(double, _rstrip(text, double, end), False, False))
    return found


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _with_depth(quotes: list[Quote]) -> list[Quote]:
    """Mark quotes that sit inside another quote (depth 1)."""
    out: list[Quote] = []
    outer_end = -1
    for q in quotes:
        if q.start < outer_end and q.end <= outer_end:
            out.append(Quote(q.start, q.end, q.is_closed, q.is_single, 1))
        else:
            out.append(q)
            outer_end = q.end
    return out


def quoted_mask(text: str, quotes: list[Quote]) -> bytearray:
    """1 for every character inside an outermost quote, marks included."""
    mask = bytearray(len(text))
    for q in quotes:
        if q.depth == 0:
            mask[q.start : q.end] = b"\1" * (q.end - q.start)
    return mask


_WORD = re.compile(r"\w+")


def quoted_words(text: str, pieces: Iterable[tuple[int, int]], mask: bytearray) -> tuple[int, int]:
    """How many words ``pieces`` of ``text`` hold, and how many of them lie wholly inside
    quotation marks (``mask`` from ``quoted_mask``): all of them is a direct quote."""
    words = [m for start, end in pieces for m in _WORD.finditer(text, start, end)]
    return len(words), sum(1 for m in words if all(mask[m.start() : m.end()]))
