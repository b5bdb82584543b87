"""Explicit sourcing (``according to the Times, …``: the rest of the clause is the content)
and cue nouns with a that-clause (``his claim that …``, ``a pledge … to …``)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline.attribution import Candidate, Range, doc_text
from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote
from onrecord.pipeline.rules.phrases import (
    clause_span,
    cut_aside,
    deepest_right,
    noun_phrase,
    starts_clause,
)
from onrecord.pipeline.rules.ranges import stripped

NOUN_RATE = 0.1


_SPEECH_NOUN_DEPS = {"acl", "ccomp", "relcl"}


def according_to(doc: Doc, according: Token) -> Candidate | None:
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = noun_phrase(objects[0])
    pp_end = max(source.end, objects[0].right_edge.i + 1)
    end = doc[pp_end].idx if pp_end < len(doc) else len(doc_text(doc))
    pieces = _sentence_around(doc, according.sent, according.idx, end)
    if not pieces:
        return None
    return Candidate(
        content=pieces,
        cue=[(according.idx, to.idx + len(to))],
        source=[(source.start_char, source.end_char)],
        confidence=0.85,
        rule="according_to",
        source_root=source.root.i,
        cue_lemma="according",
    )


def _sentence_around(doc: Doc, sent: Span, start: int, end: int) -> list[Range]:
    """The rest of ``sent`` before and after a sourcing phrase at [start, end): the
    content of `The plan failed, according to X.` and `According to X, the plan failed.`"""
    text = doc_text(doc)
    pieces = [stripped(text, sent.start_char, start), stripped(text, end, sent.end_char)]
    return [p for p in pieces if p[1] - p[0] > 1]


def is_in_the_words_of(doc: Doc, token: Token) -> bool:
    """``token`` opens `in the words of`."""
    words = [t.lower_ for t in doc[token.i : token.i + 4]]
    return words == ["in", "the", "words", "of"]


def in_the_words_of(doc: Doc, opening: Token, quotes: list[Quote]) -> Candidate | None:
    """`Here is how bad it got, in the words of the patient: “…”`, `In the words of one
    fan, the stadium is a cathedral`: sourcing like `according to`. Before a colon the
    content is what follows it (the quotation, however many sentences it runs), else the
    rest of the sentence."""
    of = doc[opening.i + 3]
    objects = [c for c in of.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = noun_phrase(objects[0])
    text = doc_text(doc)
    after = source.end_char
    rest = text[after : after + 3].lstrip()
    if rest.startswith(":"):
        colon = text.index(":", after)
        quote = next((q for q in quotes if 0 <= q.start - colon <= 3), None)
        if quote is None:
            return None
        pieces = [(quote.start, quote.end)]
    else:
        pieces = _sentence_around(doc, opening.sent, opening.idx, after)
    if not pieces:
        return None
    return Candidate(
        content=pieces,
        cue=[(opening.idx, of.idx + len(of))],
        source=[(source.start_char, source.end_char)],
        confidence=0.8,
        rule="according_to",
        source_root=source.root.i,
        quote_ids=set(),
        cue_lemma="words",
    )


def noun_cue(doc: Doc, noun: Token, lexicon: CueLexicon) -> Candidate | None:
    clause = next(
        (c for c in noun.children if c.dep_ in _SPEECH_NOUN_DEPS and starts_clause(c)), None
    )
    if clause is None:
        return None
    span = cut_aside(clause_span(clause), deepest_right(clause))
    source: Span | None = None
    for child in noun.children:
        if child.dep_ == "poss":
            source = noun_phrase(child)
        elif child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                source = noun_phrase(objects[0])
    rate = lexicon.noun_rate(noun.lemma_.lower())
    return Candidate(
        content=[(span.start_char, span.end_char)],
        cue=[(noun.idx, noun.idx + len(noun))],
        source=[(source.start_char, source.end_char)] if source is not None else [],
        confidence=min(0.8, 0.3 + 0.5 * rate),
        rule="noun",
        source_root=source.root.i if source is not None else None,
        cue_lemma=noun.lemma_.lower(),
    )
