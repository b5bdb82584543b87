"""Learn the cue lexicon from PolNeAR train: how often each lemma is (part of) a gold cue.

    python scripts/build_cue_lexicon.py TRAIN.jsonl src/onrecord/data/cues.json

Writes lemma -> [times inside a gold cue, times seen] for verbs and nouns, so the pipeline can
pick its own precision threshold. Only counts ship, never text. Deterministic.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import spacy

from onrecord.config import DEFAULT_MODEL

POS = {"VERB", "NOUN", "ADJ", "AUX", "ADP", "PROPN"}


def main(train: Path, out: Path) -> None:
    nlp = spacy.load(DEFAULT_MODEL, disable=["parser", "ner"])
    in_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    docs = [json.loads(line) for line in train.open(encoding="utf-8")]
    texts = ((d["text"], d) for d in docs)
    for doc, record in nlp.pipe(texts, as_tuples=True, batch_size=8):
        cue_chars = bytearray(len(doc.text))
        for a in record["attributions"]:
            for s, e in a["cue"]:
                cue_chars[s:e] = b"\1" * (e - s)
        for tok in doc:
            if tok.pos_ not in POS:
                continue
            key = f"{tok.lemma_.lower()}/{tok.pos_}"
            seen[key] += 1
            if cue_chars[tok.idx]:
                in_cue[key] += 1
    lexicon = {k: [in_cue[k], seen[k]] for k in sorted(in_cue) if in_cue[k] >= 2}
    out.write_text(json.dumps(lexicon, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(lexicon)} lemmas written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
