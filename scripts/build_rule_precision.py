"""Learn how often each (cue word, rule) pair is right, from PolNeAR train.

    python scripts/build_rule_precision.py TRAIN.jsonl src/onrecord/data/rules.json

Runs the rules with no filter on every train article and counts, per key and per rule,
the candidates whose content and source both overlap a gold attribution (token Jaccard
>= 0.5, the scorer's `attribution` match). The extractor turns these counts into each
attribution's confidence and drops keys that are right too rarely. Deterministic.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from onrecord.evaluation import OVERLAP, Tokens, jaccard
from onrecord.extract import Extractor
from onrecord.model import RawDocument


def main(train: Path, out: Path) -> None:
    extractor = Extractor()
    extractor.precision = None  # learn from every candidate the rules propose
    gold = [json.loads(line) for line in train.open(encoding="utf-8")]
    by_id = {g["id"]: g for g in gold}
    right: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    items = (RawDocument(g["id"], g["text"]) for g in gold)
    for item, found in extractor.candidates(items):
        text = item.text
        tokens = Tokens(text)
        golds = [
            (tokens.covered(_pieces(a["content"])), tokens.covered(_pieces(a["source"])))
            for a in by_id[item.id]["attributions"]
        ]
        for chunk in found:
            for cand in chunk.candidates:
                content = tokens.covered(
                    tuple((s + chunk.base, e + chunk.base) for s, e in cand.content)
                )
                source = tokens.covered(
                    tuple((s + chunk.base, e + chunk.base) for s, e in cand.source)
                )
                ok = any(
                    jaccard(gc, content) >= OVERLAP and jaccard(gs, source) >= OVERLAP
                    for gc, gs in golds
                )
                for key in (cand.key, cand.rule):
                    fired[key] += 1
                    right[key] += ok
    table = {k: [right[k], fired[k]] for k in sorted(fired)}
    out.write_text(json.dumps(table, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(table)} keys written to {out}")


def _pieces(pairs: list[list[int]]) -> tuple[tuple[int, int], ...]:
    return tuple((s, e) for s, e in pairs)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
