"""The pretrained encoder of the accurate profile: a MiniLM state for each spaCy token.

The encoder (all-MiniLM-L6-v2, fine-tuned by ``tagger/train_accurate.py``) reads each
paragraph's own text, as in its pretraining, cut into WordPiece pieces by the fast
tokenizer, whose offsets point into that text; each spaCy token takes the state of its
first piece. A paragraph longer than ``MAX_PIECES`` is read in windows of that many pieces.
Inference runs the int8 ONNX export with onnxruntime (``pip install 'onrecord[accurate]'``):
no PyTorch and nothing downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

#: pieces a window holds, [CLS] and [SEP] aside (the model has 512 positions)
MAX_PIECES = 254
CLS, SEP, PAD = 101, 102, 0  # the uncased BERT vocabulary's ids

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Pieces:
    """A paragraph as encoder input: its windows of piece ids ([CLS] … [SEP] each), and
    where each spaCy token's first piece sits: ``at[t] = (window, position)``."""

    windows: list[list[int]]
    at: np.ndarray  # int64 [tokens, 2]


def paragraph_pieces(ids: Sequence[int], offsets: Sequence[Span], spans: Sequence[Span]) -> Pieces:
    """Windows and token positions for one paragraph, from its tokenizer output (``ids``,
    character ``offsets`` without special tokens) and its spaCy token ``spans``.

    A token's first piece is the first that overlaps it, so a piece that straddles two
    tokens (``don`` of ``don't`` against spaCy's ``do`` ``n't``) serves both; a token with
    no piece at all takes the nearest piece before it.
    """
    first = np.zeros(len(spans), dtype=np.int64)
    piece = 0
    for t, (start, end) in enumerate(spans):
        while piece < len(offsets) and offsets[piece][1] <= start:
            piece += 1  # pieces wholly before this token
        if piece < len(offsets) and offsets[piece][0] < end:
            first[t] = piece
        else:  # no piece starts in it (nothing the tokenizer kept): the one before
            first[t] = max(piece - 1, 0)
    windows = [[CLS, *ids[s : s + MAX_PIECES], SEP] for s in range(0, max(len(ids), 1), MAX_PIECES)]
    at = (
        np.stack([first // MAX_PIECES, first % MAX_PIECES + 1], axis=1)
        if len(spans)
        else (np.zeros((0, 2), dtype=np.int64))
    )
    return Pieces(windows, at.astype(np.int64))


def load_tokenizer(path: Path) -> Any:
    """The fast WordPiece tokenizer at ``path`` (tokenizer.json), padding and truncation off:
    the file MiniLM ships with pads every input to 128 pieces and cuts longer ones."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def pieces_of(tokenizer: Any, text: str, spans: Sequence[Span]) -> Pieces:
    """``paragraph_pieces`` of ``text`` as ``tokenizer`` cuts it."""
    encoding = tokenizer.encode(text, add_special_tokens=False)
    return paragraph_pieces(encoding.ids, encoding.offsets, spans)


def padded(windows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """``windows`` as one [n, longest] batch of ids and its attention mask."""
    longest = max(len(w) for w in windows)
    ids = np.full((len(windows), longest), PAD, dtype=np.int64)
    mask = np.zeros((len(windows), longest), dtype=np.int64)
    for row, window in enumerate(windows):
        ids[row, : len(window)] = window
        mask[row, : len(window)] = 1
    return ids, mask


class Encoder:
    """The int8 ONNX encoder and its tokenizer, from a folder (``encoder.onnx``,
    ``tokenizer.json``); one thread, as the tagger's numpy (``-j`` gives parallelism)."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(folder / "encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = load_tokenizer(folder / "tokenizer.json")

    def states(self, paragraphs: Sequence[tuple[str, Sequence[Span]]]) -> list[np.ndarray]:
        """For each (text, token spans): the state of each token, float32 [tokens, width].

        One window a run: dynamic int8 quantisation scales each run's activations by their
        range, padding included, so in a batch a paragraph's states moved with its
        neighbours (token cosine down to 0.973); alone they depend on it only, and it is
        faster too, with no padding (624 paragraphs: 2.8 s of CPU alone, 4.7 s in 16s)."""
        found = []
        for text, spans in paragraphs:
            pieces = pieces_of(self.tokenizer, text, spans)
            hidden = []
            for window in pieces.windows:
                ids = np.array([window], dtype=np.int64)
                (out,) = self.session.run(
                    None, {"input_ids": ids, "attention_mask": np.ones_like(ids)}
                )
                hidden.append(out[0])
            found.append(
                np.stack([hidden[w][pos] for w, pos in pieces.at])
                if len(pieces.at)
                else np.zeros((0, self.width), dtype=np.float32)
            )
        return found

    @property
    def width(self) -> int:
        return int(self.session.get_outputs()[0].shape[-1])


__all__ = ["MAX_PIECES", "Encoder", "Pieces", "load_tokenizer", "paragraph_pieces", "pieces_of"]
