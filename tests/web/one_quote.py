"""A stored record of one direct quote and its speaker, for web tests that add a few
articles of their own to a copy of the shared store."""

from __future__ import annotations

from typing import Any

from onrecord.model import Attribution, Document, Entity, Offsets


def one_quote(doc_id: str, said: str, speaker: str, role: str, meta: dict[str, Any]) -> Document:
    """`“<said>,” said <role> <speaker> …`: one direct statement, its speaker resolved."""
    text = f"“{said},” said {role} {speaker} on the quay."
    end = text.index("”") + 1
    cue = text.index("said", end)
    name = text.index(speaker)
    named = Offsets(name, name + len(speaker))
    quote = Attribution(
        "a1", "direct", (Offsets(0, end),), (Offsets(cue, cue + 4),), (named,), "e1",
        confidence=0.9, type="statement",
    )  # fmt: skip
    return Document(
        doc_id,
        text,
        meta,
        attributions=(quote,),
        entities=(Entity("e1", speaker, "PERSON", mentions=(named,)),),
    )
