"""The quote-kind rule: is a content a direct, mixed or indirect quote?

The same rule as ``../shared/eval/quote_kinds.py``, which labelled the PolNeAR export and
which the official scorer applies to gold without a ``kind``; the extraction pipeline
uses it too, so "direct" means one thing everywhere. Keep the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from onrecord.model import Kind

_WORD = re.compile(r"\w+")
_LINE = re.compile(r"[^\n]+")
_MARK = re.compile(r"''|[\"“”‘’']")  # NYT writes a double quote as two apostrophes
_DOUBLE = frozenset({"''", '"', "“", "”"})


def quoted_chars(text: str) -> bytearray:
    """Mark (with 1) every character inside a pair of quotation marks, marks included.

    Marks pair within a paragraph (line). A double quote still open at the end of its
    paragraph counts as closed there: news style opens every paragraph of a long quote
    but closes only the last. Single marks count only at word edges (``'Benghazi'``,
    ``‘Little Marco’``) and only when closed in the same paragraph, since they are
    mostly apostrophes.
    """
    mask = bytearray(len(text))
    for line in _LINE.finditer(text):
        _mark_paragraph(text, line.start(), line.end(), mask)
    return mask


def _mark_paragraph(text: str, start: int, end: int, mask: bytearray) -> None:
    double: int | None = None  # where the open double / single quote began
    single: int | None = None
    for m in _MARK.finditer(text, start, end):
        mark, i, j = m.group(), m.start(), m.end()
        before = text[i - 1] if i > start else " "
        after = text[j] if j < end else " "
        if mark in _DOUBLE:
            if double is None:
                # a mark glued to the word before it and followed by a space closes a
                # quote we did not see open; anything else opens (even a misused ”)
                if mark == "“" or before.isspace() or not after.isspace():
                    double = i
            elif mark != "“":
                mask[double:j] = b"\1" * (j - double)
                double = None
        elif single is None:
            if mark != "’" and not before.isalnum() and not after.isspace():
                single = i
        elif mark != "‘" and not before.isspace() and not after.isalnum():
            mask[single:j] = b"\1" * (j - single)
            single = None
    if double is not None:
        mask[double:end] = b"\1" * (end - double)


def quote_kind(text: str, content: Sequence[Sequence[int]], mask: bytearray | None = None) -> Kind:
    """Classify content pieces by how many of their words lie inside quotation marks.

    direct: every word is quoted; mixed: some are; indirect: none (or no words at all).
    Judged against the marks of the whole text, so a content span that leaves out its
    own quote marks still counts as direct. Pass ``mask`` (from ``quoted_chars``) to
    avoid recomputing it for each attribution of the same text.
    """
    mask = quoted_chars(text) if mask is None else mask
    words = [m for start, end in content for m in _WORD.finditer(text, start, end)]
    quoted = sum(1 for m in words if all(mask[m.start() : m.end()]))
    if words and quoted == len(words):
        return "direct"
    return "mixed" if quoted else "indirect"
