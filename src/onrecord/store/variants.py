"""The same quote in other words: grouping near-duplicates, and showing how they differ.

Fact-checkers look for one quote altered by another outlet ("We will not retreat" /
"We shall not retreat"). At ingest each quote joins a group of near-duplicates, so a trace
is a lookup, not a scan of the corpus:

- ``search_text`` normalises wording for matching (case, accents, punctuation, spacing);
- ``band_keys`` are MinHash LSH bands over word trigrams: two quotes that share most
  trigrams share a band with high probability (Jaccard 0.7: ~89%, 0.3: ~6%), so the
  candidates for a new quote are the groups with one of its band keys;
- a candidate joins only if ``is_variant`` (rapidfuzz, >= ``VARIANT_SIMILARITY``);
- ``word_diff`` shows the wording of a variant against the earliest one.

Pure functions; the store keeps the band keys in a table.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from typing import Literal

import numpy as np
from rapidfuzz import fuzz

__all__ = [
    "BANDS",
    "MIN_WORDS",
    "VARIANT_SIMILARITY",
    "DiffOp",
    "band_keys",
    "is_variant",
    "search_text",
    "word_diff",
    "word_keys",
]

#: LSH bands and rows per band: 8 x 4 = 32 MinHash values per quote
BANDS, ROWS = 8, 4
#: quotes shorter than this (in words) group only with the same words exactly
MIN_WORDS = 5
#: how alike (0-100, rapidfuzz ratio of the search texts) two quotes must be to be variants
VARIANT_SIMILARITY = 85.0

_WORD = re.compile(r"\w+")
_rng = np.random.default_rng(20221)  # fixed: band keys are stored, so they must not change
_MASKS = _rng.integers(0, 2**63, size=BANDS * ROWS, dtype=np.uint64)
_ODDS = _rng.integers(0, 2**63, size=BANDS * ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_INT64 = 2**63

DiffOp = tuple[Literal["same", "removed", "added"], str]


def search_text(text: str) -> str:
    """Words only, lower case, no accents: ``"Don’t  PANIC!"`` -> ``"don t panic"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_WORD.findall(plain))


def band_keys(normalised: str) -> list[int]:
    """The LSH band keys of a ``search_text``: one per band, or one for a short quote."""
    words = normalised.split()
    if len(words) < MIN_WORDS:
        return [_hash64(f"short:{normalised}")]
    shingles = {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}
    hashes = np.fromiter((_hash64(s) for s in shingles), dtype=np.int64, count=len(shingles))
    with np.errstate(over="ignore"):  # multiplication mod 2**64 is the point
        mixed = (hashes.astype(np.uint64)[:, None] ^ _MASKS) * _ODDS
    minima = mixed.min(axis=0).reshape(BANDS, ROWS)
    return [_hash64(f"{band}:" + ",".join(map(str, row))) for band, row in enumerate(minima)]


def word_keys(normalised: str) -> list[int]:
    """The distinct words of a ``search_text`` as stable 32-bit keys (quote_words.word)."""
    return sorted({_hash32(w) for w in normalised.split()})


def is_variant(a: str, b: str) -> bool:
    """Whether two ``search_text``s are one quote in slightly different words."""
    if a == b:
        return True
    if min(len(a.split()), len(b.split())) < MIN_WORDS:
        return False
    return fuzz.ratio(a, b) >= VARIANT_SIMILARITY


def word_diff(base: str, other: str) -> list[DiffOp]:
    """``other``'s wording against ``base``, word by word (punctuation and case ignored)."""
    old, new = base.split(), other.split()
    ops: list[DiffOp] = []
    matcher = difflib.SequenceMatcher(a=[_fold(w) for w in old], b=[_fold(w) for w in new])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("same", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            ops.append(("added", " ".join(new[j1:j2])))
    return ops


def render_diff(ops: list[DiffOp]) -> str:
    """A diff as one line, git's word-diff style: ``we [-will-] {+shall+} not retreat``."""
    marks = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return " ".join(marks[op].format(words) for op, words in ops)


def _fold(word: str) -> str:
    return search_text(word)


def _hash32(text: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=4).digest(), "big", signed=True
    )


def _hash64(text: str) -> int:
    """A stable signed 64-bit hash (Python's ``hash`` changes from run to run)."""
    value = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
    return value - 2**64 if value >= _INT64 else value
