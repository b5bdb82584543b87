"""What the tagger sees: paragraphs, quote states and each token's relation to a cue."""

from __future__ import annotations

import pytest
from spacy.language import Language

from onrecord import Extractor
from onrecord.pipeline.quotes import find_quotes
from onrecord.tagger.features import cue_head, cue_values, paragraph_tokens, quote_states


@pytest.fixture(scope="module")
def nlp(extractor: Extractor) -> Language:
    return extractor.nlp


def test_paragraph_tokens_split_at_line_breaks_and_skip_spaces(nlp: Language) -> None:
    doc = nlp("Harbour fees rise\n\nThe port board said fees would rise. Traders objected.\nEnd.")
    words = [[doc[i].text for i in p] for p in paragraph_tokens(doc)]
    assert words == [
        ["Harbour", "fees", "rise"],
        ["The", "port", "board", "said", "fees", "would", "rise", ".", "Traders", "objected", "."],
        ["End", "."],
    ]


def test_quote_states_mark_quoted_words_and_marks(nlp: Language) -> None:
    text = "She said “we will rebuild” and left."
    doc = nlp(text)
    states = dict(zip([t.text for t in doc], quote_states(doc, find_quotes(text)), strict=True))
    assert states["“"] == "mark" and states["”"] == "mark"
    assert states["rebuild"] == "in" and states["left"] == "out"


def test_quote_states_open_quote_runs_to_paragraph_end(nlp: Language) -> None:
    text = "“We never asked for this, the mayor wrote"
    doc = nlp(text)
    states = quote_states(doc, find_quotes(text))
    assert states[-1] == "open"


def test_cue_values_name_the_branch_under_the_cue(nlp: Language) -> None:
    doc = nlp("The harbour master said the ferry would resume on Monday.")
    tokens = [t.i for t in doc]
    said = [t.i for t in doc if t.text == "said"]
    assert cue_head(doc, said) == said[0]
    rows = {doc[i].text: r for i, r in zip(tokens, cue_values(doc, tokens, said), strict=True)}
    assert rows["said"]["branch"] == "cue" and rows["said"]["is_cue"] == "1"
    assert rows["master"]["branch"] == "down:nsubj"
    assert rows["ferry"]["branch"] == "down:ccomp"
    assert rows["master"]["distance"].startswith("-") and rows["Monday"]["distance"].startswith("+")


def test_cue_head_of_a_multiword_cue_is_its_verb(nlp: Language) -> None:
    doc = nlp("The union said in a statement that talks had failed.")
    cue = [t.i for t in doc if t.text in {"said", "in", "a", "statement"}]
    assert doc[cue_head(doc, cue)].text == "said"
