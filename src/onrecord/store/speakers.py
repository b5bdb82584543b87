"""One speaker across articles: "Zelensky", "Zelenskyy" and "Volodymyr Zelenskyy" are one row.

Within an article the extractor already resolves "he" and "the president" to an entity
with a name and, apart from it, a role. Across articles the same person is spelled many
ways; ``SpeakerIndex`` matches a new name against the speakers seen so far:

1. the same key (case, accents, punctuation, honorifics and middle initials ignored);
2. a person's full name whose first name and surname are near-spellings of a known
   one's (``rapidfuzz`` ratio >= ``NAME_SIMILARITY``): transliterations, typos;
3. a bare surname that fits exactly one known full name (also when the recogniser
   called it an organisation, as it often does with surnames).

A bare surname that fits several people ("Clinton") stays its own speaker rather than
guessing, and a full name that arrives after its bare surname takes that speaker over.
Pure: no database here; the store loads and saves the index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

__all__ = ["NAME_SIMILARITY", "Speaker", "SpeakerIndex", "name_key"]

#: how alike (0-100) two spellings of a first name or surname must be to be one name:
#: Zelensky/Zelenskyy 94, Anatoly/Anatoliy 93; John/Joan 75
NAME_SIMILARITY = 88.0

#: entity types a bare surname is often given by mistake ("Caddell" as ORG): one word of
#: these types that is exactly the surname of one known person is that person
MISTYPED_SURNAMES = frozenset({"ORG", "GPE", "NORP"})

#: titles before a name, and suffixes after it, that are not part of it
_TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady rev reverend fr father sister "
    "rabbi imam bishop pope king queen prince princess sen senator rep representative "
    "gov governor pres president vice deputy prime minister chancellor premier secretary "
    "ambassador commissioner director chairman chairwoman chair ceo chief coach officer "
    "detective inspector sheriff mayor judge justice councillor councilman councilwoman "
    "gen general col colonel lt sgt capt captain adm admiral cmdr spokesman spokeswoman".split()
)
_SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())
_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


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


@dataclass(slots=True)
class Speaker:
    """A person or organisation quoted anywhere in the store."""

    id: int
    name: str
    type: str
    key: str

    @property
    def is_person(self) -> bool:
        return self.type == "PERSON"


@dataclass
class SpeakerIndex:
    """Speakers by key and by surname, to find the one a new name belongs to."""

    speakers: dict[int, Speaker] = field(default_factory=dict)
    _by_key: dict[tuple[str, str], int] = field(default_factory=dict)
    _by_surname: dict[str, set[int]] = field(default_factory=dict)  # people with a full name
    _bare: dict[str, int] = field(default_factory=dict)  # people known by surname alone
    _surnames: dict[str, set[str]] = field(default_factory=dict)  # by their first two letters
    _bare_surnames: dict[str, set[str]] = field(default_factory=dict)  # the same for _bare
    next_id: int = 1

    def add(self, speaker: Speaker) -> None:
        """Index ``speaker`` (loaded from the store, or just created)."""
        self.speakers[speaker.id] = speaker
        self._by_key[(_group(speaker.type), speaker.key)] = speaker.id
        words = speaker.key.split()
        if speaker.is_person and len(words) > 1:
            self._add_surname(words[-1], speaker.id)
        elif speaker.is_person and words:
            self._bare[words[0]] = speaker.id
            self._bare_surnames.setdefault(words[0][:2], set()).add(words[0])
        self.next_id = max(self.next_id, speaker.id + 1)

    def resolve(self, name: str, type_: str) -> tuple[Speaker | None, bool]:
        """The speaker ``name`` belongs to, and whether it changed (new, or renamed).

        A changed speaker must be written back: it is new, or a bare surname that just
        learnt its full name. A name that is only a title ("Mayor") is nobody: None.
        """
        is_person = type_ == "PERSON"
        key = name_key(name, is_person=is_person)
        if not key:
            return None, False
        found = self._by_key.get((_group(type_), key))
        if found is not None:
            return self.speakers[found], False
        words = key.split()
        if not is_person and len(words) == 1 and type_ in MISTYPED_SURNAMES:
            person = self._by_surname.get(words[0], set())
            if len(person) == 1:  # the recogniser often tags a bare surname as ORG
                return self.speakers[next(iter(person))], False
        if is_person and len(words) == 1:
            match = self._one_full_name(words[0])
            if match is not None:
                return match, False
        elif is_person and len(words) > 1:
            match = self._near_spelling(words)
            if match is not None:
                return match, False
            bare = self._bare_match(words[-1])
            if bare is not None:
                return self._rename(bare, name.strip(), key), True
        speaker = Speaker(self.next_id, name.strip(), type_, key)
        self.add(speaker)
        return speaker, True

    def _one_full_name(self, surname: str) -> Speaker | None:
        """The only person with this surname (or a near spelling of it), if just one."""
        ids = set(self._by_surname.get(surname, ()))
        if not ids:
            for known in self._surnames.get(surname[:2], ()):
                if _alike(known, surname):
                    ids |= self._by_surname[known]
        return self.speakers[next(iter(ids))] if len(ids) == 1 else None

    def _near_spelling(self, words: list[str]) -> Speaker | None:
        """A person with the same first name and a surname spelled nearly the same."""
        first, surname = words[0], words[-1]
        for known in self._surnames.get(surname[:2], ()):
            if not _alike(known, surname):
                continue
            for speaker_id in self._by_surname[known]:
                if _alike(self.speakers[speaker_id].key.split()[0], first):
                    return self.speakers[speaker_id]
        return None

    def _bare_match(self, surname: str) -> Speaker | None:
        """A speaker known by this surname alone, if no full name has that surname yet."""
        if self._by_surname.get(surname):
            return None
        for known in self._bare_surnames.get(surname[:2], ()):
            if _alike(known, surname) and not self._by_surname.get(known):
                return self.speakers[self._bare[known]]
        return None

    def _rename(self, speaker: Speaker, name: str, key: str) -> Speaker:
        """A bare-surname speaker takes the full name that just arrived."""
        del self._bare[speaker.key]
        self._bare_surnames[speaker.key[:2]].discard(speaker.key)
        del self._by_key[(_group(speaker.type), speaker.key)]
        speaker.name, speaker.key = name, key
        self._by_key[(_group(speaker.type), key)] = speaker.id
        self._add_surname(key.split()[-1], speaker.id)  # the bare surname still finds it
        return speaker

    def _add_surname(self, surname: str, speaker_id: int) -> None:
        self._by_surname.setdefault(surname, set()).add(speaker_id)
        self._surnames.setdefault(surname[:2], set()).add(surname)


def _group(type_: str) -> str:
    """People match people; organisations, places and the rest match each other."""
    return "person" if type_ == "PERSON" else "other"


def _alike(a: str, b: str) -> bool:
    return a == b or fuzz.ratio(a, b) >= NAME_SIMILARITY
