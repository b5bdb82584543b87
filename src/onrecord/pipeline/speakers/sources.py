"""The speaker of one attribution's source, given the entities read so far: a name, a
pronoun, a relative, a description, a document, or no one; and how it was found (the
route its ``speaker_confidence`` is looked up by)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import antecedents
from onrecord.pipeline.attribution import Candidate
from onrecord.pipeline.speakers.entities import (
    Cluster,
    Clusters,
    OrgKind,
    Role,
    campaign_of,
    clean_name,
    is_acronym,
    is_person,
    kind_fits,
    match_name,
    name_words,
    org_kind,
)
from onrecord.pipeline.speakers.mentions import (
    add_or_find,
    campaign_entity,
    is_title_only,
    lowercase_words,
    maker_ahead,
    person_by_role,
    proper_fallback,
    role_marks,
    trim_name,
)
from onrecord.pipeline.speakers.phrases import head_decides, person_then_description
from onrecord.pipeline.speakers.vocabulary import (
    DOCUMENTS,
    FEMALE,
    FEMALE_NOUNS,
    FIRST_PERSON,
    GROUP_OF,
    HONORIFICS,
    INDEFINITE,
    MADE_BY,
    MALE,
    MALE_NOUNS,
    NAME_TYPES,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    OWN_WORDS,
    PERSON_NOUNS,
    PERSONAL,
    PLURAL,
    POSSESSIVE,
    RELATIVE,
    RELATIVE_TYPES,
    RETURNING,
    ROLE_ONLY,
    THING,
)


def source_pos(cand: Candidate) -> int:
    if cand.source:
        return cand.source[0][0]
    return min(s for s, _ in cand.cue) if cand.cue else cand.content[0][0]


def byline_author(meta: dict[str, Any]) -> str | None:
    """The one person a document's ``author`` metadata names ("By Ann Cole" -> "Ann Cole"),
    or None: no byline, several writers, or an outlet ("Associated Press")."""
    value = meta.get("author")
    if not isinstance(value, str):
        return None
    name = value.strip().removeprefix("By ").removeprefix("by ").strip()
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    if any(
        w.lower().strip(",") in {"and", "&", "staff", "press", "news", "reuters"} for w in words
    ):
        return None
    return None if "," in name or ";" in name else name


def quoted_first_person(doc: Doc, cands: list[Candidate]) -> dict[int, int]:
    """Candidates whose source is "I", "me" or "my" inside another's content (a quote
    within a quote), each with that other candidate: the quoted "I" is its speaker."""
    found: dict[int, int] = {}
    for ci, cand in enumerate(cands):
        if cand.source_root is None or not cand.source:
            continue
        if doc[cand.source_root].lower_ not in FIRST_PERSON:
            continue
        pos = cand.source[0][0]
        outer = next(
            (
                cj
                for cj, other in enumerate(cands)
                if cj != ci and any(s <= pos < e for s, e in other.content)
            ),
            None,
        )
        if outer is not None and outer not in found:
            found[ci] = outer
    return found


def resolve_source(
    doc: Doc,
    cand: Candidate,
    clusters: Clusters,
    last_speaker: int | None,
    base: int,
    is_quoted: bool = False,
) -> int | None:
    if cand.source_root is None or not cand.source:
        return None
    s, e = cand.source[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    span = after_dateline(span)
    root = doc[cand.source_root]
    if not span.start <= root.i < span.end:
        root = span.root
    if root.lower_ in RELATIVE and root.head.dep_ == "relcl" and root.head.head.i < root.i:
        # "two councillors, who asked not to be named": the antecedent decides
        antecedent = root.head.head
        phrase = doc[antecedent.left_edge.i : antecedent.i + 1]
        own = next((x for x in phrase.ents if x.start <= antecedent.i < x.end), None)
        if own is None and antecedent.dep_ == "appos":
            # "John Bentel, a tech staffer at the State Department who told ...": the
            # description stands beside a name, and the name is who
            beside = antecedent.head
            own = next((x for x in doc.ents if x.start <= beside.i < x.end), None)
        if own is not None and own.label_ in RELATIVE_TYPES.get(root.lower_, ()):
            return add_or_find(clusters, own, base)
        if own is not None and own.label_ in {"NORP", "GPE"}:
            return None  # "Democrats and Republicans, who have questioned ...": a group
        if own is None and antecedent.pos_ in {"NOUN", "NUM"}:
            verdict, _ = head_decides(phrase, antecedent)
            if verdict != "name":
                return None
    given = [t for t in root.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    # "New Poll", "Retired General"; but "The United Nations High Commissioner" names one
    heads_a_description = root.lower_ in DESCRIPTION_HEADS and not any(t.ent_type_ for t in given)
    in_name = any(x.start <= root.i < x.end for x in span.ents)
    if root.is_title and given and not in_name and not heads_a_description:
        return proper_fallback(clusters, doc[given[0].i : root.i + 1], base)  # "Ivanka Trump"
    if root.is_title and not any(x.start <= root.i < x.end for x in span.ents):
        known = match_name(clusters, {root.lower_}, "PERSON")
        if known is not None and is_person(clusters[known]):
            return known  # "Early said", "Wee of the Times": a surname the NER missed
    names = [
        trimmed
        for ent in span.ents
        if ent.label_ in NAME_TYPES and not is_title_only(ent)
        for trimmed in [trim_name(ent, lowercase_words(doc)) if ent.label_ == "PERSON" else ent]
        if trimmed is not None
    ]  # "NPR ’s Feng" is Feng
    # "Jeff Sanborn, president of Chapter & Verse": the person first, then what they are
    first = person_then_description(span, names)
    if first is not None:
        return add_or_find(clusters, first, base)
    if names:
        head = root if span.start <= root.i < span.end else span.root
        verdict, named = head_decides(span, head)
        if verdict == "name" and named is not None:
            if head.lower_ in GROUP_OF:  # "Clinton's team" is not Clinton
                return campaign_entity(clusters, named, base, GROUP_OF[head.lower_])
            return add_or_find(clusters, named, base)
        if verdict == "group":
            return None
        if verdict == "description":
            # the speaker is the person described, never a name inside the description
            inside = {match_name(clusters, name_words(clean_name(x.text)), x.label_) for x in names}
            return nominal(span, head, clusters, last_speaker, base, exclude=inside)
        # the name that heads the phrase, else its first name ("Joel Pollak of Breitbart")
        # not a possessor: "Vance’s nephew, Paul Vance" is Paul Vance
        owners = [
            x
            for x in names
            if x[-1].dep_ == "case" or (x.end < len(doc) and doc[x.end].dep_ == "case")
        ]
        names = [x for x in names if x not in owners] or names
        ent = next((x for x in names if x.start <= root.i < x.end), names[0])
        return add_or_find(clusters, ent, base)
    lower = root.lower_
    if lower in INDEFINITE:
        return None  # "someone at the meeting", "not everyone", "you"
    if lower in FIRST_PERSON and not is_quoted:
        return clusters.writer(s + base)  # the writer's own "I": a column, a letter
    if root.pos_ == "PRON" or lower in MALE | FEMALE | PLURAL | THING | FIRST_PERSON:
        return resolve_pronoun(lower, clusters, last_speaker, s + base)
    is_headline = not span.ents and all(
        (t.is_title or not t.is_alpha) and t.lower_.rstrip(".") not in HONORIFICS for t in span
    )  # "Mr. King" is a name
    if is_headline and root.lower_ in PERSON_NOUNS | ROLE_ONLY | DOCUMENTS.keys():
        # a headline's "Judge rejects ...", "Retired General", "Popular Website": the one
        # the article names with that role, never a person called "General"
        return nominal(span, root, clusters, last_speaker, base, is_titled=True)
    named_kind = [t for t in root.lefts if t.dep_ in {"compound", "amod"} and t.is_title]
    if root.is_title and root.lemma_.lower() in ORG_NOUNS and named_kind and not span.ents:
        # "the Supreme Court", "the Tax Policy Center": a name, not "the court" last named
        name = doc[named_kind[0].i : root.i + 1]
        return proper_fallback(clusters, name, base, kind="ORG")
    if root.pos_ == "PROPN" and root.is_lower and root.lower_ in DESCRIPTION_HEADS:
        # a headline's bare "bloc aims to ...": the description, never a name "bloc"
        return nominal(span, root, clusters, last_speaker, base, is_titled=True)
    if root.pos_ == "PROPN":
        return proper_fallback(clusters, span, base)
    if is_unknown_name(span, root):
        return proper_fallback(clusters, doc[root.i : root.i + 1], base)
    owner = next((t for t in root.children if t.dep_ == "poss" and t.pos_ == "PRON"), None)
    if owner is not None and (root.lemma_.lower() in OWN_WORDS or root.lower_ in OWN_WORDS):
        # "His program", "Her submission to the court", "her campaign": the owner speaks
        found = resolve_pronoun(
            POSSESSIVE.get(owner.lower_, owner.lower_), clusters, last_speaker, s + base
        )
        if found is not None and root.lower_ in GROUP_OF:
            return campaign_of(clusters, found, s + base, GROUP_OF[root.lower_])
        return found
    return nominal(span, root, clusters, last_speaker, base)


def is_unknown_name(span: Span, root: Token) -> bool:
    """A capitalised word the tagger took for a common noun, alone in the source, that the
    article never writes in lowercase and that no description starts with: "Politifact
    said", or a plural-looking one heading a headline, "Sanders: Clinton needs to ..."
    ("Officials said" and "Polls: ..." stay no one)."""
    doc = root.doc
    is_headline = root.i + 1 < len(doc) and doc[root.i + 1].text == ":"
    lower = root.lower_
    return (
        len(span) == 1
        and root.is_title
        and (root.tag_ == "NN" or (root.tag_ == "NNS" and is_headline))
        and lower not in lowercase_words(doc)
        and lower.rstrip("s") not in lowercase_words(doc)
        and not {lower, root.lemma_.lower()} & (PERSON_NOUNS | ORG_NOUNS.keys() | MADE_BY)
    )


def resolve_pronoun(
    lower: str, clusters: Clusters, last_speaker: int | None, pos: int
) -> int | None:
    if lower in MALE:
        gender = "m"
    elif lower in FEMALE:
        gender = "f"
    elif lower in THING:
        # the organisation that spoke last, else the one named last; a country if none;
        # never a people ("Lithuanian Americans" is not "it")
        found = most_recent(clusters, pos, lambda c: c.type == "ORG", last_speaker)
        if found is None:
            found = most_recent(clusters, pos, lambda c: c.type == "GPE", last_speaker)
        return found
    elif lower in PLURAL:
        if last_speaker is not None and clusters[last_speaker].type != "PERSON":
            return last_speaker
        return None
    else:
        return last_speaker
    cands = antecedent_candidates(clusters, pos, last_speaker)
    ranked = antecedents.rank(cands, gender)
    note({"pos": pos, "gender": gender, "clusters": clusters, "cands": cands})
    if not ranked:
        return None
    found, clusters.share = ranked[0]
    if gender == "m":
        clusters[found].said_he += 1
    else:
        clusters[found].said_she += 1
    return found


def antecedent_candidates(
    clusters: Clusters, pos: int, last_speaker: int | None
) -> list[antecedents.Candidate]:
    """The people a "he"/"she" at ``pos`` may be: the most recently named, and the last
    speakers, each described for ``antecedents.rank``."""
    # the writer is "I", never "she": not a candidate
    people = [
        i
        for i, c in enumerate(clusters)
        if c.type == "PERSON" and 0 <= c.last_seen < pos and i != clusters.writer_at
    ]
    people.sort(key=lambda i: -clusters[i].last_seen)
    recent = people[: antecedents.MAX_CANDIDATES]
    speakers = [
        i
        for i in clusters.speakers[-3:]
        if clusters[i].type == "PERSON" and i != clusters.writer_at
    ]
    chosen = recent + [i for i in speakers if i not in recent and clusters[i].last_seen < pos]
    previous = next((i for i in reversed(clusters.speakers) if i != last_speaker), None)
    first = min(people, key=lambda i: clusters[i].mentions[0][0], default=None)
    here = clusters.sentence(pos)

    def since(at: int) -> int | None:
        return here - clusters.sentence(at) if at >= 0 else None

    out = []
    for i in chosen:
        c = clusters[i]
        out.append(
            antecedents.Candidate(
                cluster=i,
                is_last_speaker=i == last_speaker,
                is_previous_speaker=i == previous,
                gender=c.gender,
                name_gender=antecedents.name_gender(c.name),
                said_he=c.said_he,
                said_she=c.said_she,
                sentences_since_named=here - clusters.sentence(c.last_seen),
                sentences_since_subject=since(c.last_subject),
                sentences_since_spoke=since(c.last_spoke),
                rank=recent.index(i) if i in recent else len(recent),
                mentions=c.mention_count,
                speeches=c.speeches,
                has_role=c.role is not None,
                is_first=i == first,
            )
        )
    return out


#: nouns that head a description even in title case: never the last word of a name
DESCRIPTION_HEADS = PERSON_NOUNS | ROLE_ONLY | DOCUMENTS.keys() | ORG_NOUNS.keys()


def after_dateline(span: Span) -> Span:
    """``span`` without a dateline it starts with ("WASHINGTON -- President Obama")."""
    doc = span.doc
    i = span.start
    while i < span.end and doc[i].is_upper and doc[i].is_alpha:
        i += 1
    if span.start < i < span.end - 1 and doc[i].text in {"--", "—", "–", "-"}:
        return doc[i + 1 : span.end]
    return span


def route_of(doc: Doc, cand: Candidate, speaker: int | None, is_quoted: bool) -> str:
    """How the speaker was found, for its confidence (``speaker_confidence.ROUTES``)."""
    if not cand.source or cand.source_root is None:
        return "no source"
    root = doc[cand.source_root]
    lower = root.lower_
    if speaker is None:
        if lower in INDEFINITE:
            return "no one: indefinite"
        determiners = {t.lower_ for t in root.children if t.dep_ == "det"}
        if root.tag_ in {"NNS", "NNPS"} or determiners & {"a", "an", "some", "many", "several"}:
            return "no one: group"  # "officials", "a spokesman": meant to stay unnamed
        return "no one"  # a pronoun, name or definite description left unresolved
    if lower in FIRST_PERSON and not is_quoted:
        return "writer"
    if lower in MALE | FEMALE:
        return "he or she"
    if lower in RELATIVE:
        return "relative"
    if root.pos_ == "PRON" or lower in PERSONAL:
        return "other pronoun"
    s, e = cand.source[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    has_name = span is not None and any(x.label_ in NAME_TYPES for x in span.ents)
    return "name" if has_name or root.pos_ == "PROPN" else "description"


#: while ``trace_pronouns`` runs, every "he"/"she" decision and every route, for training
_trace: list[dict[str, Any]] | None = None


def note(record: dict[str, Any]) -> None:
    """Keep ``record`` if ``trace_pronouns`` is running."""
    if _trace is not None:
        _trace.append(record)


@contextmanager
def trace_pronouns() -> Iterator[list[dict[str, Any]]]:
    """Record each decision made inside the block (``scripts/train_speakers.py``): a dict
    with ``gender`` per "he"/"she" ranking, one with ``route`` per source."""
    global _trace
    _trace = []
    try:
        yield _trace
    finally:
        _trace = None


def most_recent(
    clusters: list[Cluster],
    pos: int,
    fits: Callable[[Cluster], bool],
    last_speaker: int | None,
    window: int | None = None,
) -> int | None:
    """The last speaker if it fits, else the fitting entity mentioned most recently
    (within ``window`` characters before ``pos``, if given)."""
    if last_speaker is not None and fits(clusters[last_speaker]):
        return last_speaker
    best: int | None = None
    earliest = pos - window if window is not None else -1
    for i, c in enumerate(clusters):
        is_recent = earliest <= c.last_seen < pos
        if fits(c) and is_recent and (best is None or c.last_seen > clusters[best].last_seen):
            best = i
    return best


def nominal(
    span: Span,
    root: Token,
    clusters: Clusters,
    last_speaker: int | None,
    base: int,
    exclude: set[int | None] | None = None,
    is_titled: bool = False,
) -> int | None:
    """`the president` -> the person whose role says president; `officials` -> no one.
    ``is_titled``: a bare capitalised noun ("Judge" in a headline) reads as "the judge".

    ``base``: where the chunk starts in the article (clusters count article-wide).
    ``exclude``: clusters named inside the phrase, which it describes someone else by
    ("the lawyer for X" is not X)."""
    noun = root.lemma_.lower()
    determiners = [t for t in root.children if t.dep_ in {"det", "poss"}]
    is_definite = is_titled or any(d.lower_ in {"the", "this", "that"} for d in determiners)
    family = DOCUMENTS.get(noun)
    if family is not None and (root.tag_ == "NN" or noun == "datum"):  # "the data"
        carrier = carried_by(root)
        if carrier is not None and not is_definite:
            # "In a statement, the union called ...": the one who speaks in it
            return add_or_find(clusters, carrier, base)
        # "the poll": the last poll's maker; a poll before any ("Poll:", "A new poll"): the
        # next one's, as an article names the poll it leads with
        known = clusters.documents.get(family) if is_definite else None
        if (
            known is None
            and family == "research"
            and not any(t.dep_ == "nummod" for t in root.lefts)
        ):
            known = maker_ahead(clusters, root, base)
        if known is None and is_definite and family != "statement":
            # "the court said ... the ruling said": the one who just spoke (a statement
            # is as often a spokesman's)
            known = just_spoke(clusters, last_speaker, span, base)
        return known
    # "China's ambassador" names one person, found only by a role that says so
    owners = {d.lower_ for d in determiners if d.dep_ == "poss" and d.pos_ == "PROPN"}
    is_someones = any(d.dep_ == "poss" and d.pos_ == "PRON" for d in determiners)
    # "Judge" or "Senator from Texas" in a headline: capitalised, the story's first so named
    in_headline = is_titled or (root.tag_ == "NNP" and root.is_title)
    is_one = root.tag_ == "NN" or (in_headline and root.tag_ == "NNP")
    if is_one and (noun in PERSON_NOUNS or noun in ROLE_ONLY) and not is_someones:
        # if no one is found now, someone the article gives this role later may be; a
        # name inside must be in that role too ("a spokeswoman for Hillary Clinton")
        inside = {
            x[-1].lower_ for x in span.ents if x.label_ in {"PERSON", "ORG"} and root not in x
        }  # places are left out, as in role_marks: "A New York judge"
        marks = frozenset(role_marks(root) | owners | inside)
        clusters.pending = Role(noun, marks, is_headline=in_headline)
    introduced = any(d.lower_ in {"a", "an"} or d.pos_ == "NOUN" for d in determiners)
    if noun in ORG_NOUNS and root.tag_ == "NN" and introduced and not is_someones:
        # "A union representing flight attendants" in a lede: the one union named later
        clusters.pending = OrgKind(ORG_NOUNS[noun], is_headline=True)  # the first so named
    if not (is_definite or owners) or root.tag_ in {"NNS", "NNPS"}:
        return None  # "officials", "a spokesperson for her department", "many observers"
    skip = exclude or set()
    by_role = person_by_role(clusters, root, owners, skip)
    if by_role is not None:
        return by_role
    if not is_definite:
        return None  # "Gary Johnson's doctor", never named as such: no one
    if noun in ORG_NOUNS:
        kind = ORG_NOUNS[noun]
        found = organisation_of_kind(kind, clusters, skip)
        if found is None or not kind_fits(org_kind(clusters[found]), kind):
            # a guess or nothing: the one organisation of this kind named later may be it
            clusters.pending = OrgKind(kind, is_headline=in_headline)
        return found
    named = named_by_words(root, clusters, skip)
    if named is not None:
        return named  # "the fund": the International Monetary Fund
    if is_one and is_returning(span, root) and noun not in ORG_NOUNS:
        # "the 34-year-old mother of three replied", "the former first lady": news gives a
        # person's age or past when it returns to someone already named
        return returning_person(span, root, clusters, last_speaker, base)
    kind_of = [t for t in root.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]
    if kind_of and root.ent_type_ != "NORP":
        return None  # "the band leader", whom no role names: not the person named last
    if noun in PERSON_NOUNS or root.ent_type_ == "NORP":
        named_inside = {id(clusters[i]) for i in skip if i is not None}
        return most_recent(
            clusters,
            span.start_char + base,
            lambda c: c.type == "PERSON" and id(c) not in named_inside,
            last_speaker,
        )
    return None


def carried_by(root: Token) -> Span | None:
    """The name heading the clause a document is carried in: "In a statement, the
    Association of Flight Attendants called ..." -> the association."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in {"in", "through", "via"}:
        return None
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"} or prep.i > verb.i:
        return None
    subject = next((t for t in verb.children if t.dep_ == "nsubj"), None)
    if subject is None:
        return None
    return next(
        (x for x in root.doc.ents if x.start <= subject.i < x.end and x.label_ in NAME_TYPES),
        None,
    )


_AGE = re.compile(r"\b\w+-year-old\b", re.IGNORECASE)


def is_returning(span: Span, root: Token) -> bool:
    """Whether a person description gives an age or a past before its head ("the
    34-year-old mother", "the former first lady"), as news does for someone named before,
    and the article brought in no unnamed one so ("a 34-year-old woman", "a former aide")."""
    before_head = span.doc[span.start : root.i]
    age = _AGE.search(before_head.text)
    marks = [t.lower_ for t in before_head if t.lower_ in RETURNING]
    if age is None and not marks:
        return False
    said = age.group(0).lower() if age is not None else marks[0]
    earlier = span.doc.text[: span.start_char].lower()
    return re.search(rf"\ban? {re.escape(said)}\b", earlier) is None


def returning_person(
    span: Span, root: Token, clusters: Clusters, last_speaker: int | None, base: int
) -> int | None:
    """The person a returning description means: by the noun's gender, ranked as "she" or
    "he" would be; else the person named or speaking last."""
    noun = root.lemma_.lower()
    pos = span.start_char + base
    if noun in FEMALE_NOUNS or noun in MALE_NOUNS:
        gender = "f" if noun in FEMALE_NOUNS else "m"
        ranked = antecedents.rank(antecedent_candidates(clusters, pos, last_speaker), gender)
        return ranked[0][0] if ranked else None
    return most_recent(clusters, pos, lambda c: c.type == "PERSON", last_speaker)


def just_spoke(clusters: Clusters, last_speaker: int | None, span: Span, base: int) -> int | None:
    """The last speaker if it is an organisation whose last source was in this paragraph
    or the one before (a person's "the suit" is as often someone else's). NER's "person"
    with no first name (no gender), title or role is taken for what it more often is:
    "Zero Hedge"."""
    if last_speaker is None:
        return None
    c = clusters[last_speaker]
    is_nameless = c.gender is None and c.role is None and len(name_words(c.name)) >= 2
    if c.type == "PERSON" and not is_nameless:
        return None
    spoke = c.last_spoke - base
    if spoke < 0:
        return None  # another chunk: far back
    between = span.doc.text[spoke : span.start_char]
    return last_speaker if sum(1 for line in between.split("\n") if line.strip()) <= 2 else None


def named_by_words(root: Token, clusters: list[Cluster], skip: set[int | None]) -> int | None:
    """The organisation named most recently whose name holds the description's head and
    its noun modifiers: "the fund" is the International Monetary Fund, "the center" the
    Tax Policy Center, "the budget office" the Congressional Budget Office."""
    noun = root.lemma_.lower()
    kinds = {t.lower_ for t in root.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"}
    if noun in PERSON_NOUNS or len(noun) < 3 or (noun in MADE_BY and not kinds):
        return None  # "the research" is not the Institute for Climate Impact Research
    words = kinds | {root.lower_}
    best: int | None = None
    for i, c in enumerate(clusters):
        if c.type != "ORG" or i in skip or not words <= c.words or c.last_seen < 0:
            continue
        if best is None or c.last_seen > clusters[best].last_seen:
            best = i
    return best


def organisation_of_kind(kind: str, clusters: list[Cluster], skip: set[int | None]) -> int | None:
    """`the paper` -> the newspaper named most recently, `the agency` -> the public body:
    the most recent organisation whose name tells this kind, else (an agency) the most recent
    acronym, else (a bank, a company) the most recent organisation whose name tells no kind
    ("Wells Fargo" for "the bank"); never a person, never another kind. A bare kind word is
    no name ("Bank", NER's ORG for a heading)."""
    tiers: list[int | None] = [None, None, None]  # told, acronym, untold
    for i in sorted(range(len(clusters)), key=lambda i: -clusters[i].last_seen):
        c = clusters[i]
        if c.type == "PERSON" or i in skip or c.last_seen < 0:
            continue
        # "CNN", "RT America": networks go by letters
        is_network = kind in {"broadcast", "media"} and any(
            w.isupper() and 2 <= len(w) <= 5 for name in c.names for w in name.split()
        )
        if c.words <= ORG_NAME_WORDS.get(kind, frozenset(ORG_NOUNS)) and not is_network:
            continue  # "News", "Union": a bare kind word
        has = org_kind(c)
        if kind_fits(has, kind) or (is_network and has is None):
            tier = 0
        elif has is None and kind == "agency" and is_acronym(c):
            tier = 1
        elif has is None and kind in {"bank", "org", "union"} and c.type == "ORG":
            tier = 2
        else:
            continue
        if tiers[tier] is None:
            tiers[tier] = i
    return next((i for i in tiers if i is not None), None)
