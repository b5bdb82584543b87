"""What the rules found, as text the tests can compare."""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.pipeline.attribution import Candidate

#: one find as (rule, source, cue, content) text, pieces joined by " … "
Found = tuple[str, str, str, str]


def as_text(doc: Doc, cand: Candidate) -> Found:
    def part(pieces: list[tuple[int, int]]) -> str:
        return " … ".join(doc.text[s:e] for s, e in pieces)

    return cand.rule, part(cand.source), part(cand.cue), part(cand.content)
