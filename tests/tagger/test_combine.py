"""Rules and tagger together: no doubles, each side wins where it is better."""

from __future__ import annotations

from onrecord.pipeline.attribution import Candidate
from onrecord.tagger.combine import MODEL_KEEP, RULE_ALONE_KEEP, combine, same_attribution


def _cand(content: tuple[int, int], cue: tuple[int, int], rule: str, conf: float) -> Candidate:
    return Candidate([content], [cue], [], conf, rule, quote_ids={0} if rule == "quoted" else set())


def test_same_attribution_by_cue_or_by_content() -> None:
    a = _cand((20, 60), (10, 14), "verb_clause", 0.8)
    assert same_attribution(a, _cand((25, 40), (10, 14), "model", 0.9))  # same cue
    assert same_attribution(a, _cand((22, 58), (62, 66), "model", 0.9))  # same content
    assert not same_attribution(a, _cand((70, 90), (62, 66), "model", 0.9))


def test_tagger_replaces_a_plain_rule_find() -> None:
    rule = _cand((20, 60), (10, 14), "verb_clause", 0.8)
    model = _cand((20, 52), (10, 14), "model", 0.6)
    assert combine("", [rule], [model]) == [model]
    assert model.confidence == 0.8  # agreement keeps the higher confidence


def test_quoted_and_sourcing_rule_finds_beat_the_tagger() -> None:
    for rule in (
        _cand((20, 60), (10, 14), "quoted", 0.8),
        _cand((20, 60), (0, 12), "according_to", 0.8),
    ):
        model = _cand((20, 55), (10, 14), "model", 0.9)
        assert combine("", [rule], [model]) == [rule]


def test_lone_finds_need_enough_confidence() -> None:
    sure = _cand((100, 140), (90, 94), "model", MODEL_KEEP + 0.1)
    unsure = _cand((200, 240), (190, 194), "model", MODEL_KEEP - 0.1)
    weak_rule = _cand((300, 340), (290, 294), "verb_clause", RULE_ALONE_KEEP - 0.1)
    strong_rule = _cand((400, 440), (390, 394), "verb_clause", RULE_ALONE_KEEP + 0.1)
    assert combine("", [weak_rule, strong_rule], [sure, unsure]) == [sure, strong_rule]


def _spans(text: str, *parts: str) -> list[tuple[int, int]]:
    return [(text.index(p), text.index(p) + len(p)) for p in parts]


def test_a_quote_takes_the_words_the_tagger_leads_into_it_with() -> None:
    text = "The mayor called the plan “a gift to developers” on Monday."
    quote, clause, cue = _spans(text, "“a gift to developers”", "the plan “a gift", "called")
    clause = (clause[0], quote[1])
    rule = Candidate([quote], [cue], [], 0.9, "quoted", quote_ids={0})
    model = Candidate([clause], [cue], [], 0.8, "model")
    assert combine(text, [rule], [model]) == [rule]
    assert rule.content == [clause]  # the clause the quote is part of


def test_a_quote_keeps_its_extent_when_the_tagger_reads_otherwise() -> None:
    text = "The mayor called the plan “a gift to developers” on Monday."
    quote, cue, after = _spans(text, "“a gift to developers”", "called", " on Monday")
    runs_on = Candidate([(quote[0], after[1])], [cue], [], 0.8, "model")
    into_cue = Candidate([(cue[0], quote[1])], [cue], [], 0.8, "model")
    cut = Candidate([(quote[0] - 9, quote[1] - 5)], [cue], [], 0.8, "model")
    for model in (runs_on, into_cue, cut):
        rule = Candidate([quote], [cue], [], 0.9, "quoted", quote_ids={0})
        assert combine(text, [rule], [model]) == [rule]
        assert rule.content == [quote]
    sourcing = Candidate([quote], [cue], [], 0.9, "according_to")  # no quote of its own
    combine(text, [sourcing], [Candidate([(quote[0] - 9, quote[1])], [cue], [], 0.8, "model")])
    assert sourcing.content == [quote]
