"""An article's entities as they are read (``Clusters``), and how a name finds its own:
by its words, a bare surname by the person it was first taken for, an acronym by the
name it stands for."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Token

from onrecord.pipeline import antecedents
from onrecord.pipeline.attribution import Range
from onrecord.pipeline.speakers.vocabulary import FUNCTION_WORDS, ORG_NAME_WORDS, STOP


@dataclass(slots=True)
class Cluster:
    type: str
    names: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    role: str | None = None
    role_words: set[str] = field(default_factory=set)  # of every role seen, abbreviations spelt
    role_heads: set[str] = field(default_factory=set)  # each role's last word: "suspect"
    gender: str | None = None  # "m", "f" or unknown
    mentions: list[Range] = field(default_factory=list)
    last_seen: int = -1
    first_seen: int = -1
    mention_count: int = 0
    speeches: int = 0
    last_spoke: int = -1  # where its last source was
    last_subject: int = -1  # where it was last named as a clause's subject
    said_he: int = 0  # "he" sources resolved to it
    said_she: int = 0

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (len(name_words(n)), len(n)))

    @property
    def is_speaker(self) -> bool:
        """Some source resolved to it: it goes into the record's entities."""
        return self.speeches > 0


@dataclass(frozen=True, slots=True)
class Role:
    """What a person description says of its person: "the judge", "a New York judge"."""

    noun: str
    marks: frozenset[str]  # capitalised words and possessors it names ("Republican")
    is_headline: bool = False  # a headline's "Lawmaker": the first so named in the story

    def fits(self, c: Cluster) -> bool:
        """Whether a role ``c`` was given says so."""
        return c.type == "PERSON" and self.noun in c.role_words and self.marks <= c.role_words


@dataclass(frozen=True, slots=True)
class OrgKind:
    """What an organisation description says: "the union" is one whose name tells union."""

    kind: str
    is_headline: bool = False

    def fits(self, c: Cluster) -> bool:
        """Whether ``c``'s name tells this kind (a bare "Union" tells nothing)."""
        return (
            c.type != "PERSON"
            and kind_fits(org_kind(c), self.kind)
            and not c.words <= ORG_NAME_WORDS.get(self.kind, frozenset())
        )


class Clusters(list[Cluster]):
    """An article's clusters, with the clusters holding each name word."""

    def __init__(self) -> None:
        super().__init__()
        self.by_word: dict[str, set[int]] = {}
        self.wordless: set[int] = set()  # no name words yet: they match any name
        self.sentence_starts: list[int] = []  # article-wide, in order
        self.acronyms: dict[str, int] = {}  # "IMF" -> its cluster
        self.initials: dict[str, int] = {}  # "IMF" -> the International Monetary Fund's
        self.surnames: dict[str, int] = {}  # a bare surname -> the person it was taken for
        self.share: float | None = None  # the last "he"/"she" winner's share of the ranking
        self.author: str | None = None  # the byline's writer: whom an unquoted "I" is
        self.documents: dict[str, int] = {}  # a document family -> its last named maker
        self.now = 0  # where in the article the resolver is reading
        self.writer_at: int | None = None  # the author's entity, once an "I" made it
        self.pending: Role | OrgKind | None = None  # what an unsure description describes
        self.speakers: list[int] = []  # who spoke, in article order, repeats collapsed

    def writer(self, pos: int) -> int | None:
        """The cluster of the article's author (made on first use), or None if unknown."""
        if self.author is None:
            return None
        words = name_words(self.author)
        found = match_name(self, words, "PERSON")
        if found is None:
            found = self.new("PERSON")
            self[found].names.append(self.author)
            self.add_words(found, words)
            self[found].first_seen = self[found].last_seen = pos
        self.writer_at = found
        return found

    def by_acronym(self, letters: str | None, initials: str | None) -> int | None:
        """The organisation an acronym stands for, or the acronym a long name's initials
        hold: "CDC" and the Chinese Center for Disease Control and Prevention (CCDCP)."""
        if letters is not None:  # an acronym: the long name whose initials hold it
            if letters in self.initials:
                return self.initials[letters]
            inside = [i for key, i in self.initials.items() if letters in key]
            return inside[-1] if inside and len(letters) >= 3 else None
        if initials is not None:  # a long name: the acronym its initials hold
            if initials in self.acronyms:
                return self.acronyms[initials]
            inside = [i for key, i in self.acronyms.items() if len(key) >= 3 and key in initials]
            return inside[-1] if inside else None
        return None

    def remember_letters(self, letters: str | None, initials: str | None, found: int) -> None:
        """Note an organisation's acronym, or its long name's initials."""
        if letters is not None:
            self.acronyms.setdefault(letters, found)
        elif initials is not None:
            self.initials.setdefault(initials, found)

    def sentence(self, pos: int) -> int:
        """The article-wide number of the sentence holding ``pos``."""
        return bisect_right(self.sentence_starts, pos)

    def spoke(self, i: int, pos: int) -> None:
        self[i].speeches += 1
        self[i].last_spoke = pos
        if not self.speakers or self.speakers[-1] != i:
            self.speakers.append(i)

    def new(self, type: str) -> int:
        self.append(Cluster(type=type))
        self.wordless.add(len(self) - 1)
        return len(self) - 1

    def add_words(self, i: int, words: set[str]) -> None:
        self[i].words |= words
        for word in words:
            self.by_word.setdefault(word, set()).add(i)
        if self[i].words:
            self.wordless.discard(i)


def acronym_letters(name: str) -> str | None:
    """``"IMF"``, ``"S.E.C."`` -> the letters; None for a name that is no acronym."""
    letters = name.replace(".", "").removeprefix("the ").removeprefix("The ")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() else None


def initials(name: str) -> str | None:
    """``"International Monetary Fund"`` -> ``"IMF"``; None for fewer than two words.
    Lowercase words before the name are no part of it: "the federal Securities and
    Exchange Commission" is the SEC."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in FUNCTION_WORDS]
    while words and not words[0][:1].isupper():
        words.pop(0)
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def match_name(
    clusters: Clusters,
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
                or (words <= clusters[i].words and is_person(clusters[i]))
            )
        ]
        if people:
            return surname_owner(clusters, next(iter(words)), people, gender)
    best: int | None = None
    for i in sorted(near):
        c = clusters[i]
        same_family = (c.type == "PERSON") == (kind == "PERSON")
        # a bare "Trump" (NER's ORG) is the man, never the "Trump campaign"
        is_campaign = any((k in c.words) != (k in words) for k in ("campaign", "administration"))
        # "Michelle Obama" is not the "Mr. Obama" read before her
        clashes = gender is not None and c.gender is not None and c.gender != gender
        is_same = same_family and not is_campaign and not clashes
        is_same = is_same and (words <= c.words or c.words <= words)
        if is_same and (best is None or c.last_seen > clusters[best].last_seen):
            best = i
    return best


def is_person(c: Cluster) -> bool:
    """A person named by more than one word: what a bare surname can stand for."""
    return c.type == "PERSON" and any(len(name_words(n)) >= 2 for n in c.names)


def surname_owner(
    clusters: Clusters, word: str, people: list[int], gender: str | None
) -> int | None:
    """Which of ``people`` (persons whose names hold ``word``) a bare ``word`` is: of a
    title's ``gender`` ("Mr. Obama" is not Michelle Obama: None, someone else, if no one
    fits); the one it was taken for last; else the one the article named first."""
    if gender is not None:
        fits = [i for i in people if gender_of(clusters[i]) in (None, gender)]
        if not fits:
            return None
        people = [i for i in fits if gender_of(clusters[i]) == gender] or fits
    if len(people) == 1:
        return people[0]
    last = [i for i in people if surname_of(clusters[i]) == word] or people
    before = clusters.surnames.get(word)
    if before in last and (gender is None or gender_of(clusters[before]) in (None, gender)):
        return before
    owner = min(last, key=lambda i: clusters[i].first_seen)
    clusters.surnames[word] = owner
    return owner


def surname_of(c: Cluster) -> str | None:
    words = [w for w in c.name.lower().replace(".", " ").split() if w not in STOP]
    return words[-1] if words else None


def gender_of(c: Cluster) -> str | None:
    return c.gender or antecedents.name_gender(c.name)


def campaign_of(clusters: Clusters, found: int, pos: int, kind: str = "campaign") -> int:
    """The "Surname campaign" (or "Surname administration") entity of the person ``found``
    (made on first use)."""
    if clusters[found].type != "PERSON":
        return found
    surname = [w for w in clusters[found].name.split() if w.lower().strip(".,") not in STOP]
    if not surname:
        return found
    name = f"{surname[-1]} {kind}"
    words = name_words(name)
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


def count_mention(c: Cluster, token: Token, pos: int) -> None:
    """Count a mention of ``c`` at ``pos`` (article-wide) whose head word is ``token``."""
    c.last_seen = pos
    if c.first_seen < 0:
        c.first_seen = pos
    c.mention_count += 1
    if token.dep_ in {"nsubj", "nsubjpass"}:
        c.last_subject = pos


def org_kind(cluster: Cluster) -> str | None:
    """The kind of organisation a name tells ("Federal Reserve Bank" a bank), or None."""
    for kind, words in ORG_NAME_WORDS.items():
        if cluster.words & words:
            return kind  # before the label: "The Washington Post" may share a GPE's cluster
    return "place" if cluster.type == "GPE" else None


def kind_fits(has: str | None, wanted: str) -> bool:
    """Whether an organisation of kind ``has`` is one a description of ``wanted`` names:
    "the outlet" is a paper or a network."""
    return has == wanted or (wanted == "media" and has in {"news", "broadcast"})


def is_acronym(cluster: Cluster) -> bool:
    name = cluster.name.replace(".", "")
    return name.isupper() and 2 <= len(name) <= 6 and " " not in name


def clean_name(text: str) -> str:
    text = text.strip().rstrip(",.;:")
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def name_words(name: str) -> set[str]:
    return {w for w in name.lower().replace(".", " ").split() if w not in STOP}
