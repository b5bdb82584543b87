"""Rules over the dependency parse: cue words, their sources and their contents.

``find_attributions`` reads one parsed Doc and returns candidates with character offsets
into ``doc_text(doc)``. Three rule families, most precise first:

- reporting verbs (``said``, ``was quick to add``, ``was quoted as telling``): the verb's
  subject is the source, its clausal complement or the quote next to it the content;
- explicit sourcing (``according to the Times, …``): the rest of the clause is the content;
  a hearsay adverb (``the ship reportedly sank``) likewise, with no source;
- cue nouns with a that-clause (``his claim that …``, ``a pledge … to …``).

Quotes that no rule reached get a last chance with the nearest cue in their paragraph.
Everything here is pure: a Doc in, Candidates out, so a trained stage can replace any rule.
"""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.pipeline.attribution import Candidate, Scorer, doc_text
from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote
from onrecord.pipeline.rules.cleanup import attach_orphan_quotes, dedupe, drop_borrowed_quotes
from onrecord.pipeline.rules.phrases import quote_index
from onrecord.pipeline.rules.punctuation import punctuation_cues, transcript_lines
from onrecord.pipeline.rules.sourcing import (
    HEARSAY,
    NOUN_RATE,
    according_to,
    hearsay,
    in_the_words_of,
    is_in_the_words_of,
    noun_cue,
)
from onrecord.pipeline.rules.verbs import VERB_RATE, is_so_called, verb_cue


def find_attributions(
    doc: Doc, quotes: list[Quote], lexicon: CueLexicon, scorer: Scorer | None = None
) -> list[Candidate]:
    """All candidate attributions in ``doc``; ``quotes`` are offsets into ``doc_text(doc)``.

    With a ``scorer`` (learned on PolNeAR train) each candidate gets its probability of
    being right as confidence and the unlikely ones are dropped; without one, every
    candidate is kept (that is how the scorer is trained).
    """
    outer = [q for q in quotes if q.depth == 0]
    quote_of = quote_index(doc, outer)
    found: list[Candidate] = []
    unscored: list[Candidate] = []  # rules the scorer never learned: their own confidence
    for token in doc:
        if quote_of[token.i] >= 0 and outer[quote_of[token.i]].is_closed:
            continue  # a word inside a quote belongs to the quoted speaker
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            cand = according_to(doc, token)
        elif token.lower_ == "in" and is_in_the_words_of(doc, token):
            cand = in_the_words_of(doc, token, outer)
        elif token.lower_ in HEARSAY:
            if (claim := hearsay(doc, token, lexicon)) is not None:
                unscored.append(claim)
            continue
        elif is_so_called(token):
            continue
        elif (token.pos_ == "VERB" and lexicon.verb_rate(token.lemma_.lower()) >= VERB_RATE) or (
            token.pos_ == "ADJ"
            and token.dep_ == "acomp"
            and any(c.dep_ == "ccomp" for c in token.children)
        ):
            cand = verb_cue(doc, token, outer, quote_of, lexicon)
        elif token.pos_ == "NOUN" and lexicon.noun_rate(token.lemma_.lower()) >= NOUN_RATE:
            cand = noun_cue(doc, token, lexicon)
        else:
            continue
        if cand is not None:
            found.append(cand)
    found.extend(punctuation_cues(doc, outer, quote_of, found, lexicon))
    found.extend(transcript_lines(doc))
    if scorer is not None:
        found = scorer.score(doc, found)
    found.extend(unscored)
    found = drop_borrowed_quotes(doc_text(doc), found)
    attach_orphan_quotes(doc, outer, quote_of, found, lexicon)
    return dedupe(found)
