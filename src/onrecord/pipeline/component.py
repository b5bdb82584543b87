"""The ``onrecord`` spaCy component: sets doc._.attributions and doc._.entities."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("onrecord", assigns=["doc._.attributions", "doc._.entities"])
def make_onrecord(nlp: Language, name: str) -> object:
    def component(doc: Doc) -> Doc:
        return doc

    return component
