"""The numpy network: padding-safe, BIO-safe, and equal to PyTorch's arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

from onrecord.tagger.network import CUE_TRANSITIONS, ROLE_TRANSITIONS, bilstm, viterbi


def _weights(rng: np.random.Generator, width: int, hidden: int) -> dict[str, np.ndarray]:
    w = {}
    for d in ("f", "b"):
        w[f"l_{d}.weight_ih_l0"] = rng.normal(0, 0.3, (4 * hidden, width)).astype(np.float32)
        w[f"l_{d}.weight_hh_l0"] = rng.normal(0, 0.3, (4 * hidden, hidden)).astype(np.float32)
        w[f"l_{d}.bias_ih_l0"] = rng.normal(0, 0.1, 4 * hidden).astype(np.float32)
        w[f"l_{d}.bias_hh_l0"] = rng.normal(0, 0.1, 4 * hidden).astype(np.float32)
    return w


def test_bilstm_padding_does_not_change_a_shorter_row() -> None:
    rng = np.random.default_rng(0)
    w = _weights(rng, 5, 4)
    x = rng.normal(size=(2, 7, 5)).astype(np.float32)
    both = bilstm(w, "l", x, np.array([7, 4]))
    alone = bilstm(w, "l", x[1:, :4], np.array([4]))
    np.testing.assert_allclose(both[1, :4], alone[0], atol=1e-6)


def test_bilstm_equals_torch() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    w = _weights(rng, 6, 3)
    x = rng.normal(size=(1, 5, 6)).astype(np.float32)
    ours = bilstm(w, "l", x, np.array([5]))
    theirs = []
    for d in ("f", "b"):
        lstm = torch.nn.LSTM(6, 3, batch_first=True)
        lstm.load_state_dict({k[4:]: torch.from_numpy(v) for k, v in w.items() if k[2] == d})
        inp = torch.from_numpy(x if d == "f" else x[:, ::-1].copy())
        out = lstm(inp)[0].detach().numpy()
        theirs.append(out if d == "f" else out[:, ::-1])
    np.testing.assert_allclose(ours, np.concatenate(theirs, axis=-1), atol=1e-5)


def test_viterbi_never_starts_inside_a_span() -> None:
    # I is the likeliest tag everywhere, but a span must begin with B
    logp = np.log(np.array([[0.1, 0.2, 0.7], [0.1, 0.2, 0.7], [0.8, 0.1, 0.1]]))
    assert viterbi(logp, CUE_TRANSITIONS) == [1, 2, 0]


def test_viterbi_does_not_continue_a_source_as_content() -> None:
    # O, B-SRC, I-SRC, B-CON, I-CON: I-CON straight after B-SRC is not allowed
    logp = np.log(np.full((2, 5), 0.01))
    logp[0, 1] = np.log(0.9)
    logp[1, 4] = np.log(0.6)
    logp[1, 3] = np.log(0.3)
    assert viterbi(logp, ROLE_TRANSITIONS) == [1, 3]
