"""pipeline/types.py: statement or thought, from the cue's lemma and words."""

from __future__ import annotations

import pytest

from onrecord import Extractor
from onrecord.pipeline.types import attribution_type


@pytest.mark.parametrize(
    ("lemma", "cue"),
    [
        ("say", "said"),
        ("write", "wrote in a blog post"),
        ("tell", "told reporters"),
        ("tweet", "tweeted"),
        ("announce", "announced"),
        ("report", "reported"),
        ("testify", "testified"),
        ("deny", "denied"),
        ("accuse", "accused"),
        ("warn", "warned"),
        ("find", "found"),  # a study found
        ("show", "shows"),  # a poll shows
        ("according", "according to"),
        ("conclude", "concluded"),  # "he concluded: …" ends a speech
        ("statement", "in a statement"),
        ("claim", "his claim"),
        ("know", "let reporters know"),
        ("know", "is known as"),
        ("", ""),  # a quote paragraph continued without a cue
        (":", ":"),  # a transcript's turn
    ],
)
def test_types_communication_is_a_statement(lemma: str, cue: str) -> None:
    assert attribution_type(lemma, cue) == "statement"


@pytest.mark.parametrize(
    ("lemma", "cue"),
    [
        ("believe", "believes"),
        ("think", "thought"),
        ("fear", "fear"),
        ("hope", "hopes"),
        ("expect", "expects"),
        ("expect", "is expected"),  # a forecast by others
        ("know", "knows"),
        ("want", "wants"),
        ("doubt", "doubted"),
        ("worry", "worries"),
        ("feel", "felt like"),
        ("suspect", "quickly suspected"),
        ("see", "is widely seen as"),
        ("view", "views"),
        ("plan", "also plans"),
    ],
)
def test_types_mental_verbs_are_thoughts(lemma: str, cue: str) -> None:
    assert attribution_type(lemma, cue) == "thought"


@pytest.mark.parametrize(
    ("lemma", "cue"),
    [
        ("believe", "does not believe"),
        ("think", "is not thought"),
        ("think", "might think"),
        ("expect", "didn’t expect"),
        ("want", "did not want"),
    ],
)
def test_types_negation_and_modals_keep_a_thought(lemma: str, cue: str) -> None:
    assert attribution_type(lemma, cue) == "thought"


@pytest.mark.parametrize(
    ("lemma", "cue"),
    [
        ("be", "were hopeful"),  # the head is the copula: the adjective names the thought
        ("be", "is confident"),
        ("remain", "remains convinced"),
        ("be", "are worried about"),
        ("count", "is counting on"),
        ("admire", "openly admires"),  # attitudes and feelings
        ("be", "’s so frustrated"),
        ("like", "would like"),
    ],
)
def test_types_states_of_mind_around_a_plain_head_are_thoughts(lemma: str, cue: str) -> None:
    assert attribution_type(lemma, cue) == "thought"


@pytest.mark.parametrize(
    ("lemma", "cue", "expected"),
    [
        ("fear", "the fear", "thought"),
        ("belief", "her belief", "thought"),
        ("view", "their view", "thought"),
        ("expectation", "expectations", "thought"),
        ("warning", "a warning", "statement"),
        ("report", "the report", "statement"),
        ("announcement", "the announcement", "statement"),
    ],
)
def test_types_noun_cues(lemma: str, cue: str, expected: str) -> None:
    assert attribution_type(lemma, cue) == expected


@pytest.mark.parametrize(
    ("lemma", "cue"),
    [
        ("hop", "hopes"),  # spaCy's lemma for "hopes" and "hoped" in some sentences
        ("hop", "hoped"),
        ("seem", "seems to think"),
        ("", "planned"),  # no lemma at all: the written form still tells
    ],
)
def test_types_written_forms_make_up_for_a_wrong_lemma(lemma: str, cue: str) -> None:
    assert attribution_type(lemma, cue) == "thought"


@pytest.mark.parametrize(
    ("lemma", "cue"),
    [
        ("express", "expressed hope"),
        ("voice", "have voiced concerns"),
        ("raise", "raised fears"),
        ("unveil", "did not unveil plans"),
        ("share", "shared his view"),
        ("say", "said he believes"),
        ("call", "called it something like"),  # "like" as a preposition
    ],
)
def test_types_communicating_a_thought_is_a_statement(lemma: str, cue: str) -> None:
    assert attribution_type(lemma, cue) == "statement"


def test_types_lemma_is_read_case_blind() -> None:
    assert attribution_type("Believe", "Believes") == "thought"


ARTICLE = (
    "Harbor commissioner Lotte Brandvold said the new ferry pier would open in May.\n\n"
    "Fishermen fear that the dredging will drive the herring out of the bay.\n\n"
    "Brandvold does not believe the herring will leave.\n\n"
    "Skipper Ola Dahl hopes the boats can stay in the harbor.\n\n"
    "According to the port authority, the dredging will last six weeks.\n\n"
    "The council is expected to approve the last payment on Thursday.\n\n"
    "A survey by the fishermen's union found that most members oppose the pier."
)


def test_types_on_extracted_attributions(extractor: Extractor) -> None:
    doc = extractor(ARTICLE, "pier")
    by_content = {doc.span_text(a.content): a.type for a in doc.attributions}

    def type_of(words: str) -> str | None:
        found = [t for content, t in by_content.items() if words in content]
        assert found, f"no attribution holds {words!r}: {by_content}"
        return found[0]

    assert type_of("ferry pier would open") == "statement"
    assert type_of("drive the herring out") == "thought"
    assert type_of("herring will leave") == "thought"
    assert type_of("boats can stay") == "thought"  # spaCy's lemma: "hop"
    assert type_of("last six weeks") == "statement"
    assert type_of("approve the last payment") == "thought"  # "is expected to"
    assert type_of("most members oppose") == "statement"
    assert all(a.type in ("statement", "thought") for a in doc.attributions)
