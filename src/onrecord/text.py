"""Encoding repair with an offset map back to the text as given; paragraphs and headings.

The pipeline parses the repaired text, but every offset it reports must point into the
text the user gave (``Offsets`` says so), hence the map.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import accumulate

import ftfy

from onrecord.model import Offsets, Repair

# Fix mojibake only: quote styles, line breaks, widths, ligatures, HTML entities and
# normalisation stay as the user wrote them, so the text keeps its length where nothing
# is broken. Terminal escapes and control characters stay too: they are not encoding
# damage, and pure-ASCII lines (never passed to ftfy) would keep them anyway.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

# A no-break space encoded twice reads "Â\xa0"; ftfy restores "Â " to that space, but
# before a line end or other whitespace it leaves the "Â". Strip it unless an uppercase
# letter precedes it: a word in capitals may end in Â (Portuguese, Romanian), lowercase never.
_STRAY_A = re.compile(r"Â(?=\s|$)")
# Mojibake that later went through NFKC (PolNeAR has it): "Ã¯" (ï) became "Ã ̄", "Ãº" (ú)
# "Ão". Undone only right after Ã/Â (no word has a capital Ã/Â then "a", "o" or a digit),
# and kept only if ftfy then changes the line.
_NFKC_DAMAGE = re.compile("(?<=[ÃÂ])(?: [\u0301\u0304\u0308\u0327]|1⁄4|1⁄2|3⁄4|[ao123])")
_NFKC_UNDO = {" \u0301": "´", " \u0304": "¯", " \u0308": "¨", " \u0327": "¸", "a": "ª", "o": "º"}
_NFKC_UNDO |= {"1": "¹", "2": "²", "3": "³", "1⁄4": "¼", "1⁄2": "½", "3⁄4": "¾"}
_WORD = re.compile(r"\s*\S+|\s+")
_LINE = re.compile(r"[^\n]*\n?")  # ftfy also works line by line on "\n"
_BREAK = re.compile(r"[^\n\r\u2028\u2029]+")
_MAX_PIECE = 4000  # characters of a line repaired at once; PolNeAR's longest has 2,573


@dataclass(frozen=True, slots=True)
class RepairedText:
    """The text to parse, its repairs, and the map from its offsets back to ``original``.

    Offsets are boundaries between characters. Outside repairs they shift exactly. A start
    inside a replaced run maps to the run's original start, an end to its original end, so
    a span touching a repaired character covers the whole mojibake run. Deleted characters
    (a stray "Â") are left out of spans that merely border them, except at the very edges
    of the text, which map to the edges of the original.
    """

    original: str
    text: str
    repairs: tuple[Repair, ...]
    # per repair, its [start, end) in ``text`` and in ``original``; empty means identity
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _ends: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _orig_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _orig_ends: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts: list[int] = []
        ends: list[int] = []
        shift = 0
        for repair in self.repairs:
            starts.append(repair.span.start + shift)
            ends.append(starts[-1] + len(repair.fixed))
            shift += len(repair.fixed) - (repair.span.end - repair.span.start)
        object.__setattr__(self, "_starts", tuple(starts))
        object.__setattr__(self, "_ends", tuple(ends))
        object.__setattr__(self, "_orig_starts", tuple(r.span.start for r in self.repairs))
        object.__setattr__(self, "_orig_ends", tuple(r.span.end for r in self.repairs))

    def to_original(self, offset: int, *, is_end: bool = False) -> int:
        """Map a boundary in ``text`` to ``original``; ``is_end`` for end-exclusive offsets.

        Both rules are monotonic and agree everywhere except inside a replaced run and
        next to a deletion.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside the text (length {len(self.text)})")
        if not self._starts:
            return offset
        if offset == 0:
            return 0
        if offset == len(self.text):
            return len(self.original)
        # the last repair that starts before (end) or at (start) the offset
        i = (bisect_left if is_end else bisect_right)(self._starts, offset) - 1
        if i < 0:
            return offset
        if offset < self._ends[i]:
            return self._orig_ends[i] if is_end else self._orig_starts[i]
        return self._orig_ends[i] + offset - self._ends[i]

    def span_to_original(self, start: int, end: int) -> Offsets:
        """Map [start, end) in ``text`` to the original characters it was read from."""
        if start >= end:
            at = self.to_original(start)
            return Offsets(at, at)
        return Offsets(self.to_original(start), self.to_original(end, is_end=True))


def repair_text(text: str) -> RepairedText:
    """Fix mojibake line by line, recording one minimal ``Repair`` per damaged run."""
    if text.isascii():  # most articles: ASCII cannot be mojibake
        return RepairedText(text, text, ())
    repairs: list[Repair] = []
    pieces: list[str] = []
    for start, line in _pieces(text):
        fixed = line if line.isascii() else _fix_line(line)
        pieces.append(fixed)
        if fixed != line:
            repairs.extend(_align(line, fixed, start))
    if not repairs:
        return RepairedText(text, text, ())
    return RepairedText(text, "".join(pieces), tuple(repairs))


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece): the lines of ``text``, a line longer than ``_MAX_PIECE`` cut after
    a space. Mojibake is a few characters long, and the word alignment is quadratic in a
    piece's length: a 100,000-character line took 10 s whole."""
    for match in _LINE.finditer(text):
        start, end = match.start(), match.end()
        while end - start > _MAX_PIECE:
            cut = text.rfind(" ", start + _MAX_PIECE // 2, start + _MAX_PIECE) + 1
            cut = cut or start + _MAX_PIECE  # no space: cut anyway, between any characters
            yield start, text[start:cut]
            start = cut
        yield start, text[start:end]


def _fix_line(line: str) -> str:
    """The line as ftfy reads it, or the line itself when there is nothing to fix.

    A line that is fixed comes back NFC-composed throughout; the alignment records that too.
    """
    # ftfy misses decomposed mojibake ("A\u0303\x83" for "Ã\x83"): look at the NFC form
    candidate = unicodedata.normalize("NFC", line)
    if "Ã" in candidate or "Â" in candidate:
        candidate = _NFKC_DAMAGE.sub(lambda m: _NFKC_UNDO[m.group()], candidate)
        fixed = _drop_stray_a(ftfy.fix_text(candidate, _FTFY))
    else:
        fixed = ftfy.fix_text(candidate, _FTFY)
    return line if fixed == candidate else fixed


def _drop_stray_a(line: str) -> str:
    """Drop an "Â" before whitespace or the end, unless it ends a word in capitals."""

    def keep(match: re.Match[str]) -> str:
        return "Â" if line[match.start() - 1 : match.start()].isupper() else ""

    return _STRAY_A.sub(keep, line)


def _align(line: str, fixed: str, at: int) -> list[Repair]:
    """Minimal repairs turning ``line`` (at offset ``at`` in the text) into ``fixed``.

    Words first, then characters within the words that differ: a character diff of a
    whole long line is quadratic (4 s for 20,000 characters).
    """
    words, fixed_words = _WORD.findall(line), _WORD.findall(fixed)
    starts = list(accumulate((len(w) for w in words), initial=at))
    repairs: list[Repair] = []
    by_word = SequenceMatcher(None, words, fixed_words, autojunk=False)
    for tag, i1, i2, j1, j2 in by_word.get_opcodes():
        if tag == "equal":
            continue
        old, new = "".join(words[i1:i2]), "".join(fixed_words[j1:j2])
        chars = SequenceMatcher(None, old, new, autojunk=False)
        repairs.extend(
            Repair(Offsets(starts[i1] + k1, starts[i1] + k2), new[m1:m2])
            for op, k1, k2, m1, m2 in chars.get_opcodes()
            if op != "equal"
        )
    return repairs


def paragraphs(text: str) -> list[Offsets]:
    """Non-blank lines, trimmed: news text puts one paragraph per line."""
    found: list[Offsets] = []
    for match in _BREAK.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            found.append(Offsets(start, start + len(stripped)))
    return found


_MAX_HEADING_WORDS = 14
_QUOTES = "\"'“‘«"
_SENTENCE_END = re.compile(r"[.!?:;,…]['\"’”»)\]]*$")
_QUOTED_SENTENCE = re.compile(r"[.!?…]['\"’”»]+\s")  # a pull quote: “… president.” ― Name
_BYLINE = re.compile(r"(?i:by|from|photo|image|credit|source|updated|posted)\b")
_NOT_PROSE = re.compile(r"https?://|www\.|@\w|\||[a-z][A-Z]\w*[a-z][A-Z]")  # links, widgets


def find_headings(text: str) -> list[Offsets]:
    """Inline subheadings: short unpunctuated lines between paragraphs of prose.

    Not the first line (the headline, or the lede), nor the last ("Follow us on Twitter"),
    nor a byline or credit ("By Jane Doe", "Photo: …"), a link, a numeral, a pull quote,
    a run of short lines (a list), or a hard-wrapped line (the next starts in lowercase).
    """
    found = paragraphs(text)
    lines = [text[p.start : p.end] for p in found]
    return [
        found[i]
        for i in range(1, len(lines) - 1)
        if _is_heading(lines[i])
        and (i == 1 or _SENTENCE_END.search(lines[i - 1]) is not None)
        and not _is_heading(lines[i + 1])
        and not lines[i + 1][0].islower()
    ]


def _is_heading(line: str) -> bool:
    first = line[0]
    return (
        len(line.split()) <= _MAX_HEADING_WORDS
        and (first.isupper() or first.isdigit() or first in _QUOTES)
        and any(char.isalpha() for char in line)
        and _SENTENCE_END.search(line) is None
        and _QUOTED_SENTENCE.search(line) is None
        and _BYLINE.match(line) is None
        and _NOT_PROSE.search(line) is None
    )
