"""After the rules: quotes no cue claimed join the split quote before them, a verb that
only borrowed a quote gives it up, and each content keeps one candidate."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from onrecord.pipeline.attribution import Candidate, Range, doc_text
from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote
from onrecord.pipeline.rules.phrases import has_subject
from onrecord.pipeline.rules.ranges import merge_ranges, overlaps, quote_words
from onrecord.pipeline.rules.verbs import medium_of


def attach_orphan_quotes(
    doc: Doc, quotes: list[Quote], quote_of: list[int], found: list[Candidate], lexicon: CueLexicon
) -> None:
    """A long quote no cue claimed: continue the split quote before it, in its paragraph."""
    claimed = {qi for c in found for qi in c.quote_ids}
    for qi, q in enumerate(quotes):
        if qi in claimed or quote_words(doc_text(doc), q) < 2:
            continue
        prev = _previous_in_paragraph(doc_text(doc), found, q)
        if prev is not None and prev.quote_ids:
            prev.content = merge_ranges([*prev.content, (q.start, q.end)], doc_text(doc))
            prev.quote_ids.add(qi)
            claimed.add(qi)


def _previous_in_paragraph(text: str, found: list[Candidate], q: Quote) -> Candidate | None:
    best: Candidate | None = None
    for c in found:
        end = max(e for _, e in c.content)
        is_near = end <= q.start and "\n" not in text[end : q.start] and q.start - end < 200
        if is_near and (best is None or end > max(e for _, e in best.content)):
            best = c
    return best


def _is_across_paragraphs(text: str, cand: Candidate) -> bool:
    return (
        bool(cand.cue) and "\n" in text[cand.cue[-1][1] : max(cand.cue[-1][1], cand.content[0][0])]
    )


def drop_borrowed_quotes(text: str, found: list[Candidate]) -> list[Candidate]:
    """A verb that only borrowed a sentence's quote loses it to a verb whose clause holds it,
    and a cue with no source inside another attribution's content is part of that content."""
    far = [c for c in found if _is_across_paragraphs(text, c)]  # `… in detail:` ¶ `“…,” she said`
    in_clauses = {
        qi for c in found if c.rule != "verb_quote" and c not in far for qi in c.quote_ids
    }
    kept = [c for c in found if c.rule != "verb_quote" or not (c.quote_ids & in_clauses)]
    near = {qi for c in kept if c not in far for qi in c.quote_ids}
    kept = [c for c in kept if c not in far or not (c.quote_ids & near)]
    return [c for c in kept if c.source or not _inside_other(c, kept)]


def _inside_other(cand: Candidate, found: list[Candidate]) -> bool:
    start, end = cand.cue[0][0], cand.content[-1][1]
    return any(
        other is not cand and any(s <= start and end <= e for s, e in other.content)
        for other in found
    )


def dedupe(found: list[Candidate]) -> list[Candidate]:
    """One candidate per content: the most confident."""
    best: dict[tuple[Range, ...], Candidate] = {}
    for c in found:
        key = tuple(c.content)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: c.content[0])


#: sentence openers that use a verb of saying and report nothing: "That said, the update
#: leaves older phones unprotected" is the writer's own turn
_DISCOURSE_MARKER = re.compile(
    r"(?:that said|having said that|that being said|that having been said|needless to say"
    r"|that is to say|so to speak),",
    re.IGNORECASE,
)


def is_discourse_marker(text: str, cand: Candidate) -> bool:
    """Whether ``cand``'s cue is the verb of a sentence opener like "That said,"."""
    if not cand.cue:
        return False
    start, end = cand.cue[0]
    opening = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    while opening < start and text[opening] in " \t\"“”'‘’":
        opening += 1
    marker = _DISCOURSE_MARKER.match(text, opening)
    return marker is not None and end <= marker.end()


#: where an inverted credit's name ends: `“…,” says Early.`, `said Ruiz, who …`
_NAME_END = frozenset({".", ",", ";", ":", "!", "?"})


def fill_inverted_source(doc: Doc, cand: Candidate) -> None:
    """`“Streaming is binary,” says Early.`: a quote's credit with no source found, where the
    words between the verb and the sentence's end are a capitalised name (the parser may
    read `Early` as an adverb), takes that name as the source."""
    if cand.source or not cand.cue:
        return
    text = doc_text(doc)
    cue_end = cand.cue[-1][1]
    before = text[: cand.cue[0][0]].rstrip()
    if not before.endswith(("”", '"', "’", "'", ",", "—")):
        return  # a credit follows its quote
    span = doc.char_span(cue_end, cue_end, alignment_mode="expand")
    first = len(doc) if span is None else span.end
    first = next((t.i for t in doc[first:] if not t.is_space), len(doc))
    if not cand.quote_ids:
        _fill_inverted_phrase(doc, cand, first)
        return
    end = first
    while end < len(doc) and end - first < 4 and doc[end].text[:1].isupper():
        end += 1
    if end == first or end >= len(doc) or doc[end].text not in _NAME_END:
        return
    if any(t.is_stop or t.like_num or t.ent_type_ in {"DATE", "TIME"} for t in doc[first:end]):
        return
    cand.source = [(doc[first].idx, doc[end - 1].idx + len(doc[end - 1]))]
    cand.source_root = end - 1


#: where the name after an inverted cue ends: `…, said the company's chair Ana Ruiz in
#: an email`
_PHRASE_END = frozenset({"in", "on", "at", "during", "after", "before", "while", "when"})
_PHRASE_STOP = _PHRASE_END | {"that", "who"}  # and where a clause of its own starts


def _fill_inverted_phrase(doc: Doc, cand: Candidate, first: int) -> None:
    """`…, said The Harbour Trust's newly named chair Ana Ruiz in an email`: an unquoted
    content's credit after it, up to a comma, a sentence end or a preposition of where and
    when, is its source when it ends in a name (the parser may hang it on a verb of its
    own)."""
    end = first
    while end < len(doc) and end - first < 12:
        token = doc[end]
        if token.is_punct or token.is_space or token.lower_ in _PHRASE_STOP:
            break
        end += 1
    if end == first or end >= len(doc) or doc[end - 1].pos_ != "PROPN":
        return
    if doc[end].text not in {",", ".", ";"} and doc[end].lower_ not in _PHRASE_END:
        return
    start, stop = doc[first].idx, doc[end - 1].idx + len(doc[end - 1])
    overlapping = [(s, e) for s, e in cand.content if s < stop and start < e]
    if any(s < start or stop < e for s, e in overlapping) or len(overlapping) == len(cand.content):
        return  # the phrase is said, not who said it
    # the tagger may take the misparsed name for a second piece of what was said
    cand.content = [p for p in cand.content if p not in overlapping]
    cand.source, cand.source_root = [(start, stop)], end - 1


_QUOTE_MARKS = "\"'“”‘’`"
_MARKS = f"[{_QUOTE_MARKS}]*"
#: between a parenthetical credit and the content it interrupts: `, “`, `, and ''`
_AFTER_CREDIT = re.compile(rf"\s*,\s*{_MARKS}\s*(?:and\s+{_MARKS})?")
#: the end of a sentence's opening words set off by a comma before the credit
_BEFORE_CREDIT = re.compile(
    rf"(?:(?:and|but|yet|so|or)\s+)?(?P<piece>.*?\w{_MARKS}?),?\s*{_MARKS}\s*$",
    re.DOTALL | re.IGNORECASE,
)


def add_fronted_content(doc: Doc, cand: Candidate, found: list[Candidate]) -> None:
    """`“Hopefully,” the president said, “this museum …”`, `In law school, she said,
    professors …`: a credit set off by commas inside its sentence interrupts the content,
    which starts at the sentence's start; that opening becomes the content's first piece
    unless another attribution holds it."""
    if not cand.content or not cand.cue:
        return
    credit = cand.source + cand.cue
    lead, tail = min(s for s, _ in credit), max(e for _, e in credit)
    first = cand.content[0][0]
    text = doc_text(doc)
    if first < tail or not _AFTER_CREDIT.fullmatch(text, tail, first):
        return
    going_on = text[first : cand.content[0][1]].lstrip(_QUOTE_MARKS + " ")
    if not going_on[:1].islower():
        return  # `As the phone rang, she said, “It’s …”`: a quote of its own starts
    span = doc.char_span(lead, tail, alignment_mode="expand")
    if span is None:
        return
    opening = span[0].sent.start_char
    before = text[opening:lead]
    if not before.rstrip(" " + _QUOTE_MARKS).endswith(","):
        return  # `On Tuesday the mayor said, …`: no comma sets the credit off
    match = _BEFORE_CREDIT.fullmatch(before)
    if match is None:
        return
    piece_end = match.end("piece")
    if before.rstrip()[-1:] in _QUOTE_MARKS:  # a quotation keeps its marks: `“Hopefully,”`
        piece_end = len(before.rstrip())
    piece = (opening + match.start("piece"), opening + piece_end)
    for other in found:
        if other is not cand and any(
            s < piece[1] and piece[0] < e for s, e in other.content + other.cue + other.source
        ):
            return
    cand.content.insert(0, piece)


def add_medium_to_cue(doc: Doc, cand: Candidate) -> None:
    """`said in an interview`, `wrote in her letter`: where it was said, right after the
    verb, is part of the cue in both annotations (general news 11 of 11, PolNeAR train 106
    with `in`); the tagger often stops at the verb. Not `on` (`said on Twitter`: PolNeAR
    splits, 26 in and 6 out on train, and dev lost 0.1 cue_exact with it)."""
    if not cand.cue:
        return
    start, end = cand.cue[-1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return
    prep = doc[span.end]
    if prep.dep_ != "prep" or prep.lower_ != "in" or prep.head.i not in range(span.start, span.end):
        return
    medium = medium_of(prep)
    if medium is None:
        return
    medium_end = medium.idx + len(medium)
    if any(s < medium_end and prep.idx < e for s, e in cand.content):
        return
    cand.cue[-1] = (start, medium_end)


def own_subject_of_conjunct(doc: Doc, cand: Candidate) -> None:
    """`The Pentagon rejected the claims, and analysts told Polygraph.info …`: a cue verb
    in a clause of its own, joined to the one before with its own subject, is said by that
    subject; the tagger may take the first clause's."""
    if not cand.cue or not cand.source:
        return
    span = doc.char_span(cand.cue[0][0], cand.cue[-1][1], alignment_mode="expand")
    verb = next((t for t in reversed(span or ()) if t.pos_ == "VERB"), None)
    if verb is None or verb.dep_ != "conj" or not has_subject(verb.head):
        return
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return
    theirs = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if theirs is None or not overlaps((theirs.idx, theirs.idx + len(theirs)), cand.source):
        return
    own = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
    if not overlaps(own, cand.content):
        cand.source, cand.source_root, cand.named_source = [own], subject.i, None


def add_relative_object(doc: Doc, cand: Candidate) -> None:
    """`the tax cut, which she plans to pay for …`, `which Apple views as “a fundamental
    human right”`: the relative word right before the source stands for what was said, so
    it is the content's first piece (PolNeAR train: 65 of 74 such `which`, 49 of 65 `what`;
    after a preposition, `in which`, it is not: 7 of 51)."""
    if not cand.source or not cand.content:
        return
    before = doc.char_span(cand.source[0][0], cand.source[0][1], alignment_mode="expand")
    if before is None or before.start == 0:
        return
    word = doc[before.start - 1]
    if word.lower_ not in {"which", "what"} or word.i == 0 or doc[word.i - 1].pos_ == "ADP":
        return
    if cand.content[0][0] <= word.idx:
        return
    cand.content.insert(0, (word.idx, word.idx + len(word)))


_WORD = re.compile(r"\w+")


def join_close_pieces(text: str, cand: Candidate, found: list[Candidate]) -> None:
    """`how the system is rigged,” and “wounded American families”`: pieces of one content
    at most two words apart, with no cue or source of any find and no paragraph break
    between them, are one piece (PolNeAR train splits a content there 25 times in 19,880,
    the general-news gold once in 539)."""
    if len(cand.content) < 2:
        return
    taken = [r for c in found for r in (*c.cue, *c.source)]
    pieces = sorted(cand.content)
    joined = [pieces[0]]
    for start, end in pieces[1:]:
        gap_start = joined[-1][1]
        gap = text[gap_start:start]
        is_close = len(_WORD.findall(gap)) <= 2 and "\n" not in gap
        if is_close and not any(s < start and gap_start < e for s, e in taken):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    cand.content = joined
