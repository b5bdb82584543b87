"""What a parse chunk mentions, added to the article's entities in reading order: named
entities (with the role words before or beside them), surnames the NER missed, and
documents whose named maker speaks through them ("a Bloomberg poll", "the RNC released
an ad")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import antecedents
from onrecord.pipeline.speakers.entities import (
    Clusters,
    acronym_letters,
    campaign_of,
    clean_name,
    count_mention,
    initials,
    is_person,
    match_name,
    name_words,
)
from onrecord.pipeline.speakers.phrases import head_decides, is_maker
from onrecord.pipeline.speakers.vocabulary import (
    ABBREVIATIONS,
    DOCUMENTS,
    FEMALE_TITLES,
    GROUP_OF,
    HEADLINE_VERBS,
    HONORIFICS,
    MAKING,
    MALE_TITLES,
    NAME_TYPES,
    PERSON_NOUNS,
    ROLE_ONLY,
    ROLE_SYNONYMS,
    TITLES,
)


def document_nouns(doc: Doc) -> list[Token]:
    """The nouns of ``doc`` that name a document ("poll", "ad", "report")."""
    return [t for t in doc if t.pos_ == "NOUN" and t.lemma_.lower() in DOCUMENTS]


def add_event(clusters: Clusters, item: Span | Token, role: str | None, base: int) -> None:
    if isinstance(item, Span):
        add_mention(clusters, item, role, base)
    elif role == "described":
        found = person_by_role(clusters, item, set(), set())
        if found is not None:
            count_mention(clusters[found], item, item.idx + base)  # "The president's roots"
    elif role == "surname":
        found = match_name(clusters, {item.lower_}, "PERSON")
        if found is not None and is_person(clusters[found]):
            count_mention(clusters[found], item, item.idx + base)  # "Trump never missed ..."
    else:
        note_document(clusters, item, base)


def unnamed_surnames(doc: Doc, mask: bytearray) -> list[Token]:
    """Capitalised proper nouns outside names and quotes, heading their phrase: the
    "Trump" of "Trump never missed a chance" that the NER left out. Whether one is a
    known person's surname is decided when it is read."""
    ents = {t.i for ent in doc.ents for t in ent}
    return [
        t
        for t in doc
        if t.pos_ == "PROPN"
        and t.is_title
        and t.i not in ents
        and t.dep_ != "compound"
        and not mask[t.idx]
    ]


def note_document(clusters: Clusters, noun: Token, base: int) -> None:
    """Remember who made the document ``noun`` names, if the sentence says (``maker_of``)."""
    maker = document_maker(clusters, noun, base)
    if maker is not None:
        clusters.documents[DOCUMENTS[noun.lemma_.lower()]] = maker


def document_maker(clusters: Clusters, noun: Token, base: int) -> int | None:
    """The entity that made the document ``noun`` names, if its sentence says: a name
    modifying it ("a Bloomberg poll", "a video by the RNC"), or the subject of a verb of
    making it ("The Osei campaign released an ad"); None otherwise."""
    doc = noun.doc
    phrase = doc[noun.left_edge.i : noun.right_edge.i + 1]
    makers = [x for x in phrase.ents if x.label_ in NAME_TYPES and is_maker(x, noun)]
    if makers:
        return add_or_find(clusters, makers[0], base)
    for prep in noun.children:  # "A new ad from Donald Trump's presidential campaign"
        if prep.dep_ == "prep" and prep.lower_ in {"from", "by"}:
            made = next((t for t in prep.children if t.dep_ == "pobj"), None)
            if made is not None:
                found = _named_by(clusters, doc[made.left_edge.i : made.i + 1], made, base)
                if found is not None:
                    return found
    if noun.dep_ not in {"dobj", "obj"} or noun.head.lemma_.lower() not in MAKING:
        return None
    subject = next((t for t in noun.head.children if t.dep_ == "nsubj"), None)
    if subject is None:
        return None
    return _named_by(clusters, doc[subject.left_edge.i : subject.i + 1], subject, base)


def _named_by(clusters: Clusters, phrase: Span, head: Token, base: int) -> int | None:
    """The entity a maker's phrase names ("the Osei campaign", "Donald Trump's campaign",
    "the RNC"), or None if it names no one."""
    verdict, named = head_decides(phrase, head)
    if verdict == "name" and named is not None:
        if head.lower_ in GROUP_OF:
            return campaign_entity(clusters, named, base, GROUP_OF[head.lower_])
        return add_or_find(clusters, named, base)
    if verdict == "names" and head.ent_type_ in NAME_TYPES:
        own = next((x for x in phrase.ents if x.start <= head.i < x.end), None)
        return add_or_find(clusters, own, base) if own is not None else None
    return None


def maker_ahead(clusters: Clusters, noun: Token, base: int) -> int | None:
    """The maker of the next document of ``noun``'s family in its chunk whose sentence names
    one: "Poll: Clinton leads" above "the Reuters/Ipsos poll found ..."."""
    family = DOCUMENTS[noun.lemma_.lower()]
    for t in noun.doc[noun.i + 1 :]:
        if t.pos_ == "NOUN" and DOCUMENTS.get(t.lemma_.lower()) == family:
            found = document_maker(clusters, t, base)
            if found is not None:
                return found
    return None


def name_mentions(doc: Doc, mask: bytearray) -> list[tuple[Span, str | None]]:
    """Named entities of speaker types, in order, each with the role words before it.

    Names inside quotations (``mask``) are left out: "Old Mr. Hadley refused to leave",
    quoted, is not whom the next "he said" is about.
    """
    common = lowercase_words(doc)
    found = []
    for ent in doc.ents:
        if ent.label_ in NAME_TYPES and not mask[ent.start_char] and not is_title_only(ent):
            name = trim_name(ent, common) if ent.label_ == "PERSON" else ent
            if name is not None:
                found.append((name, role_before(name)))
    return found


_common_cache: list[tuple[Doc, frozenset[str]]] = []


def is_title_only(ent: Span) -> bool:
    """A "name" that is a description in title case ("Judge", "New Poll", "Popular
    Website", "Retired General"): a person or document noun heading words the article
    also writes in lowercase. No one's name, so no entity of its own. Titles that are
    also surnames ("Justice", "King") are kept."""
    head = ent[-1].lower_
    if ent.label_ == "PERSON":
        is_description = head in PERSON_NOUNS or head in ROLE_ONLY or head in DOCUMENTS
    else:  # an organisation may be called "National Review": only these never are
        is_description = ent.label_ == "ORG" and head in {"poll", "survey", "website", "study"}
    if not is_description:
        return False
    common = lowercase_words(ent.doc)
    return all(t.lower_ in common or t.is_punct for t in ent[:-1])


def lowercase_words(doc: Doc) -> frozenset[str]:
    """The words ``doc`` writes in lowercase somewhere: "speech", "sanders" rarely."""
    if _common_cache and _common_cache[0][0] is doc:
        return _common_cache[0][1]
    words = frozenset(t.text for t in doc if t.text.islower())
    _common_cache[:] = [(doc, words)]
    return words


def trim_name(ent: Span, common: frozenset[str]) -> Span | None:
    """A person's name without the headline words the NER glued to it: "Obama Speech" ->
    "Obama", "Injecting Clinton" -> "Clinton" (a word the article also writes in lowercase,
    unless the name starts with a known first name: "Bill Gates" stays)."""
    start, end = ent.start, ent.end
    doc = ent.doc
    owner = [t.i for t in ent if t.lower_ in {"'s", "’s"}]
    if owner and owner[-1] + 1 < end:
        start = owner[-1] + 1  # "NPR ’s Feng": the reporter, not the outlet
    if antecedents.first_names().get(doc[start].lower_) is not None:
        return ent if start == ent.start else Span(doc, start, end, label=ent.label_)
    while (
        end - start > 1
        and doc[end - 1].is_title
        and (doc[end - 1].lower_ in common or doc[end - 1].lower_ in HEADLINE_VERBS)
    ):
        end -= 1  # "Obama Says": a headline's verb
    while end - start > 1 and doc[start].lower_ in common and doc[start].is_title:
        start += 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


def role_before(ent: Span) -> str | None:
    """`Ukrainian President Volodymyr Zelenskyy` -> "Ukrainian President"."""
    if ent.label_ != "PERSON":
        return None
    doc = ent.doc
    start = ent.root.left_edge.i
    words = [
        t
        for t in doc[start : ent.start]
        if not (
            t.is_punct or t.pos_ == "DET" or t.dep_ == "poss" or t.lower_.rstrip(".") in HONORIFICS
        )
    ]
    while words and words[0].dep_ in {"case"}:
        words.pop(0)
    if not words or len(words) > 6 or any(t.pos_ in {"VERB", "AUX", "PRON"} for t in words):
        return None
    if not words[-1].is_title and words[-1].lower_ not in PERSON_NOUNS:
        return None
    first = words[0].i
    return doc[first : ent.start].text.strip(" ,") or None


def split_title(ent: Span) -> tuple[str, str | None]:
    """`Councillor Ruth Adebayo` -> ("Ruth Adebayo", "Councillor"): NER may keep the title."""
    words = list(ent)
    i = 0
    while i < len(words) - 1 and (
        words[i].lower_.rstrip(".") in TITLES or words[i].lower_ in PERSON_NOUNS
    ):
        i += 1
    if i == 0 or ent.label_ != "PERSON":
        return clean_name(ent.text), None
    title = ent.doc[ent.start : ent.start + i].text
    is_honorific = all(w.lower_.rstrip(".") in HONORIFICS for w in words[:i])
    return clean_name(ent.doc[ent.start + i : ent.end].text), None if is_honorific else title


def add_mention(clusters: Clusters, ent: Span, role: str | None, base: int) -> int:
    name, title = split_title(ent)
    role = role or title
    words = name_words(name)
    if not words:
        return -1
    kind = "ORG" if ent.label_ in {"ORG", "NORP"} and ent.label_ != "PERSON" else ent.label_
    gender = title_gender(ent)
    if gender is None and ent.label_ == "PERSON":
        gender = antecedents.name_gender(name)  # "Michelle Obama": f
    is_subject = ent.root.dep_ in {"nsubj", "nsubjpass"}
    found = match_name(
        clusters, words, kind, gender, may_be_person=ent.label_ != "GPE" or is_subject
    )
    if found is None and kind != "PERSON":
        found = clusters.by_acronym(acronym_letters(name), initials(name))
    if found is None:
        found = clusters.new(ent.label_)
    c = clusters[found]
    c.names.append(name)
    clusters.add_words(found, words)
    if len(words) == 1 and c.type == "PERSON":
        clusters.surnames[next(iter(words))] = found  # whom this surname was taken for last
    if kind != "PERSON":
        clusters.remember_letters(acronym_letters(name), initials(name), found)
    c.mentions.append((ent.start_char + base, ent.end_char + base))
    c.last_seen = ent.start_char + base
    if c.first_seen < 0:
        c.first_seen = c.last_seen
    c.mention_count += 1
    if ent.root.dep_ in {"nsubj", "nsubjpass"} or ent.root.head.dep_ in {"nsubj", "nsubjpass"}:
        c.last_subject = ent.start_char + base
    if role and not c.role:
        c.role = role
    for found_role in (role, appositive_role(ent)):
        if found_role:
            c.role_words |= role_words(found_role)
            c.role_heads.add(role_head(found_role))
    if gender and c.type == "PERSON":
        c.gender = c.gender or gender
    return found


def title_gender(ent: Span) -> str | None:
    """The gender a title in or before a name says ("Mrs. Clinton": "f"), or None."""
    before = {ent[0].lower_, ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""}
    return "m" if before & MALE_TITLES else "f" if before & FEMALE_TITLES else None


def role_words(role: str) -> set[str]:
    """The lowercase words of a role, abbreviations spelt out ("Gov." -> "governor") and
    with the plain word for an office ("Justice" is also "judge")."""
    plain = (w.lower().removesuffix("’s").removesuffix("'s").strip(".,’'") for w in role.split())
    words = {ABBREVIATIONS.get(w, w) for w in plain if w}  # "Connecticut's" -> "connecticut"
    return words | {ROLE_SYNONYMS[w] for w in words if w in ROLE_SYNONYMS}


def role_head(role: str) -> str:
    """The word a role is: "Ohio Secretary of State" -> "secretary", "Gov." -> "governor"."""
    before_of = role.lower().split(" of ")[0].split()
    word = before_of[-1].strip(".,’'") if before_of else ""
    return ABBREVIATIONS.get(word, word)


def appositive_role(ent: Span) -> str | None:
    """A person's description beside their name: "Liu Xiaming, China's ambassador to
    Britain," or "China's ambassador to Britain, Liu Xiaming" -> the description's words."""
    if ent.label_ != "PERSON":
        return None
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and not ent.start <= child.i < ent.end:
            return ent.doc[child.left_edge.i : child.i + 1].text
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        head = root.head
        return ent.doc[head.left_edge.i : head.i + 1].text
    return None


def add_or_find(clusters: Clusters, ent: Span, base: int) -> int | None:
    """The entity ``ent`` names, added if it is new."""
    words = name_words(clean_name(ent.text))
    found = match_name(clusters, words, ent.label_, title_gender(ent))
    if found is not None:
        return found
    idx = add_mention(clusters, ent, role_before(ent), base)
    return idx if idx >= 0 else None


def campaign_entity(
    clusters: Clusters, person: Span, base: int, kind: str = "campaign"
) -> int | None:
    """The campaign of ``person``, named as the gold files name campaigns: "Clinton campaign"
    for "The Clinton campaign", "Hillary Clinton's team" and "Clinton’s campaign". A name
    that is no person's (NER often calls a surname ORG: "The Osei campaign") is the speaker
    itself: "the Labour campaign" is Labour."""
    found = match_name(clusters, name_words(clean_name(person.text)), "PERSON")
    if found is None and person.label_ == "PERSON":
        found = add_or_find(clusters, person, base)
    if found is None or clusters[found].type != "PERSON":
        return add_or_find(clusters, person, base)
    return campaign_of(clusters, found, person.start_char + base, kind)


def proper_fallback(clusters: Clusters, span: Span, base: int, kind: str = "PERSON") -> int | None:
    """A capitalised name the NER missed: cluster it as a person (or ``kind``)."""
    tokens = [t for t in span if t.pos_ == "PROPN"] or ([span[0]] if len(span) == 1 else [])
    if not tokens:
        return None
    name_span = span.doc[tokens[0].i : tokens[-1].i + 1]
    words = name_words(clean_name(name_span.text))
    found = match_name(clusters, words, kind)
    if found is None:
        found = clusters.new(kind)
    c = clusters[found]
    c.names.append(clean_name(name_span.text))
    clusters.add_words(found, words)
    count_mention(c, name_span.root, name_span.start_char + base)
    return found


def person_by_role(
    clusters: Clusters, root: Token, owners: set[str], skip: set[int | None]
) -> int | None:
    """The person named most recently whose role the description headed by ``root`` says
    ("the president", "China's ambassador": ``owners`` are its possessors' words), not one
    in ``skip``; None if no role says so."""
    noun = root.lemma_.lower()
    marks = role_marks(root)
    is_role = noun in PERSON_NOUNS or noun in ROLE_ONLY
    for i in sorted(range(len(clusters)), key=lambda i: -clusters[i].last_seen):
        c = clusters[i]
        # "the state" is no role of Ohio's Secretary of State: a role's head, or a person noun
        fits = (is_role or noun in c.role_heads) and noun in c.role_words
        if c.type == "PERSON" and fits and (marks | owners) <= c.role_words and i not in skip:
            return i
    return None


def role_marks(root: Token) -> set[str]:
    """The capitalised words a description's role must hold: "The Republican nominee" is
    not the Democratic one. Places are left out: "the New York state attorney general"
    fits "Attorney General"."""
    return {
        t.lower_
        for t in root.lefts
        if t.dep_ in {"amod", "compound"} and t.is_title and t.ent_type_ not in {"GPE", "LOC"}
    }


def described_people(doc: Doc, mask: bytearray) -> list[Token]:
    """Heads of "the <person noun>" phrases outside quotes that are a clause's subject or a
    possessor ("The president's Pacific roots ..."): mentions of the person whose role
    they name, read like names."""
    return [
        t
        for t in doc
        if t.pos_ == "NOUN"
        and t.tag_ == "NN"
        and t.dep_ in {"nsubj", "nsubjpass", "poss"}
        and t.lemma_.lower() in PERSON_NOUNS
        and any(d.dep_ == "det" and d.lower_ == "the" for d in t.children)
        and not mask[t.idx]
    ]
