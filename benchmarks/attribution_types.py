"""Statement or thought on the hand-marked general news, end to end and on the gold cues.

    python benchmarks/attribution_types.py [--pred P] [--keep DIR]

Both numbers are ``../shared/eval/type_score.py``'s, run as a program on
``../shared/data/aeb/attributions.jsonl``:

1. **end to end**: the records of ``onrecord extract`` (the one beside this Python) on the
   gold file, or ``--pred``; type_score judges the type of every predicted attribution
   whose content matches a gold one;
2. **on the gold cues**: every gold attribution as it is (same content, cue and source
   offsets), typed by ``pipeline/types.py`` from its gold cue: the spaCy lemma of the cue's
   head (the token whose head lies outside the cue, as the tagger picks it) and the cue's
   words. Every gold attribution is then a content match, so this measures the decision
   alone, all 42 gold thoughts included, whatever the finder misses.

``--keep DIR`` writes both prediction files there. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from onrecord.config import Settings
from onrecord.extract import load_pipeline
from onrecord.pipeline.types import attribution_type
from onrecord.tagger.features import cue_head

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "aeb" / "attributions.jsonl"
TYPE_SCORE = SHARED / "eval" / "type_score.py"


def gold_cue_records(gold: Path) -> list[dict[str, Any]]:
    """The gold records with each attribution's type replaced by the one its cue gives."""
    nlp = load_pipeline(Settings())
    records = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line]
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        for a in record["attributions"]:
            tokens = [t.i for s, e in a["cue"] for t in doc if s <= t.idx < e and not t.is_space]
            lemma = doc[cue_head(doc, tokens)].lemma_.lower() if tokens else ""
            cue_text = " ".join(record["text"][s:e] for s, e in a["cue"])
            a["type"] = attribution_type(lemma, cue_text)
    return records


def type_score(pred: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(TYPE_SCORE), str(GOLD), str(pred)],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pred", type=Path, help="records to judge instead of running extract")
    ap.add_argument("--keep", type=Path, help="write the prediction files into this folder")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="onrecord-types-"))
    os.makedirs(folder, exist_ok=True)
    pred = args.pred
    if pred is None:
        pred = folder / "aeb-extract.jsonl"
        onrecord = Path(sys.executable).with_name("onrecord")
        print(f"extracting {GOLD} ...", file=sys.stderr)
        subprocess.run(
            [str(onrecord), "extract", str(GOLD), "-f", "jsonl", "-o", str(pred), "-q"],
            check=False,
        )
    oracle = folder / "aeb-gold-cues.jsonl"
    with open(oracle, "w", encoding="utf-8") as out:
        for record in gold_cue_records(GOLD):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print("## end to end (onrecord extract)")
    print(type_score(pred))
    print("## on the gold cues (the decision alone)")
    print(type_score(oracle))
    return 0


if __name__ == "__main__":
    sys.exit(main())
