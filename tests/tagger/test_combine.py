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
