"""model.py: the record's JSON form (the contract) round-trips, old records still read."""

from __future__ import annotations

import json

import pytest

from onrecord.model import Attribution, AttributionType, Document, Entity, Offsets

TEXT = "“The dam is safe,” said Ines Varga. “It held,” officials said."


def attribution(speaker: str | None, speaker_confidence: float | None) -> Attribution:
    return Attribution(
        "a1",
        "direct",
        (Offsets(0, 18),),
        (Offsets(19, 23),),
        (Offsets(24, 34),),
        speaker,
        confidence=0.91,
        speaker_confidence=speaker_confidence,
    )


@pytest.mark.parametrize(
    ("speaker", "speaker_confidence"),
    [("e1", 0.875), (None, 0.62), ("e1", 0.0), (None, 1.0), ("e1", None)],
    ids=["named", "no-one-named", "zero", "one", "not-known"],
)
def test_model_speaker_confidence_round_trips_through_json(
    speaker: str | None, speaker_confidence: float | None
) -> None:
    doc = Document(
        "dam",
        TEXT,
        attributions=(attribution(speaker, speaker_confidence),),
        entities=(Entity("e1", "Ines Varga", "PERSON", mentions=(Offsets(24, 34),)),),
    )
    record = json.loads(json.dumps(doc.to_dict()))
    assert record["attributions"][0]["speaker_confidence"] == speaker_confidence
    assert Document.from_dict(record) == doc


def test_model_speaker_confidence_key_is_always_written_rounded_like_confidence() -> None:
    written = attribution("e1", 0.123456).to_dict()
    assert written["speaker_confidence"] == 0.123
    assert "speaker_confidence" in attribution("e1", None).to_dict()  # null, not left out
    assert list(written) == [
        "id", "kind", "type", "content", "cue", "source", "speaker", "via", "confidence",
        "speaker_confidence",
    ]  # fmt: skip


def test_model_record_written_before_speaker_confidence_reads_as_none() -> None:
    old = {
        "id": "a1",
        "kind": "direct",
        "content": [[0, 18]],
        "cue": [[19, 23]],
        "source": [[24, 34]],
        "speaker": "e1",
        "via": None,
        "confidence": 0.91,
    }
    read = Attribution.from_dict(old)
    assert read.speaker_confidence is None
    assert read == attribution("e1", None)


@pytest.mark.parametrize("kind_of", ["statement", "thought", None])
def test_model_type_round_trips_through_json(kind_of: AttributionType | None) -> None:
    typed = Attribution("a1", "indirect", (Offsets(0, 18),), (Offsets(19, 23),), (), type=kind_of)
    doc = Document("dam", TEXT, attributions=(typed,))
    record = json.loads(json.dumps(doc.to_dict()))
    assert record["attributions"][0]["type"] == kind_of  # null written, not left out
    assert Document.from_dict(record) == doc


def test_model_record_written_before_type_reads_as_none() -> None:
    old = attribution("e1", 0.8).to_dict()
    del old["type"]
    assert Attribution.from_dict(old).type is None
    assert Attribution.from_dict({**old, "type": "thought"}).type == "thought"
    assert Attribution.from_dict({**old, "type": "rumour"}).type is None  # not a type we know
