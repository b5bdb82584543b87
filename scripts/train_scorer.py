"""Train the candidate scorer on PolNeAR train: which rule finds are right attributions.

    python scripts/train_scorer.py TRAIN.jsonl src/onrecord/data/scorer.json [--dev DEV.jsonl]

Runs the rules with no filter on every article; a candidate is labelled right when its
content and source both overlap a gold attribution (token Jaccard >= 0.5: the scorer's
`attribution` match). Then fits an L2-regularised logistic regression on the candidates'
sparse features (pipeline/scoring.py) with full-batch gradient descent. Deterministic:
no sampling, fixed iteration count. Takes about 4 minutes on 2 cores, mostly parsing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from onrecord.config import Settings
from onrecord.evaluation import OVERLAP, Tokens, jaccard
from onrecord.extract import Extractor
from onrecord.model import RawDocument
from onrecord.pipeline.scoring import candidate_features

L2 = 3.0  # weight decay; keeps rare cue words near their rule's average
STEPS = 300
RATE = 0.2
MIN_COUNT = 2  # features seen fewer times are dropped


def collect(path: Path) -> tuple[list[list[str]], list[int]]:
    """Features and right/wrong labels of every rule candidate in a gold file."""
    extractor = Extractor(Settings(finder="rules"))
    extractor.scorer = None  # every candidate the rules propose
    gold = {g["id"]: g for g in map(json.loads, path.open(encoding="utf-8"))}
    feats: list[list[str]] = []
    labels: list[int] = []
    items = (RawDocument(g["id"], g["text"]) for g in gold.values())
    for item, found in extractor.candidates(items):
        tokens = Tokens(item.text)
        golds = [
            (tokens.covered(_pieces(a["content"], 0)), tokens.covered(_pieces(a["source"], 0)))
            for a in gold[item.id]["attributions"]
        ]
        for chunk in found:
            for cand in chunk.candidates:
                content = tokens.covered(_pieces(cand.content, chunk.base))
                source = tokens.covered(_pieces(cand.source, chunk.base))
                right = any(
                    jaccard(gc, content) >= OVERLAP and jaccard(gs, source) >= OVERLAP
                    for gc, gs in golds
                )
                feats.append(candidate_features(chunk.doc, cand, chunk.candidates))
                labels.append(int(right))
    return feats, labels


def fit(feats: list[list[str]], labels: list[int]) -> tuple[dict[str, float], float]:
    """Logistic regression by full-batch AdaGrad on sparse binary features."""
    counts: dict[str, int] = {}
    for row in feats:
        for f in row:
            counts[f] = counts.get(f, 0) + 1
    index = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    rows = [[index[f] for f in row if f in index] for row in feats]
    row_ids = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    col_ids = np.fromiter((c for r in rows for c in r), dtype=np.int64)
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(len(index))
    b = 0.0
    g2 = np.full(len(index), 1e-8)
    b2 = 1e-8
    n = len(y)
    for _ in range(STEPS):
        z = np.bincount(row_ids, weights=w[col_ids], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-z))
        err = p - y
        grad = np.bincount(col_ids, weights=err[row_ids], minlength=len(w)) + L2 * w
        g2 += grad * grad
        w -= RATE * grad / np.sqrt(g2)
        gb = float(err.sum())
        b2 += gb * gb
        b -= RATE * gb / np.sqrt(b2)
    names = sorted(index, key=index.__getitem__)
    return {f: round(float(w[index[f]]), 4) for f in names if abs(w[index[f]]) > 1e-4}, round(b, 4)


def _pieces(
    pairs: list[tuple[int, int]] | list[list[int]], base: int
) -> tuple[tuple[int, int], ...]:
    return tuple((s + base, e + base) for s, e in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--reuse", action="store_true", help="cache candidates beside OUT")
    args = parser.parse_args()
    cache = args.out.with_suffix(".candidates.json")  # reuse the slow parse while tuning
    if args.reuse and cache.exists():
        feats, labels = json.loads(cache.read_text())
    else:
        feats, labels = collect(args.train)
        if args.reuse:
            cache.write_text(json.dumps([feats, labels]))
    weights, bias = fit(feats, labels)
    args.out.write_text(
        json.dumps({"bias": bias, "weights": weights}, indent=0, sort_keys=True) + "\n"
    )
    print(f"{len(labels)} candidates ({sum(labels)} right), {len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
