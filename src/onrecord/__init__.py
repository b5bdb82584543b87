"""onrecord: who said what in the news, with resolved speakers and exact offsets."""

from onrecord.config import Settings
from onrecord.extract import Extractor, extract
from onrecord.model import Attribution, Document, Entity, Offsets, RawDocument, Repair

__all__ = [
    "Attribution",
    "Document",
    "Entity",
    "Extractor",
    "Offsets",
    "RawDocument",
    "Repair",
    "Settings",
    "extract",
]
__version__ = "0.1.0"
