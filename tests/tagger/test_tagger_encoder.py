"""Each spaCy token's first WordPiece piece, and windows for long paragraphs (encoder.py)."""

from __future__ import annotations

from onrecord.tagger.encoder import CLS, MAX_PIECES, SEP, padded, paragraph_pieces


def test_tagger_encoder_each_token_takes_its_first_piece() -> None:
    # "We don't go" as spaCy cuts it (We, do, n't, go) against the tokenizer's pieces
    # (we, don, ', t, go): "don" straddles "do" and "n't"
    ids = [10, 11, 12, 13, 14]
    offsets = [(0, 2), (3, 6), (6, 7), (7, 8), (9, 11)]
    spans = [(0, 2), (3, 5), (5, 8), (9, 11)]
    found = paragraph_pieces(ids, offsets, spans)
    assert found.windows == [[CLS, 10, 11, 12, 13, 14, SEP]]
    # positions count [CLS]: We -> we, do -> don, n't -> don (the first piece overlapping
    # it), go -> go
    assert found.at.tolist() == [[0, 1], [0, 2], [0, 2], [0, 5]]


def test_tagger_encoder_a_token_without_pieces_takes_the_one_before() -> None:
    ids = [10, 11]
    offsets = [(0, 3), (6, 9)]  # the tokenizer kept nothing of the token at 4-5
    found = paragraph_pieces(ids, offsets, [(0, 3), (4, 5), (6, 9)])
    assert found.at.tolist() == [[0, 1], [0, 1], [0, 2]]


def test_tagger_encoder_long_paragraphs_are_read_in_windows() -> None:
    n = MAX_PIECES * 2 + 3
    ids = list(range(1000, 1000 + n))
    offsets = [(2 * k, 2 * k + 1) for k in range(n)]
    spans = [(2 * k, 2 * k + 1) for k in range(n)]
    found = paragraph_pieces(ids, offsets, spans)
    assert [len(w) for w in found.windows] == [MAX_PIECES + 2, MAX_PIECES + 2, 3 + 2]
    assert all(w[0] == CLS and w[-1] == SEP for w in found.windows)
    for token in (0, MAX_PIECES - 1, MAX_PIECES, n - 1):
        window, position = found.at[token]
        assert found.windows[window][position] == ids[token]
    ids_, mask = padded(found.windows)
    assert ids_.shape == (3, MAX_PIECES + 2) and mask.sum() == n + 6
