"""Cues that are only punctuation, on their own (``pipeline/rules/punctuation.py``)."""

from __future__ import annotations

from collections.abc import Callable

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


def test_rules_punctuation_a_transcript_label_speaks_its_line(
    rules: Callable[[str], list[Found]],
) -> None:
    assert rules("HALE: We will reopen the pier.\nOSEI: Not before the audit is done.") == [
        ("transcript", "HALE", ":", "We will reopen the pier."),
        ("transcript", "OSEI", ":", "Not before the audit is done."),
    ]
