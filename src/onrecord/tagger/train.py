"""Training the attribution tagger with PyTorch (``pip install 'onrecord[train]'``).

Only training needs PyTorch: the trained weights are exported as plain numpy arrays and
``tagger/network.py`` runs them, so ``pip install onrecord`` stays light. Deterministic for
a seed on one machine (one thread per op order, fixed shuffles).
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from onrecord.tagger.distill import SoftTargets
from onrecord.tagger.examples import ParagraphExample
from onrecord.tagger.features import CUE_FIELDS, TOKEN_FIELDS, Vocab
from onrecord.tagger.network import (
    CUE_TRANSITIONS,
    DIMS,
    HIDDEN_CUE,
    HIDDEN_TOKEN,
    ROLE_TRANSITIONS,
    WIDTH,
)

MIN_LEMMA_COUNT = 3
NEGATIVE_KEEP = 0.3  # share of negative cues used in each epoch
#: weight of the teacher's soft targets beside the gold tags' loss (distillation)
DISTILL_WEIGHT = 0.5


def build_vocab(examples: Sequence[ParagraphExample]) -> Vocab:
    values: dict[str, Counter[str]] = {f: Counter() for f in (*TOKEN_FIELDS, *CUE_FIELDS)}
    for ex in examples:
        for row in ex.values:
            for f in TOKEN_FIELDS:
                values[f][row[f]] += 1
        for cue in ex.cues:
            for row in cue.values:
                for f in CUE_FIELDS:
                    values[f][row[f]] += 1
    return Vocab.build(
        {
            f: [v for v, n in counts.items() if f != "lemma" or n >= MIN_LEMMA_COUNT]
            for f, counts in values.items()
        }
    )


def encode_examples(
    examples: Sequence[ParagraphExample],
    vocab: Vocab,
    soft: Sequence[SoftTargets] | None = None,
) -> list[dict[str, Any]]:
    """The examples as id arrays; with ``soft``, each with its teacher's probabilities."""
    out = []
    for n, ex in enumerate(examples):
        ids = np.array(
            [[vocab.id(f, r[f]) for f in TOKEN_FIELDS] for r in ex.values], dtype=np.int64
        )
        cues = [
            (
                np.array(
                    [[vocab.id(f, r[f]) for f in CUE_FIELDS] for r in c.values], dtype=np.int64
                ),
                np.array(c.roles, dtype=np.int64),
                not any(c.roles),
                soft[n].roles[k] if soft is not None else None,
            )
            for k, c in enumerate(ex.cues)
        ]
        item = {"vectors": ex.vectors, "ids": ids, "cue_tags": np.array(ex.cue_tags), "cues": cues}
        if soft is not None:
            item["soft_cue"] = soft[n].cue
        out.append(item)
    return out


def tagger_network(vocab: Vocab, width: int = WIDTH) -> Any:
    """The tagger's network; ``width``: of each token's vector (spaCy's, or with the
    accurate profile's encoder state joined)."""
    import torch
    from torch import nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.token_emb = nn.ModuleList(
                nn.Embedding(vocab.size(f), DIMS[f]) for f in TOKEN_FIELDS
            )
            self.cue_emb = nn.ModuleList(nn.Embedding(vocab.size(f), DIMS[f]) for f in CUE_FIELDS)
            width_in = width + sum(DIMS[f] for f in TOKEN_FIELDS)
            self.lstm_token_f = nn.LSTM(width_in, HIDDEN_TOKEN, batch_first=True)
            self.lstm_token_b = nn.LSTM(width_in, HIDDEN_TOKEN, batch_first=True)
            self.cue_out = nn.Linear(2 * HIDDEN_TOKEN, 3)
            cue_in = 2 * HIDDEN_TOKEN + sum(DIMS[f] for f in CUE_FIELDS)
            self.lstm_cue_f = nn.LSTM(cue_in, HIDDEN_CUE, batch_first=True)
            self.lstm_cue_b = nn.LSTM(cue_in, HIDDEN_CUE, batch_first=True)
            self.role_out = nn.Linear(2 * HIDDEN_CUE, 5)
            # CRF transitions (row: previous tag; the start row apart), learned on top of
            # the BIO rules, which stay hard
            self.cue_trans = nn.Parameter(torch.zeros(3, 3))
            self.cue_start = nn.Parameter(torch.zeros(3))
            self.role_trans = nn.Parameter(torch.zeros(5, 5))
            self.role_start = nn.Parameter(torch.zeros(5))
            self.drop = nn.Dropout(0.3)

        def _run(self, name: str, x: Any, lengths: Any) -> Any:
            """Both directions without packing (as fast as padding allows, and the same
            arithmetic as network.bilstm): the backward pass reads each row reversed."""
            steps = x.shape[1]
            idx = torch.arange(steps).expand(len(lengths), steps)
            rev = torch.where(idx < lengths[:, None], lengths[:, None] - 1 - idx, idx)
            forward, _ = getattr(self, f"{name}_f")(x)
            backward, _ = getattr(self, f"{name}_b")(x.gather(1, _expand(rev, x)))
            backward = backward.gather(1, _expand(rev, backward))
            return torch.cat([forward, backward], dim=-1)

        def forward(self, vectors: Any, ids: Any, lengths: Any, which: Any, cue_ids: Any) -> Any:
            embs = [emb(ids[..., k]) for k, emb in enumerate(self.token_emb)]
            x = self.drop(torch.cat([vectors, *embs], dim=-1))
            h = self.drop(self._run("lstm_token", x, lengths))
            cue_logits = self.cue_out(h)
            cue_embs = [emb(cue_ids[..., k]) for k, emb in enumerate(self.cue_emb)]
            x2 = torch.cat([h[which], *cue_embs], dim=-1)
            h2 = self.drop(self._run("lstm_cue", x2, lengths[which]))
            return cue_logits, self.role_out(h2)

    def _expand(index: Any, like: Any) -> Any:
        return index[:, :, None].expand(-1, -1, like.shape[-1])

    return Tagger()


def batch_tensors(
    items: list[dict[str, Any]], rng: random.Random, *, soft: bool = False
) -> tuple[Any, ...]:
    """Padded tensors of a batch: vectors, ids, lengths, which paragraph each cue is in, cue
    ids, cue tags, role tags; with ``soft``, then the teacher's cue and role probabilities
    (zeros where padded). Negative cues are kept at the rate NEGATIVE_KEEP, drawn from ``rng``."""
    import torch

    n = max(len(it["ids"]) for it in items)
    vectors = torch.zeros(len(items), n, WIDTH)
    ids = torch.zeros(len(items), n, len(TOKEN_FIELDS), dtype=torch.long)
    cue_tags = torch.full((len(items), n), -100, dtype=torch.long)
    lengths = torch.tensor([len(it["ids"]) for it in items])
    soft_cue = torch.zeros(len(items), n, 3)
    which, cue_ids, roles, soft_roles = [], [], [], []
    for b, it in enumerate(items):
        m = len(it["ids"])
        vectors[b, :m] = torch.from_numpy(it["vectors"])
        ids[b, :m] = torch.from_numpy(it["ids"])
        cue_tags[b, :m] = torch.from_numpy(it["cue_tags"])
        if soft:
            soft_cue[b, :m] = torch.from_numpy(it["soft_cue"])
        for c_ids, c_roles, negative, c_soft in it["cues"]:
            if negative and rng.random() > NEGATIVE_KEEP:
                continue
            which.append(b)
            row = torch.zeros(n, len(CUE_FIELDS), dtype=torch.long)
            row[:m] = torch.from_numpy(c_ids)
            cue_ids.append(row)
            r = torch.full((n,), -100, dtype=torch.long)
            r[:m] = torch.from_numpy(c_roles)
            roles.append(r)
            p = torch.zeros(n, 5)
            if soft:
                p[:m] = torch.from_numpy(c_soft)
            soft_roles.append(p)
    if not which:  # keep shapes valid: one all-padding cue
        which, cue_ids, roles, soft_roles = (
            [0],
            [torch.zeros(n, len(CUE_FIELDS), dtype=torch.long)],
            [torch.full((n,), -100, dtype=torch.long)],
            [torch.zeros(n, 5)],
        )
    tensors = (
        vectors,
        ids,
        lengths,
        torch.tensor(which),
        torch.stack(cue_ids),
        cue_tags,
        torch.stack(roles),
    )
    return (*tensors, soft_cue, torch.stack(soft_roles)) if soft else tensors


def soft_loss(logits: Any, targets: Any, tags: Any) -> Any:
    """Cross-entropy of ``logits`` against the teacher's probabilities ``targets``, on the
    tokens that have a tag (``tags`` != -100), per token."""
    import torch

    mask = tags != -100
    if not mask.any():
        return logits.sum() * 0.0
    logp = torch.log_softmax(logits[mask], dim=-1)
    return -(targets[mask] * logp).sum(-1).mean()


def train(
    train_examples: Sequence[ParagraphExample],
    dev_examples: Sequence[ParagraphExample],
    out_dir: Path,
    *,
    epochs: int = 12,
    seed: int = 13,
    batch_size: int = 24,
    log: Callable[[str], None] = print,
    soft: Sequence[SoftTargets] | None = None,
    distill: float = DISTILL_WEIGHT,
) -> dict[str, float]:
    """Train, keep the epoch with the lowest dev loss, write ``tagger.npz`` + ``tagger.json``.

    ``soft``: a teacher's probabilities for each training example (``tagger/distill.py``),
    learned from beside the gold tags with weight ``distill``."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    rng = random.Random(seed)
    vocab = build_vocab(train_examples)
    train_items = encode_examples(train_examples, vocab, soft)
    dev_items = encode_examples(dev_examples, vocab)
    net = tagger_network(vocab)
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    best: float | None = None
    order = sorted(range(len(train_items)), key=lambda i: len(train_items[i]["ids"]))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    for epoch in range(1, epochs + 1):
        started = time.time()
        net.train()
        rng.shuffle(batches)
        total = 0.0
        for idx in batches:
            v, ids, lengths, which, cue_ids, cue_tags, roles, *taught = batch_tensors(
                [train_items[i] for i in idx], rng, soft=soft is not None
            )
            cue_logits, role_logits = net(v, ids, lengths, which, cue_ids)
            loss = tagger_loss(net, loss_fn, cue_logits, cue_tags, role_logits, roles)
            if taught:  # what the teacher makes of the same tokens and cues
                soft_cue, soft_roles = taught
                loss = loss + distill * (
                    soft_loss(cue_logits, soft_cue, cue_tags)
                    + soft_loss(role_logits, soft_roles, roles)
                )
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
        dev_loss = _dev_loss(net, dev_items, loss_fn, batch_size)
        log(
            f"epoch {epoch}: train loss {total / len(batches):.4f}, dev loss {dev_loss:.4f} "
            f"({time.time() - started:.0f} s)"
        )
        if best is None or dev_loss < best:
            best = dev_loss
            export(net.state_dict(), vocab, out_dir)  # the best epoch so far, on disk
        else:  # past the best: smaller steps
            for group in opt.param_groups:
                group["lr"] /= 2
    return {"dev_loss": best or 0.0}


def _crf_nll(logits: Any, tags: Any, trans: Any, start: Any, allowed: np.ndarray) -> Any:
    """Summed negative log-likelihood of the gold tag paths under a linear-chain CRF;
    rows whose tags are all -100 (padding) count nothing."""
    import torch

    mask = tags != -100
    rows = mask[:, 0]
    if not rows.any():
        return logits.sum() * 0.0
    logits, tags, mask = logits[rows], tags[rows].clamp(min=0), mask[rows]
    hard = torch.from_numpy(np.where(allowed, 0.0, -1e4).astype(np.float32))
    trans = trans + hard[:-1]
    start = start + hard[-1]
    alpha = start + logits[:, 0]
    gold = start[tags[:, 0]] + logits[:, 0].gather(1, tags[:, :1]).squeeze(1)
    for t in range(1, logits.shape[1]):
        step = torch.logsumexp(alpha[:, :, None] + trans[None], dim=1) + logits[:, t]
        alpha = torch.where(mask[:, t, None], step, alpha)
        gained = trans[tags[:, t - 1], tags[:, t]] + logits[:, t].gather(
            1, tags[:, t : t + 1]
        ).squeeze(1)
        gold = gold + torch.where(mask[:, t], gained, torch.zeros_like(gained))
    return (torch.logsumexp(alpha, dim=1) - gold).sum()


def tagger_loss(
    net: Any, loss_fn: Any, cue_logits: Any, cue_tags: Any, role_logits: Any, roles: Any
) -> Any:
    """Per-token cross-entropy (keeps the tag probabilities calibrated for confidence) plus
    the CRF's path likelihood per token (for whole, well-bounded spans)."""
    tokens = max(int((cue_tags != -100).sum()), 1)
    loss = loss_fn(cue_logits.reshape(-1, 3), cue_tags.reshape(-1))
    loss = (
        loss
        + _crf_nll(cue_logits, cue_tags, net.cue_trans, net.cue_start, CUE_TRANSITIONS) / tokens
    )
    if (roles != -100).any():  # a batch without cues has no role loss (not NaN)
        loss = loss + loss_fn(role_logits.reshape(-1, 5), roles.reshape(-1))
        role_tokens = max(int((roles != -100).sum()), 1)
        nll = _crf_nll(role_logits, roles, net.role_trans, net.role_start, ROLE_TRANSITIONS)
        loss = loss + nll / role_tokens
    return loss


def _dev_loss(net: Any, items: list[dict[str, Any]], loss_fn: Any, batch_size: int) -> float:
    return mean_loss(
        lambda _, v, ids, lengths, which, cue_ids: net(v, ids, lengths, which, cue_ids),
        net, items, loss_fn, batch_size,
    )  # fmt: skip


def mean_loss(
    forward: Callable[..., Any],
    net: Any,
    items: list[dict[str, Any]],
    loss_fn: Any,
    batch_size: int,
) -> float:
    """Mean loss over ``items``, ``forward(items, vectors, ids, lengths, which, cue_ids)``
    giving the cue and role logits of a batch."""
    import torch

    net.eval()
    rng = random.Random(0)
    total, n = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(items), batch_size):
            batch = items[i : i + batch_size]
            v, ids, lengths, which, cue_ids, cue_tags, roles = batch_tensors(batch, rng)
            cue_logits, role_logits = forward(batch, v, ids, lengths, which, cue_ids)
            total += float(tagger_loss(net, loss_fn, cue_logits, cue_tags, role_logits, roles))
            n += 1
    return total / max(n, 1)


def export(state: dict[str, Any], vocab: Vocab, out_dir: Path) -> None:
    """Weights as float32 numpy arrays (``tagger.npz``), vocabularies as JSON."""
    out_dir.mkdir(parents=True, exist_ok=True)
    arrays = {k: v.detach().numpy().astype(np.float32) for k, v in state.items()}
    np.savez_compressed(out_dir / "tagger.npz", **arrays)
    (out_dir / "tagger.json").write_text(json.dumps({"tables": vocab.tables}, sort_keys=True))
