"""The shared vocabulary of attribution finding: a ``Candidate`` (one attribution found in
one Doc, before speakers are resolved), the character ``Range`` its parts are made of, the
names of the rules that find them, and the ``Scorer`` that keeps the likely ones. The rules
themselves are in ``pipeline/rules/``; the trained tagger (``tagger/``) makes Candidates too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from spacy.tokens import Doc

Range = tuple[int, int]  # [start, end) character offsets into doc_text(doc)

#: what found a candidate: a reporting verb with its clause (``verb``), the quote beside it
#: (``verb_quote``), what follows its colon, its object or preposition, a parenthetical
#: ``X, he said, Y``; ``according to``; a cue noun; a dash credit or a colon before a quote;
#: a transcript line; the trained tagger (``model``). A typo here is a type error.
RuleName = Literal[
    "verb",
    "verb_quote",
    "verb_colon",
    "verb_object",
    "verb_prep",
    "verb_parenthetical",
    "according_to",
    "hearsay",
    "noun",
    "dash",
    "colon",
    "transcript",
    "model",
]


@dataclass(slots=True)
class Candidate:
    """One attribution found in one Doc, before speakers are resolved."""

    content: list[Range]
    cue: list[Range]
    source: list[Range]
    confidence: float
    rule: RuleName
    source_root: int | None = None  # token index of the source's head, for speaker resolution
    quote_ids: set[int] = field(default_factory=set)  # quotes this content holds
    cue_lemma: str = ""
    #: how likely the resolved speaker (or "no one") is right; set by pipeline/speakers.py
    speaker_confidence: float | None = None
    #: the source as the record writes it, where that is shorter than what the speaker is
    #: resolved from ("Jane Doe" of "Jane Doe, the CEO,"; pipeline/conventions.py)
    named_source: list[Range] | None = None

    @property
    def key(self) -> str:
        """The cue word and rule: the scorer's most telling feature."""
        return f"{self.cue_lemma}/{self.rule}"


_text_cache: list[tuple[Doc, str]] = []


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token anew on each access."""
    if _text_cache and _text_cache[0][0] is doc:
        return _text_cache[0][1]
    _text_cache[:] = [(doc, doc.text)]
    return _text_cache[0][1]


class Scorer(Protocol):
    """Decides which candidates to keep and how confident to be (pipeline/scoring.py)."""

    def score(self, doc: Doc, found: list[Candidate]) -> list[Candidate]: ...
