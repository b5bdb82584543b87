"""Cues that are only punctuation, on their own (``pipeline/rules/punctuation.py``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rule_finds import Found


def test_rules_punctuation_a_dash_credits_the_name_after_a_quote(
    rules: Callable[[str], list[Found]],
) -> None:
    assert rules("“The tide is turning for the harbour,” ― Karen Osei") == [
        ("dash", "Karen Osei", "―", "“The tide is turning for the harbour,”")
    ]


def test_rules_punctuation_a_dash_before_no_name_credits_no_one(
    rules: Callable[[str], list[Found]],
) -> None:
    assert rules("“The tide is turning for the harbour,” ― and then it rained.") == []


def test_rules_punctuation_a_colon_introduces_a_quote(
    rules: Callable[[str], list[Found]],
) -> None:
    assert rules("The minister was blunt: “The tolls stay.”") == [
        ("colon", "The minister", ":", "“The tolls stay.”")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The recovery was slow. As she related, “the first month I could not climb "
            "the stairs.”",
            ("verb_quote", "she", "related", "“the first month I could not climb the stairs.”"),
            id="as-she-related",
        ),
        pytest.param(
            "The season ended early. As Ruiz put it, “we ran out of legs and luck in the "
            "same week.”",
            ("verb_quote", "Ruiz", "put", "“we ran out of legs and luck in the same week.”"),
            id="as-he-put-it",
        ),
    ],
)
def test_rules_punctuation_as_she_put_it_credits_the_quote_after(
    rules: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    rule, source, cue, content = expected
    assert any(
        (f[0], f[1], f[3]) == (rule, source, content) and f[2].startswith(cue) for f in rules(text)
    ), rules(text)


def test_rules_punctuation_a_transcript_label_speaks_its_line(
    rules: Callable[[str], list[Found]],
) -> None:
    assert rules("HALE: We will reopen the pier.\nOSEI: Not before the audit is done.") == [
        ("transcript", "HALE", ":", "We will reopen the pier."),
        ("transcript", "OSEI", ":", "Not before the audit is done."),
    ]
