"""A tiny accurate-profile tagger folder for tests: the shipped tagger's weights beside an
encoder whose states it ignores, so it must tag exactly as the shipped tagger does.

``encoder.onnx`` is one Gather from a 128 x ``WIDTH`` embedding table (written here as
protobuf bytes: the ``onnx`` package is a training extra), ``tokenizer.json`` a WordPiece
vocabulary of a few words; the tagger's input weights get zero columns for the encoder's
``WIDTH`` states. It needs onnxruntime and tokenizers (``onrecord[accurate]``).
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import numpy as np

from onrecord.tagger.encoder import CLS, PAD, SEP
from onrecord.tagger.network import WIDTH as SPACY_WIDTH

WIDTH = 4  # the encoder's states per token
ROWS = 128  # embedding rows: [CLS] and [SEP] are 101 and 102
UNK = 100
WORDS = ("the", "said", "ferry", "harbour", "council", "will", "run")


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _bytes(field: int, payload: bytes | str) -> bytes:
    raw = payload.encode() if isinstance(payload, str) else payload
    return _varint(field << 3 | 2) + _varint(len(raw)) + raw


def _value_info(name: str, elem_type: int, dims: list[int | str]) -> bytes:
    """ValueInfoProto: a tensor of ``elem_type`` (1 float, 7 int64); a str dim is symbolic."""
    shape = b"".join(_bytes(1, _bytes(2, d) if isinstance(d, str) else _int(1, d)) for d in dims)
    tensor_type = _int(1, elem_type) + _bytes(2, shape)
    return _bytes(1, name) + _bytes(2, _bytes(1, tensor_type))


def encoder_onnx(table: np.ndarray) -> bytes:
    """A ModelProto: ``last_hidden_state = table[input_ids]``; the mask is taken, unused."""
    rows, width = table.shape
    initializer = (
        _int(1, rows)
        + _int(1, width)
        + _int(2, 1)  # FLOAT
        + _bytes(8, "table")
        + _bytes(9, table.astype("<f4").tobytes())
    )
    node = (
        _bytes(1, "table")
        + _bytes(1, "input_ids")
        + _bytes(2, "last_hidden_state")
        + _bytes(3, "lookup")
        + _bytes(4, "Gather")
    )
    graph = (
        _bytes(1, node)
        + _bytes(2, "tiny_encoder")
        + _bytes(5, initializer)
        + _bytes(11, _value_info("input_ids", 7, ["batch", "pieces"]))
        + _bytes(11, _value_info("attention_mask", 7, ["batch", "pieces"]))
        + _bytes(12, _value_info("last_hidden_state", 1, ["batch", "pieces", width]))
    )
    opset = _int(2, 13)
    return _int(1, 8) + _bytes(7, graph) + _bytes(8, opset)


def _tokenizer(path: Path) -> None:
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    vocab = {f"[unused{i}]": i for i in range(ROWS)}
    vocab = {token: i for token, i in vocab.items() if i not in (PAD, UNK, CLS, SEP)}
    vocab.update({"[PAD]": PAD, "[UNK]": UNK, "[CLS]": CLS, "[SEP]": SEP})
    for i, word in enumerate(WORDS, start=1):
        del vocab[f"[unused{i}]"]
        vocab[word] = i
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.save(str(path))


def write_accurate_folder(folder: Path) -> Path:
    """``folder`` with tagger.npz, tagger.json, encoder.onnx and tokenizer.json."""
    folder.mkdir(parents=True, exist_ok=True)
    shipped = resources.files("onrecord.data")
    with shipped.joinpath("tagger.npz").open("rb") as f, np.load(f) as arrays:
        weights = {k: arrays[k] for k in arrays.files}
    for name in ("lstm_token_f.weight_ih_l0", "lstm_token_b.weight_ih_l0"):
        w = weights[name]  # columns: the spaCy vector, then (new) the encoder's, then ids
        zeros = np.zeros((w.shape[0], WIDTH), dtype=w.dtype)
        weights[name] = np.concatenate([w[:, :SPACY_WIDTH], zeros, w[:, SPACY_WIDTH:]], axis=1)
    np.savez(folder / "tagger.npz", **weights)
    with resources.as_file(shipped.joinpath("tagger.json")) as vocab:
        shutil.copyfile(vocab, folder / "tagger.json")
    table = np.random.default_rng(17).normal(size=(ROWS, WIDTH)).astype(np.float32)
    (folder / "encoder.onnx").write_bytes(encoder_onnx(table))
    _tokenizer(folder / "tokenizer.json")
    return folder
