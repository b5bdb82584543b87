"""Distillation: the accurate tagger's tag probabilities as extra targets for the default one.

The accurate profile's tagger (a fine-tuned MiniLM under the same heads) reads every
training paragraph; its probability of each cue tag per token, and of each role tag per
token given each cue, become soft targets the default tagger learns from beside the gold
tags (``tagger/train.py``, ``onrecord train --distill FOLDER``). Soft targets say more than
gold tags: how sure a boundary is, which words are almost cues.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from onrecord.tagger import load_tagger
from onrecord.tagger.examples import ParagraphExample
from onrecord.tagger.features import CUE_FIELDS, TOKEN_FIELDS
from onrecord.tagger.network import WIDTH, cue_layer, token_layer

#: paragraphs the teacher reads at once
BATCH = 32


@dataclass(frozen=True, slots=True)
class SoftTargets:
    """The teacher's view of one training paragraph: cue tag probabilities [n, 3], and
    for each of the example's cues (in order) its role tag probabilities [n, 5]."""

    cue: np.ndarray
    roles: list[np.ndarray]


def soft_targets(folder: str, examples: Sequence[ParagraphExample]) -> list[SoftTargets]:
    """What the accurate tagger in ``folder`` (``onrecord train --accurate``'s output, or ""
    for the shipped one) makes of each example."""
    teacher = load_tagger(folder, accurate=True)
    assert teacher is not None and teacher.encoder is not None  # load_tagger raises if absent
    found: list[SoftTargets] = []
    for start in range(0, len(examples), BATCH):
        batch = examples[start : start + BATCH]
        states = teacher.encoder.states([(ex.text, ex.spans) for ex in batch])
        steps = max(len(ex.values) for ex in batch)
        width = WIDTH + teacher.encoder.width
        vectors = np.zeros((len(batch), steps, width), dtype=np.float32)
        ids = np.zeros((len(batch), steps, len(TOKEN_FIELDS)), dtype=np.int64)
        for row, (ex, state) in enumerate(zip(batch, states, strict=True)):
            n = len(ex.values)
            vectors[row, :n, :WIDTH] = ex.vectors
            vectors[row, :n, WIDTH:] = state
            ids[row, :n] = [[teacher.vocab.id(f, v[f]) for f in TOKEN_FIELDS] for v in ex.values]
        lengths = np.array([len(ex.values) for ex in batch])
        h, cue_logp = token_layer(teacher.weights, vectors, ids, lengths)
        for row, ex in enumerate(batch):
            n = len(ex.values)
            roles = []
            if ex.cues:
                cue_ids = np.zeros((len(ex.cues), n, len(CUE_FIELDS)), dtype=np.int64)
                for k, cue in enumerate(ex.cues):
                    cue_ids[k] = [
                        [teacher.vocab.id(f, v[f]) for f in CUE_FIELDS] for v in cue.values
                    ]
                cue_h = np.repeat(h[row : row + 1, :n], len(ex.cues), axis=0)
                role_logp = cue_layer(teacher.weights, cue_h, cue_ids, np.full(len(ex.cues), n))
                roles = [np.exp(role_logp[k]).astype(np.float32) for k in range(len(ex.cues))]
            found.append(SoftTargets(np.exp(cue_logp[row, :n]).astype(np.float32), roles))
    return found


__all__ = ["SoftTargets", "soft_targets"]
