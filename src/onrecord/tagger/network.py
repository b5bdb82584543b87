"""The tagger network, run with numpy: no deep-learning framework needed at run time.

Two bidirectional LSTMs. The first reads a paragraph's token features and tags cue words
(O/B/I). The second reads the first one's output again once per cue, with each token's
relation to that cue, and tags the cue's source and content (O, B-SRC, I-SRC, B-CON,
I-CON). Weights are trained by ``tagger/train.py`` (PyTorch) and shipped as
``data/tagger.npz``; this file mirrors ``torch.nn.LSTM`` exactly (gate order i, f, g, o).
"""

from __future__ import annotations

import numpy as np

#: embedding width of each categorical feature
DIMS = {
    "tag": 16,
    "dep": 16,
    "ent": 8,
    "lemma": 32,
    "verb_rate": 8,
    "noun_rate": 8,
    "quote": 8,
    "start": 4,
    "is_cue": 8,
    "distance": 16,
    "branch": 24,
    "same_sentence": 4,
}
WIDTH = 96  # width of spaCy sm's token vectors (doc.tensor)
HIDDEN_TOKEN = 128
HIDDEN_CUE = 64

Arrays = dict[str, np.ndarray]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def _lstm_direction(
    x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, bias: np.ndarray
) -> np.ndarray:
    """One direction over [batch, steps, in] -> [batch, steps, hidden]."""
    batch, steps, _ = x.shape
    hidden = w_hh.shape[1]
    projected = x @ w_ih.T + bias
    h = np.zeros((batch, hidden), dtype=np.float32)
    c = np.zeros((batch, hidden), dtype=np.float32)
    out = np.empty((batch, steps, hidden), dtype=np.float32)
    w_hh_t = w_hh.T
    for t in range(steps):
        gates = projected[:, t] + h @ w_hh_t
        i = _sigmoid(gates[:, :hidden])
        f = _sigmoid(gates[:, hidden : 2 * hidden])
        g = np.tanh(gates[:, 2 * hidden : 3 * hidden])
        o = _sigmoid(gates[:, 3 * hidden :])
        c = f * c + i * g
        h = o * np.tanh(c)
        out[:, t] = h
    return out


def _reverse_index(lengths: np.ndarray, steps: int) -> np.ndarray:
    """Per row, the index order that reverses its first ``length`` steps, padding left alone."""
    idx = np.tile(np.arange(steps), (len(lengths), 1))
    for row, n in enumerate(lengths):
        idx[row, :n] = np.arange(n - 1, -1, -1)
    return idx


def bilstm(weights: Arrays, name: str, x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Two ``torch.nn.LSTM(batch_first=True)``: forward (``_f``) and on rows reversed (``_b``)."""
    forward = _lstm_direction(
        x,
        weights[f"{name}_f.weight_ih_l0"],
        weights[f"{name}_f.weight_hh_l0"],
        weights[f"{name}_f.bias_ih_l0"] + weights[f"{name}_f.bias_hh_l0"],
    )
    rev = _reverse_index(lengths, x.shape[1])
    rows = np.arange(x.shape[0])[:, None]
    backward = _lstm_direction(
        x[rows, rev],
        weights[f"{name}_b.weight_ih_l0"],
        weights[f"{name}_b.weight_hh_l0"],
        weights[f"{name}_b.bias_ih_l0"] + weights[f"{name}_b.bias_hh_l0"],
    )[rows, rev]
    return np.concatenate([forward, backward], axis=-1)


def embed(weights: Arrays, prefix: str, ids: np.ndarray) -> np.ndarray:
    """Concatenated embeddings of the id columns of ``ids`` [..., fields]."""
    return np.concatenate(
        [weights[f"{prefix}.{k}.weight"][ids[..., k]] for k in range(ids.shape[-1])], axis=-1
    )


def log_softmax(x: np.ndarray) -> np.ndarray:
    shifted: np.ndarray = x - x.max(axis=-1, keepdims=True)
    out: np.ndarray = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return out


def token_layer(
    weights: Arrays, vectors: np.ndarray, ids: np.ndarray, lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(hidden states [b, n, 2H], cue tag log-probabilities [b, n, 3]) of padded paragraphs."""
    x = np.concatenate([vectors, embed(weights, "token_emb", ids)], axis=-1)
    h = bilstm(weights, "lstm_token", x, lengths)
    logits = h @ weights["cue_out.weight"].T + weights["cue_out.bias"]
    return h, log_softmax(logits)


def cue_layer(
    weights: Arrays, h: np.ndarray, cue_ids: np.ndarray, lengths: np.ndarray
) -> np.ndarray:
    """Role tag log-probabilities [c, n, 5] given each cue's paragraph states ``h`` [c, n, 2H]."""
    x = np.concatenate([h, embed(weights, "cue_emb", cue_ids)], axis=-1)
    h2 = bilstm(weights, "lstm_cue", x, lengths)
    return log_softmax(h2 @ weights["role_out.weight"].T + weights["role_out.bias"])


def viterbi(
    logp: np.ndarray,
    allowed: np.ndarray,
    trans: np.ndarray | None = None,
    start: np.ndarray | None = None,
) -> list[int]:
    """The best tag sequence of [n, tags] scores under an allowed-transition mask
    (``allowed[prev, next]``, its last row for the start) and the CRF's learned
    ``trans[prev, next]`` and ``start`` scores, when the network has them."""
    n, tags = logp.shape
    penalty = np.where(allowed, 0.0, -1e9)
    step = penalty[:tags] + (trans if trans is not None else 0.0)
    score = logp[0] + penalty[-1] + (start if start is not None else 0.0)
    back = np.zeros((n, tags), dtype=np.int64)
    for t in range(1, n):
        total = score[:, None] + step
        back[t] = total.argmax(axis=0)
        score = total.max(axis=0) + logp[t]
    best = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return best[::-1]


def _bio_mask(types: int) -> np.ndarray:
    """Allowed transitions for O + (B, I) per type; the last row is the start state."""
    tags = 1 + 2 * types
    allowed = np.ones((tags + 1, tags), dtype=bool)
    for k in range(types):
        inside = 2 + 2 * k
        for prev in range(tags + 1):
            begin_or_inside = prev in (inside - 1, inside) and prev < tags
            allowed[prev, inside] = begin_or_inside
    return allowed


CUE_TRANSITIONS = _bio_mask(1)
ROLE_TRANSITIONS = _bio_mask(2)
