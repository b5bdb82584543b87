"""Speaker accuracy on both speaker gold sets, broken down by the form of the gold source.

    python benchmarks/speakers.py [--sets polnear,aeb] [--polnear-pred P] [--aeb-pred P]
                                  [--errors N] [--save-pred DIR]

Sets: PolNeAR dev (``../shared/data/polnear/dev.jsonl``) and the hand-marked general news
(``../shared/data/aeb/attributions.jsonl``); both feed ``onrecord extract`` as they are (a
``text`` and an ``id`` per line). Predictions come from ``--polnear-pred``/``--aeb-pred``
when given, else from running ``onrecord extract`` (the one beside this Python) on the
gold file, each set under its own convention (PolNeAR's ``polnear``, AEB's ``news``).

The number is the official scorer's ``speaker_given_content``: of the gold attributions
that carry a ``speaker`` key and whose content was matched, the share whose predicted
speaker names the same entity. ``../shared/eval/score.py`` is imported, not copied: its
``match_contents`` pairs gold and predicted attributions and its ``same_speaker`` judges
each pair, so the rows count exactly what it counts, and the script prints the scorer's own
overall number beside the sum of the rows and exits 1 if they differ.

Each judged gold attribution gets one form, from its gold source text, first rule wins:

- ``unnamed``: the gold speaker is null (the article names no one), whatever the source;
- ``no source``: the gold source is empty (AEB marks a quote-only paragraph continuing the
  last speaker this way);
- ``pronoun``: the source's first word is a personal, relative or possessive pronoun (he,
  she, they, it, I, we, you, who, which, his, her, their, …) or the source is a bare
  "that": "he", "who", "his campaign";
- ``name``: some capitalised word of the source is a proper name: "Trump", "Mr. Trump",
  "the Trump campaign", "FBI". A capitalised word at a sentence start counts only when it
  is not a determiner and the article never writes it in lowercase ("Trump said",
  "WALLACE:" yes; "The paper said", and "Officials said" beside "officials" elsewhere, no);
- ``description``: the rest, a noun phrase without a proper name: "the candidate", "a
  spokesman", "the commission", "officials".

Capitalisation is only a proxy: "a spokesman for the Clinton campaign" is a name here.
Tables go to stdout; progress and warnings to stderr. Each set also gets a calibration
table: the judged speakers binned by their predicted ``speaker_confidence``, how many were
right in each bin, and the expected calibration error. ``--errors N`` prints N wrong
speakers per form (gold source, gold speaker, predicted speaker, and the predicted source
where it is not the gold one), spread over the set.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
SETS = {
    "polnear": ("PolNeAR dev", SHARED / "data" / "polnear" / "dev.jsonl"),
    "aeb": ("AEB general news", SHARED / "data" / "aeb" / "attributions.jsonl"),
    # the 200 train articles with speakers: rules checked here too are not fitted to dev
    "train": ("PolNeAR train (speakers)", SHARED / "data" / "polnear" / "train-speakers.jsonl"),
}
FORMS = ("name", "pronoun", "description", "unnamed", "no source")

PRONOUNS = frozenset(
    "he she they it i we you who which whose his her hers their theirs its my mine our ours "
    "your yours".split()
)
#: capitalised at a sentence start without being names, even where the article never
#: writes them in lowercase ("The", "A" …)
DETERMINERS = frozenset(
    "the a an this that these those some any many most several each every all both one "
    "another other such no".split()
)
_WORD = re.compile(r"\w+")
_OPENERS = " \t\"'“”‘’()[]"  # skipped looking back for a sentence start


def load_scorer() -> ModuleType:
    """The official scorer module, imported from ../shared/eval beside the repo."""
    if not (EVAL / "score.py").is_file():
        sys.exit(
            f"error: {EVAL / 'score.py'} not found. This benchmark scores with the official "
            "scorer in ../shared/eval beside the repo; put the shared folder there."
        )
    sys.path.insert(0, str(EVAL))  # score.py imports its neighbour quote_kinds.py
    return importlib.import_module("score")


# ---------------------------------------------------------------- the form of a source


def is_sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, paragraph or the text."""
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in ".!?:\n"


def lowercase_words(text: str) -> frozenset[str]:
    """Words the article writes in lowercase somewhere: common words, not names."""
    return frozenset(w for w in _WORD.findall(text) if w.islower())


def source_form(text: str, source: tuple[tuple[int, int], ...], common: frozenset[str]) -> str:
    """``no source``, ``pronoun``, ``name`` or ``description`` (see the module docstring)."""
    words = [(m.group(), s + m.start()) for s, e in source for m in _WORD.finditer(text[s:e])]
    if not words:
        return "no source"
    if words[0][0].casefold() in PRONOUNS or [w for w, _ in words] == ["that"]:
        return "pronoun"  # a bare "that" is a relative pronoun ("a group that said")
    for word, start in words:
        if not word[0].isupper():
            continue
        if not is_sentence_start(text, start):
            return "name"
        if word.casefold() not in DETERMINERS and word.casefold() not in common:
            return "name"
    return "description"


# ---------------------------------------------------------------- counting


@dataclass
class Judged:
    """One gold attribution with a speaker key whose content was matched."""

    doc_id: str
    source: str
    gold: str | None
    pred: str | None
    right: bool
    pred_source: str = ""
    sure: float | None = None  # the predicted attribution's speaker_confidence


@dataclass
class Tally:
    """Judged attributions per form, and the official scorer's own result."""

    by_form: dict[str, list[Judged]] = field(default_factory=lambda: {f: [] for f in FORMS})
    official: dict[str, Any] = field(default_factory=dict)


def tally(scorer: ModuleType, gold_path: Path, pred_path: Path) -> Tally:
    """Pair and judge as score.py does, and keep the scorer's overall number beside it."""
    errors: list[str] = []
    try:
        gold = scorer.read_documents(gold_path, None, errors)
        pred = scorer.read_documents(pred_path, gold, errors)
    except scorer.InputError as err:  # a file it cannot read at all
        sys.exit(f"error: {err}")
    if errors:
        sys.exit("\n".join(f"error: {e}" for e in errors[:20]))
    missing = [d for d in gold if d not in pred]
    if missing:  # score.py counts them as predicting nothing; say so, it may be a wrong file
        print(
            f"warning: {pred_path}: {len(missing)} of {len(gold)} gold documents have no "
            f"prediction (first: {missing[0]!r}); they count as predicting nothing",
            file=sys.stderr,
        )
    raw_sure = speaker_confidences(pred_path)
    result = Tally()
    result.official = scorer.report(scorer.score(gold, pred), gold, pred)["speaker_given_content"]
    for doc_id, g_doc in gold.items():
        text = g_doc.text
        p_attrs = pred[doc_id].attributions if doc_id in pred else []
        tokens = scorer.Tokens(text)
        matched = scorer.match_contents(  # the same call, on the same sets, as score_document
            [tokens.covered(a.content) for a in g_doc.attributions],
            [tokens.covered(a.content) for a in p_attrs],
            [tokens.covered(a.source) for a in g_doc.attributions],
            [tokens.covered(a.source) for a in p_attrs],
        )
        common = lowercase_words(text)
        for p, g in matched.items():
            want, got = g_doc.attributions[g], p_attrs[p]
            if not want.has_speaker:
                continue
            form = "unnamed" if want.speaker is None else source_form(text, want.source, common)
            source = " … ".join(text[s:e] for s, e in want.source)
            said = " … ".join(text[s:e] for s, e in got.source)
            right = scorer.same_speaker(want.speaker, got.speaker)
            sure = raw_sure.get((doc_id, p))
            judged = Judged(doc_id, source, want.speaker, got.speaker, right, said, sure)
            result.by_form[form].append(judged)
    return result


def speaker_confidences(pred_path: Path) -> dict[tuple[str, int], float]:
    """Each predicted attribution's ``speaker_confidence`` by (document id, position): the
    scorer reads the records without it, in file order."""
    found: dict[tuple[str, int], float] = {}
    with pred_path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            for i, a in enumerate(record.get("attributions") or ()):
                if isinstance(a.get("speaker_confidence"), (int, float)):
                    found[(record.get("id"), i)] = float(a["speaker_confidence"])
    return found


#: the calibration table's bins of ``speaker_confidence``, by lower edge
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def print_calibration(result: Tally) -> None:
    """How often speakers were right per bin of their ``speaker_confidence``, and the
    expected calibration error (the bins' gaps weighted by their size)."""
    judged = [j for js in result.by_form.values() for j in js if j.sure is not None]
    if not judged:
        print("  (no speaker_confidence in the predictions)")
        return
    print(f"  {'speaker_confidence':<20}{'judged':>7}{'right':>7}{'mean sure':>11}{'% right':>9}")
    gap = 0.0
    for lo, hi in zip(BINS, (*BINS[1:], 1.01), strict=True):
        inside = [j for j in judged if j.sure is not None and lo <= j.sure < hi]
        if not inside:
            continue
        right = sum(j.right for j in inside)
        mean = sum(j.sure or 0.0 for j in inside) / len(inside)
        gap += abs(mean - right / len(inside)) * len(inside)
        label = f"{lo:.2f}-{min(hi, 1.0):.2f}"
        share = percent(right, len(inside))
        print(f"  {label:<20}{len(inside):>7}{right:>7}{mean:>11.3f}{share:>9}")
    print(f"  expected calibration error {gap / len(judged):.3f} over {len(judged):,} speakers")


# ---------------------------------------------------------------- running and printing


def extract(gold: Path, out: Path) -> None:
    """Run ``onrecord extract GOLD -o OUT`` with the onrecord installed beside this Python."""
    onrecord = Path(sys.executable).with_name("onrecord")
    if not onrecord.is_file():
        sys.exit(
            f"error: no onrecord beside {sys.executable}. Run with the project's venv "
            "(.venv/bin/python benchmarks/speakers.py) or pass --polnear-pred/--aeb-pred."
        )
    print(f"extracting {gold} -> {out}", file=sys.stderr)
    # each set under its own annotation convention: PolNeAR's sources keep their asides
    convention = "news" if "aeb" in gold.parts else "polnear"
    env = {**os.environ, "ONRECORD_CONVENTION": convention}
    done = subprocess.run(
        [str(onrecord), "extract", str(gold), "-o", str(out)], check=False, env=env
    )
    if done.returncode != 0:
        sys.exit(f"error: onrecord extract {gold} exited {done.returncode}")


def percent(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "-"


def print_table(name: str, result: Tally, examples: int) -> bool:
    """The per-form table; True when the rows add up to the official number exactly."""
    rows = {f: (sum(j.right for j in js), len(js)) for f, js in result.by_form.items()}
    correct = sum(c for c, _ in rows.values())
    judged = sum(n for _, n in rows.values())
    off = result.official
    agree = (correct, judged) == (off["correct"], off["judged"])
    print(f"\n{name}: speaker_given_content {percent(correct, judged)} ({correct:,} of {judged:,})")
    print(
        f"  score.py: {percent(off['correct'], off['judged'])} "
        f"({off['correct']:,} of {off['judged']:,}): {'same' if agree else 'DIFFERENT'}"
    )
    print(f"  {'gold source':<14}{'right':>7}{'judged':>8}{'%':>8}  wrong from another source")
    for form, (c, n) in rows.items():
        if n:
            other = sum(not j.right and j.pred_source != j.source for j in result.by_form[form])
            print(f"  {form:<14}{c:>7,}{n:>8,}{percent(c, n):>8}  {other:>5} of {n - c}")
    if examples:
        for form, judged_list in result.by_form.items():
            wrong = [j for j in judged_list if not j.right]
            if not wrong:
                continue
            step = max(1, len(wrong) // examples)  # spread over the set, not one article
            print(f"\n  wrong speakers, {form} ({len(wrong)}):")
            for j in wrong[::step][:examples]:
                said = "" if j.pred_source == j.source else f" (from {j.pred_source!r})"
                print(f"    {j.doc_id}: {j.source!r}  gold {j.gold!r}  predicted {j.pred!r}{said}")
    return agree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sets",
        default="polnear,aeb",
        help="Comma-separated: polnear, aeb, train.",
    )
    for key in SETS:
        parser.add_argument(
            f"--{key}-pred", type=Path, metavar="PRED", help="Score these predictions instead."
        )
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="Wrong speakers shown.")
    parser.add_argument("--save-pred", type=Path, metavar="DIR", help="Keep predictions here.")
    args = parser.parse_args()
    keys = [k.strip() for k in args.sets.split(",") if k.strip()]
    unknown = [k for k in keys if k not in SETS]
    if unknown:
        parser.error(f"unknown set {unknown[0]!r}; choose from {', '.join(SETS)}")
    scorer = load_scorer()
    agree = True
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.save_pred or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for key in keys:
            name, gold = SETS[key]
            if not gold.is_file():
                sys.exit(f"error: {gold} not found (expected in ../shared beside the repo).")
            pred = getattr(args, f"{key}_pred")
            if pred is None:
                pred = out_dir / f"{key}.jsonl"
                extract(gold, pred)
            result = tally(scorer, gold, pred)
            agree &= print_table(name, result, 0)
            print(f"\n{name}: calibration")
            print_calibration(result)
            if args.errors:
                print_table(name, result, args.errors)
    if not agree:
        sys.exit("error: the per-form rows do not add up to score.py's speaker_given_content")


if __name__ == "__main__":
    main()
