"""Which person a "he" or "she" source is: a learned ranking of the people mentioned before it.

A rule ("the last speaker, else the most recent person of that gender") fails where news
is most varied: a quote from an aide between two of the candidate's, a woman named last
but a man speaking on. So every person mentioned before the pronoun is a candidate, each
described by a few facts a reader weighs (gender by title, by first name and by earlier
pronouns; how many sentences since it was last named, last the subject, last spoke; its
recency rank; how often it has spoken), and a linear model scores them. The scores are a
softmax over the candidates, so the winner's share is how sure the choice is.

The weights are learned by ``scripts/train_speakers.py`` from the 200 PolNeAR train
articles with speaker gold (``../shared/data/polnear/train-speakers.jsonl``) and ship in
``data/antecedents.json``; without the file the rule's order is used.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: feature names, in the order of the weight vector
FEATURES = (
    "last_speaker",
    "previous_speaker",
    "gender_agrees",
    "gender_clashes",
    "name_agrees",
    "name_clashes",
    "said_agrees",
    "said_clashes",
    "named_same_sentence",
    "named_1_back",
    "named_2_back",
    "named_3_5_back",
    "named_far",
    "subject_0_1_back",
    "spoke_0_1_back",
    "spoke_2_4_back",
    "never_spoke",
    "rank_0",
    "rank_1",
    "log_mentions",
    "log_speeches",
    "has_role",
    "first_in_article",
)
#: candidates considered: the most recent people, and every recent speaker
MAX_CANDIDATES = 8


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the ranker knows about one person at the moment a pronoun is read."""

    cluster: int
    is_last_speaker: bool
    is_previous_speaker: bool
    gender: str | None  # from a title ("Mrs.", "Mr.")
    name_gender: str | None  # from the first name
    said_he: int  # earlier "he"/"she" sources resolved to this person
    said_she: int
    sentences_since_named: int
    sentences_since_subject: int | None
    sentences_since_spoke: int | None
    rank: int  # 0 = the most recently named
    mentions: int
    speeches: int
    has_role: bool
    is_first: bool  # the first person the article names


def features(cand: Candidate, gender: str | None) -> list[float]:
    """The feature vector of ``cand`` for a pronoun of ``gender`` ("m" or "f"), or for a
    description that tells no gender (None: every gender feature is 0)."""
    said_same = cand.said_he if gender == "m" else cand.said_she if gender == "f" else 0
    said_other = cand.said_she if gender == "m" else cand.said_he if gender == "f" else 0
    named = cand.sentences_since_named
    subject = cand.sentences_since_subject
    spoke = cand.sentences_since_spoke
    return [
        float(cand.is_last_speaker),
        float(cand.is_previous_speaker),
        float(gender is not None and cand.gender == gender),
        float(None not in (gender, cand.gender) and cand.gender != gender),
        float(gender is not None and cand.name_gender == gender),
        float(None not in (gender, cand.name_gender) and cand.name_gender != gender),
        float(said_same > said_other),
        float(said_other > said_same),
        float(named == 0),
        float(named == 1),
        float(named == 2),
        float(3 <= named <= 5),
        float(named > 5),
        float(subject is not None and subject <= 1),
        float(spoke is not None and spoke <= 1),
        float(spoke is not None and 2 <= spoke <= 4),
        float(spoke is None),
        float(cand.rank == 0),
        float(cand.rank == 1),
        math.log1p(cand.mentions),
        math.log1p(cand.speeches),
        float(cand.has_role),
        float(cand.is_first),
    ]


#: hand-set weights used when no trained file ships: the rule's order, roughly
_FALLBACK = {
    "last_speaker": 2.0,
    "gender_agrees": 3.0,
    "gender_clashes": -6.0,
    "name_agrees": 2.0,
    "name_clashes": -4.0,
    "said_agrees": 1.0,
    "said_clashes": -2.0,
    "rank_0": 1.0,
    "named_far": -1.0,
}


@cache
def weights() -> tuple[float, ...]:
    """The shipped weights, by ``FEATURES``; the fallback if the file is missing."""
    try:
        raw = resources.files("onrecord.data").joinpath("antecedents.json").read_text("utf-8")
        table = json.loads(raw)["weights"]
    except (FileNotFoundError, KeyError, ValueError):
        table = _FALLBACK
    return tuple(float(table.get(name, 0.0)) for name in FEATURES)


def compatible(cands: list[Candidate], gender: str | None) -> list[Candidate]:
    """The candidates whose title or first name does not say the other gender (all of them
    if every one does): on PolNeAR train the right person clashed 3 times in 566."""
    if gender is None:
        return cands
    fits = [c for c in cands if c.gender in (None, gender) and c.name_gender in (None, gender)]
    return fits or cands


def rank(cands: list[Candidate], gender: str | None) -> list[tuple[int, float]]:
    """Clusters with the probability that each is the pronoun's person, best first."""
    cands = compatible(cands, gender)
    if not cands:
        return []
    w = weights()
    scores = [sum(a * b for a, b in zip(w, features(c, gender), strict=True)) for c in cands]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    ranked = sorted(
        ((c.cluster, e / total) for c, e in zip(cands, exp, strict=True)), key=lambda x: -x[1]
    )
    return ranked


@cache
def first_names() -> dict[str, str]:
    """First name (casefolded) -> "m" or "f", from ``data/first_names.tsv``."""
    try:
        raw = resources.files("onrecord.data").joinpath("first_names.tsv").read_text("utf-8")
    except FileNotFoundError:
        return {}
    table: dict[str, str] = {}
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            name, _, sex = line.partition("\t")
            table[name] = sex
    return table


def name_gender(name: str) -> str | None:
    """The gender ("m", "f") a name's first word tells ("Hillary Clinton": f), or None."""
    words = [w for w in name.replace(".", " ").split() if len(w) > 1]
    if len(words) < 2:
        return None  # a bare surname tells nothing
    return first_names().get(words[0].casefold())
