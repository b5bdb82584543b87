"""A paragraph longer than any the tagger was trained on is read per cue in a window of
whole sentences, so its cost grows with its length, not with its length squared."""

from __future__ import annotations

import tracemalloc

import pytest

import fictional_news
from onrecord import Extractor
from onrecord.pipeline.quotes import find_quotes
from onrecord.tagger import AttributionTagger
from onrecord.tagger.features import (
    WHOLE_PARAGRAPH,
    cue_values,
    cue_window,
    paragraph_tokens,
    sentence_starts,
)

TEN_SENTENCES = [0, 10, 20, 30, 40, 50, 60]  # sentence bounds: six sentences of ten tokens


def test_cue_window_reads_a_short_paragraph_whole() -> None:
    assert cue_window([0, 10, 25, 40], [12], whole=50, limit=20) == (0, 40)


def test_cue_window_default_reads_every_paragraph_like_polnear_whole() -> None:
    # PolNeAR's longest paragraph has 417 words: about 500 tokens
    assert cue_window([0, 200, 500], [450]) == (0, 500) and WHOLE_PARAGRAPH >= 500


@pytest.mark.parametrize(
    ("cue", "expected"),
    [([33], (20, 50)), ([2], (0, 30)), ([58], (30, 60)), ([29, 30], (10, 40))],
    ids=["middle", "first-sentence", "last-sentence", "across-two-sentences"],
)
def test_cue_window_widens_by_whole_sentences_within_the_limit(
    cue: list[int], expected: tuple[int, int]
) -> None:
    start, end = cue_window(TEN_SENTENCES, cue, whole=50, limit=30)
    assert (start, end) == expected
    assert start in TEN_SENTENCES and end in TEN_SENTENCES and end - start <= 30


def test_cue_window_cuts_a_sentence_longer_than_the_limit_around_the_cue() -> None:
    start, end = cue_window([0, 5, 500, 510], [200, 201], whole=50, limit=40)
    assert end - start == 40 and start <= 200 and end > 201


def test_cue_window_always_holds_the_whole_cue() -> None:
    start, end = cue_window([0, 500], list(range(100, 160)), whole=50, limit=40)
    assert start <= 100 and end >= 160


def test_cue_values_with_sentence_starts_match_token_sent(extractor: Extractor) -> None:
    doc = extractor.nlp(fictional_news.text(1500, " "))
    tokens = paragraph_tokens(doc)[0]
    said = [t.i for t in doc if t.text == "said"][:1]
    rows = cue_values(doc, tokens, said, sentence_starts(doc))
    head_sentence = doc[said[0]].sent.start
    assert [r["same_sentence"] for r in rows] == [
        "1" if doc[i].sent.start == head_sentence else "0" for i in tokens
    ]


def _find_peak(extractor: Extractor, chars: int) -> tuple[int, int]:
    """(peak bytes traced while the tagger reads one paragraph of ``chars``, its cues)."""
    text = fictional_news.text(chars, " ")
    doc = extractor.nlp(text)  # one Doc, as if no chunking came before the tagger
    quotes = find_quotes(text)
    tagger = extractor.tagger
    assert isinstance(tagger, AttributionTagger)
    tracemalloc.start()
    try:
        found = tagger.find(doc, quotes)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, len(found)


def test_tagger_memory_grows_linearly_with_paragraph_length(extractor: Extractor) -> None:
    """4x the characters on one line: about 4x the memory (measured 4.1x, 27 -> 110 MB);
    reading every cue over the whole paragraph made it 16x (99 MB -> 1.6 GB)."""
    small, small_found = _find_peak(extractor, 3000)
    large, large_found = _find_peak(extractor, 12000)
    assert small_found and large_found >= 3 * small_found  # the cues grow 4x too
    assert large / small < 6, f"peak {small:,} -> {large:,} bytes"
