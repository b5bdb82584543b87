"""Speakers across articles: spelling variants meet, different people stay apart."""

from __future__ import annotations

import pytest

from onrecord.store.speakers import Speaker, SpeakerIndex, name_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Anatoliy Kovalenko", "anatoliy kovalenko"),
        ("Dr. José O'Neil-Ruiz Jr.", "jose oneil ruiz"),
        ("George W. Bush", "george bush"),
        ("  Mayor   Lena  Brandt ", "lena brandt"),
        ("Mayor", ""),
    ],
)
def test_speakers_name_key_drops_case_accents_titles_and_initials(name: str, key: str) -> None:
    assert name_key(name) == key


def test_speakers_name_key_of_an_organisation_drops_a_leading_the() -> None:
    assert name_key("the Coastal Times", is_person=False) == name_key(
        "Coastal Times", is_person=False
    )
    assert name_key("Dr. Pepper Group", is_person=False) == "dr pepper group"


def resolve_all(names: list[tuple[str, str]]) -> list[int | None]:
    index = SpeakerIndex()
    ids = []
    for name, type_ in names:
        speaker, _ = index.resolve(name, type_)
        ids.append(speaker.id if speaker else None)
    return ids


def test_speakers_spelling_variants_of_one_person_are_one_speaker() -> None:
    ids = resolve_all(
        [
            ("Anatoliy Kovalenko", "PERSON"),
            ("Anatoly Kovalenko", "PERSON"),
            ("Kovalenko", "PERSON"),
            ("Kovalenkko", "PERSON"),
            ("Director Anatoliy Kovalenko", "PERSON"),
        ]
    )
    assert len(set(ids)) == 1


def test_speakers_a_bare_surname_shared_by_two_people_stays_apart() -> None:
    ids = resolve_all([("Lena Brandt", "PERSON"), ("Oskar Brandt", "PERSON"), ("Brandt", "PERSON")])
    assert len(set(ids)) == 3


def test_speakers_different_first_names_are_different_people() -> None:
    ids = resolve_all([("John Ekland", "PERSON"), ("Joan Ekland", "PERSON")])
    assert ids[0] != ids[1]


def test_speakers_a_full_name_after_its_bare_surname_takes_that_speaker_over() -> None:
    index = SpeakerIndex()
    bare, _ = index.resolve("Ekland", "PERSON")
    full, changed = index.resolve("Ruth Ekland", "PERSON")
    assert bare is not None and full is not None
    assert (full.id, full.name, changed) == (bare.id, "Ruth Ekland", True)
    again, changed = index.resolve("Ekland", "PERSON")
    assert again is full and not changed


def test_speakers_a_surname_tagged_as_an_organisation_is_the_person() -> None:
    ids = resolve_all([("Ruth Ekland", "PERSON"), ("Ekland", "ORG")])
    assert ids[0] == ids[1]


def test_speakers_organisations_match_without_the_article() -> None:
    ids = resolve_all([("the Coastal Times", "ORG"), ("Coastal Times", "ORG"), ("Coastal", "GPE")])
    assert ids[0] == ids[1] != ids[2]


def test_speakers_a_title_alone_is_nobody() -> None:
    assert resolve_all([("Mayor", "PERSON"), ("the", "ORG")]) == [None, None]


def test_speakers_index_loaded_from_rows_resolves_like_the_one_that_made_them() -> None:
    first = SpeakerIndex()
    made = [first.resolve(n, "PERSON")[0] for n in ("Lena Brandt", "Ruth Ekland")]
    loaded = SpeakerIndex()
    for speaker in made:
        assert speaker is not None
        loaded.add(Speaker(speaker.id, speaker.name, speaker.type, speaker.key))
    found, changed = loaded.resolve("Brandt", "PERSON")
    assert found is not None and found.name == "Lena Brandt" and not changed
    new, changed = loaded.resolve("Mira Holt", "PERSON")
    assert new is not None and new.id == 3 and changed
