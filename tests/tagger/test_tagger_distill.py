"""The accurate tagger's probabilities as soft targets for the default one (distill.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from accurate_folder import write_accurate_folder
from onrecord.config import Settings
from onrecord.extract import load_pipeline
from onrecord.pipeline.cues import load_lexicon
from onrecord.tagger import load_tagger
from onrecord.tagger.distill import soft_targets
from onrecord.tagger.examples import corpus_examples
from onrecord.tagger.features import TOKEN_FIELDS
from onrecord.tagger.network import token_layer

pytest.importorskip("onnxruntime", reason="the teacher needs onrecord[accurate]")
pytest.importorskip("tokenizers", reason="the teacher needs onrecord[accurate]")
CASES = Path(__file__).parent.parent / "data" / "cases"


def test_tagger_distill_soft_targets_are_the_teachers_probabilities(tmp_path: Path) -> None:
    # the test teacher is the shipped tagger beside an encoder its weights ignore: its soft
    # targets must be the shipped tagger's own probabilities, token by token
    teacher = write_accurate_folder(tmp_path / "teacher")
    records = [json.loads(p.read_text("utf-8")) for p in sorted(CASES.glob("*.json"))[:2]]
    examples = list(corpus_examples(load_pipeline(Settings()), records, load_lexicon()))
    soft = soft_targets(str(teacher), examples)
    assert len(soft) == len(examples)
    shipped = load_tagger()
    assert shipped is not None
    for example, target in zip(examples, soft, strict=True):
        n = len(example.values)
        assert target.cue.shape == (n, 3) and len(target.roles) == len(example.cues)
        assert np.allclose(target.cue.sum(-1), 1.0, atol=1e-5)
        ids = np.array(
            [[[shipped.vocab.id(f, v[f]) for f in TOKEN_FIELDS] for v in example.values]]
        )
        _, logp = token_layer(shipped.weights, example.vectors[None], ids, np.array([n]))
        assert np.allclose(target.cue, np.exp(logp[0]), atol=1e-4)
    assert any(
        r.shape[1] == 5 and np.allclose(r.sum(-1), 1.0, atol=1e-5) for s in soft for r in s.roles
    )


def test_tagger_distill_soft_loss_is_cross_entropy_on_tagged_tokens() -> None:
    torch = pytest.importorskip("torch")
    from onrecord.tagger.train import soft_loss

    logits = torch.tensor([[[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]]])
    targets = torch.tensor([[[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]]])
    tags = torch.tensor([[0, -100]])  # the second token is padding
    expected = -(0.5 * torch.log_softmax(logits[0, 0], -1)[:2]).sum()
    assert torch.isclose(soft_loss(logits, targets, tags), expected)
