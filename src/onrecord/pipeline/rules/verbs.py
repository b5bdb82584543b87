"""Reporting verbs (``said``, ``was quick to add``, ``was quoted as telling``): the verb's
subject is the source, its clausal complement, object or the quote next to it the content."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline.attribution import Candidate, Range, RuleName, doc_text
from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote
from onrecord.pipeline.rules.phrases import (
    adds_to_reporter,
    clause_span,
    cut_aside,
    has_subject,
    is_mark,
    starts_clause,
    subject_phrase,
)
from onrecord.pipeline.rules.ranges import merge_ranges, overlaps, span_range, stripped

VERB_RATE = 0.05  # a verb lemma is a candidate cue when at least this share of its uses were cues


_CHAIN = {"xcomp", "acomp", "pcomp", "prep"}  # and join its cue: "was quick to add"


_CUE_CHILDREN = {"aux", "auxpass", "neg", "prt"}


_CONTENT_DEPS = {"ccomp", "parataxis"}
#: verbs whose short title-case quote is a slogan said aloud, not a title: `chanted, “Red
#: for Ed,”`
_SLOGAN_VERBS = frozenset({"chant", "shout", "yell", "scream", "cry", "sing"})
#: marks of a clause of time or condition (not "as": `as she told reporters` reports)
_SCENE_MARKS = frozenset("after before until since once while when whenever if unless".split())


#: where something was said, when the cue names it: "said in a statement", "wrote on Facebook"
MEDIUMS = frozenset(
    [
        "statement",
        "interview",
        "email",
        "e-mail",
        "letter",
        "tweet",
        "post",
        "blog",
        "op-ed",
        "release",
        "speech",
        "twitter",
        "facebook",
        "x",
        "instagram",
        "tiktok",
        "threads",
    ]
)


def medium_of(prep: Token) -> Token | None:
    """The medium a preposition names (`in a statement`, `on Facebook`): its object, when
    that is one of ``MEDIUMS``."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj if obj is not None and obj.lemma_.lower() in MEDIUMS else None


#: entity types that are circumstances, not what was said: "voted on Tuesday night"
_NOT_CONTENT = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


_CONTENT_PREPS = frozenset({"for", "on", "of", "about", "against", "to", "as"})


#: verbs whose direct object is an addressee or a thing, not what was said
_NO_OBJECT_CONTENT = frozenset(
    ["say", "tell", "ask", "add", "write", "answer", "respond", "reply", "continue"]
)


def is_so_called(token: Token) -> bool:
    """`the so-called ‘green corridor’`: a scare quote, not a report."""
    doc = token.doc
    return (
        token.lower_ == "called"
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ == "so"
    )


def verb_cue(
    doc: Doc, verb: Token, quotes: list[Quote], quote_of: list[int], lexicon: CueLexicon
) -> Candidate | None:
    if any(
        c.dep_ == "xcomp" and lexicon.verb_rate(c.lemma_.lower()) >= VERB_RATE
        for c in verb.children
    ):
        return None  # "appeared to suggest": the lower verb owns the cue group
    top = chain_top(verb)
    subject = subject_phrase(top, quote_of)
    content, quote_ids, rule = _verb_content(doc, verb, top, subject, quotes, quote_of, lexicon)
    if not content:
        return None
    cue = cue_span(doc, top, verb)
    if rule == "verb_prep":  # "called for", "accused Holt of": the preposition is cue
        prep = _prep_content(verb)
        if prep is not None:
            cue = (cue[0], prep[1].idx + len(prep[1]))
    source = [span_range(subject)] if subject is not None else []
    if subject is not None and overlaps(source[0], content):
        return None
    rate = lexicon.verb_rate(verb.lemma_.lower())
    confidence = min(0.95, 0.45 + 0.5 * rate + (0.15 if quote_ids else 0.0))
    if subject is None:
        confidence *= 0.7
    return Candidate(
        content=content,
        cue=[cue],
        source=source,
        confidence=confidence,
        rule=rule,
        source_root=subject.root.i if subject is not None else None,
        quote_ids=quote_ids,
        cue_lemma=verb.lemma_.lower(),
    )


def chain_top(verb: Token) -> Token:
    """The verb that carries the subject of a cue group: add <- quick <- was."""
    top = verb
    while top.dep_ in _CHAIN and not has_subject(top) and top.head.i != top.i:
        head = top.head
        if head.pos_ not in {"VERB", "AUX", "ADJ", "ADP"}:
            break
        top = head
    return top


def _verb_content(
    doc: Doc,
    verb: Token,
    top: Token,
    subject: Span | None,
    quotes: list[Quote],
    quote_of: list[int],
    lexicon: CueLexicon,
) -> tuple[list[Range], set[int], RuleName]:
    """The content of a reporting verb: its clause, or the quote(s) around it."""
    sent = verb.sent
    clause = next((c for c in verb.children if c.dep_ in _CONTENT_DEPS), None)
    if clause is None and top.i != verb.i:
        clause = next((c for c in top.children if c.dep_ in _CONTENT_DEPS and c.i > verb.i), None)
    slogan = verb.lemma_.lower() in _SLOGAN_VERBS
    if clause is None:
        clause = next(
            (
                c
                for c in verb.children
                if c.dep_ in {"dobj", "xcomp"}
                and _is_quote_object(c, quote_of)
                and (slogan or not _is_quoted_title(clause_span(c), quote_of))
            ),
            None,
        )
    if clause is None:  # "said in a statement that …": the parser hangs the clause on the noun
        clause = _medium_clause(verb)
    sent_quotes = [
        qi
        for qi in _quotes_in(sent, quote_of, exclude=subject)
        if slogan or not _is_title_quote(doc, quotes[qi])
    ]
    if clause is not None:
        whole = _cut_participle(_with_rest(clause_span(clause), clause, verb, lexicon), clause)
        span = _cut_next_report(whole, clause, lexicon)
        ids = {quote_of[t.i] for t in span if quote_of[t.i] >= 0}
        if quote_of[span.start] < 0:  # an indirect clause: only what follows a split cue
            sent_quotes = [qi for qi in sent_quotes if quotes[qi].start > verb.idx]
        if span.end < whole.end:  # what the next report says is not this one's
            sent_quotes = [qi for qi in sent_quotes if quotes[qi].start < span.end_char]
        pieces = [(span.start_char, span.end_char)]
        # the quoted passages the clause touches, whole, plus quotes after a split cue
        for qi in sorted(ids | _split_quotes(sent_quotes, verb, ids, quotes)):
            pieces.append((quotes[qi].start, quotes[qi].end))
        return (
            merge_ranges(pieces, doc_text(doc)),
            ids | _split_quotes(sent_quotes, verb, ids, quotes),
            "verb",
        )
    colon = _colon_after(verb)
    if colon is not None:
        return (*_after_colon(doc, colon, quotes, quote_of), "verb_colon")
    scene = _is_time_clause(verb)
    if sent_quotes and not scene:
        pieces = [(quotes[qi].start, quotes[qi].end) for qi in sent_quotes]
        return merge_ranges(pieces, doc_text(doc)), set(sent_quotes), "verb_quote"
    starts_sentence = verb.i == sent.start or (subject is not None and subject.start == sent.start)
    prev = _quote_just_before(doc, sent, quote_of) if starts_sentence and not scene else -1
    if prev >= 0:
        return [(quotes[prev].start, quotes[prev].end)], {prev}, "verb_quote"
    if verb.dep_ == "parataxis" and not sent_quotes:
        return _around(doc, verb.head, verb, subject), set(), "verb_parenthetical"
    obj = _object_content(verb)
    if obj is not None and not _is_quoted_title(obj, quote_of):
        return [(obj.start_char, obj.end_char)], set(), "verb_object"
    prep = _prep_content(verb)
    if prep is not None:
        return [(prep[0].start_char, prep[0].end_char)], set(), "verb_prep"
    return [], set(), "verb"


def _is_time_clause(verb: Token) -> bool:
    """`“…,” Trump tweeted soon after the committee concluded its hearings`: a verb in a
    clause of time or condition sets the scene; it does not report the sentence's quote."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _SCENE_MARKS for c in verb.children
    )


def _object_content(verb: Token) -> Span | None:
    """`cited his endorsements`, `refused to cooperate`, `called for more spending`."""
    if verb.lemma_.lower() in _NO_OBJECT_CONTENT:
        return None
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "dobj" and child.pos_ not in {"PRON"}:
            return _with_complements(cut_aside(clause_span(child), child), verb)
        if (
            child.dep_ == "xcomp"
            and child.pos_ in {"VERB", "AUX"}
            and child.left_edge.lower_ == "to"
        ):
            return clause_span(child)
    return None


def _medium_clause(verb: Token) -> Token | None:
    for child in verb.rights:
        medium = medium_of(child) if child.dep_ == "prep" and child.lower_ in {"in", "on"} else None
        if medium is not None:
            return next(
                (
                    c
                    for c in medium.children
                    if c.dep_ in {"acl", "ccomp", "relcl"} and starts_clause(c)
                ),
                None,
            )
    return None


def _is_title_quote(doc: Doc, quote: Quote) -> bool:
    """`“The Long Winter”`: up to six words, all in title case (or small words)."""
    words = doc_text(doc)[quote.start : quote.end].strip("\"“”‘’'«» ,.").split()
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "to", "for", "at", "by"}
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w in small for w in words)


def _is_quoted_title(span: Span, quote_of: list[int]) -> bool:
    """`watched “The Long Winter”`: a short quoted name in title case is a title, not speech."""
    words = [t for t in span if not t.is_punct]
    quoted = [t for t in words if quote_of[t.i] >= 0]
    return bool(quoted) and len(quoted) <= 6 and all(t.is_title or t.is_stop for t in quoted)


def _with_complements(span: Span, verb: Token) -> Span:
    """`mentioned remarks … as examples of …`, `offers loans to parents`: the object's
    complements that hang on the verb belong to the content too (not a comma-led aside)."""
    doc = span.doc
    end = span.end
    for child in verb.rights:
        if child.i < end or child.dep_ not in {"prep", "oprd", "dative", "xcomp"}:
            continue
        if doc[child.left_edge.i - 1].text == "," or _is_circumstance(child):
            break
        end = child.right_edge.i + 1
    return doc[span.start : end] if end > span.end else span


def _is_circumstance(prep: Token) -> bool:
    """`in 2012`, `at the White House`, `during the debate`: when and where, not what."""
    if prep.lower_ in {"during", "at", "after", "before", "since"}:
        return True
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and objects[0].ent_type_ in _NOT_CONTENT | {"GPE", "LOC", "FAC", "EVENT"}


def _prep_content(verb: Token) -> tuple[Span, Token] | None:
    """`called for more spending`, `accused Holt of being …`: the preposition joins the cue."""
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in _CONTENT_PREPS:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects and objects[0].pos_ != "PRON" and objects[0].ent_type_ not in _NOT_CONTENT:
                return cut_aside(clause_span(objects[0]), objects[0]), child
    return None


def _around(doc: Doc, head: Token, verb: Token, subject: Span | None) -> list[Range]:
    """`Lenox was a juggernaut, Mr. Clarke said, until …`: the clause on both sides of the cue."""
    lo, hi = verb.left_edge.i, verb.right_edge.i + 1
    if subject is not None:
        lo, hi = min(lo, subject.start), max(hi, subject.end)
    start, end = head.left_edge.i, head.right_edge.i + 1
    pieces = []
    if start < lo:
        pieces.append(stripped(doc_text(doc), doc[start].idx, doc[lo].idx))
    if hi < end:
        pieces.append(stripped(doc_text(doc), doc[hi].idx, doc[end - 1].idx + len(doc[end - 1])))
    return [p for p in pieces if p[1] - p[0] > 1]


def _with_rest(span: Span, clause: Token, verb: Token, lexicon: CueLexicon) -> Span:
    """`said [X] and Y`, `said [X], but Y`: the parser often hangs the rest of what was
    said on the cue verb; take those siblings after the clause, up to another report."""
    if clause.head.i != verb.i or clause.i < verb.i:
        return span
    doc = span.doc
    end = span.end
    for child in verb.rights:
        if child.i < span.end:
            continue
        if child.dep_ not in {"cc", "conj", "advcl", "punct"} or child.is_space:
            break
        if child.dep_ in {"conj", "advcl"}:
            if lexicon.verb_rate(child.lemma_.lower()) >= 0.3 or child.tag_ == "VBG":
                break
            end = child.right_edge.i + 1
    while end > span.end and (doc[end - 1].is_punct and not is_mark(doc[end - 1])):
        end -= 1
    return doc[span.start : end] if end > span.end else span


def _cut_participle(span: Span, clause: Token) -> Span:
    """`that his hands were up, contradicting the police`: a trailing comma-led participle
    is the reporter's gloss, not what was said."""
    doc = span.doc
    for child in clause.rights:
        if child.dep_ == "advcl" and child.tag_ == "VBG" and doc[child.left_edge.i - 1].text == ",":
            end = child.left_edge.i - 1
            if end > span.start:
                return doc[span.start : end]
    return span


def _cut_next_report(span: Span, clause: Token, lexicon: CueLexicon) -> Span:
    """`she said X, and when pressed, she said nothing`, `X, saying …`: the second report
    is not content."""
    for child in clause.rights:
        is_report = lexicon.verb_rate(child.lemma_.lower()) >= 0.3
        is_new_clause = child.dep_ == "conj" and has_subject(child)
        is_participle = child.dep_ == "advcl" and child.tag_ == "VBG"  # ", saying …"
        if is_report and (is_new_clause or is_participle or adds_to_reporter(child)):
            end = child.left_edge.i
            doc = span.doc
            while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
                end -= 1
            return doc[span.start : end]
    return span


def _is_quote_object(token: Token, quote_of: list[int]) -> bool:
    return any(quote_of[t.i] >= 0 for t in token.subtree)


def _quotes_in(sent: Span, quote_of: list[int], exclude: Span | None) -> list[int]:
    ids: list[int] = []
    for t in sent:
        qi = quote_of[t.i]
        if (
            qi >= 0
            and qi not in ids
            and not (exclude is not None and exclude.start <= t.i < exclude.end)
        ):
            ids.append(qi)
    return ids


def _split_quotes(
    sent_quotes: list[int], verb: Token, ids: set[int], quotes: list[Quote]
) -> set[int]:
    """`“A,” said Jones, “B.”`: a quote right after the cue continues the one before it,
    and `“A,” he told the host, “B.”`: a quote right before the cue group opens it. A quote
    after another verb of the sentence is that verb's (`“A,” he said, adding that “B”`)."""
    if not ids:
        return set()
    after = {
        qi
        for qi in sent_quotes
        if qi not in ids
        and quotes[qi].start > verb.idx
        and not _verb_between(verb, quotes[qi].start)
    }
    first = min(quotes[qi].start for qi in ids)
    before = {
        qi
        for qi in sent_quotes
        if qi not in ids
        and quotes[qi].end <= verb.idx
        and quotes[qi].end < first
        and len(verb.doc.text[quotes[qi].end : verb.idx].split()) <= 4
    }
    return after | before


def _verb_between(verb: Token, end: int) -> bool:
    """A verb going on from ``verb`` with a clause of its own before character ``end``:
    `adding that “…”`, `but he said that “…”` (PolNeAR marks those apart; `adding, “…”`,
    `telling Cook, “…”` and a relative clause's verb still go on with the quote before)."""
    going_on = False
    for t in verb.doc[verb.i + 1 :]:
        if t.idx >= end:
            return False
        if t.pos_ == "VERB" and (t.tag_ == "VBG" or t.dep_ in {"advcl", "conj"}):
            going_on = True
        elif going_on and t.dep_ in {"mark", "nsubj"}:
            return True
    return False


def _colon_after(verb: Token) -> Token | None:
    """`Morrow said: …` — the colon right after the cue group (or its object)."""
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.i + 6, len(doc))):
        t = doc[i]
        if t.text == ":":
            return t
        if t.is_punct or t.pos_ in {"VERB", "AUX"}:
            return None
    return None


def _after_colon(
    doc: Doc, colon: Token, quotes: list[Quote], quote_of: list[int]
) -> tuple[list[Range], set[int]]:
    """What a colon introduces: the quote after it, else the rest of its paragraph line."""
    start = colon.idx + 1
    end = doc_text(doc).find("\n", start)
    end = len(doc_text(doc)) if end < 0 else end
    if not doc_text(doc)[
        start:end
    ].strip():  # `He said:` closing its paragraph: the next one is content
        start = end
        while start < len(doc_text(doc)) and doc_text(doc)[start].isspace():
            start += 1
        end = doc_text(doc).find("\n", start)
        end = len(doc_text(doc)) if end < 0 else end
    ids = {quote_of[t.i] for t in doc[colon.i + 1 :] if quote_of[t.i] >= 0 and t.idx < end}
    ids = {qi for qi in ids if quotes[qi].start >= start}
    if ids:
        first = min(ids)
        if quotes[first].start - start <= 2:
            return [(quotes[qi].start, quotes[qi].end) for qi in sorted(ids)], ids
    piece = stripped(doc_text(doc), start, end)
    return ([piece] if piece[1] > piece[0] else []), ids


def _quote_just_before(doc: Doc, sent: Span, quote_of: list[int]) -> int:
    """`“…,” he continued.`: a quote closing right before the cue's sentence."""
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i >= 0 and "\n" not in doc_text(doc)[doc[i].idx : sent.start_char] and quote_of[i] >= 0:
        return quote_of[i]
    return -1


def cue_span(doc: Doc, top: Token, verb: Token) -> Range:
    """The cue group: auxiliaries, negation and particles of the chain from top to verb."""
    tokens = {verb.i, top.i}
    t = verb
    while t.i != top.i:
        tokens.add(t.i)
        t = t.head
    for anchor in (top, verb):
        for child in anchor.children:
            if child.dep_ in _CUE_CHILDREN and child.i >= top.i - 3:
                tokens.add(child.i)
    for child in verb.rights:  # "said in a statement", "wrote on Facebook"
        if child.dep_ == "prep" and child.lower_ in {"in", "on"} and child.i <= max(tokens) + 1:
            medium = medium_of(child)
            if medium is not None:
                tokens.add(medium.i)
    lo, hi = min(tokens), max(tokens)
    # contiguous: "was quoted as telling" keeps the words between its ends
    return doc[lo].idx, doc[hi].idx + len(doc[hi])
