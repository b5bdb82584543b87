"""The cue lexicon: which words introduce an attribution, learned from PolNeAR train.

``data/cues.json`` maps ``lemma/POS`` to [times inside a gold cue, times seen] and is built
by ``scripts/build_cue_lexicon.py``. A lemma's cue rate is how often it is a cue when it
occurs: "say" nearly always is, "show" sometimes, "be" never. Counts ship, texts do not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: words that report speech whatever the corpus says; keeps the rules sane on any news
_CORE_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "explain",
        "continue",
        "write",
        "tweet",
        "post",
        "report",
        "note",
        "claim",
        "argue",
        "insist",
        "warn",
        "announce",
        "declare",
        "state",
        "reply",
        "respond",
        "ask",
        "acknowledge",
        "admit",
        "deny",
        "confirm",
        "suggest",
        "predict",
        "promise",
        "vow",
        "pledge",
        "recall",
        "concede",
        "contend",
        "maintain",
        "observe",
        "remark",
        "testify",
        "complain",
        "boast",
        "assert",
        "allege",
        "caution",
        "urge",
        "stress",
        "emphasize",
        "quip",
        "joke",
        "scoff",
        "lament",
        "mutter",
        "whisper",
        "shout",
        "yell",
        "exclaim",
        "reveal",
        "disclose",
    ]
)
_CORE_NOUNS = frozenset(
    [
        "statement",
        "claim",
        "pledge",
        "promise",
        "warning",
        "announcement",
        "assertion",
        "allegation",
        "argument",
        "remark",
        "comment",
        "suggestion",
        "prediction",
        "vow",
        "insistence",
        "belief",
        "view",
        "accusation",
        "denial",
        "admission",
        "report",
        "testimony",
    ]
)


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cue rates of lemmas, by part of speech."""

    verbs: dict[str, float]
    nouns: dict[str, float]

    def verb_rate(self, lemma: str) -> float:
        return self.verbs.get(lemma, 0.0)

    def noun_rate(self, lemma: str) -> float:
        return self.nouns.get(lemma, 0.0)


def _rate(in_cue: int, seen: int) -> float:
    # add-2 smoothing: a lemma seen twice, both as cues, should not look certain
    return in_cue / (seen + 2)


@cache
def load_lexicon() -> CueLexicon:
    """The shipped lexicon, with the core reporting words always present."""
    raw = json.loads(resources.files("onrecord.data").joinpath("cues.json").read_text("utf-8"))
    verbs: dict[str, float] = {}
    nouns: dict[str, float] = {}
    for key, (in_cue, seen) in raw.items():
        lemma, _, pos = key.rpartition("/")
        if pos == "VERB":
            verbs[lemma] = _rate(in_cue, seen)
        elif pos == "NOUN":
            nouns[lemma] = _rate(in_cue, seen)
    for lemma in _CORE_VERBS:
        verbs[lemma] = max(verbs.get(lemma, 0.0), 0.5)
    for lemma in _CORE_NOUNS:
        nouns[lemma] = max(nouns.get(lemma, 0.0), 0.3)
    return CueLexicon(verbs, nouns)
