"""Rules over the dependency parse: cue words, their sources and their contents.

``find_attributions`` reads one parsed Doc and returns candidates with character offsets
into ``doc.text``. Three rule families, most precise first:

- reporting verbs (``said``, ``was quick to add``, ``was quoted as telling``): the verb's
  subject is the source, its clausal complement or the quote next to it the content;
- explicit sourcing (``according to the Times, …``): the rest of the clause is the content;
- cue nouns with a that-clause (``his claim that …``, ``a pledge … to …``).

Quotes that no rule reached get a last chance with the nearest cue in their paragraph.
Everything here is pure: a Doc in, Candidates out, so a trained stage can replace any rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote

Range = tuple[int, int]  # [start, end) character offsets into doc.text

VERB_RATE = 0.12  # a verb lemma counts as a cue when at least this share of its uses were cues
NOUN_RATE = 0.15
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_CLIMB = {"xcomp", "acomp", "pcomp", "prep", "advcl", "conj"}  # share their head's subject
_CHAIN = {"xcomp", "acomp", "pcomp", "prep"}  # and join its cue: "was quick to add"
_CUE_CHILDREN = {"aux", "auxpass", "neg", "prt"}
_CONTENT_DEPS = {"ccomp", "parataxis"}
_SPEECH_NOUN_DEPS = {"acl", "ccomp", "relcl"}
_PRONOUNS = {"i", "we", "he", "she", "they", "it", "you"}


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

    def covers(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.content)


def find_attributions(doc: Doc, quotes: list[Quote], lexicon: CueLexicon) -> list[Candidate]:
    """All candidate attributions in ``doc``; ``quotes`` are offsets into ``doc.text``."""
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
        elif token.pos_ == "VERB" and lexicon.verb_rate(token.lemma_.lower()) >= VERB_RATE:
            cand = _verb_cue(doc, token, outer, quote_of, lexicon)
        elif token.pos_ == "NOUN" and lexicon.noun_rate(token.lemma_.lower()) >= NOUN_RATE:
            cand = _noun_cue(doc, token, lexicon)
        else:
            continue
        if cand is not None:
            found.append(cand)
    found = _drop_borrowed_quotes(found)
    _attach_orphan_quotes(doc, outer, quote_of, found, lexicon)
    return _dedupe(found)


# ---------------------------------------------------------------- reporting verbs


def _verb_cue(
    doc: Doc, verb: Token, quotes: list[Quote], quote_of: list[int], lexicon: CueLexicon
) -> Candidate | None:
    if any(c.dep_ == "xcomp" and lexicon.verb_rate(c.lemma_.lower()) >= VERB_RATE for c in verb.children):
        return None  # "appeared to suggest": the lower verb owns the cue group
    top = _chain_top(verb)
    subject = _subject(top)
    content, quote_ids, rule = _verb_content(doc, verb, top, subject, quotes, quote_of)
    if not content:
        return None
    cue = _cue_span(doc, top, verb)
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


def _subject(top: Token) -> Span | None:
    """The subject phrase of ``top``, borrowed from the head for participles and conjuncts."""
    token = top
    for _ in range(4):
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                return _phrase(child)
        if token.dep_ in _CLIMB and token.head.i != token.i:
            token = token.head
        else:
            return None
    return None


def _phrase(head: Token) -> Span:
    """A noun phrase without its trailing relative clause or punctuation."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ in {"relcl", "acl"} and child.i > head.i:
            end = min(end, child.left_edge.i)
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
                if c.dep_ in {"dobj", "xcomp"} and _is_quote_object(c, quote_of)
            ),
            None,
        )
    sent_quotes = _quotes_in(sent, quote_of, exclude=subject)
    if clause is not None:
        span = _clause_span(clause)
        ids = {quote_of[t.i] for t in span if quote_of[t.i] >= 0}
        pieces = [(span.start_char, span.end_char)]
        # the quoted passages the clause touches, whole, plus quotes after a split cue
        for qi in sorted(ids | _split_quotes(sent_quotes, verb, ids, quotes)):
            pieces.append((quotes[qi].start, quotes[qi].end))
        return _merge(pieces, doc.text), ids | _split_quotes(sent_quotes, verb, ids, quotes), "verb"
    colon = _colon_after(verb)
    if colon is not None:
        return (*_after_colon(doc, colon, quotes, quote_of), "verb_colon")
    if sent_quotes:
        pieces = [(quotes[qi].start, quotes[qi].end) for qi in sent_quotes]
        return _merge(pieces, doc.text), set(sent_quotes), "verb_quote"
    prev = _quote_just_before(doc, sent, quote_of)
    if prev >= 0:
        return [(quotes[prev].start, quotes[prev].end)], {prev}, "verb_quote"
    return [], set(), "verb"


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
    """`“A,” said Jones, “B.”`: a quote right after the cue continues the one before it."""
    if not ids:
        return set()
    return {qi for qi in sent_quotes if qi not in ids and quotes[qi].start > verb.idx}


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
    end = doc.text.find("\n", start)
    end = len(doc.text) if end < 0 else end
    ids = {quote_of[t.i] for t in doc[colon.i + 1 :] if quote_of[t.i] >= 0 and t.idx < end}
    if ids:
        first = min(ids)
        if quotes[first].start - start <= 2:
            return [(quotes[qi].start, quotes[qi].end) for qi in sorted(ids)], ids
    piece = _strip(doc.text, start, end)
    return ([piece] if piece[1] > piece[0] else []), ids


def _quote_just_before(doc: Doc, sent: Span, quote_of: list[int]) -> int:
    """`“…,” he continued.`: a quote closing right before the cue's sentence."""
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i >= 0 and "\n" not in doc.text[doc[i].idx : sent.start_char] and quote_of[i] >= 0:
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
        pieces.append(_strip(doc.text, sent.start_char, doc[pp_start].idx))
    if pp_end < sent.end:
        pieces.append(_strip(doc.text, doc[pp_end].idx, sent.end_char))
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
    )


# ---------------------------------------------------------------- cue nouns


def _noun_cue(doc: Doc, noun: Token, lexicon: CueLexicon) -> Candidate | None:
    clause = next(
        (c for c in noun.children if c.dep_ in _SPEECH_NOUN_DEPS and _starts_clause(c)), None
    )
    if clause is None:
        return None
    span = _clause_span(clause)
    source: Span | None = None
    for child in noun.children:
        if child.dep_ == "poss":
            source = _phrase(child)
        elif child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                source = _phrase(objects[0])
    if source is not None and source.root.lower_ in {"its", "their", "his", "her"} and False:
        source = None
    rate = lexicon.noun_rate(noun.lemma_.lower())
    return Candidate(
        content=[(span.start_char, span.end_char)],
        cue=[(noun.idx, noun.idx + len(noun))],
        source=[(source.start_char, source.end_char)] if source is not None else [],
        confidence=min(0.8, 0.3 + 0.5 * rate),
        rule="noun",
        source_root=source.root.i if source is not None else None,
    )


def _starts_clause(token: Token) -> bool:
    first = token.left_edge
    return first.lower_ == "that" or (first.lower_ == "to" and token.pos_ == "VERB")


# ---------------------------------------------------------------- quotes no rule reached


def _attach_orphan_quotes(
    doc: Doc, quotes: list[Quote], quote_of: list[int], found: list[Candidate], lexicon: CueLexicon
) -> None:
    """A long quote no cue claimed: continue the split quote before it, in its paragraph."""
    claimed = {qi for c in found for qi in c.quote_ids}
    for qi, q in enumerate(quotes):
        if qi in claimed or _word_count(doc.text, q) < 4:
            continue
        prev = _previous_in_paragraph(doc.text, found, q)
        if prev is not None and prev.quote_ids:
            prev.content = _merge([*prev.content, (q.start, q.end)], doc.text)
            prev.quote_ids.add(qi)
            claimed.add(qi)


def _previous_in_paragraph(text: str, found: list[Candidate], q: Quote) -> Candidate | None:
    best: Candidate | None = None
    for c in found:
        end = max(e for _, e in c.content)
        if end <= q.start and "\n" not in text[end : q.start] and q.start - end < 200:
            if best is None or end > max(e for _, e in best.content):
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


def _drop_borrowed_quotes(found: list[Candidate]) -> list[Candidate]:
    """A verb that only borrowed a sentence's quote loses it to a verb whose clause holds it."""
    in_clauses = {qi for c in found if c.rule != "verb_quote" for qi in c.quote_ids}
    return [c for c in found if c.rule != "verb_quote" or not (c.quote_ids & in_clauses)]


def _dedupe(found: list[Candidate]) -> list[Candidate]:
    """One candidate per content: the most confident."""
    best: dict[tuple[Range, ...], Candidate] = {}
    for c in found:
        key = tuple(c.content)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: c.content[0])
