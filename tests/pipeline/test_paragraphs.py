"""onrecord_paragraphs: every line break starts a sentence, with or without a parser.

Made-up strings: a headline or an inline subheading must not merge with the next line.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import onrecord.pipeline.paragraphs  # noqa: F401  registers the factory without entry points
from onrecord.config import Settings
from onrecord.extract import load_pipeline
from onrecord.pipeline.paragraphs import mark_paragraph_starts

TEXTS = [
    "Ferry timetable changes\nThe first boat will leave at six from next week.",
    "Ferry timetable changes\n\nThe first boat will leave at six.\n\nThe last one at ten.",
    "The pier is closed for repairs \n  new planks arrive on Friday and the work starts then",
    "The council met on Monday.\r\nCouncillors voted to keep the ferry.",
    "Harbour master Ruth Adebayo said the boats would run\nNew timetable\nthe change starts in May",
    "One line only, without a break.",
]


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("onrecord_paragraphs")
    return nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(Settings())


def line_starts(text: str) -> set[int]:
    """Character offsets of the first non-space character of every line after the first."""
    starts = set()
    for i, ch in enumerate(text):
        if ch == "\n":
            j = i + 1
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text):
                starts.add(j)
    return starts


def after_break(doc: Doc) -> list[int]:
    return [t.i for t in doc if t.idx in line_starts(doc.text)]


@pytest.mark.parametrize("text", TEXTS)
def test_paragraphs_blank_marks_every_line_start(blank: Language, text: str) -> None:
    doc = blank(text)
    for i in after_break(doc):
        assert doc[i].is_sent_start is True, (doc[i].text, text)


@pytest.mark.parametrize("text", TEXTS)
def test_paragraphs_blank_leaves_other_tokens_unset(blank: Language, text: str) -> None:
    doc = blank(text)
    marked = set(after_break(doc)) | {0}
    assert all(t.is_sent_start is None for t in doc if t.i not in marked)


def test_paragraphs_every_line_start_is_reached(blank: Language) -> None:
    text = TEXTS[1]
    doc = blank(text)
    assert len(after_break(doc)) == len(line_starts(text)) == 2


def test_paragraphs_function_is_the_component(blank: Language) -> None:
    doc = spacy.blank("en").make_doc("Heading here\nThe body starts.")
    assert mark_paragraph_starts(doc) is doc
    assert doc[3].text == "The" and doc[3].is_sent_start is True


def test_paragraphs_component_sits_before_the_parser(nlp: Language) -> None:
    names = nlp.pipe_names
    assert "onrecord_paragraphs" in names
    assert names.index("onrecord_paragraphs") < names.index("parser")


@pytest.mark.parametrize("text", TEXTS)
def test_paragraphs_model_starts_a_sentence_at_every_line(nlp: Language, text: str) -> None:
    doc = nlp(text)
    first_words = {next((t.idx for t in s if not t.is_space), -1) for s in doc.sents}
    assert line_starts(text) <= first_words, [s.text for s in doc.sents]


@pytest.mark.parametrize("text", TEXTS)
def test_paragraphs_model_no_sentence_crosses_a_line(nlp: Language, text: str) -> None:
    doc = nlp(text)
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            body = doc.text[words[0].idx : words[-1].idx + len(words[-1])]
            assert "\n" not in body, [s.text for s in doc.sents]
