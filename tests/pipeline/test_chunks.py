"""Where an article is cut for parsing: whole paragraphs, a long one at sentence ends."""

from __future__ import annotations

import re

import pytest
import spacy

import fictional_news
from onrecord.pipeline.chunks import (
    CHUNK_CHARS,
    chunk_starts,
    chunk_texts,
    local_quotes,
    parse_chunks,
)
from onrecord.pipeline.quotes import find_quotes, quoted_mask


def _chunks(text: str) -> tuple[list[int], list[str]]:
    starts = chunk_starts(text, find_quotes(text))
    return starts, list(chunk_texts(text, starts))


def test_chunks_of_paragraphs_begin_at_paragraph_starts() -> None:
    text = fictional_news.text(30_000, "\n")
    starts, pieces = _chunks(text)
    assert len(starts) > 5 and "".join(pieces) == text
    assert all(text[s - 1] == "\n" for s in starts[1:])


def test_chunks_of_one_line_end_at_sentence_ends_outside_quotes() -> None:
    text = fictional_news.text(200_000, " ")
    starts, pieces = _chunks(text)
    mask = quoted_mask(text, find_quotes(text))
    assert "".join(pieces) == text
    assert max(len(p) for p in pieces) <= 2 * CHUNK_CHARS
    assert len(pieces) >= len(text) // CHUNK_CHARS  # none longer than CHUNK_CHARS but the last
    for start in starts[1:]:
        assert re.search(r"[.!?][”’\"']?\s$", text[start - 3 : start]), text[start - 40 : start]
        assert not mask[start - 1]  # not inside a quotation
        assert text[start].isupper() or text[start] in "“‘"


def test_chunks_never_split_a_title_from_its_name() -> None:
    sentence = "The board met Mr. Okafor and Dr. Lindqvist on the quay. "
    starts, _ = _chunks(sentence * 600)
    text = sentence * 600
    assert len(starts) > 3
    assert all(text[s - 4 : s] not in {"Mr. ", "Dr. "} for s in starts[1:])


@pytest.mark.parametrize(
    ("text", "cut_after"),
    [
        ("“" + "We sail at dawn. " * 2000 + "”", "dawn. "),  # one long quote: cut inside it
        ("word " * 10_000, "word "),  # no sentence end: cut at a space
        ("x" * 30_000, "x"),  # no space at all: cut anyway
    ],
    ids=["all-quoted", "no-sentence-end", "no-space"],
)
def test_chunks_of_a_line_without_good_breaks_stay_short(text: str, cut_after: str) -> None:
    starts, pieces = _chunks(text)
    assert "".join(pieces) == text and len(pieces) > 3
    assert max(len(p) for p in pieces) <= 2 * CHUNK_CHARS
    assert all(text[:s].endswith(cut_after) for s in starts[1:])


def test_local_quotes_are_the_quotes_opening_in_the_chunk() -> None:
    text = fictional_news.text(20_000, " ")
    quotes = find_quotes(text)
    starts = [q.start for q in quotes]
    for start, end in [(0, 5000), (5000, 12000), (12000, len(text))]:
        expected = [q for q in quotes if start <= q.start < end]
        local = local_quotes(quotes, start, end, starts)
        assert [(q.start + start, q.is_closed) for q in local] == [
            (q.start, q.is_closed) for q in expected
        ]
        assert all(q.end <= end - start for q in local)


def test_parse_chunks_parses_each_text_chunk_by_chunk_in_one_pipe() -> None:
    nlp = spacy.blank("en")
    long_one = "\n\n".join(
        f"Paragraph {k}: “The ferry runs late again,” the harbour master said." * 30
        for k in range(6)
    )
    texts = [long_one, "The council met. “We vote Friday,” the mayor said.", long_one]
    parsed = parse_chunks(nlp, texts, batch_size=4)
    first = next(parsed)
    assert first.starts == chunk_starts(long_one, first.quotes) and len(first.starts) > 1
    assert first.quotes == find_quotes(long_one)
    doc, base = next(first.chunks)  # read one chunk only: the rest is skipped for the next
    assert base == 0 and long_one.startswith(doc.text)
    second = next(parsed)
    assert [(d.text, b) for d, b in second.chunks] == [(texts[1], 0)]
    third = next(parsed)
    read = [(d.text, b) for d, b in third.chunks]
    assert [b for _, b in read] == third.starts
    assert "".join(text for text, _ in read) == long_one
