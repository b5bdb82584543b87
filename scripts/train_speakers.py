"""Train the "he"/"she" antecedent ranker (``pipeline/antecedents.py``) on PolNeAR train.

    python scripts/train_speakers.py [--data ../shared/data/polnear/train-speakers.jsonl]
                                     [--out src/onrecord/data/antecedents.json]

Runs the extractor over the 200 train articles with speaker gold, records every "he"/"she"
decision (the candidates and their features), and labels each candidate with the official
scorer's ``same_speaker`` between the gold speaker of the attribution whose source is that
pronoun and the candidate's final name. A decision without any right candidate teaches
nothing and is left out. The model is a softmax over each decision's candidates (mention
ranking), fitted by gradient descent with a small L2 penalty. Never run it on dev or AEB:
those measure it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np

from onrecord.config import Settings
from onrecord.extract import Extractor
from onrecord.model import RawDocument
from onrecord.pipeline import antecedents, speaker_confidence
from onrecord.pipeline.speakers import trace_pronouns

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def load_scorer() -> ModuleType:
    """The official scorer, imported from ../shared/eval beside the repo."""
    if not (SHARED / "eval" / "score.py").is_file():
        sys.exit(f"error: {SHARED / 'eval' / 'score.py'} not found")
    sys.path.insert(0, str(SHARED / "eval"))
    return importlib.import_module("score")


def decisions(data: Path, scorer: ModuleType) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per pronoun decision with gold: the candidates' feature matrix and 0/1 labels."""
    extractor = Extractor(Settings(convention="polnear"))  # PolNeAR's own convention
    out: list[tuple[np.ndarray, np.ndarray]] = []
    with data.open(encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines if line.strip()]
    for n, article in enumerate(articles, 1):
        gold = {
            a["source"][0][0]: a["speaker"]
            for a in article["attributions"]
            if a.get("source") and a.get("speaker")
        }
        with trace_pronouns() as trace:
            list(extractor.pipe([RawDocument(id=article["id"], text=article["text"])]))
        for d in trace:
            if "gender" not in d:
                continue  # a route record, for the confidence table
            want = gold.get(d["pos"])
            if want is None:
                continue
            cands = antecedents.compatible(d["cands"], d["gender"])
            names = [d["clusters"][c.cluster].name for c in cands]
            labels = np.array([scorer.same_speaker(want, name) for name in names], dtype=float)
            if labels.any():
                x = np.array([antecedents.features(c, d["gender"]) for c in cands])
                out.append((x, labels))
        if n % 20 == 0:
            print(f"{n} articles, {len(out)} decisions", file=sys.stderr)
    return out


def calibration(data: Path, scorer: ModuleType) -> dict[str, dict[str, int]]:
    """Per ``speaker_confidence`` row, how many speakers the scorer judged and found right,
    counted as ``benchmarks/speakers.py`` counts: gold and predicted attributions paired by
    ``match_contents``, judged where gold carries a speaker."""
    extractor = Extractor(Settings(convention="polnear"))  # PolNeAR's own convention
    rows: dict[str, dict[str, int]] = {}
    with data.open(encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines if line.strip()]
    for article in articles:
        with trace_pronouns() as trace:
            (doc,) = extractor.pipe([RawDocument(id=article["id"], text=article["text"])])
        routes = {
            d["pos"]: speaker_confidence.key(d["route"], d["share"]) for d in trace if "route" in d
        }
        names = {e.id: e.name for e in doc.entities}
        tokens = scorer.Tokens(article["text"])
        gold = article["attributions"]
        pred = doc.attributions
        matched = scorer.match_contents(
            [tokens.covered([tuple(p) for p in a["content"]]) for a in gold],
            [tokens.covered([o.to_list() for o in a.content]) for a in pred],
            [tokens.covered([tuple(p) for p in a.get("source") or ()]) for a in gold],
            [tokens.covered([o.to_list() for o in a.source]) for a in pred],
        )
        for p, g in matched.items():
            if "speaker" not in gold[g]:
                continue
            a = pred[p]
            row = routes.get(a.source[0].start, "no source") if a.source else "no source"
            right = scorer.same_speaker(gold[g]["speaker"], names.get(a.speaker or ""))
            tally = rows.setdefault(row, {"right": 0, "judged": 0})
            tally["right"] += int(right)
            tally["judged"] += 1
    return rows


def fit(
    data: list[tuple[np.ndarray, np.ndarray]], l2: float = 0.001, steps: int = 3000
) -> np.ndarray:
    """Weights maximising the log of the right candidates' softmax share."""
    w = np.zeros(len(antecedents.FEATURES))
    rate = 0.5
    for _ in range(steps):
        grad = l2 * w
        for x, y in data:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            right = y / y.sum()
            grad -= (right - p) @ x / len(data)
        w -= rate * grad
    return w


def accuracy(data: list[tuple[np.ndarray, np.ndarray]], w: np.ndarray) -> float:
    return sum(bool(y[int(np.argmax(x @ w))]) for x, y in data) / max(1, len(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data/polnear/train-speakers.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "src/onrecord/data/antecedents.json")
    parser.add_argument(
        "--confidence-out", type=Path, default=ROOT / "src/onrecord/data/speaker_confidence.json"
    )
    args = parser.parse_args()
    scorer = load_scorer()
    data = decisions(args.data, scorer)
    w = fit(data)
    print(f"{len(data)} decisions; training accuracy {accuracy(data, w):.3f}", file=sys.stderr)
    table = {name: round(float(v), 4) for name, v in zip(antecedents.FEATURES, w, strict=True)}
    args.out.write_text(
        json.dumps(
            {"trained_on": args.data.name, "decisions": len(data), "weights": table}, indent=1
        )
        + "\n",
        encoding="utf-8",
    )
    for name, v in table.items():
        print(f"  {name:<22}{v:>8.3f}")
    antecedents.weights.cache_clear()  # the confidence table is counted with the new weights
    rows = calibration(args.data, scorer)
    args.confidence_out.write_text(
        json.dumps({"trained_on": args.data.name, "rows": dict(sorted(rows.items()))}, indent=1)
        + "\n",
        encoding="utf-8",
    )
    for row, t in sorted(rows.items()):
        print(f"  {row:<22}{t['right']:>6} of {t['judged']:>5}")


if __name__ == "__main__":
    main()
