"""Statement or thought: what kind of attribution a cue makes.

A *statement* was communicated: said, wrote, told, tweeted, announced, reported, testified,
denied, accused, warned, "according to", and what a report, poll or study found or shows.
A *thought* is a mental state or attitude the text ascribes to its source: believes,
thinks, fears, hopes, expects, knows, wants, doubts, is worried, is confident, is seen as.

The decision reads only the cue: the spaCy lemma of its head word (so "thinks", "thought"
and "thinking" are one entry) and the other words of the cue (an adjective in "were
hopeful", a particle in "counting on"). Negation and modals do not change the type: "does
not believe" and "might think" are still thoughts, "would not say" a statement. A cue that
names no mental word is a statement, since speech is what news reports most; a thought has
to be named. "concluded" stays a statement: in news it mostly ends a speech ("he
concluded: …") or gives a finding, as "found" does.
"""

from __future__ import annotations

import re

from onrecord.model import AttributionType

#: verbs (by lemma) of a mental state or attitude: the source holds the content, it did not
#: (necessarily) say it. "see" and "view" as in "is seen as", "views the deal as";
#: "expect" also in the passive forecast "is expected to", which reports others' thoughts.
THOUGHT_VERBS = frozenset(
    [
        "believe",
        "think",
        "fear",
        "hope",
        "expect",
        "anticipate",
        "know",
        "want",
        "wish",
        "doubt",
        "worry",
        "feel",
        "suspect",
        "assume",
        "presume",
        "suppose",
        "imagine",
        "guess",
        "reckon",
        "consider",
        "regard",
        "deem",
        "view",
        "see",
        "perceive",
        "understand",
        "realize",
        "realise",
        "recognize",
        "wonder",
        "intend",
        "plan",
        "aim",
        "trust",
        "prefer",
        "dread",
    ]
)

#: phrasal verbs of reliance or hope: the lemma, then the particle that makes it mental
THOUGHT_PHRASALS = frozenset([("count", "on"), ("bank", "on"), ("rely", "on")])

#: adjectives of a state of mind ("is confident that", "were hopeful", "remains convinced")
THOUGHT_ADJECTIVES = frozenset(
    [
        "confident",
        "convinced",
        "hopeful",
        "worried",
        "afraid",
        "fearful",
        "concerned",
        "sure",
        "certain",
        "optimistic",
        "pessimistic",
        "skeptical",
        "sceptical",
        "doubtful",
        "aware",
        "anxious",
        "nervous",
        "unsure",
        "uncertain",
        "persuaded",
    ]
)

#: nouns naming a thought ("the fear that", "his belief that", "their view is"); nouns of
#: communication (statement, claim, warning, report) are statements by default
THOUGHT_NOUNS = frozenset(
    [
        "belief",
        "view",
        "fear",
        "hope",
        "expectation",
        "worry",
        "doubt",
        "suspicion",
        "assumption",
        "opinion",
        "position",
        "stance",
        "feeling",
        "sense",
        "conviction",
        "perception",
        "impression",
        "thinking",
        "understanding",
        "intention",
        "desire",
        "wish",
        "plan",
        "aim",
        "goal",
        "confidence",
    ]
)

#: "let reporters know", "lets us know": knowing brought about by telling
_LET = frozenset(["let", "lets", "letting"])
#: "known as", "best known for": a name or a reputation, not anyone's knowledge
_NAMING = frozenset(["as", "for"])

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def attribution_type(cue_lemma: str, cue_text: str) -> AttributionType:
    """``"thought"`` when the cue names a mental state, else ``"statement"``.

    ``cue_lemma`` is the spaCy lemma of the cue's head word ("believe" for "does not
    believe", "according" for "according to", "fear" for the noun cue "the fear that");
    ``cue_text`` is the cue as written, read for the words around the head: "were
    hopeful", "is counting on", "let them know". An empty or punctuation cue (a quote
    continued without a cue, a transcript's colon) is a statement.
    """
    lemma = cue_lemma.strip().lower()
    words = [w.lower() for w in _WORD.findall(cue_text)]
    if lemma == "know" and (_LET.intersection(words) or _NAMING.intersection(words)):
        return "statement"
    if lemma in THOUGHT_VERBS or lemma in THOUGHT_NOUNS or lemma in THOUGHT_ADJECTIVES:
        return "thought"
    if any((lemma, w) in THOUGHT_PHRASALS for w in words):
        return "thought"
    if any(w in THOUGHT_ADJECTIVES for w in words):
        return "thought"
    return "statement"


__all__ = [
    "THOUGHT_ADJECTIVES",
    "THOUGHT_NOUNS",
    "THOUGHT_PHRASALS",
    "THOUGHT_VERBS",
    "attribution_type",
]
