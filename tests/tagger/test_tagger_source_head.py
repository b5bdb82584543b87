"""The head a tagged source is resolved from (``tagger.source_head``), on real parses."""

from __future__ import annotations

from onrecord import Extractor
from onrecord.tagger import source_head


def _head(extractor: Extractor, text: str, source: str) -> str:
    doc = extractor.nlp(text)
    start = text.index(source)
    span = doc.char_span(start, start + len(source))
    assert span is not None
    return source_head(span).text


def test_a_source_the_parser_split_is_its_subject(extractor: Extractor) -> None:
    """`Republican state schools Superintendent Jennifer McCormick has cited …`: the small
    model hangs `schools` and `McCormick` on the verb; the subject is who speaks."""
    text = (
        "Republican state schools Superintendent Jennifer McCormick has cited a study "
        "showing Indiana as the state with the lowest teacher salary increases since 2002."
    )
    source = "Republican state schools Superintendent Jennifer McCormick"
    doc = extractor.nlp(text)
    span = doc.char_span(0, len(source))
    assert span is not None and span.root.text == "schools"  # the parse this is about
    assert _head(extractor, text, source) == "McCormick"


def test_a_whole_source_keeps_its_root(extractor: Extractor) -> None:
    text = "The chair of the harbour board, Odile Brennan, said the pier would close."
    assert _head(extractor, text, "The chair of the harbour board") == "chair"
