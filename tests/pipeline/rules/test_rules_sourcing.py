"""Explicit sourcing and cue nouns on their own (``pipeline/rules/sourcing.py``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rule_finds import Found


def test_rules_sourcing_according_to_takes_the_rest_of_the_clause(
    rules: Callable[[str], list[Found]],
) -> None:
    assert rules("The plan was flawed, according to the Harbour Gazette.") == [
        ("according_to", "the Harbour Gazette", "according to", "The plan was flawed")
    ]


def test_rules_sourcing_according_to_in_front(rules: Callable[[str], list[Found]]) -> None:
    assert rules("According to the county auditor, the ferry lost money for six years.") == [
        (
            "according_to",
            "the county auditor",
            "According to",
            "the ferry lost money for six years.",
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Here is how the winter went, in the words of the ferry's skipper: “We lost "
            "eleven sailings in January. Then the engine went.”",
            (
                "according_to",
                "the ferry's skipper",
                "in the words of",
                "“We lost eleven sailings in January. Then the engine went.”",
            ),
            id="before-a-colon-the-quotation",
        ),
        pytest.param(
            "In the words of one season-ticket holder, the new stand is a cathedral of noise.",
            (
                "according_to",
                "one season-ticket holder",
                "In the words of",
                "the new stand is a cathedral of noise.",
            ),
            id="in-front-the-rest-of-the-sentence",
        ),
    ],
)
def test_rules_sourcing_in_the_words_of(
    rules: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    assert rules(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Her claim that the ferry was safe was false.",
            ("noun", "Her", "claim", "that the ferry was safe"),
        ),
        (
            "His promise to reopen the pier by May was broken.",
            ("noun", "His", "promise", "to reopen the pier by May"),
        ),
        (
            "There is a fear that the ferry will close.",
            ("noun", "", "fear", "that the ferry will close"),
        ),
    ],
)
def test_rules_sourcing_a_cue_noun_with_its_clause_and_owner(
    rules: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    assert rules(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The ferry operator reportedly has lost three captains since May.",
            ("hearsay", "", "reportedly", "The ferry operator … has lost three captains since May"),
            id="its-clause-around-it",
        ),
        pytest.param(
            "The harbour master, who allegedly took cash for berths, resigned on Friday.",
            ("hearsay", "", "allegedly", "took cash for berths"),
            id="a-relative-clause-without-its-relative-word",
        ),
        pytest.param(
            "In all, the ferry operator reportedly has cancelled forty sailings, leaving "
            "islanders stranded.",
            ("hearsay", "", "reportedly", "the ferry operator … has cancelled forty sailings"),
            id="without-the-asides-around-it",
        ),
        pytest.param(
            "Reportedly, the harbour board has sold the old pier.",
            ("hearsay", "", "Reportedly", "the harbour board has sold the old pier"),
            id="opening-the-sentence",
        ),
        pytest.param(
            "The old pier went for a dollar, reportedly.",
            ("hearsay", "", "reportedly", "The old pier went for a dollar"),
            id="closing-the-sentence",
        ),
    ],
)
def test_rules_sourcing_hearsay_adverb_claims_its_clause(
    rules: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    assert expected in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The skipper reportedly said the engine had failed twice.", id="the-verb-reports"
        ),
        pytest.param(
            "The ferry reportedly lost money, according to the county auditor.",
            id="a-sourcing-phrase-names-whose-claim",
        ),
        pytest.param(
            "He paid for a call he reportedly made to the harbour office, in which he said "
            "he would sue.",
            id="the-claim-is-about-a-word-outside-its-clause",
        ),
    ],
)
def test_rules_sourcing_hearsay_adverb_leaves_others_alone(
    rules: Callable[[str], list[Found]], text: str
) -> None:
    assert [f for f in rules(text) if f[0] == "hearsay"] == []
