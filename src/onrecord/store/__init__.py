"""The corpus store: one embedded DuckDB file of articles, attributions and speakers.

``ingest`` writes (writer.py), ``Store`` reads (store.py); the schema is schema.sql.
"""

from onrecord.store.browse import ArticleSummary, ArticleView, OutletStats, SpeakerView
from onrecord.store.connection import DEFAULT_DB, default_db
from onrecord.store.outlets import outlet_name
from onrecord.store.query import ORDERS, SORTS, QuoteFilter, QuotePage
from onrecord.store.results import FacetCount, QuoteFacets
from onrecord.store.rows import article_key
from onrecord.store.store import (
    NO_FILTER,
    TABLES,
    Quote,
    SpeakerCount,
    Store,
    TraceHit,
    export_parquet,
)
from onrecord.store.writer import IngestReport, StoreWriter, ingest

__all__ = [
    "DEFAULT_DB",
    "NO_FILTER",
    "ORDERS",
    "SORTS",
    "TABLES",
    "ArticleSummary",
    "ArticleView",
    "FacetCount",
    "IngestReport",
    "OutletStats",
    "Quote",
    "QuoteFacets",
    "QuoteFilter",
    "QuotePage",
    "SpeakerCount",
    "SpeakerView",
    "Store",
    "StoreWriter",
    "TraceHit",
    "article_key",
    "default_db",
    "export_parquet",
    "ingest",
    "outlet_name",
]
