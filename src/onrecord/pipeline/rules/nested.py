"""Reports inside a quotation: `“Specifically, the ambassador confirmed under oath that he
had no indication of it,” she said.` The speaker passes on what another maker said,
found or thought; the news convention marks it as an attribution of its own (nested in
the quote's, ``via``), PolNeAR's does not. The speaker's own `I think`, `we said`, `you
know` are their words, not a report, and are never marked.

Only clause reports are read here (a reporting verb with its that-clause, or a verb and the
inner quotation it opens): inside a quotation the quote rules would take the speaker's own
quote for the content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline.attribution import Candidate, doc_text
from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote
from onrecord.pipeline.rules.phrases import clause_span, noun_phrase, quote_index
from onrecord.pipeline.rules.ranges import stripped
from onrecord.pipeline.rules.verbs import chain_top, cue_span

#: a verb reports inside a quotation from this share of its uses as a cue on (think: .14)
NESTED_RATE = 0.1
#: fewer words than this in a quotation: a phrase or a term, not a speaker talking
_MIN_WORDS = 8
#: subjects that are the speaker, the listener or nobody in particular, not a maker:
#: `I think`, `you know`, `people forget that …`
_OWN = frozenset(
    "i we me us you one it this that there people everyone everybody anyone anybody "
    "someone somebody nobody folks".split()
)
_OWN_POSSESSIVES = frozenset({"my", "our", "your"})
_SUBJECTS = {"nsubj", "nsubjpass"}
_RELATIVE = frozenset({"who", "that", "which"})


def reports_in_quotes(doc: Doc, quotes: list[Quote], lexicon: CueLexicon) -> list[Candidate]:
    """Candidates for the reports inside ``doc``'s closed quotations."""
    outer = [q for q in quotes if q.depth == 0]
    quote_of = quote_index(doc, outer)
    inner = [q for q in quotes if q.depth == 1]
    found: list[Candidate] = []
    for verb in doc:
        qi = quote_of[verb.i]
        if qi < 0 or not outer[qi].is_closed or verb.pos_ != "VERB":
            continue
        rate = lexicon.verb_rate(verb.lemma_.lower())
        if rate < NESTED_RATE or _words(doc, outer[qi]) < _MIN_WORDS:
            continue
        cand = _report(doc, verb, outer[qi], inner, quote_of, qi)
        if cand is not None:
            cand.confidence = min(0.9, 0.5 + 0.4 * rate)
            found.append(cand)
    return found


def _report(
    doc: Doc, verb: Token, quote: Quote, inner: list[Quote], quote_of: list[int], qi: int
) -> Candidate | None:
    top = chain_top(verb)
    subject = _subject(top)
    if subject is None or quote_of[subject.start] != qi or _is_own(subject):
        return None
    content = _content(doc, verb, quote, inner, quote_of, qi)
    if content is None:
        return None
    return Candidate(
        content=[content],
        cue=[cue_span(doc, top, verb)],
        source=[(subject.start_char, subject.end_char)],
        confidence=0.0,
        rule="verb",
        source_root=subject.root.i,
        cue_lemma=verb.lemma_.lower(),
    )


def _is_own(subject: Span) -> bool:
    """`I`, `we`, `you`, `people`, or `my statements`, `our report`: the speaker's own."""
    root = subject.root
    return root.lower_ in _OWN or any(
        c.dep_ == "poss" and c.lower_ in _OWN_POSSESSIVES for c in root.children
    )


def _subject(top: Token) -> Span | None:
    """The maker: the verb's subject, or what a relative pronoun stands for (`the
    coalition forces, who have said …`, `some research that showed …`)."""
    subject = next((c for c in top.children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        return None
    if subject.lower_ in _RELATIVE and top.dep_ == "relcl":
        return noun_phrase(top.head)
    if subject.tag_ in {"WP", "WDT"}:
        return None
    return noun_phrase(subject)


def _content(
    doc: Doc, verb: Token, quote: Quote, inner: list[Quote], quote_of: list[int], qi: int
) -> tuple[int, int] | None:
    """The verb's that-clause within the quotation, or the inner quotation right after it
    (`they might think, ‘Why are they putting it here?’`)."""
    after = [q for q in inner if quote.start < q.start and 0 <= q.start - _end(verb) <= 3]
    if after:
        return after[0].start, after[0].end
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None:
        return None
    span = clause_span(clause)
    if any(quote_of[t.i] != qi for t in span):
        return None
    text = doc_text(doc)
    end = min(span.end_char, quote.inner[1])  # never the closing mark of the quotation
    start, end = stripped(text, span.start_char, end)
    return (start, end) if start < end else None


def _end(token: Token) -> int:
    return token.idx + len(token)


def _words(doc: Doc, quote: Quote) -> int:
    return len(doc_text(doc)[quote.start : quote.end].split())
