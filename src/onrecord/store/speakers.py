"""One speaker across articles: "Zelensky", "Zelenskyy" and "Volodymyr Zelenskyy" are one row.

Within an article the extractor already resolves "he" and "the president" to an entity
with a name and, apart from it, a role. Across articles the same person is spelled many
ways. The speakers are a pure function of the *set* of (name, type) forms the store's
entities carry, so the order articles arrive in changes nothing (``speaker_groups``):

1. People's full names are one speaker when they have the same first name (spelling
   aside: ``first_name_form``) and surnames that are near-spellings (the same initial and
   ``rapidfuzz`` ratio >= ``NAME_SIMILARITY``) of those of every name already in it:
   transliterations and typos meet; "Heidi Cruz" and "Ted Cruz", "Ivana Trump" and
   "Ivanka Trump" never do.
2. A bare surname (a person's name of one word) joins the one full name whose surname
   it fits. Fitting none, or several ("Cruz" beside "Ted Cruz" and "Heidi Cruz"), it is
   a speaker of its own, with its near-spellings: a quote is never filed under a
   relative, and a reader sees that "Cruz" is unresolved.
3. A form the recogniser called ORG, GPE or NORP whose name is also found typed PERSON
   ("Trump" as ORG and as PERSON) goes with that form, whatever the label; else one
   word that fits the surname of exactly one person (after 1 and 2) is that person
   ("Caddell" as ORG beside "Pat Caddell"). Otherwise it stays an organisation or place.
4. The rest (organisations, places, ...) are one speaker per key.

A speaker is shown by its fullest form (a person's name before any other label, then
the most words). Forms meet only through surnames that are near-spellings of one
another, so ``SpeakerIndex`` regroups just the connected surnames and keys that a new
article's forms touch: the result equals ``speaker_groups`` of every form so far. Ids
stay put where they can (``SpeakerIndex._assign``); a later article may move a form to
another speaker, and ``Change`` says which, for the store to re-point its rows.
Pure: no database here; the store loads and saves the index.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy
from rapidfuzz import fuzz, process

__all__ = [
    "NAME_SIMILARITY",
    "Change",
    "Form",
    "Speaker",
    "SpeakerGroup",
    "SpeakerIndex",
    "first_name_form",
    "name_key",
    "speaker_groups",
]

#: how alike (0-100) two spellings of a first name or surname must be to be one name:
#: Zelensky/Zelenskyy 94, Anatoly/Anatoliy 93; John/Joan 75, Jon/John 86
NAME_SIMILARITY = 88.0

#: entity types a bare surname is often given by mistake ("Caddell" as ORG, "Trump" as
#: ORG): one word of these types that is the surname of one known person is that person
MISTYPED_SURNAMES = frozenset({"ORG", "GPE", "NORP"})

#: an entity's (name, type), as the extractor gives them: what speakers are made of
Form = tuple[str, str]

#: titles before a name, and suffixes after it, that are not part of it
_TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady rev reverend fr father sister "
    "rabbi imam bishop pope king queen prince princess sen senator rep representative "
    "gov governor pres president vice deputy prime minister chancellor premier secretary "
    "ambassador commissioner director chairman chairwoman chair ceo chief coach officer "
    "detective inspector sheriff mayor judge justice councillor councilman councilwoman "
    "gen general col colonel lt sgt capt captain adm admiral cmdr spokesman spokeswoman".split()
)
#: surnames compared at once when a whole store is regrouped (a block x all: 2,000 x
#: 50,000 bytes of scores)
_BLOCK = 2_000
_SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())
_NON_WORD = re.compile(r"[^\w\s]|_")
_DOUBLED = re.compile(r"(\w)\1+")
_TRANSLITERATED_END = re.compile(r"(?:ii|ij|ei|i)$")
_SPACES = re.compile(r"\s+")
#: characters a clean name may hold besides letters, digits and spaces ('">Sanders' is not)
_NAME_MARKS = frozenset(".'’-&")


def name_key(name: str, *, is_person: bool = True) -> str:
    """The matching key of a name: ``"Dr. José  O'Neil-Ruiz Jr."`` -> ``"jose oneil ruiz"``."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("'", "").replace("’", "").replace("-", " ")
    words = _SPACES.sub(" ", _NON_WORD.sub(" ", text)).split()
    if is_person:
        while words and words[0] in _TITLES:  # "Prime Minister Ana Ruiz"; "King" at the end stays
            words = words[1:]
        while words and words[-1] in _SUFFIXES:
            words = words[:-1]
        if len(words) > 2:  # "George W. Bush" -> "george bush"
            words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    elif words and words[0] == "the":  # "the Times" and "Times" are one outlet
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person or organisation quoted anywhere in the store, shown by one of its forms."""

    id: int
    name: str
    type: str
    key: str

    @property
    def is_person(self) -> bool:
        return self.type == "PERSON"


@dataclass(frozen=True, slots=True)
class SpeakerGroup:
    """One speaker without an id: its shown name, type and key, and every form it has."""

    name: str
    type: str
    key: str
    forms: frozenset[Form]


@dataclass
class Change:
    """What one ``SpeakerIndex.add`` changed, for the store to write back."""

    #: the speaker id of each form that is new or moved to another speaker
    forms: dict[Form, int] = field(default_factory=dict)
    #: moved forms and the speaker they had: their stored rows must be re-pointed
    moved: dict[Form, int] = field(default_factory=dict)
    #: speakers that are new, or whose shown name, type or key changed
    speakers: list[Speaker] = field(default_factory=list)
    #: the ids of the new ones among them
    created: set[int] = field(default_factory=set)
    #: ids no speaker has any more (merged into another, or every form moved away)
    removed: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Name:
    """How a form is matched: its key, and its surname if it may be a person's."""

    key: str  # a person's key for PERSON, else the organisation key ("the" dropped)
    person_key: str  # the form read as a person's name; "" if it cannot be one
    surname: str | None  # the last word of person_key


def _parse(form: Form) -> _Name | None:
    """None for a form that names nobody (a title alone: "Mayor")."""
    name, type_ = form
    if type_ == "PERSON":
        key = name_key(name)
        return _Name(key, key, key.rsplit(" ", 1)[-1]) if key else None
    key = name_key(name, is_person=False)
    if not key:
        return None
    person_key = name_key(name) if type_ in MISTYPED_SURNAMES else ""
    surname = person_key.rsplit(" ", 1)[-1] if person_key else None
    return _Name(key, person_key, surname)


def speaker_groups(forms: Iterable[Form]) -> list[SpeakerGroup]:
    """The speakers of a set of forms, from scratch, sorted by name and type.

    Whatever order (or repetition) ``forms`` come in, the result is the same; it is what
    ``SpeakerIndex`` holds after adding the same forms in any order and any batches.
    """
    index = SpeakerIndex()
    index.load(((name, type_, None) for name, type_ in forms), ())
    index.regroup_all()  # every pair of surnames compared at once
    return index.groups()


class SpeakerIndex:
    """Every form seen, its speaker, and each speaker: regrouped as forms arrive."""

    def __init__(self) -> None:
        self.speakers: dict[int, Speaker] = {}
        self.next_id = 1
        self._speaker_of: dict[Form, int] = {}
        self._names: dict[Form, _Name | None] = {}
        self._by_surname: dict[str, set[Form]] = {}
        self._surnames: dict[str, list[str]] = {}  # the keys of _by_surname by initial
        self._by_key: dict[str, set[Form]] = {}  # forms not typed PERSON, by key

    def __len__(self) -> int:
        return len(self._names)

    def speaker_of(self, form: Form) -> int | None:
        """The speaker id of a form already added; None if it names nobody."""
        return self._speaker_of.get(form)

    def groups(self) -> list[SpeakerGroup]:
        """Every speaker with its forms, sorted by name and type (no ids)."""
        forms: dict[int, set[Form]] = {}
        for form, speaker_id in self._speaker_of.items():
            forms.setdefault(speaker_id, set()).add(form)
        found = [
            SpeakerGroup(s.name, s.type, s.key, frozenset(forms[s.id]))
            for s in self.speakers.values()
        ]
        return sorted(found, key=lambda g: (g.name, g.type, g.key))

    def load(
        self,
        forms: Iterable[tuple[str, str, int | None]],
        speakers: Iterable[Speaker],
        next_id: int = 1,
    ) -> None:
        """Take the store's (name, type, speaker id) forms and speakers as they are.

        A store written by this index holds the grouping of its forms already; an older
        one is regrouped with ``regroup_all`` after loading.
        """
        for speaker in speakers:
            self.speakers[speaker.id] = speaker
            next_id = max(next_id, speaker.id + 1)
        for name, type_, speaker_id in forms:
            form = (name, type_)
            self._register(form)
            if speaker_id is not None and self._names[form] is not None:
                self._speaker_of[form] = speaker_id
        self.next_id = max(self.next_id, next_id)

    def add(self, forms: Iterable[Form]) -> Change:
        """Add forms (an article's entities): regroup what they touch, say what changed."""
        new = [f for f in dict.fromkeys(forms) if f not in self._names]
        for form in new:
            self._register(form)
        names = [n for f in new if (n := self._names[f]) is not None]
        alike = self._connected({n.surname for n in names if n.surname is not None})
        loose = {f for f in new if (n := self._names[f]) is not None and n.surname is None}
        return self._regroup(alike, loose)

    def regroup_all(self) -> Change:
        """Group every form from scratch (a store made before this grouping); speakers
        loaded that no form has any more are dropped."""
        loose = {f for f, n in self._names.items() if n is not None and n.surname is None}
        change = self._regroup(self._all_alike(), loose)
        used = set(self._speaker_of.values())
        for unused in set(self.speakers) - used:
            del self.speakers[unused]
            change.removed.add(unused)
        return change

    def forms(self) -> dict[Form, int]:
        """Every form that names someone, with its speaker id."""
        return dict(self._speaker_of)

    # -- regrouping --------------------------------------------------------------------

    def _register(self, form: Form) -> None:
        name = self._names[form] = _parse(form)
        if name is None:
            return
        if form[1] != "PERSON":
            self._by_key.setdefault(name.key, set()).add(form)
        if name.surname is not None:
            if name.surname not in self._by_surname:
                self._by_surname[name.surname] = set()
                self._surnames.setdefault(name.surname[0], []).append(name.surname)
            self._by_surname[name.surname].add(form)

    def _alike_surnames(self, surname: str) -> list[str]:
        """Every known surname that is a near-spelling of ``surname`` (itself included)."""
        found = process.extract(
            surname,
            self._surnames.get(surname[0], ()),
            scorer=fuzz.ratio,
            score_cutoff=NAME_SIMILARITY,
            limit=None,
        )  # 50,000 surnames: ~2.5 ms over them all, ~0.2 ms over one initial's
        return [s for s, _, _ in found]

    def _all_alike(self) -> dict[str, list[str]]:
        """The near-spellings of every known surname (a whole store or corpus regrouped):
        all pairs of an initial at once, in blocks, on every core (one surname at a time
        took ~10 times as long)."""
        alike: dict[str, list[str]] = {}
        for surnames in self._surnames.values():
            alike.update((s, [s]) for s in surnames)
            for start in range(0, len(surnames), _BLOCK):
                block = surnames[start : start + _BLOCK]
                scores = process.cdist(
                    block,
                    surnames,
                    scorer=fuzz.ratio,
                    score_cutoff=NAME_SIMILARITY,
                    dtype=numpy.uint8,
                    workers=-1,
                )
                for row, column in zip(*numpy.nonzero(scores), strict=True):
                    if start + row != column:
                        alike[block[row]].append(surnames[column])
        return alike

    def _connected(self, surnames: set[str]) -> dict[str, list[str]]:
        """The near-spellings of ``surnames`` and of every surname joined to them by a
        chain of near-spellings: the part of the store a new surname can regroup."""
        alike: dict[str, list[str]] = {}
        todo = list(surnames)
        while todo:
            surname = todo.pop()
            if surname not in alike:
                alike[surname] = self._alike_surnames(surname)
                todo.extend(alike[surname])
        return alike

    def _regroup(self, alike: Mapping[str, list[str]], loose: set[Form]) -> Change:
        """Regroup the forms with the surnames of ``alike`` (each with its near-spellings)
        and the keys they share with the rest.

        ``alike`` is closed under near-spelling, so no form outside it can change their
        grouping; forms without a surname group by key alone (``loose``).
        """
        region = {f for s in alike for f in self._by_surname[s]}
        clusters = []
        other = set(loose)
        for component in _components(alike):
            forms = [f for s in component for f in self._by_surname[s]]
            people, left = _group_people(forms, self._names)
            clusters.extend(people)
            other |= left
        keys = {self._key(f) for f in region if f[1] != "PERSON"} | {self._key(f) for f in loose}
        for key in sorted(keys):
            members = frozenset(
                f
                for f in self._by_key[key]
                if f in other or (f not in region and f not in loose and not self._is_person(f))
            )
            if members:
                clusters.append(members)
        return self._assign(clusters)

    def _key(self, form: Form) -> str:
        name = self._names[form]
        assert name is not None
        return name.key

    def _is_person(self, form: Form) -> bool:
        """Whether a form already grouped belongs to a person."""
        speaker_id = self._speaker_of.get(form)
        return speaker_id is not None and self.speakers[speaker_id].is_person

    def _assign(self, clusters: list[frozenset[Form]]) -> Change:
        """Give each regrouped speaker an id, keeping the old ones where it can.

        A speaker keeps the id of the old speaker shown by the same form, else of the
        one that held most of its forms (ties: the older id); one that split keeps its id
        in the part shown by its old form, and the other parts get new ids; speakers
        merged keep one id, and the others' ids are not used again.
        """
        shown = [_shown(c, self._names) for c in clusters]
        offers = []
        for i, cluster in enumerate(clusters):
            held = Counter(self._speaker_of[f] for f in cluster if f in self._speaker_of)
            for old, count in held.items():
                speaker = self.speakers[old]
                same = (speaker.name, speaker.type) == shown[i]
                offers.append(((same, count, -old), i, old))
        offers.sort(reverse=True)
        ids: dict[int, int] = {}
        taken: set[int] = set()
        for _, i, old in offers:
            if i not in ids and old not in taken:
                ids[i] = old
                taken.add(old)
        change = Change()
        before = {f: self._speaker_of.get(f) for c in clusters for f in c}
        for i, cluster in enumerate(clusters):
            if i not in ids:
                ids[i] = self.next_id
                change.created.add(self.next_id)
                self.next_id += 1
            name, type_ = shown[i]
            speaker = Speaker(ids[i], name, type_, self._key(shown[i]))
            if self.speakers.get(speaker.id) != speaker:
                self.speakers[speaker.id] = speaker
                change.speakers.append(speaker)
            for form in cluster:
                old_id = before[form]
                if old_id != speaker.id:
                    self._speaker_of[form] = speaker.id
                    change.forms[form] = speaker.id
                    if old_id is not None:
                        change.moved[form] = old_id
        for old in {i for i in before.values() if i is not None} - taken:
            del self.speakers[old]
            change.removed.add(old)
        return change


def _components(alike: Mapping[str, list[str]]) -> list[list[str]]:
    """The surnames of ``alike`` in groups joined by chains of near-spellings, sorted."""
    left = set(alike)
    found = []
    for start in sorted(alike):
        if start not in left:
            continue
        left.discard(start)
        component, todo = [start], [start]
        while todo:
            for other in alike[todo.pop()]:
                if other in left:
                    left.discard(other)
                    component.append(other)
                    todo.append(other)
        found.append(sorted(component))
    return found


def _group_people(
    forms: list[Form], names: Mapping[Form, _Name | None]
) -> tuple[list[frozenset[Form]], set[Form]]:
    """The people among forms whose surnames are near-spellings (steps 1-3 above), and
    the forms left to group by key (typed ORG, GPE or NORP, fitting no one person)."""
    by_key: dict[str, list[Form]] = {}
    maybe: list[Form] = []
    for form in sorted(forms):
        name = names[form]
        assert name is not None
        if form[1] == "PERSON":
            by_key.setdefault(name.key, []).append(form)
        else:
            maybe.append(form)
    people: list[list[str]] = []  # person keys, complete linkage in sorted order
    # only names with the same first name can meet: a common surname's hundreds of
    # people are not all compared with each other
    by_first: dict[str, list[list[str]]] = {}
    for key in sorted(k for k in by_key if " " in k):
        first, surname = key.split(" ", 1)[0], key.rsplit(" ", 1)[-1]
        same_first = by_first.setdefault(first_name_form(first), [])
        for person in same_first:
            if all(_alike(surname, other.rsplit(" ", 1)[-1]) for other in person):
                person.append(key)
                break
        else:
            people.append([key])
            same_first.append(people[-1])
    full_surnames = [{k.rsplit(" ", 1)[-1] for k in person} for person in people]
    bare: list[list[str]] = []  # bare surnames fitting no one full name, or several
    for key in sorted(k for k in by_key if " " not in k):
        fits = [i for i, surnames in enumerate(full_surnames) if _fits(key, surnames)]
        if len(fits) == 1:
            people[fits[0]].append(key)
            continue
        for group in bare:
            if all(_alike(key, other) for other in group):
                group.append(key)
                break
        else:
            bare.append([key])
    people.extend(bare)
    members = [[f for k in person for f in by_key[k]] for person in people]
    person_of = {k: i for i, person in enumerate(people) for k in person}
    surnames = [{k.rsplit(" ", 1)[-1] for k in person} for person in people]
    other: set[Form] = set()
    for form in maybe:
        name = names[form]
        assert name is not None
        # the very name typed PERSON elsewhere goes with it, whatever the label; else
        # one word is the one person whose surname it fits
        found = person_of.get(name.person_key)
        if found is None and " " not in name.person_key:
            fits = [i for i, s in enumerate(surnames) if _fits(name.person_key, s)]
            found = fits[0] if len(fits) == 1 else None
        if found is None:
            other.add(form)
        else:
            members[found].append(form)
    return [frozenset(m) for m in members], other


def first_name_form(first: str) -> str:
    """A first name with the spellings of one name made alike, and no more.

    Doubled letters are single ("Hillary"/"Hilary", "Phillip"/"Philip"), y is i and a
    transliteration's ending is one ("Anatoliy"/"Anatoly"/"Anatoli", "Sergey"/"Sergei",
    "Volodymyr"/"Volodimir"). A near-spelling is not enough for first names: "Ivana" and
    "Ivanka", "Paul" and "Paula", "Daniel" and "Danielle" are different people (rapidfuzz
    ratio 89-92, above ``NAME_SIMILARITY``).
    """
    form = _DOUBLED.sub(r"\1", first.replace("y", "i"))
    return _TRANSLITERATED_END.sub("i", form)


def _fits(surname: str, surnames: set[str]) -> bool:
    return any(_alike(surname, s) for s in surnames)


def _shown(forms: frozenset[Form], names: Mapping[Form, _Name | None]) -> Form:
    """The form a speaker is shown by: a person's name first, then one without stray
    marks ('"Donald Trump \'\''), then the fullest ("John F. Kerry", not "John Kerry")."""

    def fullness(form: Form) -> tuple[bool, int, int, int, int, str, str]:
        name = names[form]
        assert name is not None
        text = form[0]
        marks = sum(1 for c in text if not (c.isalnum() or c.isspace() or c in _NAME_MARKS))
        marks += (not text[:1].isalnum()) + (not (text[-1:].isalnum() or text.endswith(".")))
        words = name.key.split()
        return (form[1] == "PERSON", -marks, len(words), len(name.key), len(text), *form)

    return max(forms, key=fullness)


def _alike(a: str, b: str) -> bool:
    """Near-spellings of one surname: the same initial, and rapidfuzz ratio >= 88."""
    return a == b or (a[:1] == b[:1] and fuzz.ratio(a, b) >= NAME_SIMILARITY)
