"""Rules and tagger together: each keeps what it is best at.

The rules are precise where news marks speech explicitly (quotation marks, ``according
to``); the tagger knows PolNeAR's long tail of cues and where an indirect content ends.
When both found the same attribution (the same cue, or contents that mostly overlap), the
rule's quote-bound or sourcing find is kept (with the tagger's lead-in to its quote) and
the tagger's otherwise; what only one of them found is kept when it is likely enough.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from onrecord.pipeline.attribution import Candidate, Range, RuleName, Scorer, doc_text
from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote
from onrecord.pipeline.rules import find_attributions
from onrecord.pipeline.rules.cleanup import (
    add_fronted_content,
    add_medium_to_cue,
    add_relative_object,
    fill_inverted_source,
    is_discourse_marker,
    join_close_pieces,
    own_subject_of_conjunct,
)

if TYPE_CHECKING:
    from onrecord.tagger import AttributionTagger

#: rule finds that beat the tagger's version of the same attribution (and any quote-bound
#: find: a dash credit or a colon before a quote holds its quote)
PRECISE_RULES: frozenset[RuleName] = frozenset({"according_to", "transcript"})
MODEL_KEEP = 0.5  # a tagger find that no rule made is kept from this confidence on
_UNFINISHED = frozenset("on as in to at for of with by from about".split())
RULE_ALONE_KEEP = 0.45  # a rule find the tagger did not make is kept from this confidence on


def _length(ranges: list[Range]) -> int:
    return sum(e - s for s, e in ranges)


def _overlap(a: list[Range], b: list[Range]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def same_attribution(a: Candidate, b: Candidate) -> bool:
    """Same cue word; or, unless one reports the other (its cue inside the other's
    content), contents that overlap by half of their union."""
    if a.cue and b.cue and _overlap(a.cue, b.cue) > 0:
        return True
    if _overlap(a.cue, b.content) or _overlap(b.cue, a.content):
        return False
    shared = _overlap(a.content, b.content)
    return shared * 2 >= _length(a.content) + _length(b.content) - shared


def _rule_wins(text: str, rule: Candidate, tagged: Candidate) -> bool:
    """Quote-bound and sourcing finds are the rules'; so is a cue the tagger cut short at
    a preposition where the rule has it whole (`wrote on X`, `was quoted as telling`)."""
    if rule.rule in PRECISE_RULES or rule.quote_ids:
        return True
    return _covers(rule.cue, tagged.cue) and _ends_unfinished(text, tagged.cue)


def combine(text: str, rules: list[Candidate], model: list[Candidate]) -> list[Candidate]:
    """One list of candidates from both, without doubles; offsets are into ``text``."""
    out: list[Candidate] = []
    replaced: set[int] = set()  # rule finds the tagger's version replaces
    for m in model:
        twins = [k for k, r in enumerate(rules) if same_attribution(r, m)]
        winners = [rules[k] for k in twins if _rule_wins(text, rules[k], m)]
        if winners:
            for rule in winners:
                _lend(text, rule, m)
                _lead_in(rule, m)
            continue
        if twins:
            replaced.update(twins)
            m.confidence = max(m.confidence, *(rules[k].confidence for k in twins))
            _borrow(m, [rules[k] for k in twins])
            out.append(m)
        elif m.confidence >= MODEL_KEEP:
            out.append(m)
    agreed = {k for k, r in enumerate(rules) if any(same_attribution(r, m) for m in model)}
    for k, r in enumerate(rules):
        if k in replaced:
            continue
        if k in agreed or r.confidence >= RULE_ALONE_KEEP:
            out.append(r)
    out.sort(key=lambda c: c.content[0][0])
    return out


def _covers(outer: list[Range], inner: list[Range]) -> bool:
    """``outer`` holds all of ``inner`` and more."""
    return _overlap(outer, inner) == _length(inner) < _length(outer)


def _ends_unfinished(text: str, cue: list[Range]) -> bool:
    """A cue ending in a preposition (`wrote on`, `was quoted as`) stopped too early."""
    if not cue:
        return False
    words = text[cue[-1][0] : cue[-1][1]].split()
    return bool(words) and words[-1].lower() in _UNFINISHED


def _lend(text: str, rule: Candidate, tagged: Candidate) -> None:
    """A winning rule still takes the tagger's extent of the same cue (`said` rather than
    `said on Tuesday`), unless the tagger's stops at a preposition. (+0.5 cue_exact on dev;
    lending the source as well did not help.)"""
    shared = rule.cue and tagged.cue and _overlap(rule.cue, tagged.cue)
    if shared and not _ends_unfinished(text, tagged.cue):
        rule.cue = list(tagged.cue)


def _lead_in(rule: Candidate, tagged: Candidate) -> None:
    """A quote the rule holds whole, which the tagger reads with the words that lead into
    it (`called Trump a “pathological liar”`, `described the plan as “reckless”`,
    `African-Americans, he said, can “rock like Jimi”`): the content is the tagger's, the
    clause the quote is part of, unless that reaches into the cue. (PolNeAR dev
    content_exact +0.9, general news +1.5; taking a tagger content that only runs on past
    the quote cost general news 0.6.)"""
    if not rule.quote_ids or not tagged.content or _overlap(tagged.content, rule.cue):
        return
    quoted, clause = rule.content, tagged.content
    if clause[0][0] < quoted[0][0] and _overlap(quoted, clause) == _length(quoted):
        rule.content = list(clause)


def _borrow(tagged: Candidate, twins: list[Candidate]) -> None:
    """The source of a twin with the same cue word, when the tagger found none in the
    paragraph (`X said:` and the quote in the next one)."""
    for rule in twins:
        if rule.cue and tagged.cue and _overlap(rule.cue, tagged.cue) and rule.source:
            if not tagged.source:
                tagged.source, tagged.source_root = list(rule.source), rule.source_root
            return


def find_candidates(
    doc: Doc,
    quotes: list[Quote],
    finder: str,
    lexicon: CueLexicon,
    scorer: Scorer | None,
    tagger: AttributionTagger | None,
) -> list[Candidate]:
    """The candidates of one parsed Doc by ``finder`` ("rules", "tagger" or "combined");
    without a trained tagger, the rules alone."""
    text = doc_text(doc)
    if tagger is None or finder == "rules":
        found = find_attributions(doc, quotes, lexicon, scorer)
    elif finder == "tagger":
        found = tagger.find(doc, quotes)
    else:
        found = combine(
            text, find_attributions(doc, quotes, lexicon, scorer), tagger.find(doc, quotes)
        )
    kept = [c for c in found if not is_discourse_marker(text, c)]
    for cand in kept:
        fill_inverted_source(doc, cand)
        add_medium_to_cue(doc, cand)
        own_subject_of_conjunct(doc, cand)
        add_relative_object(doc, cand)
    for cand in kept:
        add_fronted_content(doc, cand, kept)
        join_close_pieces(text, cand, kept)
    return kept
