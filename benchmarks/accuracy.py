"""Accuracy of onrecord extraction on every gold set we have, by kind and by confidence.

    python benchmarks/accuracy.py [--data DEV.jsonl] [--fast | --accurate] [--save-pred DIR]
        [--finders …]

Sets: PolNeAR dev (``../shared/data/polnear/dev.jsonl``) and the hand-made cases
(``tests/data/cases/*.json``, scored as one set) extracted under PolNeAR's convention
(``--convention polnear``: their gold keeps a source's comma-set aside and an indirect
content's ``that``; the cases' reports inside another's content, which PolNeAR never marks,
are left out of their gold here), and the seed article
(``../shared/examples/seed-article/gold.json``) under the default ``news`` convention its
gold follows (no ``that``, reports nested). Each is scored with
``onrecord.evaluation`` and, where ``../shared/eval/score.py`` exists, again by that
official scorer on the saved predictions: the package's port must give the same numbers,
so the script says whether they agree and exits 1 if they do not.

The reliability table asks whether ``confidence`` means something: per confidence bucket,
how many predictions and what share are ``attribution`` matches (content and source),
matched with the evaluation module's own functions so it counts what the scorer counts.
First comes PolNeAR dev side by side for each finder (``rules`` alone, the trained
``tagger`` alone, and the default ``combined``), by kind; then every set in full with the
default finder. Tables go to stdout, progress and warnings to stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from onrecord.config import FINDERS, Settings
from onrecord.evaluation import (
    OVERLAP,
    Tokens,
    evaluate,
    format_table,
    jaccard,
    match_contents,
    read_gold_texts,
    without_nested,
)
from onrecord.extract import Extractor
from onrecord.model import Document, Offsets

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_DATA = SHARED / "data" / "polnear" / "dev.jsonl"
SEED = SHARED / "examples" / "seed-article" / "gold.json"
CASES = ROOT / "tests" / "data" / "cases"
SCORER = SHARED / "eval" / "score.py"

#: confidence buckets [low, high); the last one includes 1.0
BUCKETS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.0))
TOLERANCE = 1e-9  # two scorers agree when every number is equal up to float rounding


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR dev JSON Lines.")
    profiles = parser.add_mutually_exclusive_group()
    profiles.add_argument("--fast", action="store_true", help="Extract with the fast profile.")
    profiles.add_argument(
        "--accurate", action="store_true", help="Extract with the accurate profile."
    )
    parser.add_argument("--save-pred", type=Path, metavar="DIR", help="Keep predictions here.")
    parser.add_argument(
        "--finders",
        default=",".join(FINDERS),
        help="Finders to compare on dev, comma-separated (the first one is scored in full).",
    )
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(
            f"error: {args.data} not found. Pass --data PATH to PolNeAR dev JSON Lines "
            f"(expected beside the repo at ../shared/data/polnear/dev.jsonl)."
        )
    sets = [("PolNeAR dev", "polnear-dev", _read_records([args.data]), "polnear")]
    if SEED.is_file():
        sets.append(("seed article", "seed", _read_records([SEED]), "news"))
    else:
        print(f"warning: {SEED} not found; skipping the seed article", file=sys.stderr)
    cases = [without_nested(g) for g in _read_records(sorted(CASES.glob("*.json")))]
    sets.append(("hand-made cases", "cases", cases, "polnear"))
    if not SCORER.is_file():
        print(f"warning: {SCORER} not found; no cross-check", file=sys.stderr)

    profile = "fast" if args.fast else "accurate" if args.accurate else "default"
    flag = "" if profile == "default" else f"--{profile}"
    finders = [f.strip() for f in args.finders.split(",") if f.strip()]
    results = {}
    for finder in finders:
        extractor = Extractor(Settings(profile=profile, finder=finder, convention="polnear"))
        dev = sets[0][2]
        results[finder] = evaluate(dev, [d.to_dict() for d in _extract(extractor, dev, finder)])
    print(f"== PolNeAR dev by finder{f' ({flag})' if flag else ''} ==\n")
    print(_finder_table(results))
    print()
    extractors = {
        convention: Extractor(Settings(profile=profile, finder=finders[0], convention=convention))
        for convention in ("polnear", "news")
    }
    is_agreed = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.save_pred or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for title, name, gold, convention in sets:
            docs = _extract(extractors[convention], gold, name)
            pred = [d.to_dict() for d in docs]
            result = evaluate(gold, pred)
            gold_path, pred_path = folder / f"{name}.gold.jsonl", folder / f"{name}.pred.jsonl"
            _write(gold_path, gold)
            _write(pred_path, pred)
            settings = f" (finder {finders[0]}, {convention}{f', {flag}' if flag else ''})"
            print(f"== {title}: {len(gold)} documents{settings} ==\n")
            print(format_table(result, by_kind=True))
            print()
            if SCORER.is_file():
                is_agreed &= _cross_check(result, gold_path, pred_path)
                print()
            print(_reliability_table(gold, docs, result))
            print()
        if args.save_pred:
            print(f"predictions saved in {folder}/*.pred.jsonl", file=sys.stderr)
    sys.exit(0 if is_agreed else 1)


def _finder_table(results: dict[str, dict[str, Any]]) -> str:
    """F1 of the main metrics and recall by gold kind, one column per finder."""
    names = list(results)
    lines = [f"{'metric':<28}" + "".join(f"{n:>10}" for n in names)]
    for metric in ("attribution", "content_overlap", "content_exact", "source_exact", "cue_exact"):
        row = [results[n]["metrics"][metric]["f1"] for n in names]
        lines.append(f"{metric + ' F1':<28}" + "".join(f"{_percent(v):>10}" for v in row))
    for kind in ("direct", "mixed", "indirect"):
        row = [_kind_recall(results[n], kind) for n in names]
        lines.append(f"{kind + ' attribution R':<28}" + "".join(f"{_percent(v):>10}" for v in row))
    return "\n".join(lines)


def _kind_recall(result: dict[str, Any], kind: str) -> float | None:
    value = result.get("by_gold_kind", {}).get(kind, {}).get("attribution_recall")
    return float(value) if value is not None else None


def _read_records(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Gold records from .jsonl files and .json files (one record or a list)."""
    records: list[dict[str, Any]] = []
    for path in paths:
        raw = path.read_text(encoding="utf-8-sig")
        if path.suffix == ".json":
            data = json.loads(raw)
            records.extend(data if isinstance(data, list) else [data])
        else:
            records.extend(json.loads(line) for line in raw.splitlines() if line.strip())
    return records


def _extract(extractor: Extractor, gold: list[dict[str, Any]], name: str) -> list[Document]:
    raws = read_gold_texts(gold)
    progress = tqdm(extractor.pipe(raws), total=len(raws), desc=name, unit="doc", disable=None)
    docs = list(progress)
    for doc in docs:  # scored as predicting nothing: the numbers are a floor
        for problem in doc.errors:
            print(f"warning: {doc.id}: {problem.message} [{problem.code}]", file=sys.stderr)
    return docs


def _write(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _cross_check(result: dict[str, Any], gold: Path, pred: Path) -> bool:
    """Score the saved predictions with the official scorer; do the two results agree?"""
    done = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"official scorer failed (exit {done.returncode}):\n{done.stderr.strip()}")
        return False
    official = json.loads(done.stdout)
    ours = json.loads(json.dumps(result))  # tuples and the like as the scorer prints them
    differences = list(_differences(official, ours))
    f1_official = official["metrics"]["attribution"]["f1"]
    f1_ours = ours["metrics"]["attribution"]["f1"]
    verdict = (
        "agree on every number"
        if not differences
        else f"DISAGREE at {len(differences)} places: {', '.join(differences[:5])}"
    )
    print(
        f"attribution F1: official scorer {_percent(f1_official)}, "
        f"onrecord.evaluation {_percent(f1_ours)}: {verdict}"
    )
    return not differences


def _differences(official: Any, ours: Any, where: str = "") -> Iterable[str]:
    """Paths (``metrics.attribution.f1``) where the two results differ."""
    if isinstance(official, dict) and isinstance(ours, dict):
        for key in sorted(official.keys() | ours.keys()):
            if key not in official or key not in ours:
                yield f"{where}{key} (only in {'ours' if key in ours else 'official'})"
            else:
                yield from _differences(official[key], ours[key], f"{where}{key}.")
    elif isinstance(official, float | int) and isinstance(ours, float | int):
        if not math.isclose(official, ours, rel_tol=TOLERANCE, abs_tol=TOLERANCE):
            yield where.rstrip(".")
    elif official != ours:
        yield where.rstrip(".")


def _percent(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


# ---------------------------------------------------------------- reliability


def _correct(gold: dict[str, Any], doc: Document) -> set[int]:
    """Indices of ``doc``'s attributions that are ``attribution`` matches: as the scorer
    pairs them (``match_contents``), then with a source Jaccard of at least OVERLAP."""
    tokens = Tokens(gold["text"])

    def covered(pieces: Iterable[Offsets] | Iterable[list[int]]) -> frozenset[int]:
        spans = (p.to_list() if isinstance(p, Offsets) else p for p in pieces)
        return tokens.covered(tuple(sorted((int(s), int(e)) for s, e in spans)))

    g_content = [covered(a.get("content", [])) for a in gold["attributions"]]
    g_source = [covered(a.get("source", [])) for a in gold["attributions"]]
    p_content = [covered(a.content) for a in doc.attributions]
    p_source = [covered(a.source) for a in doc.attributions]
    matched = match_contents(g_content, p_content, g_source, p_source)
    return {p for p, g in matched.items() if jaccard(g_source[g], p_source[p]) >= OVERLAP}


def _bucket(confidence: float) -> int:
    for i, (_, high) in enumerate(BUCKETS):
        if confidence < high:
            return i
    return len(BUCKETS) - 1  # 1.0 (and above, were there any) goes in the top bucket


def _reliability_table(
    gold: list[dict[str, Any]], docs: list[Document], result: dict[str, Any]
) -> str:
    """Predictions and the share of attribution matches per confidence bucket."""
    counts = [[0, 0] for _ in BUCKETS]  # predictions, matches
    by_id = {doc.id: doc for doc in docs}
    for record in gold:
        doc = by_id.get(str(record["id"]))
        if doc is None:
            continue
        correct = _correct(record, doc)
        for i, attribution in enumerate(doc.attributions):
            bucket = counts[_bucket(attribution.confidence)]
            bucket[0] += 1
            bucket[1] += i in correct
    lines = [
        "reliability: attribution matches by confidence",
        f"{'confidence':<14}{'predictions':>12}{'matches':>9}{'share':>8}",
    ]
    for (low, high), (n, hits) in zip(BUCKETS, counts, strict=True):
        share = f"{100 * hits / n:.1f}" if n else "-"
        closing = "]" if high == BUCKETS[-1][1] else ")"
        lines.append(f"{f'[{low:.2f}, {high:.2f}{closing}':<14}{n:>12}{hits:>9}{share:>8}")
    n, hits = sum(c[0] for c in counts), sum(c[1] for c in counts)
    lines.append(f"{'all':<14}{n:>12}{hits:>9}{100 * hits / n if n else 0:>8.1f}")
    expected = result["metrics"]["attribution"]["tp"]
    if hits != expected:  # the two ways of counting must meet
        lines.append(f"warning: {hits} matches here, but the scorer counts {expected}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
