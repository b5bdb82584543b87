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
        # attitudes towards the content: "openly admires", "resented the deal"
        "love",
        "like",
        "admire",
        "resent",
        "hate",
        "dislike",
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
        # feelings about the content: "is so frustrated that", "is willing to"
        "frustrated",
        "disappointed",
        "angry",
        "upset",
        "pleased",
        "glad",
        "happy",
        "proud",
        "surprised",
        "willing",
        "passionate",
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

#: heads of communication: a cue headed by one is a statement whatever mental word follows
#: ("expressed hope that", "voiced fears", "raised concerns", "unveiled plans", "shared his
#: view", "left little doubt")
COMMUNICATION_HEADS = frozenset(
    [
        "say",
        "tell",
        "write",
        "state",
        "add",
        "express",
        "voice",
        "raise",
        "air",
        "issue",
        "announce",
        "unveil",
        "reveal",
        "disclose",
        "outline",
        "detail",
        "share",
        "offer",
        "give",
        "make",
        "leave",
        "publish",
        "post",
        "tweet",
    ]
)

#: past forms the regular rules below do not make
_IRREGULAR = {
    "think": ("thought",),
    "know": ("knew", "known"),
    "feel": ("felt",),
    "see": ("saw", "seen"),
    "understand": ("understood",),
}

#: "let reporters know", "lets us know": knowing brought about by telling
_LET = frozenset(["let", "lets", "letting"])
#: "known as", "best known for": a name or a reputation, not anyone's knowledge
_NAMING = frozenset(["as", "for"])

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _verb_forms(lemma: str) -> set[str]:
    """A verb's forms by the regular English rules, generously: both "planed" and
    "planned" (a form no one writes matches nothing)."""
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    if lemma.endswith("e"):
        return forms | {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return forms | {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return forms | {lemma + "es", lemma + "ed", lemma + "ing"}
    forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # plan: planned
    return forms


def _plurals(noun: str) -> set[str]:
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return {noun, noun + "es"}
    return {noun, noun[:-1] + "ies" if noun.endswith("y") else noun + "s"}


#: every written form of a thought word, for cues whose head spaCy lemmatised wrongly
#: (it reads "hopes" as a form of "hop"); less the prepositions among them ("regarding",
#: "like") and forms of "see" that are other words
_THOUGHT_FORMS = frozenset(
    [
        *(form for verb in THOUGHT_VERBS for form in _verb_forms(verb)),
        *(form for noun in THOUGHT_NOUNS for form in _plurals(noun)),
        *THOUGHT_ADJECTIVES,
    ]
) - {"regarding", "considering", "like", "seed", "seing"}


def attribution_type(cue_lemma: str, cue_text: str) -> AttributionType:
    """``"thought"`` when the cue names a mental state, else ``"statement"``.

    ``cue_lemma`` is the spaCy lemma of the cue's head word ("believe" for "does not
    believe", "according" for "according to", "fear" for the noun cue "the fear that");
    ``cue_text`` is the cue as written, read for the words around the head: "were
    hopeful", "is counting on", "let them know", and any written form of a thought word
    when the lemma is not one (spaCy gives "hop" for "hopes"), unless the head is a verb of
    communication ("expressed hope"). An empty or punctuation cue (a quote continued
    without a cue, a transcript's colon) is a statement.
    """
    lemma = cue_lemma.strip().lower()
    words = [w.lower() for w in _WORD.findall(cue_text)]
    if lemma == "know" and (_LET.intersection(words) or _NAMING.intersection(words)):
        return "statement"
    if lemma in THOUGHT_VERBS or lemma in THOUGHT_NOUNS or lemma in THOUGHT_ADJECTIVES:
        return "thought"
    if lemma in COMMUNICATION_HEADS:
        return "statement"
    if any((lemma, w) in THOUGHT_PHRASALS for w in words):
        return "thought"
    if _THOUGHT_FORMS.intersection(words):
        return "thought"
    return "statement"


__all__ = [
    "COMMUNICATION_HEADS",
    "THOUGHT_ADJECTIVES",
    "THOUGHT_NOUNS",
    "THOUGHT_PHRASALS",
    "THOUGHT_VERBS",
    "attribution_type",
]
