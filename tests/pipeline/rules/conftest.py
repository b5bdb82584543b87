"""Fixtures for the rules on their own: a text parsed as the extractor parses it, and what
the rules alone (no scorer, no tagger, no combiner) find in it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rule_finds import Found, as_text
from spacy.tokens import Doc

from onrecord import Extractor
from onrecord.pipeline.cues import load_lexicon
from onrecord.pipeline.quotes import find_quotes
from onrecord.pipeline.rules import find_attributions


@pytest.fixture(scope="session")
def parse(rules_extractor: Extractor) -> Callable[[str], Doc]:
    """``text`` parsed with the extractor's own pipeline (paragraph-aware sentences)."""
    return lambda text: rules_extractor.nlp(text)


@pytest.fixture(scope="session")
def rules(parse: Callable[[str], Doc]) -> Callable[[str], list[Found]]:
    """Every candidate ``find_attributions`` keeps in ``text``, unscored."""
    lexicon = load_lexicon()

    def found(text: str) -> list[Found]:
        doc = parse(text)
        return [as_text(doc, c) for c in find_attributions(doc, find_quotes(text), lexicon)]

    return found
