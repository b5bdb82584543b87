"""Cues that are only punctuation: ``“…” ― Jane Doe`` credits, ``Jane Doe: “…”`` quotes
and transcript lines (``WALLACE: Let's start …``)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from onrecord.pipeline.attribution import Candidate, doc_text
from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote
from onrecord.pipeline.rules.phrases import noun_phrase, subject_phrase
from onrecord.pipeline.rules.ranges import quote_words, stripped

_DASHES = "―—–"


def punctuation_cues(
    doc: Doc,
    quotes: list[Quote],
    quote_of: list[int],
    found: list[Candidate],
    lexicon: CueLexicon,
) -> list[Candidate]:
    """`“…” ― Jane Doe` credits and `Jane Doe: “…”` quotes, where a mark is the only cue,
    and `As he put it, “…”`, where the verb has no object but the quote after the comma."""
    claimed = {qi for c in found for qi in c.quote_ids}
    text = doc_text(doc)
    out: list[Candidate] = []
    for qi, q in enumerate(quotes):
        if qi in claimed or quote_words(text, q) < 3:
            continue
        cand = (
            _dash_credit(doc, q, qi)
            or _colon_intro(doc, q, qi, quote_of)
            or _as_they_put_it(doc, q, qi, lexicon)
        )
        if cand is not None:
            out.append(cand)
    return out


_SPEAKER_LABEL = re.compile(r"^[\"“]?([A-Z][A-Z.'’ -]{1,30}[A-Z.]):[ \t]+(\S[^\n]*)", re.MULTILINE)


def transcript_lines(doc: Doc) -> list[Candidate]:
    """`WALLACE: Let's start …` — a transcript line: the label speaks the rest of the line."""
    out: list[Candidate] = []
    for m in _SPEAKER_LABEL.finditer(doc_text(doc)):
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if name is None or len(name) == 0:
            continue
        content = stripped(doc_text(doc), m.start(2), m.end(2))
        out.append(
            Candidate(
                content=[content],
                cue=[(m.end(1), m.end(1) + 1)],
                source=[(m.start(1), m.end(1))],
                confidence=0.7,
                rule="transcript",
                source_root=name.root.i,
                cue_lemma=":",
            )
        )
    return out


def _dash_credit(doc: Doc, q: Quote, qi: int) -> Candidate | None:
    text = doc_text(doc)
    i = q.end
    while i < len(text) and text[i].isspace() and text[i] != "\n":
        i += 1
    if i >= len(text) or text[i] not in _DASHES:
        return None
    line_end = text.find("\n", i)
    line_end = len(text) if line_end < 0 else line_end
    name = stripped(text, i + 1, line_end)
    cut = min(
        (text.find(c, name[0], name[1]) for c in ",.(" if text.find(c, name[0], name[1]) > 0),
        default=name[1],
    )
    name = stripped(text, name[0], cut)
    span = doc.char_span(name[0], name[1], alignment_mode="expand")
    if span is None or not 0 < len(span) <= 6 or not any(t.pos_ == "PROPN" for t in span):
        return None
    return Candidate(
        content=[(q.start, q.end)],
        cue=[(i, i + 1)],
        source=[name],
        confidence=0.6,
        rule="dash",
        source_root=span.root.i,
        quote_ids={qi},
        cue_lemma="―",
    )


def _mark_before(text: str, q: Quote) -> int:
    """Where the last character before ``q`` on its line is (spaces skipped), or -1."""
    i = q.start - 1
    while i >= 0 and text[i].isspace() and text[i] != "\n":
        i -= 1
    return i


def _colon_intro(doc: Doc, q: Quote, qi: int, quote_of: list[int]) -> Candidate | None:
    text = doc_text(doc)
    i = _mark_before(text, q)
    if i < 0 or text[i] != ":":
        return None
    colon = doc.char_span(i, i + 1, alignment_mode="expand")
    if colon is None:
        return None
    sent = colon[0].sent
    before = doc[sent.start : colon.start]
    if len(before) == 0 or any(quote_of[t.i] >= 0 for t in before):
        return None
    if len(before) <= 6 and any(t.pos_ == "PROPN" for t in before):
        subject: Span | None = before
    else:
        # the clause before the colon: its word whose head lies outside it
        tops = [t for t in before if t.head.i == t.i or not (before.start <= t.head.i < before.end)]
        main = next((t for t in tops if t.pos_ in {"VERB", "AUX"}), None)
        subject = subject_phrase(main) if main is not None else None
    if subject is None:
        return None
    source = noun_phrase(subject.root) if subject is not before else before
    return Candidate(
        content=[(q.start, q.end)],
        cue=[(i, i + 1)],
        source=[(source.start_char, source.end_char)],
        confidence=0.6,
        rule="colon",
        source_root=source.root.i,
        quote_ids={qi},
        cue_lemma=":",
    )


#: `As he <verb>, “…”`: a verb that mostly reports (`explained`, `recalled`), or one of the
#: few that report only in this opener; `As he walked in, “…”` sets a scene
AS_PUT_RATE = 0.3
_AS_PUT_VERBS = frozenset({"put", "relate", "recount"})


def _as_they_put_it(doc: Doc, q: Quote, qi: int, lexicon: CueLexicon) -> Candidate | None:
    """`As he related, “the course of steroids …”`, `As Ruiz put it, “…”`: the clause of
    manner before the comma credits the quote after it."""
    text = doc_text(doc)
    i = _mark_before(text, q)
    if i < 1 or text[i] != ",":
        return None
    before = doc.char_span(i - 1, i, alignment_mode="expand")
    if before is None:
        return None
    verb = before[-1]
    if verb.lower_ == "it" and verb.dep_ == "dobj":
        verb = verb.head
    marks = [c for c in verb.children if c.dep_ == "mark"]
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    lemma = verb.lemma_.lower()
    if (
        verb.pos_ != "VERB"
        or verb.dep_ != "advcl"
        or [m.lower_ for m in marks] != ["as"]
        or not subjects
        or not (lexicon.verb_rate(lemma) >= AS_PUT_RATE or lemma in _AS_PUT_VERBS)
    ):
        return None
    source = noun_phrase(subjects[0])
    return Candidate(
        content=[(q.start, q.end)],
        cue=[(verb.idx, before[-1].idx + len(before[-1]))],
        source=[(source.start_char, source.end_char)],
        confidence=0.6,
        rule="verb_quote",
        source_root=source.root.i,
        quote_ids={qi},
        cue_lemma=lemma,
    )
