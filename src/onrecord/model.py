"""The record: one small typed Document per article, and its JSON form.

The JSON form (``to_dict``/``from_dict``) is the public contract shared by the CLI, the
store, the web UI, the Spark job and ``../shared/eval/score.py``: keep its keys stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["direct", "mixed", "indirect"]
KINDS: tuple[Kind, ...] = ("direct", "mixed", "indirect")
#: statement: communicated (said, wrote, according to, a study found); thought: a mental
#: state or attitude (believes, fears, hopes, expects); see pipeline/types.py
AttributionType = Literal["statement", "thought"]
TYPES: tuple[AttributionType, ...] = ("statement", "thought")
#: below this ``speaker_confidence`` the CLI table and the web UI mark a speaker uncertain:
#: the speaker (or "no one named") is more likely wrong than right
UNCERTAIN_SPEAKER = 0.5


@dataclass(frozen=True, slots=True, order=True)
class Offsets:
    """[start, end) into Document.text as given, never a repaired copy."""

    start: int
    end: int

    def to_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_list(cls, pair: list[int] | tuple[int, int]) -> Offsets:
        start, end = pair
        return cls(int(start), int(end))


Pieces = tuple[Offsets, ...]


def _pieces(items: Any) -> Pieces:
    return tuple(Offsets.from_list(p) for p in items or ())


def _lists(pieces: Pieces) -> list[list[int]]:
    return [p.to_list() for p in pieces]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _float_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


def _type_or_none(value: Any) -> AttributionType | None:
    for known in TYPES:
        if value == known:
            return known
    return None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who (source, resolved to speaker) said what (content) through which words (cue)."""

    id: str
    kind: Kind
    content: Pieces  # tuples: a cue can split a quote into pieces
    cue: Pieces
    source: Pieces  # the mention in this sentence; may be "he" or empty
    speaker: str | None = None  # Entity.id it resolves to; None when unknown or anonymous
    via: str | None = None  # Attribution.id of the attribution that reports this one
    confidence: float = 0.5
    #: how likely ``speaker`` (None too: "no one named") is right, in [0, 1]; None only in
    #: records written before onrecord computed it
    speaker_confidence: float | None = None
    #: statement or thought (pipeline/types.py); None only in records written before
    #: onrecord decided it
    type: AttributionType | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "type": self.type,
            "content": _lists(self.content),
            "cue": _lists(self.cue),
            "source": _lists(self.source),
            "speaker": self.speaker,
            "via": self.via,
            "confidence": round(self.confidence, 3),
            "speaker_confidence": _rounded(self.speaker_confidence),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(
            id=d["id"],
            kind=d["kind"],
            content=_pieces(d.get("content")),
            cue=_pieces(d.get("cue")),
            source=_pieces(d.get("source")),
            speaker=d.get("speaker"),
            via=d.get("via"),
            confidence=float(d.get("confidence", 0.5)),
            speaker_confidence=_float_or_none(d.get("speaker_confidence")),
            type=_type_or_none(d.get("type")),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """One speaker per article: every mention ("he", "the president", "Biden") of them."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, NORP, ... (spaCy's labels)
    role: str | None = None  # "Secretary of State", kept apart from the name
    mentions: Pieces = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "role": self.role,
            "mentions": _lists(self.mentions),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=d["id"],
            name=d["name"],
            type=d.get("type", "PERSON"),
            role=d.get("role"),
            mentions=_pieces(d.get("mentions")),
        )


@dataclass(frozen=True, slots=True)
class Repair:
    """Text at ``span`` of the original was read as ``fixed`` (mojibake, stray bytes)."""

    span: Offsets
    fixed: str

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_list(), "fixed": self.fixed}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Repair:
        return cls(Offsets.from_list(d["span"]), d["fixed"])


@dataclass(frozen=True, slots=True)
class DocumentError:
    """Why a document could not be (fully) processed, with a code from errors.py."""

    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentError:
        return cls(d.get("code", "E000"), d.get("message", ""))


@dataclass(frozen=True, slots=True)
class Document:
    """One article and everything found in it; offsets point into ``text`` as given."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    attributions: tuple[Attribution, ...] = ()
    entities: tuple[Entity, ...] = ()
    headings: Pieces = ()
    repairs: tuple[Repair, ...] = ()
    errors: tuple[DocumentError, ...] = ()

    @property
    def is_ok(self) -> bool:
        return not self.errors

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def span_text(self, pieces: Pieces) -> str:
        """The text of the pieces, joined by " … " where they are apart."""
        return " … ".join(self.text[p.start : p.end] for p in pieces)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "meta": self.meta,
            "attributions": [a.to_dict() for a in self.attributions],
            "entities": [e.to_dict() for e in self.entities],
            "headings": _lists(self.headings),
            "repairs": [r.to_dict() for r in self.repairs],
            "errors": [e.to_dict() for e in self.errors],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=str(d["id"]),
            text=d.get("text") or "",
            meta=dict(d.get("meta") or {}),
            attributions=tuple(Attribution.from_dict(a) for a in d.get("attributions") or ()),
            entities=tuple(Entity.from_dict(e) for e in d.get("entities") or ()),
            headings=_pieces(d.get("headings")),
            repairs=tuple(Repair.from_dict(r) for r in d.get("repairs") or ()),
            errors=tuple(DocumentError.from_dict(e) for e in d.get("errors") or ()),
        )


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as a reader found it, before extraction; ``error`` if it could not be read."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    error: DocumentError | None = None
