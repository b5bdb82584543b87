"""Helpers the pipeline tests share: find an attribution by its words, name its speaker."""

from __future__ import annotations

from onrecord import Attribution, Document


def holding(doc: Document, fragment: str) -> Attribution:
    """The one attribution whose content contains ``fragment``."""
    found = [a for a in doc.attributions if fragment in doc.span_text(a.content)]
    assert len(found) == 1, f"{len(found)} attributions hold {fragment!r}: {describe(doc)}"
    return found[0]


def speaker(doc: Document, a: Attribution) -> str | None:
    entity = doc.entity(a.speaker)
    return entity.name if entity else None


def describe(doc: Document) -> list[tuple[str, str, str, str | None]]:
    """Every attribution as (source, cue, content, speaker), for assertion messages."""
    return [
        (doc.span_text(a.source), doc.span_text(a.cue), doc.span_text(a.content), speaker(doc, a))
        for a in doc.attributions
    ]
