"""assemble's article-wide steps, which must cost no more than linear on a long article."""

from __future__ import annotations

import random
from dataclasses import replace

from onrecord import Extractor
from onrecord.model import Attribution, Offsets
from onrecord.pipeline.assemble import Spoken, assemble_spoken, nest
from onrecord.pipeline.attribution import Candidate
from onrecord.pipeline.quotes import find_quotes
from onrecord.pipeline.speakers import SpeakerResolver


def _nest_pairwise(attributions: list[Attribution]) -> list[str | None]:
    """The definition: each attribution's via is the other one with the shortest content
    piece holding its cue, the first of equals."""
    out: list[str | None] = []
    for a in attributions:
        best: tuple[int, str] | None = None
        for b in attributions:
            for p in b.content if b is not a and a.cue else ():
                holds = p.start <= a.cue[0].start and a.cue[0].end <= p.end
                if holds and (best is None or p.end - p.start < best[0]):
                    best = (p.end - p.start, b.id)
        out.append(best[1] if best else None)
    return out


def test_assemble_nest_finds_the_same_reporter_as_comparing_every_pair() -> None:
    rng = random.Random(7)
    attributions = []
    for n in range(400):
        start = rng.randrange(0, 20_000)
        pieces = []
        for _ in range(rng.choice([1, 1, 2])):
            size = rng.choice([20, 40, 40, 300, 2000])
            pieces.append(Offsets(start, start + size))
            start += size + rng.randrange(1, 50)
        at = rng.randrange(0, 20_000)
        cue = () if n % 10 == 0 else (Offsets(at, at + rng.choice([3, 4, 8])),)
        attributions.append(
            Attribution(f"a{n + 1}", "indirect", tuple(pieces), cue, (), None, None, 0.9)
        )
    nested = nest(attributions)
    assert [a.via for a in nested] == _nest_pairwise(attributions)
    assert sum(a.via is not None for a in nested) > 50


def test_assemble_nest_keeps_every_other_field() -> None:
    # regression: nest rebuilt each reported attribution positionally and dropped the
    # fields after confidence (speaker_confidence came back None)
    reporter = Attribution("a1", "indirect", (Offsets(0, 60),), (Offsets(61, 65),), (),
                           speaker_confidence=0.3)  # fmt: skip
    reported = Attribution("a2", "direct", (Offsets(10, 20),), (Offsets(22, 26),),
                           (Offsets(27, 30),), "e1", confidence=0.7,
                           speaker_confidence=0.85)  # fmt: skip
    nested = nest([reporter, reported])
    assert nested == [reporter, replace(reported, via="a1")]


def test_assemble_carries_the_candidates_speaker_confidence() -> None:
    text = "“The dam is safe,” the engineer said. Officials said it would hold."

    def at(words: str, after: int = 0) -> list[tuple[int, int]]:
        start = text.index(words, after)
        return [(start, start + len(words))]

    candidates = [
        Candidate(at("“The dam is safe,”"), at("said"), at("the engineer"), 0.9, "test",
                  speaker_confidence=0.8),
        Candidate(at("it would hold"), at("said", 40), at("Officials"), 0.8, "test"),  # not yet
    ]  # fmt: skip
    spoken = [Spoken(0, candidates, [None, None])]
    attributions, _ = assemble_spoken(text, find_quotes(text), spoken, SpeakerResolver())
    assert [a.speaker_confidence for a in attributions] == [0.8, None]


def test_assemble_types_each_attribution_from_its_cue() -> None:
    text = "The mayor said the pier is safe. Divers fear it will sink. Plans, per the memo, vary."

    def at(words: str) -> list[tuple[int, int]]:
        start = text.index(words)
        return [(start, start + len(words))]

    candidates = [
        Candidate(at("the pier is safe"), at("said"), at("The mayor"), 0.9, "test",
                  cue_lemma="say"),
        Candidate(at("it will sink"), at("fear"), at("Divers"), 0.9, "test", cue_lemma="fear"),
        Candidate(at("Plans"), at("per"), at("the memo"), 0.9, "test", cue_lemma="per"),
    ]  # fmt: skip
    spoken = [Spoken(0, candidates, [None, None, None])]
    attributions, _ = assemble_spoken(text, find_quotes(text), spoken, SpeakerResolver())
    assert [a.type for a in attributions] == ["statement", "thought", "statement"]


def test_a_paragraph_quoted_in_single_marks_does_not_go_on_with_a_double_quote(
    extractor: Extractor, polnear_extractor: Extractor
) -> None:
    """`…another winter.”` then a subheading `‘Repairs Run Aground’`: a paragraph of its
    own quoted in other marks is no next paragraph of the quote; one in the same marks is."""
    text = (
        "The harbour master was blunt about the pier.\n\n"
        "“We have patched it for ten years,” Odile Brennan said. “It cannot take another "
        "winter.”\n\n‘Repairs Run Aground’\n\n"
        "“Nobody wants to close it,” she added.\n\n“We have no choice now.”\n\n"
        "The council will vote on Tuesday."
    )
    for ex in (extractor, polnear_extractor):
        doc = ex(text)
        quoted = [doc.span_text([p]) for a in doc.attributions for p in a.content]
        assert "‘Repairs Run Aground’" not in quoted, quoted
        assert "“We have no choice now.”" in quoted, quoted
