"""Phrases of the parse the rules share: a source's noun phrase, a clause's span, the
subject a verb borrows from its head, and which quote holds each token."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline.quotes import Quote

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


#: verbs whose next name is the one addressed, never the speaker put after the verb
_ADDRESSING = frozenset({"tell", "ask", "assure", "inform", "remind", "urge", "warn"})
_CLIMB = {"xcomp", "acomp", "pcomp", "prep", "advcl", "conj"}  # share their head's subject


def has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def subject_phrase(top: Token, quote_of: list[int] | None = None) -> Span | None:
    """The subject phrase of ``top``, borrowed from the head for participles and conjuncts.

    Words inside a quotation are never the subject (`“… Full panic mode,” said Wimes`:
    the parser may take `mode` for the subject of `said`)."""
    token = top
    nxt = top.doc[top.i + 1] if top.i + 1 < len(top.doc) else None
    is_linked = nxt is not None and (top.i == nxt.head.i or top.head.i == nxt.i)
    # `…, telling Cook, “…”`: after a participle or a verb of telling, the name is who
    # was told, not a speaker put after the verb
    is_addressed = top.tag_ == "VBG" or top.lemma_.lower() in _ADDRESSING
    if (
        nxt is not None
        and nxt.pos_ == "PROPN"
        and is_linked
        and not has_subject(top)
        and not is_addressed
    ):
        phrase = noun_phrase(nxt, keep_clauses=True)  # `Said Ellis: “…”`, parsed as an object
        return top.doc[max(phrase.start, top.i + 1) : max(phrase.end, top.i + 2)]
    if adds_to_reporter(top):
        token = top.head.head
    for _ in range(4):
        for child in token.children:
            is_quoted = quote_of is not None and quote_of[child.i] >= 0
            is_when = child.ent_type_ in {"DATE", "TIME"}  # "Jordan said Monday", misparsed
            if child.dep_ in _SUBJECTS and not is_quoted and not is_when:
                return noun_phrase(child, keep_clauses=True)
        if token.dep_ in _CLIMB and token.head.i != token.i:
            reporter = token.head.head
            if (
                token.dep_ == "advcl"
                and token.head.dep_ == "ccomp"
                and (quote_of is None or quote_of[reporter.i] < 0)
            ):
                # `the president appeared to suggest [X would remove Y], saying …`: the
                # participle hangs on the reported clause, but the reporter is speaking
                # (not when the parser hung the clause on a word of the quote)
                token = reporter
            else:
                token = token.head
        else:
            return None
    return None


def adds_to_reporter(verb: Token) -> bool:
    """`Volker said he never used the term and added, “I cringe …”`: a verb joined to the
    reported clause that opens a quote of its own goes on with the reporter, not with the
    clause's subject."""
    head = verb.head
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return (
        verb.dep_ == "conj"
        and head.dep_ == "ccomp"
        and head.head.i != head.i
        and has_subject(head.head)
        and not has_subject(verb)
        and nxt is not None
        and (nxt.text in {",", ":"} or is_mark(nxt))
    )


def noun_phrase(head: Token, keep_clauses: bool = False) -> Span:
    """A noun phrase without punctuation at its edges (and its relative clause, unless kept:
    PolNeAR's sources keep `Joseph, who has four children,`)."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        # a clause that reports something itself (`Kamin, who emphasized that …`) is kept out
        is_report = any(t.dep_ == "ccomp" for t in child.subtree)
        if (not keep_clauses or is_report) and child.dep_ in {"relcl", "acl"} and child.i > head.i:
            end = min(end, child.left_edge.i)
    # a source never runs into a quotation: `said Solberg, “a forward who …”`, nor starts
    # with a quoted clause the parser hung on it: `“They are not,” coach Piet Anders
    # replied.` (a quoted name stays: `the “Pose” actor`)
    end = next((t.i for t in doc[head.i + 1 : end] if is_mark(t)), end)
    close = next((t.i for t in reversed(doc[start : head.i]) if is_mark(t)), None)
    if close is not None and any(t.pos_ in {"VERB", "AUX"} for t in doc[start:close]):
        start = close + 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def clause_span(clause: Token) -> Span:
    """The complement clause, trimmed of punctuation at its edges; keeps a leading "that"."""
    doc = clause.doc
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    while (
        end > start + 1
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and not is_mark(doc[end - 1])
    ):
        end -= 1
    while (
        start < end - 1 and (doc[start].is_punct or doc[start].is_space) and not is_mark(doc[start])
    ):
        start += 1
    return doc[start:end]


def is_mark(token: Token) -> bool:
    return token.text in {'"', "“", "”", "«", "»", "'", "‘", "’", "''", "``"}


def cut_aside(span: Span, head: Token) -> Span:
    """`the test, which state media claimed …`: a comma-led aside is not part of the object."""
    doc = span.doc
    for child in head.rights:
        if child.dep_ in {"relcl", "acl", "appos"} and child.left_edge.i > span.start:
            before = doc[child.left_edge.i - 1]
            if before.text == ",":
                return doc[span.start : before.i]
    return span


def deepest_right(token: Token) -> Token:
    """The head of the last noun phrase of a clause, where a trailing aside would hang."""
    while True:
        rights = [c for c in token.rights if not c.is_punct and c.dep_ not in {"appos", "relcl"}]
        if not rights:
            return token
        token = rights[-1]


def starts_clause(token: Token) -> bool:
    first = token.left_edge
    return first.lower_ == "that" or (first.lower_ == "to" and token.pos_ == "VERB")


def quote_index(doc: Doc, quotes: list[Quote]) -> list[int]:
    """For each token, the index of the outermost quote holding it, else -1."""
    index = [-1] * len(doc)
    qi = 0
    for token in doc:
        while qi < len(quotes) and quotes[qi].end <= token.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].start <= token.idx < quotes[qi].end:
            index[token.i] = qi
    return index
