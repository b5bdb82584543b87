"""The candidate scorer: a logistic regression that says how likely a rule's find is right.

The rules propose; this decides. Each candidate is described by a few dozen sparse
features (its cue word and rule, what its source and content look like), and a linear
model learned on PolNeAR train (``scripts/train_scorer.py``) turns them into the
probability that the candidate is a right attribution. That probability is the
attribution's ``confidence``, and candidates below ``KEEP`` are dropped. The weights ship
as ``data/scorer.json`` (feature -> weight: numbers only, no text).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from spacy.tokens import Doc

from onrecord.pipeline.attribution import Candidate, doc_text

_PHRASE_RULES = frozenset({"verb_object", "verb_prep", "noun"})  # contents that are noun phrases
KEEP = 0.3  # drop candidates less likely than this to be right (tuned on PolNeAR dev)


def _bucket(n: int) -> str:
    for limit in (1, 2, 4, 8, 16, 32):
        if n <= limit:
            return str(limit)
    return "many"


def candidate_features(doc: Doc, cand: Candidate, others: Sequence[Candidate] = ()) -> list[str]:
    """Sparse binary features of one candidate in its parsed Doc, among ``others`` found there.

    Sitting inside another's content counts only when that content is a noun phrase
    (`remarks Trump had made about …`): PolNeAR never nests, so a scorer that learned
    from every nesting would drop `According to the Times, X said …`, which is right.
    """
    rule, lemma = cand.rule, cand.cue_lemma
    text = doc_text(doc)
    feats = [f"rule={rule}", f"lemma={lemma}", f"key={lemma}/{rule}"]
    cue = (
        doc.char_span(cand.cue[0][0], cand.cue[0][1], alignment_mode="expand") if cand.cue else None
    )
    if cue is not None and len(cue):
        head = cue[-1]
        feats += [f"cue_tag={head.tag_}", f"cue_dep={head.dep_}", f"cue_len={_bucket(len(cue))}"]
        feats.append(f"rule_tag={rule}/{head.tag_}")
        if any(c.dep_ == "neg" for c in head.children):
            feats.append("negated")

    if cand.source_root is not None:
        root = doc[cand.source_root]
        kind = root.ent_type_ or root.pos_
        feats += [f"src={kind}", f"rule_src={rule}/{kind}", f"lemma_src={lemma}/{kind}"]
        if root.tag_ in {"NNS", "NNPS"}:
            feats.append("src_plural")
        if root.pos_ == "PRON":
            feats.append(f"src_word={root.lower_}")
        s, e = cand.source[0]
        feats.append(f"src_len={_bucket(len(text[s:e].split()))}")
    else:
        feats += ["src=none", f"rule_src={rule}/none"]
    if cand.cue:
        start = cand.cue[0][0]
        in_phrase = any(
            o is not cand and o.rule in _PHRASE_RULES and any(s <= start < e for s, e in o.content)
            for o in others
        )
        if in_phrase:
            feats += ["in_phrase", f"rule_in_phrase={rule}"]
    words = sum(len(text[s:e].split()) for s, e in cand.content)
    quoted = "quote" if cand.quote_ids else "plain"
    feats += [
        f"content_len={_bucket(words)}",
        f"content={quoted}",
        f"rule_content={rule}/{quoted}",
        f"rule_len={rule}/{_bucket(words)}",
        f"pieces={min(len(cand.content), 3)}",
    ]
    first = doc.char_span(cand.content[0][0], cand.content[0][1], alignment_mode="expand")
    if first is not None and len(first):
        word = (
            first[0].lower_
            if first[0].lower_ in {"that", "to", "the", "a", "if", "why", "how"}
            else first[0].pos_
        )
        feats.append(f"content_first={word}")
    if cand.cue:
        where = "before" if cand.cue[0][0] < cand.content[0][0] else "after"
        feats += [f"cue_{where}", f"rule_cue_{where}={rule}"]
    return feats


class CandidateScorer:
    """A linear model over candidate features; ``probability`` is the confidence."""

    def __init__(self, weights: dict[str, float], bias: float, keep: float = KEEP) -> None:
        self.weights = weights
        self.bias = bias
        self.keep = keep

    def probability(self, feats: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def score(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """Candidates with their probability as confidence, the unlikely ones dropped."""
        kept = []
        for cand in found:
            cand.confidence = self.probability(candidate_features(doc, cand, found))
            if cand.confidence >= self.keep:
                kept.append(cand)
        return kept


@cache
def load_scorer() -> CandidateScorer | None:
    """The shipped scorer, or None before it has been trained."""
    path = resources.files("onrecord.data").joinpath("scorer.json")
    if not path.is_file():
        return None
    raw = json.loads(path.read_text("utf-8"))
    return CandidateScorer(raw["weights"], raw["bias"])
