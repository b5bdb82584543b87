"""A component placed before the parser: every line break starts a new sentence.

Parsing each paragraph on its own keeps an inline heading from merging with the next
sentence; spaCy's parser respects sentence starts that are already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set is_sent_start on the first word after each line break."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if not token.is_space and (
            "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
        ):
            token.is_sent_start = True
    return doc


@Language.factory("onrecord_paragraphs", requires=["token.text"], assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> object:
    return mark_paragraph_starts
