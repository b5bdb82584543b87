"""Text in, Document out: repair, parse, find attributions, resolve speakers. No files, no printing.

An article is cut into chunks of whole paragraphs (a paragraph too long for one, at
sentence ends: ``pipeline/chunks.py``) so memory stays flat on any length and spaCy can
batch chunks of many articles; quotes are paired on the whole text first, so a quote that
runs over paragraphs is still seen whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.config import Settings
from onrecord.errors import error
from onrecord.model import Document, Entity, RawDocument
from onrecord.pipeline.assemble import Found, Spoken, assemble_spoken
from onrecord.pipeline.attribution import Candidate
from onrecord.pipeline.chunks import local_quotes, parse_chunks
from onrecord.pipeline.conventions import apply_convention, finish_convention
from onrecord.pipeline.cues import load_lexicon
from onrecord.pipeline.quotes import Quote
from onrecord.pipeline.scoring import load_scorer
from onrecord.pipeline.speakers import SpeakerResolver, byline_author
from onrecord.tagger import load_tagger
from onrecord.tagger.combine import find_candidates
from onrecord.text import RepairedText, find_headings, repair_text


def load_pipeline(settings: Settings) -> Language:
    """The spaCy model with paragraph-aware sentence starts.

    The fast profile leaves out the named-entity recogniser (about a sixth of the parse
    time) and the tagger, which reads entity types; speakers are then clustered from
    proper nouns alone.
    """
    nlp = spacy.load(settings.model, exclude=["ner"] if settings.fast else [])
    if "onrecord_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("onrecord_paragraphs", before="parser")
    return nlp


@dataclass(frozen=True, slots=True)
class _Prepared:
    """One document being parsed: its repaired text and its quotes."""

    repaired: RepairedText
    quotes: list[Quote]


class Extractor:
    """Loads the spaCy pipeline once; turns raw documents into Documents, streaming."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp if nlp is not None else load_pipeline(self.settings)
        self.lexicon = load_lexicon()
        self.scorer = load_scorer()
        self.tagger = (
            load_tagger(self.settings.tagger, accurate=self.settings.accurate)
            if self.settings.finder != "rules"
            else None
        )

    def pipe(self, items: Iterable[RawDocument]) -> Iterator[Document]:
        """One Document per item, in order; unreadable or bad items become error records."""
        for batch in _batches(items, self.settings.batch_size):
            yield from self._pipe_batch(batch)

    def __call__(self, text: str, id: str = "doc", meta: dict[str, Any] | None = None) -> Document:
        return next(self.pipe([RawDocument(id, text, meta or {})]))

    def candidates(self, items: Iterable[RawDocument]) -> Iterator[tuple[RawDocument, list[Found]]]:
        """Each document's raw candidates per chunk (offsets into the repaired text).

        Keeps every chunk's Doc, for training the scorer; ``pipe`` keeps none."""
        for batch in _batches(items, self.settings.batch_size):
            for item, prepared, chunks in self._parse(batch):
                if prepared is not None:
                    starts = [q.start for q in prepared.quotes]
                    found = [
                        Found(doc, base, self._find(doc, base, prepared.quotes, starts))
                        for doc, base in chunks
                    ]
                    yield item, found

    def _parse(
        self, batch: list[RawDocument]
    ) -> Iterator[tuple[RawDocument, _Prepared | None, Iterator[tuple[Doc, int]]]]:
        """Repair a batch of documents and parse their chunks in one nlp.pipe call
        (``parse_chunks``).

        Each document comes with an iterator of its parsed chunks, made as it is read:
        a document's chunks are never all in memory at once. What a caller leaves unread
        (a document that failed) is skipped before the next document."""
        repaired = [repair_text(item.text) if item.error is None else None for item in batch]
        parsed = parse_chunks(
            self.nlp, [r.text for r in repaired if r is not None], self.settings.batch_size
        )
        for item, fixed in zip(batch, repaired, strict=True):
            if fixed is None:
                yield item, None, iter(())
                continue
            text = next(parsed)
            yield item, _Prepared(fixed, text.quotes), text.chunks

    def _find(self, doc: Doc, base: int, quotes: list[Quote], starts: list[int]) -> list[Candidate]:
        """The candidates of one chunk; ``starts`` are the ``quotes``' starts."""
        local = local_quotes(quotes, base, base + len(doc.text), starts)
        found = find_candidates(
            doc, local, self.settings.finder, self.lexicon, self.scorer, self.tagger
        )
        return apply_convention(doc, found, self.settings.convention, local, self.lexicon)

    def _pipe_batch(self, batch: list[RawDocument]) -> Iterator[Document]:
        for item, prepared, chunks in self._parse(batch):
            if prepared is None:
                errors = (item.error,) if item.error else ()
                yield Document(item.id, item.text, item.meta, errors=errors)
                continue
            try:
                yield self._document(item, prepared, chunks)
            except Exception as exc:  # a bug must cost one document, not the batch
                detail = f"{type(exc).__name__}: {exc}"
                yield Document(
                    item.id,
                    item.text,
                    item.meta,
                    errors=(error("E008", doc_id=item.id, detail=detail),),
                )

    def _document(
        self, item: RawDocument, prepared: _Prepared, chunks: Iterator[tuple[Doc, int]]
    ) -> Document:
        repaired, quotes = prepared.repaired, prepared.quotes
        starts = [q.start for q in quotes]
        resolver = SpeakerResolver(author=byline_author(item.meta))
        spoken = []
        for doc, base in chunks:  # each Doc is dropped once its speakers are resolved
            candidates = self._find(doc, base, quotes, starts)
            spoken.append(Spoken(base, candidates, resolver.add(doc, base, candidates)))
        attributions, entities = assemble_spoken(
            repaired.text, quotes, spoken, resolver, self.settings.convention == "news"
        )
        attributions = finish_convention(attributions, self.settings.convention)
        to_original = repaired.span_to_original
        kept = [a for a in attributions if a.confidence >= self.settings.min_confidence]
        kept_ids = {a.id for a in kept}
        return Document(
            id=item.id,
            text=item.text,
            meta=item.meta,
            attributions=tuple(
                replace(  # every other field (confidences, speaker) as assembled
                    a,
                    content=tuple(to_original(p.start, p.end) for p in a.content),
                    cue=tuple(to_original(p.start, p.end) for p in a.cue),
                    source=tuple(to_original(p.start, p.end) for p in a.source),
                    via=a.via if a.via in kept_ids else None,
                )
                for a in kept
            ),
            entities=tuple(
                Entity(
                    e.id,
                    e.name,
                    e.type,
                    e.role,
                    tuple(to_original(p.start, p.end) for p in e.mentions),
                )
                for e in entities
            ),
            headings=tuple(find_headings(item.text)),
            repairs=repaired.repairs,
        )


def _batches(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_default: dict[Settings, Extractor] = {}


def extract(
    text: str,
    *,
    id: str = "doc",
    meta: dict[str, Any] | None = None,
    fast: bool = False,
    accurate: bool = False,
) -> Document:
    """Every attribution in ``text``: ``onrecord.extract("…")``. Loads the model on first
    use; ``fast`` or ``accurate`` picks that profile (not both)."""
    if fast and accurate:
        raise ValueError("pick one profile: fast or accurate, not both")
    settings = Settings(profile="fast" if fast else "accurate" if accurate else "default")
    if settings not in _default:
        _default[settings] = Extractor(settings)
    return _default[settings](text, id, meta)


__all__ = ["Extractor", "extract", "load_pipeline"]
