"""Reporting verbs on their own (``pipeline/rules/verbs.py``): which words are the source,
the cue and the content, and which rule of the family found them. Made-up sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rule_finds import Found
from spacy.tokens import Doc

from onrecord.pipeline.cues import load_lexicon
from onrecord.pipeline.quotes import find_quotes
from onrecord.pipeline.rules.phrases import quote_index
from onrecord.pipeline.rules.verbs import verb_cue


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mayor Ana Ruiz said the harbour would reopen in May.",
            ("verb", "Mayor Ana Ruiz", "said", "the harbour would reopen in May"),
            id="clause",
        ),
        pytest.param(
            "Ruiz was quick to add that the budget was tight.",
            ("verb", "Ruiz", "was quick to add", "that the budget was tight"),
            id="a-cue-group-climbs-to-its-subject",
        ),
        pytest.param(
            "Ruiz wrote in a statement that the budget was tight.",
            ("verb", "Ruiz", "wrote in a statement", "that the budget was tight"),
            id="the-medium-joins-the-cue",
        ),
        pytest.param(
            "Ruiz told reporters that the budget was tight.",
            ("verb", "Ruiz", "told", "that the budget was tight"),
            id="the-addressee-is-neither-cue-nor-content",
        ),
        pytest.param(
            "“We will not cut the grant,” said Peter Hale, the county treasurer.",
            ("verb", "Peter Hale, the county treasurer", "said", "“We will not cut the grant,”"),
            id="inverted-after-a-quote",
        ),
        pytest.param(
            "Ruiz called for more spending on the docks.",
            ("verb_prep", "Ruiz", "called for", "more spending on the docks"),
            id="the-preposition-joins-the-cue",
        ),
        pytest.param(
            "Ruiz cited the audit as proof of waste.",
            ("verb_object", "Ruiz", "cited", "the audit as proof of waste"),
            id="an-object-with-its-complement",
        ),
        pytest.param(
            "The budget, Ruiz said, is tight until next year.",
            ("verb_parenthetical", "Ruiz", "said", "The budget … is tight until next year."),
            id="a-parenthetical-cue-splits-its-content",
        ),
    ],
)
def test_rules_verbs_find(rules: Callable[[str], list[Found]], text: str, expected: Found) -> None:
    assert rules(text) == [expected]


def test_rules_verbs_a_clause_of_time_sets_the_scene(
    rules: Callable[[str], list[Found]], parse: Callable[[str], Doc]
) -> None:
    """`after the council concluded its session`: the quote is not what it concluded."""
    text = (
        "“We kept every park open,” Mayor Ruiz tweeted soon after the council "
        "concluded its budget session on Monday."
    )
    assert ("verb", "Mayor Ruiz", "tweeted", "“We kept every park open,”") in rules(text)
    doc = parse(text)
    quotes = [q for q in find_quotes(text) if q.depth == 0]
    concluded = next(t for t in doc if t.lower_ == "concluded")
    found = verb_cue(doc, concluded, quotes, quote_index(doc, quotes), load_lexicon())
    assert found is None or not found.quote_ids


def test_rules_verbs_a_quote_after_the_cue_continues_the_one_before(
    rules: Callable[[str], list[Found]],
) -> None:
    found = rules("“The pier is closed,” she said. “The ferries still run and the cafes are open.”")
    assert found == [
        (
            "verb",
            "she",
            "said",
            "“The pier is closed,” … “The ferries still run and the cafes are open.”",
        )
    ]


def test_rules_verbs_a_so_called_scare_quote_is_no_report(
    rules: Callable[[str], list[Found]],
) -> None:
    assert rules("The so-called ‘blue corridor’ was a joke.") == []


def test_rules_verbs_the_lower_verb_owns_a_cue_group(
    rules: Callable[[str], list[Found]],
) -> None:
    """`appeared to suggest`: one find, cued by the whole group, not one per verb."""
    found = rules("The mayor appeared to suggest that the tolls would stay.")
    assert [f[2] for f in found] == ["appeared to suggest"]


def test_rules_verbs_a_chanted_slogan_is_no_title(rules: Callable[[str], list[Found]]) -> None:
    """A short quote in title case is a title after `watched`, a slogan after `chanted`."""
    text = "While some fans chanted, “Blue for Good,” in the car park, the board met."
    assert ("verb", "some fans", "chanted", "“Blue for Good,”") in rules(text)
