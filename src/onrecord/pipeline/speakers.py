"""Speaker resolution within one article: every source mention to one entity, or to no one.

Names cluster by their words (``Zelenskyy`` joins ``Volodymyr Zelenskyy``; ``the Times``
joins ``The Washington Times``); pronouns go to the most recent compatible speaker;
definite nominals (``the president``, ``the beleaguered leader``) to the most recent person
whose role fits, else the most recent person; indefinite and plural sources (``officials``,
``a spokesperson for her department``) stay anonymous, never glued to the nearest name.
Titles before a name (``Secretary of State Tony Blinken``) become the entity's role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline.attribution import Candidate, Range, doc_text
from onrecord.pipeline.quotes import find_quotes, quoted_mask

_NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_THING = {"it", "its"}
_PLURAL = {"they", "them", "their", "we", "us"}
_FIRST_PERSON = {"i", "me", "my"}
_MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "father", "brother"}
_FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "queen", "dame", "sister"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"}
#: words NER sometimes keeps at the front of a PERSON name; they are the role
_TITLES = _HONORIFICS | set(
    "councillor councilor senator sen rep gov governor president mayor minister secretary "
    "judge justice gen general col capt lt sgt chief prof professor rev father bishop "
    "prime deputy vice chancellor ambassador commissioner inspector detective officer".split()
)
_STOP = {"the", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "pres", "jr", "sr", "'s", "’s", "s"}
#: heads of definite nominals that name one person ("the beleaguered leader")
_PERSON_NOUNS = frozenset(
    [
        "president",
        "leader",
        "minister",
        "secretary",
        "senator",
        "governor",
        "mayor",
        "candidate",
        "chairman",
        "chairwoman",
        "chair",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chief",
        "official",
        "ambassador",
        "king",
        "queen",
        "premier",
        "chancellor",
        "general",
        "commissioner",
        "judge",
        "prosecutor",
        "lawyer",
        "attorney",
        "founder",
        "ceo",
        "executive",
        "nominee",
        "congressman",
        "congresswoman",
        "representative",
        "lawmaker",
        "businessman",
        "man",
        "woman",
        "actor",
        "singer",
        "star",
        "coach",
        "player",
        "captain",
        "treasurer",
        "councillor",
        "councilor",
        "officer",
        "sheriff",
        "detective",
        "economist",
        "analyst",
        "author",
        "writer",
        "reporter",
        "professor",
        "teacher",
        "doctor",
    ]
)


@dataclass(slots=True)
class _Cluster:
    type: str
    names: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    role: str | None = None
    gender: str | None = None  # "m", "f" or unknown
    mentions: list[Range] = field(default_factory=list)
    last_seen: int = -1
    is_speaker: bool = False

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (len(_words(n)), len(n)))


class _Clusters(list[_Cluster]):
    """An article's clusters, with the clusters holding each name word."""

    def __init__(self) -> None:
        super().__init__()
        self.by_word: dict[str, set[int]] = {}
        self.wordless: set[int] = set()  # no name words yet: they match any name

    def new(self, type: str) -> int:
        self.append(_Cluster(type=type))
        self.wordless.add(len(self) - 1)
        return len(self) - 1

    def add_words(self, i: int, words: set[str]) -> None:
        self[i].words |= words
        for word in words:
            self.by_word.setdefault(word, set()).add(i)
        if self[i].words:
            self.wordless.discard(i)


@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    """An entity with mentions in the offsets of the text the docs were cut from."""

    name: str
    type: str
    role: str | None
    mentions: tuple[Range, ...]


class SpeakerResolver:
    """Resolves an article's chunks one at a time, in article order, so no chunk's Doc
    has to be kept after it has been read (an article of 5,000,000 characters is about
    1,200 chunks)."""

    def __init__(self) -> None:
        self.clusters = _Clusters()
        self.last_speaker: int | None = None

    def add(self, doc: Doc, base: int, cands: list[Candidate]) -> list[int | None]:
        """For each candidate of the chunk ``doc`` (whose text starts at ``base`` in the
        article), the index of its speaker's cluster, or None; ``finish`` renumbers them."""
        clusters = self.clusters
        events = _name_mentions(doc)
        by_source = sorted(range(len(cands)), key=lambda i: _source_pos(cands[i]))
        chunk_assign: list[int | None] = [None] * len(cands)
        ev = 0
        for ci in by_source:
            pos = _source_pos(cands[ci])
            while ev < len(events) and events[ev][0].start_char <= pos:
                _add_mention(clusters, events[ev][0], events[ev][1], base)
                ev += 1
            speaker = _resolve(doc, cands[ci], clusters, self.last_speaker, base)
            chunk_assign[ci] = speaker
            if speaker is not None:
                clusters[speaker].is_speaker = True
                self.last_speaker = speaker
                for s, e in cands[ci].source:
                    clusters[speaker].mentions.append((s + base, e + base))
        while ev < len(events):
            _add_mention(clusters, events[ev][0], events[ev][1], base)
            ev += 1
        return chunk_assign

    def finish(self) -> tuple[list[ResolvedEntity], dict[int, int]]:
        """The entities that speak, and each one's new index by its cluster index."""
        keep = [i for i, c in enumerate(self.clusters) if c.is_speaker]
        entities = [
            ResolvedEntity(c.name, c.type, c.role, tuple(sorted(set(c.mentions))))
            for c in (self.clusters[i] for i in keep)
        ]
        return entities, {old: new for new, old in enumerate(keep)}


def resolve_speakers(
    chunks: list[tuple[Doc, int, list[Candidate]]],
) -> tuple[list[ResolvedEntity], list[list[int | None]]]:
    """Entities that speak, and for each chunk's candidates the index of its speaker or None.

    ``chunks`` holds each parsed Doc, where its text starts in the whole article, and its
    candidates (offsets into the Doc), in article order.
    """
    resolver = SpeakerResolver()
    assignments = [resolver.add(doc, base, cands) for doc, base, cands in chunks]
    entities, renumber = resolver.finish()
    return entities, [[renumber.get(s) if s is not None else None for s in a] for a in assignments]


def _source_pos(cand: Candidate) -> int:
    if cand.source:
        return cand.source[0][0]
    return min(s for s, _ in cand.cue) if cand.cue else cand.content[0][0]


def _name_mentions(doc: Doc) -> list[tuple[Span, str | None]]:
    """Named entities of speaker types, in order, each with the role words before it.

    Names inside quotations are left out: "Old Mr. Hadley refused to leave", quoted, is not
    whom the next "he said" is about.
    """
    text = doc_text(doc)
    mask = quoted_mask(text, find_quotes(text))
    return [
        (ent, _role_before(ent))
        for ent in doc.ents
        if ent.label_ in _NAME_TYPES and not mask[ent.start_char]
    ]


def _role_before(ent: Span) -> str | None:
    """`Ukrainian President Volodymyr Zelenskyy` -> "Ukrainian President"."""
    if ent.label_ != "PERSON":
        return None
    doc = ent.doc
    start = ent.root.left_edge.i
    words = [
        t
        for t in doc[start : ent.start]
        if not (
            t.is_punct or t.pos_ == "DET" or t.dep_ == "poss" or t.lower_.rstrip(".") in _HONORIFICS
        )
    ]
    while words and words[0].dep_ in {"case"}:
        words.pop(0)
    if not words or len(words) > 6 or any(t.pos_ in {"VERB", "AUX", "PRON"} for t in words):
        return None
    if not words[-1].is_title and words[-1].lower_ not in _PERSON_NOUNS:
        return None
    first = words[0].i
    return doc[first : ent.start].text.strip(" ,") or None


def _split_title(ent: Span) -> tuple[str, str | None]:
    """`Councillor Ruth Adebayo` -> ("Ruth Adebayo", "Councillor"): NER may keep the title."""
    words = list(ent)
    i = 0
    while i < len(words) - 1 and (
        words[i].lower_.rstrip(".") in _TITLES or words[i].lower_ in _PERSON_NOUNS
    ):
        i += 1
    if i == 0 or ent.label_ != "PERSON":
        return _clean_name(ent.text), None
    title = ent.doc[ent.start : ent.start + i].text
    is_honorific = all(w.lower_.rstrip(".") in _HONORIFICS for w in words[:i])
    return _clean_name(ent.doc[ent.start + i : ent.end].text), None if is_honorific else title


def _add_mention(clusters: _Clusters, ent: Span, role: str | None, base: int) -> int:
    name, title = _split_title(ent)
    role = role or title
    words = _words(name)
    if not words:
        return -1
    kind = "ORG" if ent.label_ in {"ORG", "NORP"} and ent.label_ != "PERSON" else ent.label_
    found = _match(clusters, words, kind)
    if found is None:
        found = clusters.new(ent.label_)
    c = clusters[found]
    c.names.append(name)
    clusters.add_words(found, words)
    c.mentions.append((ent.start_char + base, ent.end_char + base))
    c.last_seen = ent.start_char + base
    if role and not c.role:
        c.role = role
    before = {ent[0].lower_, ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""}
    if before & _MALE_TITLES:
        c.gender = c.gender or "m"
    elif before & _FEMALE_TITLES:
        c.gender = c.gender or "f"
    return found


def _match(clusters: _Clusters, words: set[str], kind: str) -> int | None:
    """The most recent cluster whose name words contain these, or are contained in them
    (the first of equals). Only clusters sharing a word can: looked up by word, so the
    cost does not grow with the article's number of names."""
    if words:
        near = set(clusters.wordless).union(*(clusters.by_word.get(w, ()) for w in words))
    else:
        near = set(range(len(clusters)))
    best: int | None = None
    for i in sorted(near):
        c = clusters[i]
        same_family = (c.type == "PERSON") == (kind == "PERSON")
        is_same = same_family and (words <= c.words or c.words <= words)
        if is_same and (best is None or c.last_seen > clusters[best].last_seen):
            best = i
    return best


def _resolve(
    doc: Doc, cand: Candidate, clusters: _Clusters, last_speaker: int | None, base: int
) -> int | None:
    if cand.source_root is None or not cand.source:
        return None
    s, e = cand.source[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = doc[cand.source_root]
    names = [ent for ent in span.ents if ent.label_ in _NAME_TYPES]
    if names:
        # the name that heads the phrase, else its first name ("Joel Pollak of Breitbart")
        # not a possessor: "Vance’s nephew, Paul Vance" is Paul Vance
        owners = [
            x
            for x in names
            if x[-1].dep_ == "case" or (x.end < len(doc) and doc[x.end].dep_ == "case")
        ]
        names = [x for x in names if x not in owners] or names
        ent = next((x for x in names if x.start <= root.i < x.end), names[0])
        return _add_or_find(clusters, ent, base)
    lower = root.lower_
    if root.pos_ == "PRON" or lower in _MALE | _FEMALE | _PLURAL | _THING | _FIRST_PERSON:
        return _pronoun(lower, clusters, last_speaker, s + base)
    if root.pos_ == "PROPN":
        return _proper_fallback(clusters, span, base)
    return _nominal(span, root, clusters, last_speaker)


def _add_or_find(clusters: _Clusters, ent: Span, base: int) -> int | None:
    words = _words(_clean_name(ent.text))
    kind = ent.label_
    found = _match(clusters, words, kind)
    if found is not None:
        return found
    idx = _add_mention(clusters, ent, _role_before(ent), base)
    return idx if idx >= 0 else None


def _proper_fallback(clusters: _Clusters, span: Span, base: int) -> int | None:
    """A capitalised name the NER missed: cluster it as a person."""
    tokens = [t for t in span if t.pos_ == "PROPN"]
    if not tokens:
        return None
    name_span = span.doc[tokens[0].i : tokens[-1].i + 1]
    words = _words(_clean_name(name_span.text))
    found = _match(clusters, words, "PERSON")
    if found is None:
        found = clusters.new("PERSON")
    c = clusters[found]
    c.names.append(_clean_name(name_span.text))
    clusters.add_words(found, words)
    c.last_seen = name_span.start_char + base
    return found


def _pronoun(
    lower: str, clusters: list[_Cluster], last_speaker: int | None, pos: int
) -> int | None:
    if lower in _MALE:
        gender: str | None = "m"
    elif lower in _FEMALE:
        gender = "f"
    elif lower in _THING:
        return _most_recent(clusters, pos, lambda c: c.type != "PERSON", last_speaker)
    elif lower in _PLURAL:
        if last_speaker is not None and clusters[last_speaker].type != "PERSON":
            return last_speaker
        return None
    else:
        return last_speaker
    found = _most_recent(
        clusters, pos, lambda c: c.type == "PERSON" and c.gender == gender, last_speaker, window=600
    )
    if found is None:
        found = _most_recent(
            clusters, pos, lambda c: c.type == "PERSON" and c.gender in (None, gender), last_speaker
        )
    if found is not None and clusters[found].gender is None:
        clusters[found].gender = gender
    return found


def _most_recent(
    clusters: list[_Cluster],
    pos: int,
    fits: Callable[[_Cluster], bool],
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


def _nominal(
    span: Span, root: Token, clusters: list[_Cluster], last_speaker: int | None
) -> int | None:
    """`the president` -> the person whose role says president; `officials` -> no one."""
    determiners = [t.lower_ for t in root.children if t.dep_ in {"det", "poss"}]
    is_definite = any(d in {"the", "this", "that"} for d in determiners)
    if not is_definite or root.tag_ in {"NNS", "NNPS"}:
        return None  # "officials", "a spokesperson for her department", "many observers"
    noun = root.lemma_.lower()
    for i in sorted(range(len(clusters)), key=lambda i: -clusters[i].last_seen):
        c = clusters[i]
        if c.type == "PERSON" and c.role and noun in c.role.lower():
            return i
    if noun in _PERSON_NOUNS:
        return _most_recent(clusters, span.start_char, lambda c: c.type == "PERSON", last_speaker)
    return None


def _clean_name(text: str) -> str:
    text = text.strip().rstrip(",.;:")
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _words(name: str) -> set[str]:
    return {w for w in name.lower().replace(".", " ").split() if w not in _STOP}
