"""Explicit sourcing (``according to the Times, …``: the rest of the clause is the content),
hearsay adverbs (``the ship reportedly sank``) and cue nouns with a that-clause (``his claim
that …``, ``a pledge … to …``)."""

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


#: adverbs that say a clause is someone else's claim, no one named, with the confidence
#: their finds get: the general-news annotation marks 4 of 4 `reportedly` and 2 of 2
#: `allegedly`; PolNeAR train 19 of 29 and 2 of 12, and this rule's `reportedly` finds
#: match one of its attributions 11 times in 22, so ``polnear`` leaves them to the tagger
HEARSAY = {"reportedly": 0.6, "allegedly": 0.6}
#: a verb that is a cue at least this often reports by itself (`reportedly said`: 0.86)
REPORTS_ITSELF = 0.5
#: a relative word opening the clause is not what was claimed (`who reportedly fled`)
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
#: what opens a clause, set off by a comma, without being claimed (`In total, …`)
_ASIDE_DEPS = frozenset({"prep", "advcl", "advmod", "npadvmod", "intj"})


def _comma_after(token: Token) -> bool:
    after = token.right_edge.i + 1
    return after < len(token.doc) and token.doc[after].text == ","


def hearsay(doc: Doc, adverb: Token, lexicon: CueLexicon) -> Candidate | None:
    """`The ship reportedly sank off Crete.`, `charged for allegedly taking bribes`: the
    adverb is the cue, no source, and the clause of the verb it modifies, without the
    adverb, the content. Not when that verb reports by itself (`reportedly said`: the verb
    rule's find) or a sourcing phrase says whose claim it is (`according to …`), nor a
    clause with its relative word left out (`the call he reportedly made`: the claim is
    about `the call`, outside the clause)."""
    verb = adverb.head
    if adverb.dep_ != "advmod" or verb.pos_ not in {"VERB", "AUX"} or verb.i == adverb.i:
        return None
    if lexicon.verb_rate(verb.lemma_.lower()) >= REPORTS_ITSELF:
        return None
    if verb.dep_ == "relcl" and not any(
        t.tag_ in _RELATIVE_TAGS for t in verb.subtree if t.i < verb.i
    ):
        return None
    clause = clause_span(verb)
    if any(t.lower_ == "according" for t in clause):
        return None  # the sourcing phrase's find holds the clause
    start, end = clause.start, clause.end
    for child in verb.children:  # `In total, …` before it, `…, leaving …` after it
        if child.dep_ in _ASIDE_DEPS and _comma_after(child) and adverb.i != child.i < verb.i:
            start = max(start, child.right_edge.i + 2)
        elif child.dep_ == "advcl" and child.i > verb.i and doc[child.left_edge.i - 1].text == ",":
            end = min(end, child.left_edge.i - 1)
    while start < end and (doc[start].tag_ in _RELATIVE_TAGS or doc[start].dep_ == "cc"):
        start += 1
    if not start <= adverb.i < end:
        return None
    text = doc_text(doc)
    pieces = [
        stripped(text, doc[start].idx, adverb.idx),
        stripped(text, adverb.idx + len(adverb), doc[end - 1].idx + len(doc[end - 1])),
    ]
    pieces = [p for p in pieces if p[1] > p[0]]
    if not pieces:
        return None
    return Candidate(
        content=pieces,
        cue=[(adverb.idx, adverb.idx + len(adverb))],
        source=[],
        confidence=HEARSAY[adverb.lower_],
        rule="hearsay",
        cue_lemma=adverb.lower_,
    )


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
