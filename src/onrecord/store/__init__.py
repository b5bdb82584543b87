"""The corpus store: one embedded DuckDB file of articles, attributions and speakers.

``ingest`` writes (writer.py), ``Store`` reads (store.py); the schema is schema.sql.
"""

from onrecord.store.connection import DEFAULT_DB, default_db
from onrecord.store.rows import article_key
from onrecord.store.store import TABLES, Quote, SpeakerCount, Store, TraceHit, export_parquet
from onrecord.store.writer import IngestReport, StoreWriter, ingest

__all__ = [
    "DEFAULT_DB",
    "TABLES",
    "IngestReport",
    "Quote",
    "SpeakerCount",
    "Store",
    "StoreWriter",
    "TraceHit",
    "article_key",
    "default_db",
    "export_parquet",
    "ingest",
]
