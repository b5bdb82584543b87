"""The error catalogue: every code a user can see, with what to do about it.

The library raises ``OnrecordError`` subclasses carrying a code; in a batch, a bad
document becomes a record with ``errors`` filled and the rest go on (see batch.py).
"""

from __future__ import annotations

from onrecord.model import DocumentError

E001 = "{doc_id}: the document is empty. Check the file or the JSON field that holds the text."
E002 = (
    "{doc_id}: looks like binary data ({detail}), not text. "
    "Pass text, HTML or JSON Lines files."
)
E003 = (
    "{doc_id}: not valid {encoding} ({detail}). Pass --encoding with the file's encoding, "
    "or re-save it as UTF-8."
)
E004 = (
    "{doc_id}: {size:,} characters is over the limit of {limit:,}. "
    "Split the document, or raise --max-chars."
)
E005 = "{doc_id}: line {line} is not valid JSON ({detail}). Fix or remove that line."
E006 = (
    "{doc_id}: line {line} has no text in field {field!r} (keys: {keys}). "
    "Pick the field with --text-field."
)
E007 = "{doc_id}: cannot read {path} ({detail}). Check that it exists and is readable."
E008 = "{doc_id}: extraction failed ({detail}). Please report this with the document."
E009 = "{doc_id}: line {line} is a JSON {kind}, not an object. Each line must be one {{...}}."


class OnrecordError(Exception):
    """An error with a catalogue code, a message a user can act on."""

    code = "E000"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_record(self) -> DocumentError:
        return DocumentError(self.code, self.message)


def error(code: str, **fields: object) -> DocumentError:
    """A DocumentError for catalogue entry ``code`` (e.g. "E001") filled with ``fields``."""
    template: str = globals()[code]
    return DocumentError(code, template.format(**fields))
