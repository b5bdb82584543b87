"""Text in, Document out: repair, parse, find attributions, resolve speakers. No files, no printing.

An article is cut into chunks of whole paragraphs so memory stays flat on any length and
spaCy can batch chunks of many articles; quotes are paired on the whole text first, so
a quote that runs over paragraphs is still seen whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.config import Settings
from onrecord.errors import error
from onrecord.model import Attribution, Document, Entity, RawDocument
from onrecord.pipeline.assemble import Found, assemble
from onrecord.pipeline.cues import load_lexicon
from onrecord.pipeline.quotes import Quote, find_quotes
from onrecord.pipeline.scoring import load_scorer
from onrecord.tagger import load_tagger
from onrecord.tagger.combine import find_candidates
from onrecord.text import RepairedText, find_headings, paragraphs, repair_text

CHUNK_CHARS = 4000  # paragraphs are parsed in chunks of about this size


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


class Extractor:
    """Loads the spaCy pipeline once; turns raw documents into Documents, streaming."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp if nlp is not None else load_pipeline(self.settings)
        self.lexicon = load_lexicon()
        self.scorer = load_scorer()
        self.tagger = load_tagger(self.settings.tagger) if self.settings.finder != "rules" else None

    def pipe(self, items: Iterable[RawDocument]) -> Iterator[Document]:
        """One Document per item, in order; unreadable or bad items become error records."""
        for batch in _batches(items, self.settings.batch_size):
            yield from self._pipe_batch(batch)

    def __call__(self, text: str, id: str = "doc", meta: dict[str, Any] | None = None) -> Document:
        return next(self.pipe([RawDocument(id, text, meta or {})]))

    def candidates(self, items: Iterable[RawDocument]) -> Iterator[tuple[RawDocument, list[Found]]]:
        """Each document's raw candidates per chunk (offsets into the repaired text)."""
        for batch in _batches(items, self.settings.batch_size):
            for item, repaired, chunks in self._parse(batch):
                if repaired is not None:
                    yield item, self._find(repaired, chunks)[1]

    def _parse(
        self, batch: list[RawDocument]
    ) -> Iterator[tuple[RawDocument, RepairedText | None, list[tuple[Doc, int]]]]:
        """Repair and parse a batch of documents in one nlp.pipe call, chunk by chunk."""
        prepared: list[tuple[RawDocument, RepairedText | None, list[int]]] = []
        texts: list[str] = []
        for item in batch:
            if item.error is not None:
                prepared.append((item, None, []))
                continue
            repaired = repair_text(item.text)
            starts = _chunk_starts(repaired.text)
            prepared.append((item, repaired, starts))
            texts.extend(_chunk_texts(repaired.text, starts))
        docs = iter(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
        for item, fixed, starts in prepared:
            chunk_docs = [next(docs) for _ in starts]
            yield item, fixed, list(zip(chunk_docs, starts, strict=True))

    def _find(
        self, repaired: RepairedText, chunks: list[tuple[Doc, int]]
    ) -> tuple[list[Quote], list[Found]]:
        quotes = find_quotes(repaired.text)
        found: list[Found] = []
        for doc, base in chunks:
            local = _local_quotes(quotes, base, base + len(doc.text))
            found.append(
                Found(
                    doc,
                    base,
                    find_candidates(
                        doc, local, self.settings.finder, self.lexicon, self.scorer, self.tagger
                    ),
                )
            )
        return quotes, found

    def _pipe_batch(self, batch: list[RawDocument]) -> Iterator[Document]:
        for item, repaired, chunks in self._parse(batch):
            if repaired is None:
                errors = (item.error,) if item.error else ()
                yield Document(item.id, item.text, item.meta, errors=errors)
                continue
            try:
                yield self._document(item, repaired, chunks)
            except Exception as exc:  # a bug must cost one document, not the batch
                detail = f"{type(exc).__name__}: {exc}"
                yield Document(
                    item.id,
                    item.text,
                    item.meta,
                    errors=(error("E008", doc_id=item.id, detail=detail),),
                )

    def _document(
        self, item: RawDocument, repaired: RepairedText, chunks: list[tuple[Doc, int]]
    ) -> Document:
        quotes, found = self._find(repaired, chunks)
        attributions, entities = assemble(repaired.text, quotes, found)
        to_original = repaired.span_to_original
        kept = [a for a in attributions if a.confidence >= self.settings.min_confidence]
        kept_ids = {a.id for a in kept}
        return Document(
            id=item.id,
            text=item.text,
            meta=item.meta,
            attributions=tuple(
                Attribution(
                    id=a.id,
                    kind=a.kind,
                    content=tuple(to_original(p.start, p.end) for p in a.content),
                    cue=tuple(to_original(p.start, p.end) for p in a.cue),
                    source=tuple(to_original(p.start, p.end) for p in a.source),
                    speaker=a.speaker,
                    via=a.via if a.via in kept_ids else None,
                    confidence=a.confidence,
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


def _chunk_starts(text: str) -> list[int]:
    """Where each chunk of whole paragraphs begins; one chunk at least."""
    starts = [0]
    for para in paragraphs(text):
        if para.start - starts[-1] >= CHUNK_CHARS:
            starts.append(para.start)
        while para.end - starts[-1] > 4 * CHUNK_CHARS:  # one huge paragraph: cut it
            starts.append(starts[-1] + 4 * CHUNK_CHARS)
    return starts


def _chunk_texts(text: str, starts: list[int]) -> list[str]:
    ends = [*starts[1:], len(text)]
    return [text[s:e] for s, e in zip(starts, ends, strict=True)]


def _local_quotes(quotes: list[Quote], start: int, end: int) -> list[Quote]:
    return [
        Quote(q.start - start, min(q.end, end) - start, q.is_closed, q.is_single, q.depth)
        for q in quotes
        if start <= q.start < end
    ]


_default: dict[Settings, Extractor] = {}


def extract(
    text: str, *, id: str = "doc", meta: dict[str, Any] | None = None, fast: bool = False
) -> Document:
    """Every attribution in ``text``: ``onrecord.extract("…")``. Loads the model on first use."""
    settings = Settings(fast=fast)
    if settings not in _default:
        _default[settings] = Extractor(settings)
    return _default[settings](text, id, meta)


__all__ = ["Extractor", "extract", "load_pipeline"]
