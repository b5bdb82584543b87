"""What the head of a source phrase says about a name inside it: ``head_decides``."""

from __future__ import annotations

from spacy.tokens import Span, Token

from onrecord.pipeline.speakers.vocabulary import (
    COMMON,
    MADE_BY,
    MODIFIER,
    NAME_TYPES,
    PERSON_NOUNS,
    PERSONAL,
    PLACES,
)


def person_then_description(span: Span, names: list[Span]) -> Span | None:
    """The person opening ``span`` (after their title) before a comma, dash or bracket:
    "President Obama, dedicating the museum near the Washington Monument,"; else None."""
    if not names or names[0].label_ != "PERSON":
        return None
    if not all(t.is_title for t in span.doc[span.start : names[0].start]):
        return None
    end = names[0].end
    is_set_off = end < span.end and span.doc[end].text in {",", "(", "—", "–"}
    return names[0] if is_set_off else None


def head_decides(span: Span, head: Token) -> tuple[str, Span | None]:
    """What the head of a source phrase says about a name inside it.

    ``("name", ent)``: ``ent`` is the speaker (it is the head, stands beside the head by
    apposition, or made the document the head names: "a New York Times report");
    ``("group", None)``: an unnamed group, no one ("Many Democrats", "Russian officials");
    ``("description", None)``: a description of someone other than the names inside it
    ("the lawyer for X", "Gary Johnson's doctor", "the Ohio Democrat");
    ``("names", None)``: the head is a name the NER missed, or a pronoun; the names decide.
    A wrong speaker is worse than none, so a common noun never hands its speaker to a
    name that only modifies it.
    """
    names = [ent for ent in span.ents if ent.label_ in NAME_TYPES]
    own = next((x for x in names if x.start <= head.i < x.end), None)
    if own is not None:
        if own.label_ != "NORP":
            return "name", own
        if head.tag_ in {"NNS", "NNPS"} or head.lower_.endswith(("ans", "ats", "ists")):
            return "group", None  # "Republicans", "many Democrats", "Americans"
        if any(t.dep_ in {"det", "amod", "compound", "nummod"} for t in head.lefts):
            return "description", None  # "the Ohio Democrat" is a person, not "Democrat"
        return "name", own  # a bare "Opelka": a surname the NER took for a nationality
    is_titled = head.is_title and head.lower_ in PERSON_NOUNS  # "Senator from Texas"
    if (head.pos_ not in COMMON and not is_titled) or head.lower_ in PERSONAL:
        return "names", None
    beside = [x for x in names if is_beside(x, head)]
    if beside:
        return "name", beside[0]  # "the Democratic candidate, Andy Beshear"
    noun = (head.lemma_ or head.lower_).lower()
    if noun in PLACES:
        of = [
            x
            for x in names
            if any(len(p) == 2 and p[1].lower_ == "of" for p in attachments(x, head))
        ]
        if of:
            return "name", of[0]  # "the city of Phoenix"
    if noun in MADE_BY or head.lower_ in MADE_BY:
        makers = [x for x in names if is_maker(x, head)]
        # "the TexAuto Facts report from InfoNation": a "from"/"by" maker before a title
        makers.sort(key=lambda x: not any(t.dep_ == "pobj" for t in x))
        if makers:
            return "name", makers[0]  # "a USA Today analysis", "a video by the RNC"
    if is_titled and head.tag_ == "NNP":
        return "description", None  # "Senator from Texas" in a headline
    if head.tag_ in {"NNS", "NNPS"} or head.pos_ != "NOUN":
        return "group", None  # "Clinton supporters", "one of Mr. Obama's advisers"
    return "description", None


def path_up(token: Token, head: Token) -> list[Token] | None:
    """The tokens from ``token`` up to ``head``, ``head`` left out; None if it is not above."""
    path: list[Token] = []
    while token.i != head.i:
        if token.head.i == token.i:
            return None
        path.append(token)
        token = token.head
    return path


def attachments(ent: Span, head: Token) -> list[list[Token]]:
    """How ``ent`` hangs under ``head``: the path up from each of its tokens whose own head
    lies outside it (its determiner too: "The USC/LA Times poll" hangs "The" on "poll")."""
    found = []
    for token in ent:
        if not ent.start <= token.head.i < ent.end and token.dep_ not in {"det", "punct"}:
            path = path_up(token, head)
            if path is not None:
                found.append(path)
    return found


def is_beside(ent: Span, head: Token) -> bool:
    """``ent`` stands beside ``head`` (apposition, coordination): "the candidate, Ann Cole"."""
    paths = attachments(ent, head)
    return bool(paths) and all(
        path and {t.dep_ for t in path} <= {"appos", "conj"} for path in paths
    )


def is_maker(ent: Span, head: Token) -> bool:
    """``ent`` names who made ``head``: "USA Today's analysis", "the Reuters/Ipsos poll", "the
    report from InfoNation", "an analysis released by the VA"; not a place ("polls in
    Pennsylvania") or a name deeper in a relative clause."""
    for path in attachments(ent, head):
        if not path:
            continue
        if all(t.dep_ in MODIFIER for t in path):
            return True
        outside = [t for t in path if not ent.start <= t.i < ent.end]
        top = path[len(path) - len(outside) - 1] if len(outside) < len(path) else None
        is_by = (
            top is not None
            and top.dep_ == "pobj"
            and outside[0].dep_ in {"prep", "agent"}
            and outside[0].lower_ in {"by", "from", "of"}
        )
        if is_by and (len(outside) == 1 or (len(outside) == 2 and outside[1].dep_ == "acl")):
            return True
    return False
