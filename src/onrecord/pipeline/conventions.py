"""What counts as an attribution, and how much of the sentence its source is: two
conventions, chosen by ``Settings.convention``.

- ``news`` (the default) follows how newsrooms and fact-checkers read attribution (the
  general-news annotation in ``../shared/data/aeb/ANNOTATE.md``): the source is the name
  as written, without an appositive or relative clause set off by commas ("Jane Doe, the
  CEO," is "Jane Doe"), and pure actions with no words reported are not attributions
  ("approved a budget", "declined to comment", "launched a product").
- ``polnear`` keeps PolNeAR's wider reading, on which the tagger and the scorer were
  trained: sources with their appositives ("Kenneth Baer, a former Obama administration
  official who runs Crosscut") and actions of stance ("decided", "agreed", "offered").
  Use it to compare with PolNeAR, or to study stance rather than speech.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline.attribution import Candidate

Convention = Literal["news", "polnear"]
CONVENTIONS: tuple[Convention, ...] = ("news", "polnear")

#: cue lemmas that name a deed, not words or thoughts: what follows them is what was done
#: ("declined to comment", "agreed to a rescue", "released the footage"), so under the news
#: convention they report nothing. Speech and stance verbs are never here ("said",
#: "denied", "accused", "praised", "attacked").
ACTIONS = frozenset(
    "decline offer decide agree release launch share track allow unveil refer seek post "
    "prescribe devote attempt sign approve hire fire adopt impose withdraw restrict order "
    "sentence vote fund build buy sell invest donate".split()
)

#: what may follow the comma that ends a source under the news convention
_ASIDES = frozenset({"appos", "relcl", "acl"})


def apply_convention(doc: Doc, found: list[Candidate], convention: Convention) -> list[Candidate]:
    """``found`` as ``convention`` reads it; offsets stay offsets into ``doc``'s text."""
    if convention == "polnear":
        return found
    kept = [c for c in found if c.cue_lemma not in ACTIONS]
    for cand in kept:
        if cand.source:
            # the speaker is still resolved from the whole phrase ("Jeff Sanborn, president
            # of Chapter & Verse"); the record gets the name
            named = name_only(doc, cand.source[0], cand.source_root)
            if named != cand.source[0]:
                cand.named_source = [named, *cand.source[1:]]
    return kept


def name_only(doc: Doc, piece: tuple[int, int], root: int | None) -> tuple[int, int]:
    """The source ``piece`` without an aside set off by a comma after its head: "Dana
    Reyes, an associate professor of physics at Ridgeway," is "Dana Reyes"."""
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    if span is None or len(span) < 3:
        return piece
    head = doc[root] if root is not None and span.start <= root < span.end else span.root
    if head.pos_ != "PROPN":
        return piece  # "The chief negotiator, Anton Reiss,": the aside is the name
    comma = _aside_comma(span, head)
    if comma is None:
        return piece
    end = comma.i
    while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return piece[0], doc[end - 1].idx + len(doc[end - 1])


def _aside_comma(span: Span, head: Token) -> Token | None:
    """The first comma after ``head`` inside ``span`` that opens one of its asides."""
    for child in head.rights:
        if child.dep_ not in _ASIDES or not span.start <= child.i < span.end:
            continue
        before = child.left_edge.i - 1
        if before > head.i and span.start <= before and span.doc[before].text == ",":
            return span.doc[before]
    return None
