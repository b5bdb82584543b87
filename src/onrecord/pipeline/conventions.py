"""What counts as an attribution, and how much of the sentence its source is: two
conventions, chosen by ``Settings.convention``.

- ``news`` (the default) follows how newsrooms and fact-checkers read attribution (the
  general-news annotation in ``../shared/data/aeb/ANNOTATE.md``): the source is the name
  as written, without an appositive or relative clause set off by commas ("Jane Doe, the
  CEO," is "Jane Doe"), and pure actions with no words reported are not attributions
  ("approved a budget", "declined to comment", "launched a product"), nor is the writer's
  generic "you could read these numbers as …", nor a caption's "This photo … shows", nor an
  unquoted content without a verb ("defended the party's actions": a deed or a stance).
- ``polnear`` keeps PolNeAR's wider reading, on which the tagger and the scorer were
  trained: sources with their appositives ("Kenneth Baer, a former Obama administration
  official who runs Crosscut") and actions of stance ("decided", "agreed", "offered").
  Its annotators never mark a report inside another's content as one of its own, so a
  nested find stays only when its finder is sure of it (``drop_unsure_nested``).
  Use it to compare with PolNeAR, or to study stance rather than speech.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from onrecord.config import Convention
from onrecord.model import Attribution
from onrecord.pipeline.assemble import nest
from onrecord.pipeline.attribution import Candidate, Range, doc_text
from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote, quoted_mask, quoted_words
from onrecord.pipeline.rules.nested import reports_in_quotes
from onrecord.pipeline.rules.verbs import medium_of

#: cue lemmas that name a deed, not words or thoughts: what follows them is what was done
#: ("declined to comment", "agreed to a rescue", "released the footage"), so under the news
#: convention they report nothing. Speech and stance verbs are never here ("said",
#: "denied", "accused", "praised", "attacked").
ACTIONS = frozenset(
    "decline offer decide agree release launch share track allow unveil refer seek post "
    "prescribe devote attempt sign approve hire fire adopt impose withdraw restrict order "
    "sentence vote fund build buy sell invest donate".split()
)

#: sources that name no one and report nothing: the writer's "you could read these numbers
#: as …", "no one knows how …", "nothing indicated that …"
GENERIC = frozenset({"you", "no one", "nobody", "nothing", "none"})

#: verbs whose noun-phrase object is itself what was said or judged: "called for an
#: emergency meeting", "denied the accusations", "warned of a tariff war", "predicted $2.52
#: a share", "claimed victory"
SAID_AS_OBJECT = frozenset(
    "call cite deny claim declare predict forecast estimate suspect warn urge demand propose "
    "recommend promise pledge vow threaten accuse blame allege dub label describe link show "
    "suggest insist".split()
)

#: pictures that "show" in a caption
STILL_IMAGES = frozenset(
    "photo photograph picture image graphic chart map screenshot illustration".split()
)

#: under ``polnear``, a report inside another's content is kept from this confidence on.
#: PolNeAR's annotators never mark one (0 of 19,880 on train); our nested finds still match
#: a gold attribution 26% of the time there (of the accurate profile's 643: 11% below
#: confidence 0.6, 34% from 0.6 to 0.9, 54% above), where they take the place of a report
#: the outer find got wrong
NESTED_KEEP = 0.9

#: prepositions that credit who passed the words on (`Richardson, via USA Today, said`,
#: `Ruiz, per the Gazette, said`): set off by commas, not part of the name
_CREDITS = frozenset({"per", "via"})

#: what may follow the comma that ends a source under the news convention
_ASIDES = frozenset({"appos", "relcl", "acl"})


def apply_convention(
    doc: Doc,
    found: list[Candidate],
    convention: Convention,
    quotes: list[Quote],
    lexicon: CueLexicon,
) -> list[Candidate]:
    """``found`` as ``convention`` reads it, with the reports inside quotations the news
    convention adds; offsets stay offsets into ``doc``'s text."""
    for cand in found:
        drop_passive_subject(doc, cand, into_content=convention == "polnear")
    if convention == "polnear":
        for cand in found:
            drop_leading_joiner(doc, cand, keep_that=True)
        return [c for c in found if c.rule != "hearsay"]
    text = doc_text(doc)
    found = [*found, *reports_in_quotes(doc, quotes, lexicon)]
    acts = any(c.cue_lemma in ACTIONS for c in found)
    mask = quoted_mask(text, quotes) if acts else bytearray()  # only an action needs it
    kept = [
        c
        for c in found
        if (c.cue_lemma not in ACTIONS or _is_direct(text, c, mask))
        and not (c.source and text[c.source[0][0] : c.source[-1][1]].lower() in GENERIC)
        and not is_caption(doc, c)
        and not is_deed(doc, c)
    ]
    for cand in kept:
        drop_leading_joiner(doc, cand, keep_that=False)
        drop_cue_times(doc, cand)
        if cand.source:
            # the speaker is still resolved from the whole phrase ("Jeff Sanborn, president
            # of Chapter & Verse"); the record gets the name
            named = name_only(doc, cand.source[0])
            if named != cand.source[0]:
                cand.named_source = [named, *cand.source[1:]]
    return kept


#: words that open a sentence but join it to the one before: not part of what was said
#: (PolNeAR train: a content starts after `But` 55 times, with it 30; `And` 15 and 12;
#: `However,` 4 and 0; `Yet` 1 and 4, so not here); `However` only with its comma, since
#: without one it is a degree (`However laudable the goal, …`)
_JOINERS = frozenset({"but", "and", "however"})


def finish_convention(attributions: list[Attribution], convention: Convention) -> list[Attribution]:
    """An article's assembled attributions as ``convention`` reads them: under ``polnear``,
    without the unsure nested ones (``drop_unsure_nested``); as they are under ``news``."""
    return drop_unsure_nested(attributions) if convention == "polnear" else attributions


def drop_unsure_nested(attributions: list[Attribution]) -> list[Attribution]:
    """The ``polnear`` reading of an article's attributions: one whose cue lies inside
    another's content (it has a ``via``) stays only from ``NESTED_KEEP`` on; the rest are
    numbered and nested anew."""
    kept = [a for a in attributions if a.via is None or a.confidence >= NESTED_KEEP]
    if len(kept) == len(attributions):
        return attributions
    return nest([replace(a, id=f"a{n}", via=None) for n, a in enumerate(kept, 1)])


#: words of time a cue may hold under PolNeAR (`said Tuesday`, `later said`) beside the
#: parser's DATE and TIME entities
_TIME_WORDS = frozenset({"later", "earlier", "yesterday", "today", "tonight"})


def _is_time(token: Token) -> bool:
    if token.ent_type_ in {"DATE", "TIME"} or token.lower_ in _TIME_WORDS:
        return True
    return token.lower_ in {"on", "at"} and any(
        c.ent_type_ in {"DATE", "TIME"} for c in token.children
    )


def drop_cue_times(doc: Doc, cand: Candidate) -> None:
    """`said Tuesday`, `later said`, `was accused Wednesday of`, `also said`: the
    general-news annotation keeps times out of the cue ("not times/places (on Tuesday)"; none
    of its 532 cues holds one, 1.2% of PolNeAR's do) and an adverb before the verb too (15
    of 15 there, against 42 of 586 in PolNeAR train); `has also said` keeps its `also`.
    What is left stays in pieces around a time."""
    pieces: list[Range] = []
    for start, end in cand.cue:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return
        run: list[Token] = []
        for token in [*span, None]:
            if token is not None and not _is_time(token):
                if run or pieces or not _is_leading_adverb(token):
                    run.append(token)
                continue
            while run and run[-1].is_punct:
                run.pop()
            if run:
                pieces.append((run[0].idx, run[-1].idx + len(run[-1])))
            run = []
    if pieces:
        cand.cue = pieces


def _is_leading_adverb(token: Token) -> bool:
    """`also`, `instead`, `quickly` before the cue's verb; not a negation (`never`)."""
    return token.pos_ == "ADV" and token.dep_ == "advmod" and token.head.i > token.i


def drop_leading_joiner(doc: Doc, cand: Candidate, *, keep_that: bool) -> None:
    """`said that the bridge would close`, `But the bridge, police said, …`: the content is
    the clause, without the conjunction that joins it to the cue or to the sentence before
    (the general-news annotation prefers it without; ``keep_that``: PolNeAR's keeps a
    "that" but not a "But")."""
    if not cand.content:
        return
    start, end = cand.content[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return
    skip = 0
    if not keep_that and len(span) > 1 and span[0].lower_ == "that" and span[0].dep_ == "mark":
        skip = 1
    elif len(span) > 2 and span[0].lower_ in _JOINERS and span[0].is_sent_start:
        skip = 2 if span[1].text == "," else 0 if span[0].lower_ == "however" else 1
    if skip:
        cand.content[0] = (span[skip].idx, end)


#: passive cues whose subject is still who speaks, feels or hears: "she was quoted as
#: saying …", "voters are worried that …", "he was assured that …", "she was asked whether …"
_SUBJECT_EXPERIENCES = frozenset(
    "quote cite hear overhear record film tape catch assure worry startle mystify embitter "
    "surprise shock stun disappoint concern frustrate convince determine alarm upset anger "
    "please encourage divide split prompt ask tell press brief inform question".split()
)


def drop_passive_subject(doc: Doc, cand: Candidate, *, into_content: bool) -> None:
    """`He has been criticized for …`, `Disney is expected to …`: the subject of a passive
    cue is not who said it, so it is no source (no speaker rather than a wrong one), unless
    the cue names one after `by`; ``into_content`` (PolNeAR's reading) makes the subject the
    content's first piece.

    Measured: under news, AEB attribution +1.0 and speaker +1.0, and adding the subject to
    the content cost AEB content_exact 0.2; under polnear, dev attribution +0.2 and
    content_exact +0.2 with it."""
    if not cand.cue or not cand.content:
        return
    for token in doc.char_span(cand.cue[0][0], cand.cue[-1][1], alignment_mode="expand") or ():
        if token.tag_ != "VBN" or token.lemma_.lower() in _SUBJECT_EXPERIENCES:
            continue
        if cand.source:
            start, end = cand.source[0]
            if not any(c.dep_ == "nsubjpass" and start <= c.idx < end for c in token.children):
                continue
            cand.source, cand.source_root, cand.named_source = [], None, None
            if into_content and end <= cand.content[0][0]:
                cand.content.insert(0, (start, end))
        _agent_as_source(cand, token)
        return


def _agent_as_source(cand: Candidate, verb: Token) -> None:
    """`is accused by critics of …`, `was denied by Andrew`: who the passive names after
    `by` is the source."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    who = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if who is None:
        return
    start, end = who.left_edge.idx, who.idx + len(who)  # not what hangs after it
    if not any(s < end and start < e for s, e in cand.content):
        cand.source, cand.source_root = [(start, end)], who.i


def _is_direct(text: str, cand: Candidate, mask: bytearray) -> bool:
    """A quotation as the content of an action verb is words reported all the same:
    "“Hands! Let me see your hands!” an officer ordered."."""
    words, quoted = quoted_words(text, cand.content, mask)
    return bool(cand.quote_ids) and words > 0 and quoted == words


def is_deed(doc: Doc, cand: Candidate) -> bool:
    """An unquoted content with no verb: what someone did or stood for ("defended the
    party's actions", "found the car in the parking lot", "laid siege to a university"),
    not words or thoughts reported, which come as a clause ("said the plan would fail")
    or a quote. PolNeAR counts such stances; the news convention does not."""
    if cand.quote_ids or cand.cue_lemma in SAID_AS_OBJECT:
        return False
    for start, end in cand.content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(t.pos_ in {"VERB", "AUX"} for t in span):
            return False
    return True


def is_caption(doc: Doc, cand: Candidate) -> bool:
    """ "This photo released by the club shows the new stand": a still picture shows, it
    says nothing (a video that shows someone speaking still reports)."""
    if cand.source_root is None or cand.cue_lemma != "show":
        return False
    return doc[cand.source_root].lemma_.lower() in STILL_IMAGES


def name_only(doc: Doc, piece: tuple[int, int]) -> tuple[int, int]:
    """The source ``piece`` up to the first comma that sets off an aside: "Dana Reyes, an
    associate professor of physics at Ridgeway," is "Dana Reyes", "Israeli settlers, who
    …" is "Israeli settlers". A name set off after a role is no aside: "The chief
    negotiator, Anton Reiss," stays whole."""
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    if span is None or len(span) < 3:
        return piece
    comma = _aside_comma(span)
    medium = _medium_after(span)
    cuts = [t.i for t in (comma, medium) if t is not None]
    if not cuts:
        return piece
    end = min(cuts)
    while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return piece[0], doc[end - 1].idx + len(doc[end - 1])


def _medium_after(span: Span) -> Token | None:
    """ "in the company's news release" hung on the name ("CEO Craig Menear in the
    company's news release said"): where it was said belongs with the cue, not the name."""
    for prep in span:
        if prep.lower_ not in {"in", "on"} or prep.head.pos_ != "PROPN" or prep.i == span.start:
            continue
        if medium_of(prep) is not None and prep.head.i < prep.i:
            return prep
    return None


def _role_as_conjunct(doc: Doc, comma: Token, span: Span) -> Token | None:
    """ "Chris Early, senior vp partnerships and revenue at Ubisoft" or "Mayer, Disney's
    chairman of …": a role the parser joined to the name as if listed with it. A role is a
    common noun or a possessive; a list of people has names after the comma."""
    after = doc[comma.i + 1]
    conj = next(
        (
            t
            for t in doc[comma.i + 1 : span.end]
            if t.dep_ == "conj" and t.head.pos_ == "PROPN" and span.start <= t.head.i < comma.i
        ),
        None,
    )
    if conj is None or conj.left_edge.i != after.i:
        return None
    if conj.pos_ == "NOUN" or any(c.dep_ == "case" for c in conj.children):
        return conj
    return None


def _aside_comma(span: Span) -> Token | None:
    """The first comma inside ``span`` that opens an appositive, relative clause or
    participle hanging on a word before it in the span."""
    doc = span.doc
    for comma in span[1:-1]:
        if comma.text != ",":
            continue
        if doc[comma.i + 1].lower_ in _CREDITS:
            return comma  # "Richardson, via USA Today,": whom the words came through
        aside = next(
            (
                t
                for t in doc[comma.i + 1 : span.end]
                if t.left_edge.i == comma.i + 1
                and t.dep_ in _ASIDES
                and span.start <= t.head.i < comma.i
            ),
            None,
        )
        if aside is None:
            aside = _role_as_conjunct(doc, comma, span)
        if aside is None:
            continue
        if aside.dep_ == "appos" and aside.pos_ == "PROPN" and aside.head.pos_ != "PROPN":
            return None  # "The chief negotiator, Anton Reiss": the name is the aside
        return comma
    return None
