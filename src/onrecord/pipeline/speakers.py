"""Speaker resolution within one article: every source mention to one entity, or to no one.

Names cluster by their words (``Zelenskyy`` joins ``Volodymyr Zelenskyy``; ``the Times``
joins ``The Washington Times``); pronouns go to the most recent compatible speaker;
definite nominals (``the president``, ``the beleaguered leader``) to the most recent person
whose role fits, else the most recent person; indefinite and plural sources (``officials``,
``a spokesperson for her department``) stay anonymous, never glued to the nearest name.
The head of the source phrase decides, not a name inside it (``head_decides``): ``the lawyer
for X`` is not X, ``Russian officials`` and ``Many Democrats`` are no one, while ``a New York
Times report`` is the Times.
Titles before a name (``Secretary of State Tony Blinken``) become the entity's role.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import antecedents, speaker_confidence
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


#: person nouns a description is matched by only through a role the article gave someone
#: ("the striker" -> "Striker Ana Ruiz"), never by "the person named last": a victim or a
#: witness is often never named
_ROLE_ONLY = frozenset(
    "lady wife husband mother father son daughter widow engineer manager owner resident "
    "student worker member veteran activist politician billionaire host anchor journalist "
    "columnist commentator correspondent editor publisher strategist adviser advisor aide "
    "consultant pollster researcher scientist expert surgeon physician nurse suspect victim "
    "witness defendant plaintiff investigator agent soldier athlete striker midfielder "
    "defender goalkeeper quarterback pitcher driver pilot entrepreneur investor banker "
    "farmer pastor priest rabbi imam bishop cardinal pope prince princess duke duchess "
    "royal monarch incumbent challenger frontrunner hopeful contender mogul".split()
)
#: sources that never name anyone: "someone at the meeting", "not everyone", generic "you"
_INDEFINITE = frozenset(
    "someone somebody anyone anybody everyone everybody nobody none all some others many "
    "few several both each most one you".split()
)
_RELATIVE = frozenset({"who", "which", "that", "whom"})
#: names a relative pronoun may stand for: "who" after a place is a misread clause
_RELATIVE_TYPES = {
    "who": {"PERSON", "ORG"},
    "whom": {"PERSON", "ORG"},
    "which": {"ORG"},
    "that": {"ORG"},
}
_PERSONAL = _MALE | _FEMALE | _THING | _PLURAL | _FIRST_PERSON | _RELATIVE | {"you", "whose"}
#: heads a name inside a phrase can modify without being its speaker
_COMMON = frozenset({"NOUN", "NUM", "PRON", "DET", "ADJ"})
#: heads whose named modifier made them, and so speaks through them: "a New York Times
#: report" is the Times, "the Clinton campaign" the campaign of that name
_MADE_BY = frozenset(
    "report poll survey study analysis ad advertisement video statement release memo letter "
    "website site editorial article story book data filing lawsuit complaint ruling tweet "
    "post email campaign team office administration government average tally count "
    "projection forecast estimate figure number review audit research index model spot "
    "commercial page account broadcast newsletter publication column piece document record "
    "transcript police brief database guidance guideline note message".split()
)
_MODIFIER = frozenset({"poss", "compound", "nmod", "amod", "npadvmod"})
#: "the city of Phoenix" is Phoenix
_PLACES = frozenset("city state town county country province village region island".split())
#: an organisation description's head noun -> the kind of organisation it describes
_ORG_NOUNS = {
    **dict.fromkeys(
        "paper newspaper magazine network channel outlet broadcaster tabloid daily".split(), "news"
    ),
    **dict.fromkeys("agency bureau department ministry".split(), "agency"),
    **dict.fromkeys("commission committee council board panel".split(), "commission"),
    "bank": "bank",
    "court": "court",
    "campaign": "campaign",
    "party": "party",
    "union": "union",
    **dict.fromkeys("university college".split(), "university"),
    **dict.fromkeys("company firm corporation organization organisation".split(), "org"),
    **dict.fromkeys("club team league".split(), "sport"),
    **dict.fromkeys("government state".split(), "place"),
}
#: words in an organisation's name that tell its kind ("The Washington Post" is news)
_ORG_NAME_WORDS = {
    "news": frozenset(
        "times post journal news tribune herald gazette telegraph guardian magazine daily "
        "chronicle inquirer observer economist politico globe press reuters bloomberg cnn "
        "bbc nbc abc cbs msnbc fox npr pbs associated".split()
    ),
    "bank": frozenset("bank fed reserve".split()),
    "agency": frozenset(
        "department agency bureau ministry administration service office fbi cia".split()
    ),
    "commission": frozenset("commission committee council board panel".split()),
    "court": frozenset({"court"}),
    "union": frozenset("union unions workers federation teamsters afl-cio".split()),
    "campaign": frozenset({"campaign"}),
    "party": frozenset("party democrats republicans gop labour tories".split()),
    "university": frozenset("university college institute school".split()),
    "sport": frozenset("club fc united team league".split()),
    "org": frozenset("inc corp co company corporation group ltd llc plc".split()),
}


@dataclass(slots=True)
class _Cluster:
    type: str
    names: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    role: str | None = None
    role_words: set[str] = field(default_factory=set)  # of every role seen, abbreviations spelt
    role_heads: set[str] = field(default_factory=set)  # each role's last word: "suspect"
    gender: str | None = None  # "m", "f" or unknown
    mentions: list[Range] = field(default_factory=list)
    last_seen: int = -1
    is_speaker: bool = False
    first_seen: int = -1
    mention_count: int = 0
    speeches: int = 0
    last_spoke: int = -1  # where its last source was
    last_subject: int = -1  # where it was last named as a clause's subject
    said_he: int = 0  # "he" sources resolved to it
    said_she: int = 0

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (len(_words(n)), len(n)))


class _Clusters(list[_Cluster]):
    """An article's clusters, with the clusters holding each name word."""

    def __init__(self) -> None:
        super().__init__()
        self.by_word: dict[str, set[int]] = {}
        self.wordless: set[int] = set()  # no name words yet: they match any name
        self.sentence_starts: list[int] = []  # article-wide, in order
        self.acronyms: dict[str, int] = {}  # "IMF" -> the cluster of the name it stands for
        self.surnames: dict[str, int] = {}  # a bare surname -> the person it was taken for
        self.share: float | None = None  # the last "he"/"she" winner's share of the ranking
        self.author: str | None = None  # the byline's writer: whom an unquoted "I" is
        self.documents: dict[str, int] = {}  # a document family -> its last named maker
        self.speakers: list[int] = []  # who spoke, in article order, repeats collapsed

    def writer(self, pos: int) -> int | None:
        """The cluster of the article's author (made on first use), or None if unknown."""
        if self.author is None:
            return None
        words = _words(self.author)
        found = _match(self, words, "PERSON")
        if found is None:
            found = self.new("PERSON")
            self[found].names.append(self.author)
            self.add_words(found, words)
            self[found].first_seen = self[found].last_seen = pos
        return found

    def sentence(self, pos: int) -> int:
        """The article-wide number of the sentence holding ``pos``."""
        return bisect_right(self.sentence_starts, pos)

    def spoke(self, i: int, pos: int) -> None:
        self[i].is_speaker = True
        self[i].speeches += 1
        self[i].last_spoke = pos
        if not self.speakers or self.speakers[-1] != i:
            self.speakers.append(i)

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

    def __init__(self, author: str | None = None) -> None:
        """``author``: the byline's one writer, if known: an unquoted "I" is theirs."""
        self.clusters = _Clusters()
        self.clusters.author = author
        self.last_speaker: int | None = None

    def add(self, doc: Doc, base: int, cands: list[Candidate]) -> list[int | None]:
        """For each candidate of the chunk ``doc`` (whose text starts at ``base`` in the
        article), the index of its speaker's cluster, or None; ``finish`` renumbers them."""
        clusters = self.clusters
        clusters.sentence_starts.extend(base + sent.start_char for sent in doc.sents)
        text = doc_text(doc)
        mask = quoted_mask(text, find_quotes(text))
        events: list[tuple[int, Span | Token, str | None]] = [
            (ent.start_char, ent, role) for ent, role in _name_mentions(doc, mask)
        ]
        # a document ("the ad", "a Bloomberg poll") is noted once its phrase has been read
        events += [(t.right_edge.idx + len(t.right_edge), t, None) for t in _documents(doc)]
        events += [(t.idx, t, "surname") for t in _unnamed_surnames(doc, mask)]
        events.sort(key=lambda e: e[0])
        quoting = _quoting(doc, cands)
        # a quoted "I" is read after the quote's own source, which may come after it
        order = {ci: _source_pos(cands[ci]) for ci in range(len(cands))}
        for ci, outer in quoting.items():
            order[ci] = max(order[ci], order[outer])
        by_source = sorted(range(len(cands)), key=lambda i: (order[i], i in quoting))
        chunk_assign: list[int | None] = [None] * len(cands)
        ev = 0
        for ci in by_source:
            pos = _source_pos(cands[ci])
            while ev < len(events) and events[ev][0] <= order[ci]:
                _add_event(clusters, events[ev][1], events[ev][2], base)
                ev += 1
            clusters.share = None
            if ci in quoting:
                speaker, route = chunk_assign[quoting[ci]], "quoted I"
            else:
                is_quoted = bool(mask[pos]) if pos < len(mask) else False
                speaker = _resolve(doc, cands[ci], clusters, self.last_speaker, base, is_quoted)
                route = _route(doc, cands[ci], speaker, is_quoted)
            chunk_assign[ci] = speaker
            cands[ci].speaker_confidence = speaker_confidence.confidence(route, clusters.share)
            if _trace is not None:
                _trace.append({"pos": pos + base, "route": route, "share": clusters.share})
            if speaker is not None:
                clusters.spoke(speaker, pos + base)
                self.last_speaker = speaker
                for s, e in cands[ci].source:
                    clusters[speaker].mentions.append((s + base, e + base))
        while ev < len(events):
            _add_event(clusters, events[ev][1], events[ev][2], base)
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


#: documents whose maker speaks through them, by family: "the poll" after "a Bloomberg poll"
_DOCUMENTS = {
    **dict.fromkeys("poll survey".split(), "poll"),
    **dict.fromkeys("ad advertisement spot commercial video clip film documentary".split(), "ad"),
    **dict.fromkeys("report study analysis research review audit data".split(), "report"),
    **dict.fromkeys("statement release memo letter email note message".split(), "statement"),
    **dict.fromkeys("lawsuit suit complaint filing ruling brief".split(), "filing"),
    **dict.fromkeys("article story editorial column piece book website site".split(), "article"),
}
#: verbs whose subject made their object: "the RNC released a clip"
_MAKING = frozenset(
    "release publish issue launch air run post file conduct produce write unveil tweet "
    "share send commission sponsor create".split()
)


def _documents(doc: Doc) -> list[Token]:
    """The nouns of ``doc`` that name a document ("poll", "ad", "report")."""
    return [t for t in doc if t.pos_ == "NOUN" and t.lemma_.lower() in _DOCUMENTS]


def _add_event(clusters: _Clusters, item: Span | Token, role: str | None, base: int) -> None:
    if isinstance(item, Span):
        _add_mention(clusters, item, role, base)
    elif role == "surname":
        found = _match(clusters, {item.lower_}, "PERSON")
        if found is not None and _is_person(clusters[found]):
            _seen(clusters[found], item, item.idx + base)  # "Trump never missed ..."
    else:
        _note_document(clusters, item, base)


def _unnamed_surnames(doc: Doc, mask: bytearray) -> list[Token]:
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


def _note_document(clusters: _Clusters, noun: Token, base: int) -> None:
    """Remember who made the document ``noun`` names, if the sentence says: a name
    modifying it ("a Bloomberg poll", "a video by the RNC"), or the subject of a verb of
    making it ("The Osei campaign released an ad")."""
    doc = noun.doc
    phrase = doc[noun.left_edge.i : noun.right_edge.i + 1]
    makers = [x for x in phrase.ents if x.label_ in _NAME_TYPES and _is_maker(x, noun)]
    maker: int | None = None
    if makers:
        maker = _add_or_find(clusters, makers[0], base)
    elif noun.dep_ in {"dobj", "obj"} and noun.head.lemma_.lower() in _MAKING:
        subject = next((t for t in noun.head.children if t.dep_ == "nsubj"), None)
        if subject is not None:
            said = doc[subject.left_edge.i : subject.i + 1]
            verdict, named = head_decides(said, subject)
            if verdict == "name" and named is not None:
                if subject.lower_ in _GROUP_OF:
                    maker = _campaign(clusters, named, base, _GROUP_OF[subject.lower_])
                else:
                    maker = _add_or_find(clusters, named, base)
            elif verdict == "names" and subject.ent_type_ in _NAME_TYPES:
                own = next((x for x in said.ents if x.start <= subject.i < x.end), None)
                maker = _add_or_find(clusters, own, base) if own is not None else None
    if maker is not None:
        clusters.documents[_DOCUMENTS[noun.lemma_.lower()]] = maker


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


def _quoting(doc: Doc, cands: list[Candidate]) -> dict[int, int]:
    """Candidates whose source is "I", "me" or "my" inside another's content (a quote
    within a quote), each with that other candidate: the quoted "I" is its speaker."""
    found: dict[int, int] = {}
    for ci, cand in enumerate(cands):
        if cand.source_root is None or not cand.source:
            continue
        if doc[cand.source_root].lower_ not in _FIRST_PERSON:
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


def _name_mentions(doc: Doc, mask: bytearray) -> list[tuple[Span, str | None]]:
    """Named entities of speaker types, in order, each with the role words before it.

    Names inside quotations (``mask``) are left out: "Old Mr. Hadley refused to leave",
    quoted, is not whom the next "he said" is about.
    """
    common = _lowercase_words(doc)
    found = []
    for ent in doc.ents:
        if ent.label_ in _NAME_TYPES and not mask[ent.start_char]:
            name = _trim_name(ent, common) if ent.label_ == "PERSON" else ent
            if name is not None:
                found.append((name, _role_before(name)))
    return found


_common_cache: list[tuple[Doc, frozenset[str]]] = []


def _lowercase_words(doc: Doc) -> frozenset[str]:
    """The words ``doc`` writes in lowercase somewhere: "speech", "sanders" rarely."""
    if _common_cache and _common_cache[0][0] is doc:
        return _common_cache[0][1]
    words = frozenset(t.text for t in doc if t.text.islower())
    _common_cache[:] = [(doc, words)]
    return words


def _trim_name(ent: Span, common: frozenset[str]) -> Span | None:
    """A person's name without the headline words the NER glued to it: "Obama Speech" ->
    "Obama", "Injecting Clinton" -> "Clinton" (a word the article also writes in lowercase,
    unless the name starts with a known first name: "Bill Gates" stays)."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if antecedents.first_names().get(doc[start].lower_) is not None:
        return ent
    while end - start > 1 and doc[end - 1].lower_ in common and doc[end - 1].is_title:
        end -= 1
    while end - start > 1 and doc[start].lower_ in common and doc[start].is_title:
        start += 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


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
    before = {ent[0].lower_, ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""}
    gender = "m" if before & _MALE_TITLES else "f" if before & _FEMALE_TITLES else None
    is_subject = ent.root.dep_ in {"nsubj", "nsubjpass"}
    found = _match(clusters, words, kind, gender, may_be_person=ent.label_ != "GPE" or is_subject)
    if found is None and kind != "PERSON":
        found = clusters.acronyms.get(_acronym(name) or _initials(name) or "")
    if found is None:
        found = clusters.new(ent.label_)
    c = clusters[found]
    c.names.append(name)
    clusters.add_words(found, words)
    if kind != "PERSON" and (key := _acronym(name) or _initials(name)):
        clusters.acronyms.setdefault(key, found)
    c.mentions.append((ent.start_char + base, ent.end_char + base))
    c.last_seen = ent.start_char + base
    if c.first_seen < 0:
        c.first_seen = c.last_seen
    c.mention_count += 1
    if ent.root.dep_ in {"nsubj", "nsubjpass"} or ent.root.head.dep_ in {"nsubj", "nsubjpass"}:
        c.last_subject = ent.start_char + base
    if role and not c.role:
        c.role = role
    for found_role in (role, _appositive_role(ent)):
        if found_role:
            c.role_words |= _role_words(found_role)
            c.role_heads.add(found_role.split()[-1].strip(".,").lower())
    if gender and c.type == "PERSON":
        c.gender = c.gender or gender
    return found


#: title abbreviations, spelt out for matching "the governor" to "Gov. Eric Holcomb"
_ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "capt": "captain",
    "atty": "attorney",
    "supt": "superintendent",
    "prof": "professor",
    "amb": "ambassador",
    "dr": "doctor",
    "pres": "president",
    "sec": "secretary",
    "cmdr": "commander",
}


def _role_words(role: str) -> set[str]:
    """The lowercase words of a role, abbreviations spelt out: "Gov." -> {"governor"}."""
    words = {w.strip(".,’'").lower() for w in role.split()}
    return {_ABBREVIATIONS.get(w, w) for w in words if w}


def _appositive_role(ent: Span) -> str | None:
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


def _acronym(name: str) -> str | None:
    """``"IMF"``, ``"S.E.C."`` -> the letters; None for a name that is no acronym."""
    letters = name.replace(".", "").removeprefix("the ").removeprefix("The ")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() else None


_FUNCTION_WORDS = frozenset("of and the for to on in at & de".split())


def _initials(name: str) -> str | None:
    """``"International Monetary Fund"`` -> ``"IMF"``; None for fewer than two words."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _FUNCTION_WORDS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def _match(
    clusters: _Clusters,
    words: set[str],
    kind: str,
    gender: str | None = None,
    *,
    may_be_person: bool = True,
) -> int | None:
    """The most recent cluster whose name words contain these, or are contained in them
    (the first of equals). Only clusters sharing a word can: looked up by word, so the
    cost does not grow with the article's number of names.

    A bare surname is a person whatever the NER called it ("Trump" as ORG beside Donald
    Trump), and where two people share it ("Clinton" beside Hillary and Bill Clinton) it
    is the one it was taken for before, else the one of ``gender`` ("Mrs. Clinton"), else
    the one the article named first: its main character. ``may_be_person`` False keeps a
    place a place ("in Washington" beside Jesse Washington).
    """
    if words:
        near = set(clusters.wordless).union(*(clusters.by_word.get(w, ()) for w in words))
    else:
        near = set(range(len(clusters)))
    if len(words) == 1 and (may_be_person or kind == "PERSON"):
        people = [
            i
            for i in sorted(near)
            if clusters[i].type == "PERSON"
            and (
                clusters[i].words == words
                or (words <= clusters[i].words and _is_person(clusters[i]))
            )
        ]
        if people:
            return _surname_owner(clusters, next(iter(words)), people, gender)
    best: int | None = None
    for i in sorted(near):
        c = clusters[i]
        same_family = (c.type == "PERSON") == (kind == "PERSON")
        # a bare "Trump" (NER's ORG) is the man, never the "Trump campaign"
        is_campaign = any((k in c.words) != (k in words) for k in ("campaign", "administration"))
        is_same = same_family and not is_campaign and (words <= c.words or c.words <= words)
        if is_same and (best is None or c.last_seen > clusters[best].last_seen):
            best = i
    return best


def _is_person(c: _Cluster) -> bool:
    """A person named by more than one word: what a bare surname can stand for."""
    return c.type == "PERSON" and any(len(_words(n)) >= 2 for n in c.names)


def _surname_owner(clusters: _Clusters, word: str, people: list[int], gender: str | None) -> int:
    """Which of ``people`` (persons whose names hold ``word``) a bare ``word`` is."""
    if len(people) == 1:
        return people[0]
    last = [i for i in people if _surname(clusters[i]) == word] or people
    if gender is not None:
        fits = [i for i in last if _gender_of(clusters[i]) in (None, gender)]
        last = [i for i in fits if _gender_of(clusters[i]) == gender] or fits or last
    before = clusters.surnames.get(word)
    if before in last and (gender is None or _gender_of(clusters[before]) in (None, gender)):
        return before
    owner = min(last, key=lambda i: clusters[i].first_seen)
    clusters.surnames[word] = owner
    return owner


def _surname(c: _Cluster) -> str | None:
    words = [w for w in c.name.lower().replace(".", " ").split() if w not in _STOP]
    return words[-1] if words else None


def _gender_of(c: _Cluster) -> str | None:
    return c.gender or antecedents.name_gender(c.name)


def _resolve(
    doc: Doc,
    cand: Candidate,
    clusters: _Clusters,
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
    root = doc[cand.source_root]
    if root.lower_ in _RELATIVE and root.head.dep_ == "relcl" and root.head.head.i < root.i:
        # "two councillors, who asked not to be named": the antecedent decides
        antecedent = root.head.head
        phrase = doc[antecedent.left_edge.i : antecedent.i + 1]
        own = next((x for x in phrase.ents if x.start <= antecedent.i < x.end), None)
        if own is not None and own.label_ in _RELATIVE_TYPES.get(root.lower_, ()):
            return _add_or_find(clusters, own, base)
        if own is None and antecedent.pos_ in {"NOUN", "NUM"}:
            verdict, _ = head_decides(phrase, antecedent)
            if verdict != "name":
                return None
    given = [t for t in root.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    if root.is_title and given and not any(x.start <= root.i < x.end for x in span.ents):
        return _proper_fallback(clusters, doc[given[0].i : root.i + 1], base)  # "Ivanka Trump"
    if root.is_title and not any(x.start <= root.i < x.end for x in span.ents):
        known = _match(clusters, {root.lower_}, "PERSON")
        if known is not None and _is_person(clusters[known]):
            return known  # "Early said", "Wee of the Times": a surname the NER missed
    names = [ent for ent in span.ents if ent.label_ in _NAME_TYPES]
    # "Jeff Sanborn, president of Chapter & Verse": the person first, then what they are
    first = _person_then_description(span, names)
    if first is not None:
        return _add_or_find(clusters, first, base)
    if names:
        head = root if span.start <= root.i < span.end else span.root
        verdict, named = head_decides(span, head)
        if verdict == "name" and named is not None:
            if head.lower_ in _GROUP_OF:  # "Clinton's team" is not Clinton
                return _campaign(clusters, named, base, _GROUP_OF[head.lower_])
            return _add_or_find(clusters, named, base)
        if verdict == "group":
            return None
        if verdict == "description":
            # the speaker is the person described, never a name inside the description
            inside = {_match(clusters, _words(_clean_name(x.text)), x.label_) for x in names}
            return _nominal(span, head, clusters, last_speaker, base, exclude=inside)
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
    if lower in _INDEFINITE:
        return None  # "someone at the meeting", "not everyone", "you"
    if lower in _FIRST_PERSON and not is_quoted:
        return clusters.writer(s + base)  # the writer's own "I": a column, a letter
    if root.pos_ == "PRON" or lower in _MALE | _FEMALE | _PLURAL | _THING | _FIRST_PERSON:
        return _pronoun(lower, clusters, last_speaker, s + base)
    if root.pos_ == "PROPN":
        return _proper_fallback(clusters, span, base)
    if _is_unknown_name(span, root):
        return _proper_fallback(clusters, doc[root.i : root.i + 1], base)
    owner = next((t for t in root.children if t.dep_ == "poss" and t.pos_ == "PRON"), None)
    if owner is not None and (root.lemma_.lower() in _OWN_WORDS or root.lower_ in _OWN_WORDS):
        # "His program", "Her submission to the court", "her campaign": the owner speaks
        found = _pronoun(
            _POSSESSIVE.get(owner.lower_, owner.lower_), clusters, last_speaker, s + base
        )
        if found is not None and root.lower_ in _GROUP_OF:
            return _campaign_of(clusters, found, s + base, _GROUP_OF[root.lower_])
        return found
    return _nominal(span, root, clusters, last_speaker, base)


#: what someone's own words come out in: "his statement", "her book", "their website"
_OWN_WORDS = frozenset(_DOCUMENTS) | frozenset(
    "program show submission account response answer reply remarks comment comments words "
    "testimony speech campaign team office website twitter feed memoir interview".split()
)
_POSSESSIVE = {"his": "he", "her": "she", "its": "it", "their": "they", "my": "i", "our": "we"}


def _is_unknown_name(span: Span, root: Token) -> bool:
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
        and lower not in _lowercase_words(doc)
        and lower.rstrip("s") not in _lowercase_words(doc)
        and not {lower, root.lemma_.lower()} & (_PERSON_NOUNS | _ORG_NOUNS.keys() | _MADE_BY)
    )


def _person_then_description(span: Span, names: list[Span]) -> Span | None:
    """The person opening ``span`` before a comma, dash or bracket, else None."""
    if not names or names[0].label_ != "PERSON" or names[0].start != span.start:
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
    names = [ent for ent in span.ents if ent.label_ in _NAME_TYPES]
    own = next((x for x in names if x.start <= head.i < x.end), None)
    if own is not None:
        if own.label_ != "NORP":
            return "name", own
        if head.tag_ in {"NNS", "NNPS"} or head.lower_.endswith(("ans", "ats", "ists")):
            return "group", None  # "Republicans", "many Democrats", "Americans"
        if any(t.dep_ in {"det", "amod", "compound", "nummod"} for t in head.lefts):
            return "description", None  # "the Ohio Democrat" is a person, not "Democrat"
        return "name", own  # a bare "Opelka": a surname the NER took for a nationality
    if head.pos_ not in _COMMON or head.lower_ in _PERSONAL:
        return "names", None
    beside = [x for x in names if _is_beside(x, head)]
    if beside:
        return "name", beside[0]  # "the Democratic candidate, Andy Beshear"
    noun = (head.lemma_ or head.lower_).lower()
    if noun in _PLACES:
        of = [
            x
            for x in names
            if any(len(p) == 2 and p[1].lower_ == "of" for p in _attachments(x, head))
        ]
        if of:
            return "name", of[0]  # "the city of Phoenix"
    if noun in _MADE_BY or head.lower_ in _MADE_BY:
        makers = [x for x in names if _is_maker(x, head)]
        # "the TexAuto Facts report from InfoNation": a "from"/"by" maker before a title
        makers.sort(key=lambda x: not any(t.dep_ == "pobj" for t in x))
        if makers:
            return "name", makers[0]  # "a USA Today analysis", "a video by the RNC"
    if head.tag_ in {"NNS", "NNPS"} or head.pos_ != "NOUN":
        return "group", None  # "Clinton supporters", "one of Mr. Obama's advisers"
    return "description", None


def _path(token: Token, head: Token) -> list[Token] | None:
    """The tokens from ``token`` up to ``head``, ``head`` left out; None if it is not above."""
    path: list[Token] = []
    while token.i != head.i:
        if token.head.i == token.i:
            return None
        path.append(token)
        token = token.head
    return path


def _attachments(ent: Span, head: Token) -> list[list[Token]]:
    """How ``ent`` hangs under ``head``: the path up from each of its tokens whose own head
    lies outside it (its determiner too: "The USC/LA Times poll" hangs "The" on "poll")."""
    found = []
    for token in ent:
        if not ent.start <= token.head.i < ent.end and token.dep_ not in {"det", "punct"}:
            path = _path(token, head)
            if path is not None:
                found.append(path)
    return found


def _is_beside(ent: Span, head: Token) -> bool:
    """``ent`` stands beside ``head`` (apposition, coordination): "the candidate, Ann Cole"."""
    paths = _attachments(ent, head)
    return bool(paths) and all(
        path and {t.dep_ for t in path} <= {"appos", "conj"} for path in paths
    )


def _is_maker(ent: Span, head: Token) -> bool:
    """``ent`` names who made ``head``: "USA Today's analysis", "the Reuters/Ipsos poll", "the
    report from InfoNation", "an analysis released by the VA"; not a place ("polls in
    Pennsylvania") or a name deeper in a relative clause."""
    for path in _attachments(ent, head):
        if not path:
            continue
        if all(t.dep_ in _MODIFIER for t in path):
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


def _add_or_find(clusters: _Clusters, ent: Span, base: int) -> int | None:
    words = _words(_clean_name(ent.text))
    kind = ent.label_
    found = _match(clusters, words, kind)
    if found is not None:
        return found
    idx = _add_mention(clusters, ent, _role_before(ent), base)
    return idx if idx >= 0 else None


def _campaign(clusters: _Clusters, person: Span, base: int, kind: str = "campaign") -> int | None:
    """The campaign of ``person``, named as the gold files name campaigns: "Clinton campaign"
    for "The Clinton campaign", "Hillary Clinton's team" and "Clinton’s campaign". A name
    that is no person's (NER often calls a surname ORG: "The Osei campaign") is the speaker
    itself: "the Labour campaign" is Labour."""
    found = _match(clusters, _words(_clean_name(person.text)), "PERSON")
    if found is None and person.label_ == "PERSON":
        found = _add_or_find(clusters, person, base)
    if found is None or clusters[found].type != "PERSON":
        return _add_or_find(clusters, person, base)
    return _campaign_of(clusters, found, person.start_char + base, kind)


#: what a person's own organisation is called, by the head that names it
_GROUP_OF = {"campaign": "campaign", "team": "campaign", "administration": "administration"}


def _campaign_of(clusters: _Clusters, found: int, pos: int, kind: str = "campaign") -> int:
    """The "Surname campaign" (or "Surname administration") entity of the person ``found``
    (made on first use)."""
    if clusters[found].type != "PERSON":
        return found
    surname = [w for w in clusters[found].name.split() if w.lower().strip(".,") not in _STOP]
    if not surname:
        return found
    name = f"{surname[-1]} {kind}"
    words = _words(name)
    campaign = next(
        (
            i
            for i in sorted(clusters.by_word.get(kind, ()))
            if clusters[i].type == "ORG" and clusters[i].words == words
        ),
        None,
    )
    if campaign is None:
        campaign = clusters.new("ORG")
        clusters[campaign].names.append(name)
        clusters.add_words(campaign, words)
    clusters[campaign].last_seen = pos
    return campaign


def _proper_fallback(clusters: _Clusters, span: Span, base: int) -> int | None:
    """A capitalised name the NER missed: cluster it as a person."""
    tokens = [t for t in span if t.pos_ == "PROPN"] or ([span[0]] if len(span) == 1 else [])
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
    _seen(c, name_span.root, name_span.start_char + base)
    return found


def _seen(c: _Cluster, token: Token, pos: int) -> None:
    """Count a mention of ``c`` at ``pos`` (article-wide) whose head word is ``token``."""
    c.last_seen = pos
    if c.first_seen < 0:
        c.first_seen = pos
    c.mention_count += 1
    if token.dep_ in {"nsubj", "nsubjpass"}:
        c.last_subject = pos


def _pronoun(lower: str, clusters: _Clusters, last_speaker: int | None, pos: int) -> int | None:
    if lower in _MALE:
        gender = "m"
    elif lower in _FEMALE:
        gender = "f"
    elif lower in _THING:
        # the organisation that spoke last, else the one named last; a country if none;
        # never a people ("Lithuanian Americans" is not "it")
        found = _most_recent(clusters, pos, lambda c: c.type == "ORG", last_speaker)
        if found is None:
            found = _most_recent(clusters, pos, lambda c: c.type == "GPE", last_speaker)
        return found
    elif lower in _PLURAL:
        if last_speaker is not None and clusters[last_speaker].type != "PERSON":
            return last_speaker
        return None
    else:
        return last_speaker
    cands = _antecedents(clusters, pos, last_speaker)
    ranked = antecedents.rank(cands, gender)
    if _trace is not None:
        _trace.append({"pos": pos, "gender": gender, "clusters": clusters, "cands": cands})
    if not ranked:
        return None
    found, clusters.share = ranked[0]
    if gender == "m":
        clusters[found].said_he += 1
    else:
        clusters[found].said_she += 1
    return found


def _antecedents(
    clusters: _Clusters, pos: int, last_speaker: int | None
) -> list[antecedents.Candidate]:
    """The people a "he"/"she" at ``pos`` may be: the most recently named, and the last
    speakers, each described for ``antecedents.rank``."""
    people = [i for i, c in enumerate(clusters) if c.type == "PERSON" and 0 <= c.last_seen < pos]
    people.sort(key=lambda i: -clusters[i].last_seen)
    recent = people[: antecedents.MAX_CANDIDATES]
    speakers = [i for i in clusters.speakers[-3:] if clusters[i].type == "PERSON"]
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


def _route(doc: Doc, cand: Candidate, speaker: int | None, is_quoted: bool) -> str:
    """How the speaker was found, for its confidence (``speaker_confidence.ROUTES``)."""
    if not cand.source or cand.source_root is None:
        return "no source"
    root = doc[cand.source_root]
    lower = root.lower_
    if speaker is None:
        if lower in _INDEFINITE:
            return "no one: indefinite"
        determiners = {t.lower_ for t in root.children if t.dep_ == "det"}
        if root.tag_ in {"NNS", "NNPS"} or determiners & {"a", "an", "some", "many", "several"}:
            return "no one: group"  # "officials", "a spokesman": meant to stay unnamed
        return "no one"  # a pronoun, name or definite description left unresolved
    if lower in _FIRST_PERSON and not is_quoted:
        return "writer"
    if lower in _MALE | _FEMALE:
        return "he or she"
    if lower in _RELATIVE:
        return "relative"
    if root.pos_ == "PRON" or lower in _PERSONAL:
        return "other pronoun"
    s, e = cand.source[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    has_name = span is not None and any(x.label_ in _NAME_TYPES for x in span.ents)
    return "name" if has_name or root.pos_ == "PROPN" else "description"


#: while ``trace_pronouns`` runs, every "he"/"she" decision and every route, for training
_trace: list[dict[str, Any]] | None = None


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
    span: Span,
    root: Token,
    clusters: _Clusters,
    last_speaker: int | None,
    base: int,
    exclude: set[int | None] | None = None,
) -> int | None:
    """`the president` -> the person whose role says president; `officials` -> no one.

    ``base``: where the chunk starts in the article (clusters count article-wide).
    ``exclude``: clusters named inside the phrase, which it describes someone else by
    ("the lawyer for X" is not X)."""
    determiners = [t for t in root.children if t.dep_ in {"det", "poss"}]
    is_definite = any(d.lower_ in {"the", "this", "that"} for d in determiners)
    # "China's ambassador" names one person, found only by a role that says so
    owners = {d.lower_ for d in determiners if d.dep_ == "poss" and d.pos_ == "PROPN"}
    if not (is_definite or owners) or root.tag_ in {"NNS", "NNPS"}:
        return None  # "officials", "a spokesperson for her department", "many observers"
    skip = exclude or set()
    noun = root.lemma_.lower()
    # "The Republican nominee" is not the Democratic one: its capitalised words must fit
    marks = {
        t.lower_
        for t in root.lefts
        if t.dep_ in {"amod", "compound"} and t.is_title and t.ent_type_ not in {"GPE", "LOC"}
    }  # places are left out: "the New York state attorney general" fits "Attorney General"
    is_role = noun in _PERSON_NOUNS or noun in _ROLE_ONLY
    for i in sorted(range(len(clusters)), key=lambda i: -clusters[i].last_seen):
        c = clusters[i]
        # "the state" is no role of Ohio's Secretary of State: a role's head, or a person noun
        fits = (is_role or noun in c.role_heads) and noun in c.role_words
        if c.type == "PERSON" and fits and (marks | owners) <= c.role_words and i not in skip:
            return i
    if not is_definite:
        return None  # "Gary Johnson's doctor", never named as such: no one
    if noun in _ORG_NOUNS:
        return _organisation(_ORG_NOUNS[noun], clusters, skip)
    if noun in _DOCUMENTS:
        return clusters.documents.get(_DOCUMENTS[noun])  # "the poll": the last poll's maker
    named = _named_by_noun(noun, clusters, skip)
    if named is not None:
        return named  # "the fund": the International Monetary Fund
    if noun in _PERSON_NOUNS or root.ent_type_ == "NORP":
        named_inside = {id(clusters[i]) for i in skip if i is not None}
        return _most_recent(
            clusters,
            span.start_char + base,
            lambda c: c.type == "PERSON" and id(c) not in named_inside,
            last_speaker,
        )
    return None


def _named_by_noun(noun: str, clusters: list[_Cluster], skip: set[int | None]) -> int | None:
    """The organisation named most recently whose name holds ``noun``: "the fund" is the
    International Monetary Fund, "the center" the Tax Policy Center."""
    if noun in _PERSON_NOUNS or noun in _MADE_BY or len(noun) < 3:
        return None  # "the research" is not the Institute for Climate Impact Research
    best: int | None = None
    for i, c in enumerate(clusters):
        if c.type != "ORG" or i in skip or noun not in c.words or c.last_seen < 0:
            continue
        if best is None or c.last_seen > clusters[best].last_seen:
            best = i
    return best


def _org_kind(cluster: _Cluster) -> str | None:
    """The kind of organisation a name tells ("Federal Reserve Bank" a bank), or None."""
    for kind, words in _ORG_NAME_WORDS.items():
        if cluster.words & words:
            return kind  # before the label: "The Washington Post" may share a GPE's cluster
    return "place" if cluster.type == "GPE" else None


def _is_acronym(cluster: _Cluster) -> bool:
    name = cluster.name.replace(".", "")
    return name.isupper() and 2 <= len(name) <= 6 and " " not in name


def _organisation(kind: str, clusters: list[_Cluster], skip: set[int | None]) -> int | None:
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
        if c.words <= _ORG_NAME_WORDS.get(kind, frozenset(_ORG_NOUNS)):
            continue
        has = _org_kind(c)
        if has == kind:
            tier = 0
        elif has is None and kind == "agency" and _is_acronym(c):
            tier = 1
        elif has is None and kind in {"bank", "org", "union"} and c.type == "ORG":
            tier = 2
        else:
            continue
        if tiers[tier] is None:
            tiers[tier] = i
    return next((i for i in tiers if i is not None), None)


def _clean_name(text: str) -> str:
    text = text.strip().rstrip(",.;:")
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _words(name: str) -> set[str]:
    return {w for w in name.lower().replace(".", " ").split() if w not in _STOP}
