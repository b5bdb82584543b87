"""Rules over the dependency parse: cue words, their sources and their contents.

``find_attributions`` reads one parsed Doc and returns candidates with character offsets
into ``doc_text(doc)``. Three rule families, most precise first:

- reporting verbs (``said``, ``was quick to add``, ``was quoted as telling``): the verb's
  subject is the source, its clausal complement or the quote next to it the content;
- explicit sourcing (``according to the Times, …``): the rest of the clause is the content;
- cue nouns with a that-clause (``his claim that …``, ``a pledge … to …``).

Quotes that no rule reached get a last chance with the nearest cue in their paragraph.
Everything here is pure: a Doc in, Candidates out, so a trained stage can replace any rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote

Range = tuple[int, int]  # [start, end) character offsets into doc_text(doc)

VERB_RATE = 0.05  # a verb lemma is a candidate cue when at least this share of its uses were cues
NOUN_RATE = 0.1
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_CLIMB = {"xcomp", "acomp", "pcomp", "prep", "advcl", "conj"}  # share their head's subject
_CHAIN = {"xcomp", "acomp", "pcomp", "prep"}  # and join its cue: "was quick to add"
_CUE_CHILDREN = {"aux", "auxpass", "neg", "prt"}
_CONTENT_DEPS = {"ccomp", "parataxis"}
_SPEECH_NOUN_DEPS = {"acl", "ccomp", "relcl"}
#: where something was said, when the cue names it: "said in a statement", "wrote on Facebook"
_MEDIUMS = frozenset(
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
#: entity types that are circumstances, not what was said: "voted on Tuesday night"
_NOT_CONTENT = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_CONTENT_PREPS = frozenset({"for", "on", "of", "about", "against", "to", "as"})
#: verbs whose direct object is an addressee or a thing, not what was said
_NO_OBJECT_CONTENT = frozenset(
    ["say", "tell", "ask", "add", "write", "answer", "respond", "reply", "continue"]
)


@dataclass(slots=True)
class Candidate:
    """One attribution found in one Doc, before speakers are resolved."""

    content: list[Range]
    cue: list[Range]
    source: list[Range]
    confidence: float
    rule: str
    source_root: int | None = None  # token index of the source's head, for speaker resolution
    quote_ids: set[int] = field(default_factory=set)  # quotes this content holds
    cue_lemma: str = ""
    #: how likely the resolved speaker (or "no one") is right; set by pipeline/speakers.py
    speaker_confidence: float | None = None

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


def find_attributions(
    doc: Doc, quotes: list[Quote], lexicon: CueLexicon, scorer: Scorer | None = None
) -> list[Candidate]:
    """All candidate attributions in ``doc``; ``quotes`` are offsets into ``doc_text(doc)``.

    With a ``scorer`` (learned on PolNeAR train) each candidate gets its probability of
    being right as confidence and the unlikely ones are dropped; without one, every
    candidate is kept (that is how the scorer is trained).
    """
    outer = [q for q in quotes if q.depth == 0]
    quote_of = _quote_index(doc, outer)
    found: list[Candidate] = []
    for token in doc:
        if quote_of[token.i] >= 0 and outer[quote_of[token.i]].is_closed:
            continue  # a word inside a quote belongs to the quoted speaker
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            cand = _according_to(doc, token)
        elif _is_so_called(token):
            continue
        elif (token.pos_ == "VERB" and lexicon.verb_rate(token.lemma_.lower()) >= VERB_RATE) or (
            token.pos_ == "ADJ"
            and token.dep_ == "acomp"
            and any(c.dep_ == "ccomp" for c in token.children)
        ):
            cand = _verb_cue(doc, token, outer, quote_of, lexicon)
        elif token.pos_ == "NOUN" and lexicon.noun_rate(token.lemma_.lower()) >= NOUN_RATE:
            cand = _noun_cue(doc, token, lexicon)
        else:
            continue
        if cand is not None:
            found.append(cand)
    found.extend(_punctuation_cues(doc, outer, quote_of, found))
    found.extend(_transcript_lines(doc))
    if scorer is not None:
        found = scorer.score(doc, found)
    found = _drop_borrowed_quotes(doc_text(doc), found)
    _attach_orphan_quotes(doc, outer, quote_of, found, lexicon)
    return _dedupe(found)


def _is_so_called(token: Token) -> bool:
    """`the so-called ‘green corridor’`: a scare quote, not a report."""
    doc = token.doc
    return (
        token.lower_ == "called"
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ == "so"
    )


# ---------------------------------------------------------------- reporting verbs


def _verb_cue(
    doc: Doc, verb: Token, quotes: list[Quote], quote_of: list[int], lexicon: CueLexicon
) -> Candidate | None:
    if any(
        c.dep_ == "xcomp" and lexicon.verb_rate(c.lemma_.lower()) >= VERB_RATE
        for c in verb.children
    ):
        return None  # "appeared to suggest": the lower verb owns the cue group
    top = _chain_top(verb)
    subject = _subject(top, quote_of)
    content, quote_ids, rule = _verb_content(doc, verb, top, subject, quotes, quote_of, lexicon)
    if not content:
        return None
    cue = _cue_span(doc, top, verb)
    if rule == "verb_prep":  # "called for", "accused Holt of": the preposition is cue
        prep = _prep_content(verb)
        if prep is not None:
            cue = (cue[0], prep[1].idx + len(prep[1]))
    source = [_trimmed(subject)] if subject is not None else []
    if subject is not None and _overlaps(source[0], content):
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


def _chain_top(verb: Token) -> Token:
    """The verb that carries the subject of a cue group: add <- quick <- was."""
    top = verb
    while top.dep_ in _CHAIN and not _has_subject(top) and top.head.i != top.i:
        head = top.head
        if head.pos_ not in {"VERB", "AUX", "ADJ", "ADP"}:
            break
        top = head
    return top


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def _subject(top: Token, quote_of: list[int] | None = None) -> Span | None:
    """The subject phrase of ``top``, borrowed from the head for participles and conjuncts.

    Words inside a quotation are never the subject (`“… Full panic mode,” said Wimes`:
    the parser may take `mode` for the subject of `said`)."""
    token = top
    nxt = top.doc[top.i + 1] if top.i + 1 < len(top.doc) else None
    is_linked = nxt is not None and (top.i == nxt.head.i or top.head.i == nxt.i)
    if nxt is not None and nxt.pos_ == "PROPN" and is_linked and not _has_subject(top):
        phrase = _phrase(nxt, keep_clauses=True)  # `Said Ellis: “…”`, parsed as an object
        return top.doc[max(phrase.start, top.i + 1) : max(phrase.end, top.i + 2)]
    for _ in range(4):
        for child in token.children:
            is_quoted = quote_of is not None and quote_of[child.i] >= 0
            is_when = child.ent_type_ in {"DATE", "TIME"}  # "Jordan said Monday", misparsed
            if child.dep_ in _SUBJECTS and not is_quoted and not is_when:
                return _phrase(child, keep_clauses=True)
        if token.dep_ in _CLIMB and token.head.i != token.i:
            if token.dep_ == "advcl" and token.head.dep_ == "ccomp":
                # `the president appeared to suggest [X would remove Y], saying …`: the
                # participle hangs on the reported clause, but the reporter is speaking
                token = token.head.head
            else:
                token = token.head
        else:
            return None
    return None


def _phrase(head: Token, keep_clauses: bool = False) -> Span:
    """A noun phrase without punctuation at its edges (and its relative clause, unless kept:
    PolNeAR's sources keep `Joseph, who has four children,`)."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        # a clause that reports something itself (`Kamin, who emphasized that …`) is kept out
        is_report = any(t.dep_ == "ccomp" for t in child.subtree)
        if (not keep_clauses or is_report) and child.dep_ in {"relcl", "acl"} and child.i > head.i:
            end = min(end, child.left_edge.i)
    # a source never runs into a quotation: `said Solberg, “a forward who …”`
    end = next((t.i for t in doc[head.i + 1 : end] if _is_mark(t)), end)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def _verb_content(
    doc: Doc,
    verb: Token,
    top: Token,
    subject: Span | None,
    quotes: list[Quote],
    quote_of: list[int],
    lexicon: CueLexicon,
) -> tuple[list[Range], set[int], str]:
    """The content of a reporting verb: its clause, or the quote(s) around it."""
    sent = verb.sent
    clause = next((c for c in verb.children if c.dep_ in _CONTENT_DEPS), None)
    if clause is None and top.i != verb.i:
        clause = next((c for c in top.children if c.dep_ in _CONTENT_DEPS and c.i > verb.i), None)
    if clause is None:
        clause = next(
            (
                c
                for c in verb.children
                if c.dep_ in {"dobj", "xcomp"}
                and _is_quote_object(c, quote_of)
                and not _is_quoted_title(_clause_span(c), quote_of)
            ),
            None,
        )
    if clause is None:  # "said in a statement that …": the parser hangs the clause on the noun
        clause = _medium_clause(verb)
    sent_quotes = [
        qi
        for qi in _quotes_in(sent, quote_of, exclude=subject)
        if not _is_title_quote(doc, quotes[qi])
    ]
    if clause is not None:
        span = _cut_next_report(
            _cut_participle(_with_rest(_clause_span(clause), clause, verb, lexicon), clause),
            clause,
            lexicon,
        )
        ids = {quote_of[t.i] for t in span if quote_of[t.i] >= 0}
        if quote_of[span.start] < 0:  # an indirect clause: only what follows a split cue
            sent_quotes = [qi for qi in sent_quotes if quotes[qi].start > verb.idx]
        pieces = [(span.start_char, span.end_char)]
        # the quoted passages the clause touches, whole, plus quotes after a split cue
        for qi in sorted(ids | _split_quotes(sent_quotes, verb, ids, quotes)):
            pieces.append((quotes[qi].start, quotes[qi].end))
        return (
            _merge(pieces, doc_text(doc)),
            ids | _split_quotes(sent_quotes, verb, ids, quotes),
            "verb",
        )
    colon = _colon_after(verb)
    if colon is not None:
        return (*_after_colon(doc, colon, quotes, quote_of), "verb_colon")
    if sent_quotes:
        pieces = [(quotes[qi].start, quotes[qi].end) for qi in sent_quotes]
        return _merge(pieces, doc_text(doc)), set(sent_quotes), "verb_quote"
    starts_sentence = verb.i == sent.start or (subject is not None and subject.start == sent.start)
    prev = _quote_just_before(doc, sent, quote_of) if starts_sentence else -1
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


def _object_content(verb: Token) -> Span | None:
    """`cited his endorsements`, `refused to cooperate`, `called for more spending`."""
    if verb.lemma_.lower() in _NO_OBJECT_CONTENT:
        return None
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "dobj" and child.pos_ not in {"PRON"}:
            return _with_complements(_cut_aside(_clause_span(child), child), verb)
        if (
            child.dep_ == "xcomp"
            and child.pos_ in {"VERB", "AUX"}
            and child.left_edge.lower_ == "to"
        ):
            return _clause_span(child)
    return None


def _medium_clause(verb: Token) -> Token | None:
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in {"in", "on"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _MEDIUMS:
                    return next(
                        (
                            c
                            for c in obj.children
                            if c.dep_ in {"acl", "ccomp", "relcl"} and _starts_clause(c)
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


def _cut_aside(span: Span, head: Token) -> Span:
    """`the test, which state media claimed …`: a comma-led aside is not part of the object."""
    doc = span.doc
    for child in head.rights:
        if child.dep_ in {"relcl", "acl", "appos"} and child.left_edge.i > span.start:
            before = doc[child.left_edge.i - 1]
            if before.text == ",":
                return doc[span.start : before.i]
    return span


def _prep_content(verb: Token) -> tuple[Span, Token] | None:
    """`called for more spending`, `accused Holt of being …`: the preposition joins the cue."""
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in _CONTENT_PREPS:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects and objects[0].pos_ != "PRON" and objects[0].ent_type_ not in _NOT_CONTENT:
                return _cut_aside(_clause_span(objects[0]), objects[0]), child
    return None


def _around(doc: Doc, head: Token, verb: Token, subject: Span | None) -> list[Range]:
    """`Lenox was a juggernaut, Mr. Clarke said, until …`: the clause on both sides of the cue."""
    lo, hi = verb.left_edge.i, verb.right_edge.i + 1
    if subject is not None:
        lo, hi = min(lo, subject.start), max(hi, subject.end)
    start, end = head.left_edge.i, head.right_edge.i + 1
    pieces = []
    if start < lo:
        pieces.append(_strip(doc_text(doc), doc[start].idx, doc[lo].idx))
    if hi < end:
        pieces.append(_strip(doc_text(doc), doc[hi].idx, doc[end - 1].idx + len(doc[end - 1])))
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
    while end > span.end and (doc[end - 1].is_punct and not _is_mark(doc[end - 1])):
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
        is_new_clause = child.dep_ == "conj" and _has_subject(child)
        is_participle = child.dep_ == "advcl" and child.tag_ == "VBG"  # ", saying …"
        if is_report and (is_new_clause or is_participle):
            end = child.left_edge.i
            doc = span.doc
            while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
                end -= 1
            return doc[span.start : end]
    return span


def _is_quote_object(token: Token, quote_of: list[int]) -> bool:
    return any(quote_of[t.i] >= 0 for t in token.subtree)


def _clause_span(clause: Token) -> Span:
    """The complement clause, trimmed of punctuation at its edges; keeps a leading "that"."""
    doc = clause.doc
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    while (
        end > start + 1
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and not _is_mark(doc[end - 1])
    ):
        end -= 1
    while (
        start < end - 1
        and (doc[start].is_punct or doc[start].is_space)
        and not _is_mark(doc[start])
    ):
        start += 1
    return doc[start:end]


def _is_mark(token: Token) -> bool:
    return token.text in {'"', "“", "”", "«", "»", "'", "‘", "’", "''", "``"}


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
    and `“A,” he told the host, “B.”`: a quote right before the cue group opens it."""
    if not ids:
        return set()
    after = {qi for qi in sent_quotes if qi not in ids and quotes[qi].start > verb.idx}
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
    piece = _strip(doc_text(doc), start, end)
    return ([piece] if piece[1] > piece[0] else []), ids


def _quote_just_before(doc: Doc, sent: Span, quote_of: list[int]) -> int:
    """`“…,” he continued.`: a quote closing right before the cue's sentence."""
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i >= 0 and "\n" not in doc_text(doc)[doc[i].idx : sent.start_char] and quote_of[i] >= 0:
        return quote_of[i]
    return -1


def _cue_span(doc: Doc, top: Token, verb: Token) -> Range:
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
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].lemma_.lower() in _MEDIUMS:
                tokens.add(objects[0].i)
    lo, hi = min(tokens), max(tokens)
    # contiguous: "was quoted as telling" keeps the words between its ends
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


# ---------------------------------------------------------------- according to


def _according_to(doc: Doc, according: Token) -> Candidate | None:
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = _phrase(objects[0])
    pp_start, pp_end = according.i, max(source.end, objects[0].right_edge.i + 1)
    sent = according.sent
    pieces = []
    if sent.start < pp_start:
        pieces.append(_strip(doc_text(doc), sent.start_char, doc[pp_start].idx))
    if pp_end < sent.end:
        pieces.append(_strip(doc_text(doc), doc[pp_end].idx, sent.end_char))
    pieces = [p for p in pieces if p[1] - p[0] > 1]
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


# ---------------------------------------------------------------- cue nouns


def _noun_cue(doc: Doc, noun: Token, lexicon: CueLexicon) -> Candidate | None:
    clause = next(
        (c for c in noun.children if c.dep_ in _SPEECH_NOUN_DEPS and _starts_clause(c)), None
    )
    if clause is None:
        return None
    span = _cut_aside(_clause_span(clause), _deepest_right(clause))
    source: Span | None = None
    for child in noun.children:
        if child.dep_ == "poss":
            source = _phrase(child)
        elif child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                source = _phrase(objects[0])
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


def _deepest_right(token: Token) -> Token:
    """The head of the last noun phrase of a clause, where a trailing aside would hang."""
    while True:
        rights = [c for c in token.rights if not c.is_punct and c.dep_ not in {"appos", "relcl"}]
        if not rights:
            return token
        token = rights[-1]


def _starts_clause(token: Token) -> bool:
    first = token.left_edge
    return first.lower_ == "that" or (first.lower_ == "to" and token.pos_ == "VERB")


# ---------------------------------------------------------------- cues that are punctuation


_DASHES = "―—–"


def _punctuation_cues(
    doc: Doc, quotes: list[Quote], quote_of: list[int], found: list[Candidate]
) -> list[Candidate]:
    """`“…” ― Jane Doe` credits and `Jane Doe: “…”` quotes, where a mark is the only cue."""
    claimed = {qi for c in found for qi in c.quote_ids}
    text = doc_text(doc)
    out: list[Candidate] = []
    for qi, q in enumerate(quotes):
        if qi in claimed or _word_count(text, q) < 3:
            continue
        cand = _dash_credit(doc, q, qi) or _colon_intro(doc, q, qi, quote_of)
        if cand is not None:
            out.append(cand)
    return out


_SPEAKER_LABEL = re.compile(r"^[\"“]?([A-Z][A-Z.'’ -]{1,30}[A-Z.]):[ \t]+(\S[^\n]*)", re.MULTILINE)


def _transcript_lines(doc: Doc) -> list[Candidate]:
    """`WALLACE: Let's start …` — a transcript line: the label speaks the rest of the line."""
    out: list[Candidate] = []
    for m in _SPEAKER_LABEL.finditer(doc_text(doc)):
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if name is None or len(name) == 0:
            continue
        content = _strip(doc_text(doc), m.start(2), m.end(2))
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
    name = _strip(text, i + 1, line_end)
    cut = min(
        (text.find(c, name[0], name[1]) for c in ",.(" if text.find(c, name[0], name[1]) > 0),
        default=name[1],
    )
    name = _strip(text, name[0], cut)
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


def _colon_intro(doc: Doc, q: Quote, qi: int, quote_of: list[int]) -> Candidate | None:
    text = doc_text(doc)
    i = q.start - 1
    while i >= 0 and text[i].isspace() and text[i] != "\n":
        i -= 1
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
        subject = _subject(main) if main is not None else None
    if subject is None:
        return None
    source = _phrase(subject.root) if subject is not before else before
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


# ---------------------------------------------------------------- quotes no rule reached


def _attach_orphan_quotes(
    doc: Doc, quotes: list[Quote], quote_of: list[int], found: list[Candidate], lexicon: CueLexicon
) -> None:
    """A long quote no cue claimed: continue the split quote before it, in its paragraph."""
    claimed = {qi for c in found for qi in c.quote_ids}
    for qi, q in enumerate(quotes):
        if qi in claimed or _word_count(doc_text(doc), q) < 2:
            continue
        prev = _previous_in_paragraph(doc_text(doc), found, q)
        if prev is not None and prev.quote_ids:
            prev.content = _merge([*prev.content, (q.start, q.end)], doc_text(doc))
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


def _word_count(text: str, q: Quote) -> int:
    return len(text[q.start : q.end].split())


# ---------------------------------------------------------------- helpers


def _quote_index(doc: Doc, quotes: list[Quote]) -> list[int]:
    """For each token, the index of the outermost quote holding it, else -1."""
    index = [-1] * len(doc)
    qi = 0
    for token in doc:
        while qi < len(quotes) and quotes[qi].end <= token.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].start <= token.idx < quotes[qi].end:
            index[token.i] = qi
    return index


def _trimmed(span: Span) -> Range:
    return span.start_char, span.end_char


def _strip(text: str, start: int, end: int) -> Range:
    """Trim whitespace and separating commas, keep quote marks and final punctuation."""
    while start < end and (text[start].isspace() or text[start] in ",;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;—–-"):
        end -= 1
    return start, end


def _merge(pieces: Iterable[Range], text: str) -> list[Range]:
    """Sorted pieces, joined where they overlap or only space separates them."""
    out: list[Range] = []
    for s, e in sorted(pieces):
        if out and s <= out[-1][1] + 1 and not text[out[-1][1] : s].strip(" "):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _overlaps(r: Range, pieces: list[Range]) -> bool:
    return any(r[0] < e and s < r[1] for s, e in pieces)


def _is_across_paragraphs(text: str, cand: Candidate) -> bool:
    return (
        bool(cand.cue) and "\n" in text[cand.cue[-1][1] : max(cand.cue[-1][1], cand.content[0][0])]
    )


def _drop_borrowed_quotes(text: str, found: list[Candidate]) -> list[Candidate]:
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


def _dedupe(found: list[Candidate]) -> list[Candidate]:
    """One candidate per content: the most confident."""
    best: dict[tuple[Range, ...], Candidate] = {}
    for c in found:
        key = tuple(c.content)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: c.content[0])
